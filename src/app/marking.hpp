// marking.hpp
// Marking short answers blind (阅卷): an examiner takes the next answer of a blueprint from the
// queue (candidate numbers, never names), sees the reference answer and the scoring points beside
// it, and gives a mark; a blueprint marks each answer once or twice, and two marks further apart
// than its threshold call a third marker. When an attempt's last answer settles, its score becomes
// the cycle's written score. HR follows the progress and each marker's workload.
//
//   auto t = app::next_task(ctx, examiner, blueprint_id);        // claimed for 30 minutes
//   app::save_mark(ctx, examiner, t->value().mark.id, 750, "要点 1、2 答全");
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/principal.hpp"
#include "core/marking.hpp"
#include "core/questions.hpp"
#include "storage/exams.hpp"
#include "storage/marking.hpp"

namespace skillgrade::app {

// How long a claimed answer stays with its marker before another may take it.
inline constexpr int kClaimMinutes = 30;

struct marking_task {
    storage::mark_row mark;
    std::string candidate_no;
    core::question question;     // with its reference answer and scoring points
    core::text scenario;         // the case a sub-question belongs to (empty when none)
    std::string answer;          // what the candidate wrote
    std::int64_t max_points = 0; // hundredths
    std::string expires_at;      // of the claim, while not marked
    int waiting = 0;             // answers of the blueprint still waiting for a mark
};

// The blueprints with answers to mark, for the signed-in marker.
struct marking_queue {
    storage::blueprint_row blueprint;
    std::string cycle_name;
    int waiting = 0;  // answers waiting for a round
    int mine = 0;     // marks the marker gave in it
};
result<std::vector<marking_queue>> my_marking(context&, const principal&);
// Claims the next answer the marker may mark (their open claim first); nullopt when none is left.
result<std::optional<marking_task>> next_task(context&, const principal&, std::int64_t blueprint_id);
result<marking_task> get_task(context&, const principal&, std::int64_t mark_id);
// Gives the mark (0..the question's points, hundredths). A mark once given is final: a resend of
// the same mark answers the same, another is a 409.
result<marking_task> save_mark(context&, const principal&, std::int64_t mark_id, std::int64_t points, const std::string& comment);
// Hands an unmarked claim back to the queue, behind every other answer this marker may mark.
result<void> release_task(context&, const principal&, std::int64_t mark_id);

struct marking_overview {
    std::int64_t blueprint_id = 0;
    core::marking_rule rule;
    storage::marking::progress progress;
    std::vector<storage::marking::marker_load> markers;
};
result<marking_overview> marking_progress(context&, const principal&, std::int64_t blueprint_id);

}  // namespace skillgrade::app
