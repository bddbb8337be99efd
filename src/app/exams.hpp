// exams.hpp
// The online written exam (在线笔试): HR writes a blueprint per cycle and level and plans sittings
// with proctors and candidates; an engineer starts their attempt (a paper drawn for them), saves
// each answer durably with a sequence number, and submits (or the deadline does); objective answers
// are marked at once and a complete mark becomes the cycle's written score (source exam).
//
//   auto a = app::start_attempt(ctx, engineer, sitting_id, device, false);   // or resume it
//   app::save_answer(ctx, engineer, a->attempt.id, question_id, {seq, {"B"}, device});
//   app::submit_attempt(ctx, engineer, a->attempt.id);
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/exams.hpp"
#include "core/item_analysis.hpp"
#include "storage/accounts.hpp"
#include "storage/exams.hpp"

namespace skillgrade::app {

struct blueprint_view {
    storage::blueprint_row row;
    core::blueprint blueprint;
    std::vector<core::field_error> shortfalls;  // what the bank lacks now
    int papers = 0;                             // attempts drawn from it
};
result<std::vector<blueprint_view>> list_blueprints(context&, const principal&, std::int64_t cycle_id);
result<blueprint_view> get_blueprint(context&, const principal&, std::int64_t id);
// Creates the cycle's blueprint for the level, or replaces it (expected_version: the one read)
// while no paper was drawn from it. The pass mark is the scheme's for the level's written exam.
result<blueprint_view> save_blueprint(context&, const principal&, std::int64_t cycle_id, core::blueprint,
                                      std::optional<int> expected_version);

struct sitting_input {
    std::string name, kind = "regular", opens_at, closes_at, room, focus_action = "flag";
    std::optional<int> duration_minutes;  // the blueprint's when not given
    int capacity = 0, focus_limit = 5;
    int snapshots = 0;  // webcam snapshots at random moments, each candidate's consent first (0–10)
};
struct sitting_view {
    storage::sitting_row row;
    std::vector<std::int64_t> proctors;
    std::vector<core::text> problems;  // why the sitting is not ready (proctors short, over capacity)
    std::string state;                 // scheduled | open | closed
};
result<std::vector<sitting_view>> list_sittings(context&, const principal&, std::int64_t cycle_id);
result<sitting_view> get_sitting(context&, const principal&, std::int64_t id);
result<sitting_view> create_sitting(context&, const principal&, std::int64_t blueprint_id, const sitting_input&);
result<sitting_view> update_sitting(context&, const principal&, std::int64_t id, const sitting_input&, int expected_version);
// The accounts that may proctor (active, holding the examiner, HR or administrator role), for HR
// choosing a sitting's proctors.
result<std::vector<storage::user_row>> proctor_choices(context&, const principal&);
// At least one proctor per 15 candidates, and two in a room.
result<sitting_view> set_proctors(context&, const principal&, std::int64_t sitting_id, const std::vector<std::int64_t>& user_ids);
// Adds the applications (none given: every eligible application of the level not yet in a sitting of
// the blueprint), each with the next candidate number; answers how many were added.
result<int> add_candidates(context&, const principal&, std::int64_t sitting_id, const std::vector<std::int64_t>& application_ids);
result<void> remove_candidate(context&, const principal&, std::int64_t sitting_id, std::int64_t application_id);

// A candidate of a sitting as the proctors see the room.
struct room_line {
    storage::candidate_row candidate;
    std::optional<storage::attempt_row> attempt;
    int answered = 0;
    std::string last_save;  // when the candidate last saved (online: within the last minute)
    storage::snapshot_state snapshots;
};
result<std::vector<room_line>> sitting_room(context&, const principal&, std::int64_t sitting_id);
// Gives one candidate more time (1–120 minutes, with a reason; audited).
result<void> extend_time(context&, const principal&, std::int64_t sitting_id, std::int64_t application_id, int minutes,
                         const std::string& reason);

// A question on the candidate's paper, without its key.
struct paper_question {
    core::paper_item item;
    core::question question;  // keys and explanation cleared
};
// The webcam snapshots a sitting asks of a candidate: how many, how many were taken, the
// candidate's answer to the consent request ("" not asked yet, "yes", "no"), when the next is due
// (none: none is to be taken now; the first at the start, to check who sits the exam), and how
// many days after the sitting closes they are deleted.
struct snapshot_status {
    int wanted = 0, taken = 0;
    std::string consent, consent_at;
    std::optional<std::string> next_at;
    int keep_days = 0;
};
struct attempt_view {
    storage::attempt_row attempt;
    storage::sitting_row sitting;
    std::string candidate_no;
    std::vector<paper_question> questions;    // while in progress
    std::vector<storage::answer_row> answers; // what was saved
    std::string server_now;                   // for the countdown
    snapshot_status snapshots;
};
// Starts the signed-in engineer's attempt of the sitting, or resumes it. An attempt in progress on
// another device is taken over only when asked (409 exam.other_device otherwise); audited.
result<attempt_view> start_attempt(context&, const principal&, std::int64_t sitting_id, const std::string& device, bool take_over);
result<attempt_view> get_attempt(context&, const principal&, std::int64_t attempt_id);

struct answer_input {
    std::int64_t seq = 0;
    core::answer answer;
    std::string device;  // empty: not checked
};
// Stores the answer durably when its sequence number is newer than the one stored; a repeat of the
// stored one answers the same; an older one, or a save past the deadline, is a 409 that changes nothing.
result<storage::answer_row> save_answer(context&, const principal&, std::int64_t attempt_id, std::int64_t question_id,
                                        const answer_input&);
// The same, with the write joining others in one commit (group_commit.hpp): what can be checked
// at once is checked on the caller's thread (and `done` called there with the error); the rest,
// and the write, on the writer thread, which calls `done` once the save is durable or refused.
void save_answer_durably(context&, const principal&, std::int64_t attempt_id, std::int64_t question_id, const answer_input&,
                         std::function<void(result<storage::answer_row>)> done);
result<attempt_view> submit_attempt(context&, const principal&, std::int64_t attempt_id);
// Records a focus loss (seconds away); past the sitting's limit the attempt is flagged or submitted.
result<storage::attempt_row> record_focus_loss(context&, const principal&, std::int64_t attempt_id, int seconds);
// Submits every attempt whose deadline (and grace) has passed, and records absent (缺考) the
// candidates of a closed sitting who never started and have no written score; answers how many
// attempts it submitted.
int submit_overdue(context&);

struct my_exam {
    storage::sitting_row sitting;
    storage::candidate_row candidate;
    std::optional<storage::attempt_row> attempt;
    std::string state;  // the sitting's
    bool passed = false;
    std::int64_t pass_mark = 0;
};
result<std::vector<my_exam>> my_exams(context&, const principal&);

// Item analysis of a sitting's submitted attempts (marked answers only): per question its
// difficulty, discrimination and options, and the reliability of the paper over its slots (each
// section's questions in the order of their ids, a case with its parts as one): on a fixed paper
// the slots are its questions, and papers drawn at random from one blueprint are measured together
// slot by slot.
struct exam_item {
    core::item_stats stats;
    std::string code, type;
};
struct exam_stats {
    std::int64_t sitting_id = 0;
    int candidates = 0;
    std::vector<exam_item> items;
    core::reliability reliability;
};
result<exam_stats> sitting_stats(context&, const principal&, std::int64_t sitting_id);
// The same as a workbook (items, options, reliability), headers in the language asked ("zh", "en").
result<std::string> sitting_stats_xlsx(context&, const principal&, std::int64_t sitting_id, const std::string& lang);

// Whether the picture is on a question of one of the engineer's papers (the parts of a case too).
bool paper_shows_image(context&, storage::unit_of_work&, const principal&, std::int64_t image_id);

// An instant as the API writes it ("2026-12-03T09:00:00Z", fractions of a second allowed), or nullopt.
std::optional<std::chrono::system_clock::time_point> parse_instant(std::string_view);

}  // namespace skillgrade::app
