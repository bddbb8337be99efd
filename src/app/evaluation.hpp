// evaluation.hpp
// The comprehensive evaluation: weighted totals, gates, quotas and the ranking, at any cycle size;
// the stored results with their explanations; the committee's votes.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/jobs.hpp"
#include "core/evaluation.hpp"
#include "core/scheme.hpp"
#include "storage/applications.hpp"
#include "storage/cycles.hpp"
#include "storage/results.hpp"
#include "storage/votes.hpp"

namespace skillgrade::app {

// A stored result with the committee's votes so far and what they decide.
struct result_view {
    storage::result_row row;
    int approve = 0, reject = 0, defer = 0;
    std::string decision;  // approved | rejected | deferred | "" (no valid panel yet)
};

// The comprehensive evaluation of every eligible application: weighted totals, gates and the
// ranking; the same inputs give the same results. Stored unless dry_run.
result<std::vector<result_view>> evaluate_cycle(context&, const principal&, std::int64_t cycle_id, bool dry_run);
// The same evaluation for a cycle of any size, streamed so that memory does not grow with it: every
// reviewed application's eligibility is also checked again at the cut-off (verdicts that moved since
// the review, overrides aside, are counted), and each result that differs from the stored one is
// passed to on_change. Stored unless dry_run. progress(done, total) is called now and then.
//
// A dry run is a replay: it runs in every phase, closed cycles included, for anyone who may read the
// results, and writes nothing. During and before the assessment phases it is the evaluation as it
// would run now. Once certification begins (the evaluation can no longer run) it recomputes the
// stored results from what they were computed from: the frozen scheme version, the stored
// eligibility verdicts and scores, the quotas (fixed from certification on) and each result's stored
// quota group (the engineer's org unit at the evaluation; an engineer may have moved since). The
// engineers' eligibility is then not checked again: their levels, years at level and training have
// moved on with the certificates.
struct evaluation_run {
    std::int64_t reviewed = 0, evaluated = 0, passed = 0, selected = 0, eligibility_moved = 0;
    std::int64_t added = 0, changed = 0, removed = 0;
    bool as_stored = false;  // a replay with the stored inputs (past the assessment phases); eligibility not rechecked
    std::int64_t differences() const { return added + changed + removed; }
};
// Answers false to stop: the evaluation then fails with job.stopped and writes nothing.
using progress_fn = std::function<bool(std::int64_t done, std::int64_t total)>;
// limit: at most this many changes are passed on when every result is new.
result<evaluation_run> run_evaluation(context&, const principal&, std::int64_t cycle_id, bool dry_run, std::int64_t limit,
                                      const std::function<void(const storage::results::change&)>& on_change,
                                      const progress_fn& progress);
// The evaluation as a background job (the same one while it is queued or running), with progress and
// cancel: 404 / 409 at once when the cycle is missing or not in an assessment phase.
result<storage::job_row> start_evaluation(context&, const principal&, std::int64_t cycle_id);
job_kind evaluation_job();
// The replay (run_evaluation's dry run) as a background job, for auditors, HR and administrators in
// any phase: its result says whether the recomputed results are identical to the stored ones and lists
// the first kReplayListed differences. 404 at once when the cycle is missing.
inline constexpr std::int64_t kReplayListed = 50;
result<storage::job_row> start_replay(context&, const principal&, std::int64_t cycle_id);
job_kind replay_job();
// A page of the cycle's results with the committee's votes, each explained from its scores under the
// cycle's scheme version; filtered (outcome passed | failed) and sorted by the database.
result<storage::list_page<result_view>> list_results(context&, const principal&, std::int64_t cycle_id,
                                                     storage::cycle_list_filter f = {});
// The rows of one page explained as explained_results does for a whole cycle.
void explain_page(storage::unit_of_work&, const storage::cycle_row&, std::vector<storage::result_row>&);
// A committee member's vote (approve / reject / defer) on a passed application; repeats replace.
result<storage::vote_row> vote(context&, const principal&, std::int64_t application_id, const std::string& vote,
                               const std::string& comment);

// The body of evaluate_cycle inside the caller's unit of work (permissions checked by the caller).
// parallel: see evaluate_stream; only when the unit of work has changed no input yet.
result<std::vector<result_view>> evaluate_in(context&, storage::unit_of_work&, const principal&, std::int64_t cycle_id,
                                             bool dry_run, bool parallel);
// What a streamed evaluation reads besides the reviewed applications' verdicts and scores.
struct stream_options {
    bool any_phase = false;      // a dry run: every phase (nothing is stored)
    bool recheck = false;        // eligibility at the cut-off as well (eligibility_moved)
    bool stored_groups = false;  // each result keeps its snapshot's quota group (results::snapshot) where the cycle has it
};
// Streams the reviewed applications once: evaluates the eligible, writes their results and lets the
// database rank them.
// parallel: two reader threads on their own connections (committed data only) feed this one.
result<evaluation_run> evaluate_stream(context&, storage::unit_of_work&, std::int64_t cycle_id, const stream_options&, bool parallel,
                                       const progress_fn&);
std::vector<result_view> with_votes(storage::unit_of_work&, std::int64_t cycle_id, std::vector<storage::result_row>);
result_view with_votes(storage::unit_of_work&, storage::result_row);  // one result, its votes read by themselves
// The cycle's stored results with each explanation worked out from its scores and the cycle's scheme
// version; only where the explanation is shown (the published list, the profile and closing read the
// stored rows as they are).
std::vector<storage::result_row> explained_results(storage::unit_of_work&, std::int64_t cycle_id);

// What a stored result's evaluation saw — components (score, weight, gate) and, with `explain`, the
// reasons, the quota line included — worked out again from its scores with the cycle's frozen level
// (or read from an explanation stored whole by an earlier version).
core::evaluation_outcome stored_evaluation(const core::level&, const storage::result_row&, bool explain = true);
// The same as the JSON explanation the API shows, with the result's quota group.
std::string explain_result(const core::level&, const storage::result_row&);
// "rank 7 is below the quota line (5 places)" for a result that passed but was not selected.
std::optional<core::text> quota_line_reason(const storage::result_row&);
// The committee's decision from its counted votes: approved | rejected | deferred, "" while the panel
// is not an odd number of at least three.
std::string decision_of(const storage::vote_counts&);

}  // namespace skillgrade::app
