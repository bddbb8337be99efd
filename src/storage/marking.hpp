// marking.hpp
// Marking as stored: which answers wait for which round, each round's claim and mark, and the
// counts HR follows (per blueprint, per marker).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct mark_row {
    std::int64_t id = 0, attempt_id = 0, question_id = 0;
    int round = 1;
    std::int64_t marker_id = 0;
    std::optional<std::int64_t> points;  // hundredths, once marked
    std::string comment, claimed_at, marked_at;
    // Read with the mark.
    std::int64_t blueprint_id = 0, sitting_id = 0;
};

namespace marking {
// The answer waits for its first marker.
void await_marker(unit_of_work&, std::int64_t attempt_id, std::int64_t question_id);
void set_next_round(unit_of_work&, std::int64_t attempt_id, std::int64_t question_id, int round);

std::optional<mark_row> mark(unit_of_work&, std::int64_t id);
std::vector<mark_row> marks_of(unit_of_work&, std::int64_t attempt_id, std::int64_t question_id);  // by round
// The marker's claim of the blueprint not yet marked and claimed after `stale_before`, if any.
std::optional<mark_row> open_claim(unit_of_work&, std::int64_t blueprint_id, std::int64_t marker_id, const std::string& stale_before);
// The next answer of the blueprint the marker may mark: waiting for a round nobody holds (a claim
// older than `stale_before` and not marked is free again), not marked by them in another round and
// not of their own attempt (engineer_id, 0 when the marker is none). Answers they handed back come
// last; then higher rounds first (a third mark settles a disagreement), then by question so that
// a marker sees one question's answers in a row.
struct waiting_answer {
    std::int64_t attempt_id = 0, question_id = 0;
    int round = 1;
};
std::optional<waiting_answer> next_waiting(unit_of_work&, std::int64_t blueprint_id, std::int64_t marker_id, std::int64_t engineer_id,
                                           const std::string& stale_before);
// Claims the round for the marker: a new claim, or a stale one taken over. 0 when another marker
// claimed it first.
std::int64_t claim(unit_of_work&, const waiting_answer&, std::int64_t marker_id, const std::string& now, const std::string& stale_before);
void put_mark(unit_of_work&, std::int64_t id, std::int64_t points, const std::string& comment, const std::string& at);
// Hands an unmarked claim back: the answer goes to the end of this marker's queue.
void release(unit_of_work&, const mark_row&);
// Unmarked claims of the answer for a round other than `round` (after it settled: every one).
void drop_claims_except(unit_of_work&, std::int64_t attempt_id, std::int64_t question_id, int round);

struct progress {
    int waiting_first = 0, waiting_second = 0, waiting_third = 0;  // answers waiting for a round
    int settled = 0;                                               // answers with a settled mark
    int discrepant = 0;                                            // answers that needed a third marker
    int attempts_pending = 0;                                      // submitted attempts still without a score
};
progress progress_of(unit_of_work&, std::int64_t blueprint_id);
struct marker_load {
    std::int64_t user_id = 0;
    std::string name;
    int marked = 0, claimed = 0, third = 0;  // marks given, open claims, third marks among them
    std::int64_t points = 0;                 // sum of the marks given (for their mean)
};
std::vector<marker_load> workload(unit_of_work&, std::int64_t blueprint_id);
// The blueprints with answers waiting for a marker, with how many wait.
struct blueprint_waiting {
    std::int64_t blueprint_id = 0;
    int waiting = 0;
};
std::vector<blueprint_waiting> waiting_by_blueprint(unit_of_work&);
}  // namespace marking

}  // namespace skillgrade::storage
