// exams.hpp
// The online written exam as stored: blueprints, sittings with proctors and candidates, attempts
// with their papers and answers, and how often each question was drawn.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct blueprint_row {
    std::int64_t id = 0, cycle_id = 0;
    int target_rank = 1;
    std::string sections = "[]";  // JSON, as app/exams writes it
    int duration_minutes = 90;
    std::int64_t pass_mark = 6000;
    bool fixed = false;
    std::int64_t seed = 0;
    bool review_after_close = true;
    bool double_marking = true;
    int discrepancy_percent = 20;
    int version = 1;
    std::string updated_at, updated_by;
};

struct sitting_row {
    std::int64_t id = 0, blueprint_id = 0;
    std::string name, kind = "regular", opens_at, closes_at;
    int duration_minutes = 90;
    std::string room;  // empty: remote
    int capacity = 0, focus_limit = 5;
    std::string focus_action = "flag";
    int snapshots = 0;  // webcam snapshots asked of each candidate (0: none)
    int version = 1;
    std::string created_at, created_by;
    // Read with the sitting.
    std::int64_t cycle_id = 0;
    int target_rank = 0;
    int candidates = 0;
};

struct candidate_row {
    std::int64_t sitting_id = 0, application_id = 0;
    std::string candidate_no;
    int extra_minutes = 0;
    // Read with the candidate.
    std::int64_t engineer_id = 0;
    std::string employee_no, engineer_name;
};

struct attempt_row {
    std::int64_t id = 0, sitting_id = 0, application_id = 0, engineer_id = 0, seed = 0;
    std::string items = "[]";  // the paper, JSON
    std::string started_at, deadline, device, status = "in_progress", submitted_at, submitted_by;
    std::optional<std::int64_t> score;  // hundredths, once every answer is marked
    int pending = 0;                    // answers waiting for a marker
    int focus_losses = 0, focus_seconds = 0;
    bool flagged = false;
};

// A candidate's answer to the webcam consent request, and how many snapshots were taken.
struct snapshot_state {
    std::string consent, consent_at;  // consent: "" (not asked yet), "yes", "no"
    int taken = 0;
};
// A webcam snapshot (data is empty in lists).
struct snapshot_row {
    std::int64_t id = 0, attempt_id = 0, size = 0;
    std::string taken_at;
    int width = 0, height = 0;
    std::string data;  // base64
};

struct answer_row {
    std::int64_t attempt_id = 0, question_id = 0, seq = 0;
    std::string answer;  // JSON array of strings
    std::string saved_at;
    std::optional<std::int64_t> points;
};

namespace exams {
std::int64_t insert_blueprint(unit_of_work&, const blueprint_row&);
// Replaces the blueprint's content when its version is `expected`; false when it moved on.
bool update_blueprint(unit_of_work&, const blueprint_row&, int expected);
std::optional<blueprint_row> blueprint(unit_of_work&, std::int64_t id);
std::vector<blueprint_row> blueprints_of(unit_of_work&, std::int64_t cycle_id);
int papers_of(unit_of_work&, std::int64_t blueprint_id);  // attempts drawn from it

std::int64_t insert_sitting(unit_of_work&, const sitting_row&);
bool update_sitting(unit_of_work&, const sitting_row&, int expected);
std::optional<sitting_row> sitting(unit_of_work&, std::int64_t id);
std::vector<sitting_row> sittings_of(unit_of_work&, std::int64_t cycle_id);

void set_proctors(unit_of_work&, std::int64_t sitting_id, const std::vector<std::int64_t>& user_ids);
std::vector<std::int64_t> proctors(unit_of_work&, std::int64_t sitting_id);

// Adds the candidate with the next candidate number of the sitting ("<prefix>0001", …).
void add_candidate(unit_of_work&, std::int64_t sitting_id, std::int64_t application_id, const std::string& candidate_no);
void remove_candidate(unit_of_work&, std::int64_t sitting_id, std::int64_t application_id);
std::vector<candidate_row> candidates(unit_of_work&, std::int64_t sitting_id);
std::optional<candidate_row> candidate(unit_of_work&, std::int64_t sitting_id, std::int64_t application_id);
// The sittings an engineer is a candidate of, with the application's id.
std::vector<candidate_row> sittings_of_engineer(unit_of_work&, std::int64_t engineer_id);
void set_extra_minutes(unit_of_work&, std::int64_t sitting_id, std::int64_t application_id, int minutes);

// The new attempt's id, or 0 when the candidate already has one for the sitting.
std::int64_t insert_attempt(unit_of_work&, const attempt_row&);
std::optional<attempt_row> attempt(unit_of_work&, std::int64_t id);
std::optional<attempt_row> attempt_of(unit_of_work&, std::int64_t sitting_id, std::int64_t application_id);
std::vector<attempt_row> attempts_of(unit_of_work&, std::int64_t sitting_id);
void set_items(unit_of_work&, std::int64_t attempt_id, const std::string& items);
void set_device(unit_of_work&, std::int64_t attempt_id, const std::string& device);
void set_deadline(unit_of_work&, std::int64_t attempt_id, const std::string& deadline);
void finish_attempt(unit_of_work&, const attempt_row&);  // status, submitted_*, score, pending
// One of the attempt's answers waiting for a marker is settled: answers how many still wait.
int settle_one(unit_of_work&, std::int64_t attempt_id);
std::int64_t points_total(unit_of_work&, std::int64_t attempt_id);  // of its marked answers
void set_score(unit_of_work&, std::int64_t attempt_id, std::optional<std::int64_t> score);
void add_focus_loss(unit_of_work&, std::int64_t attempt_id, int seconds, bool flag);
// Attempts still in progress whose deadline (an ISO instant) is before `before`.
std::vector<std::int64_t> overdue(unit_of_work&, const std::string& before, int limit);

// Per attempt of the sitting: how many answers it saved and when it saved last.
struct answer_stats {
    int answered = 0;
    std::string last_save;
};
std::map<std::int64_t, answer_stats> answer_stats_of(unit_of_work&, std::int64_t sitting_id);
// Sittings closed before `now` (an ISO instant) whose absences are not recorded yet; marking one.
std::vector<std::int64_t> closed_unmarked(unit_of_work&, const std::string& now);
void mark_absences(unit_of_work&, std::int64_t sitting_id);
std::optional<answer_row> answer(unit_of_work&, std::int64_t attempt_id, std::int64_t question_id);
// What a save checks again when it is written: the attempt's status, device and deadline.
struct attempt_state {
    std::string status, device, deadline;
};
std::optional<attempt_state> attempt_state_of(unit_of_work&, std::int64_t attempt_id);

// Webcam snapshots: the consent and the count; the pictures; deleting those of sittings closed
// before an instant (how many went).
std::optional<snapshot_state> snapshot_state_of(unit_of_work&, std::int64_t attempt_id);
void set_consent(unit_of_work&, std::int64_t attempt_id, const std::string& consent, const std::string& at);
std::int64_t insert_snapshot(unit_of_work&, const snapshot_row&);
std::vector<snapshot_row> snapshots_of(unit_of_work&, std::int64_t attempt_id);
std::optional<snapshot_row> snapshot(unit_of_work&, std::int64_t id);
std::map<std::int64_t, snapshot_state> snapshot_states(unit_of_work&, std::int64_t sitting_id);  // by attempt
int purge_snapshots(unit_of_work&, const std::string& closed_before);
std::vector<answer_row> answers(unit_of_work&, std::int64_t attempt_id);
// Inserts or replaces the answer (the caller has checked its sequence number).
void put_answer(unit_of_work&, const answer_row&);
// Writes the answer in one statement when the attempt still takes it — in progress, on `device`
// (unless empty), its deadline not before `deadline_from` — and no save with the same or a newer
// number is stored; whether it wrote.
bool put_answer_if_newer(unit_of_work&, const answer_row&, const std::string& device, const std::string& deadline_from);
void set_points(unit_of_work&, std::int64_t attempt_id, std::int64_t question_id, std::optional<std::int64_t> points);

std::map<std::int64_t, int> exposure(unit_of_work&, std::int64_t blueprint_id);
void add_exposure(unit_of_work&, std::int64_t blueprint_id, const std::vector<std::int64_t>& question_ids);
}  // namespace exams

}  // namespace skillgrade::storage
