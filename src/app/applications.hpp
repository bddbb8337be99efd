// applications.hpp
// Applications to a cycle: applying, nominating in bulk, withdrawing, and the eligibility review
// with its overrides.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/jobs.hpp"
#include "storage/applications.hpp"
#include "storage/cycles.hpp"

namespace skillgrade::app {

// HR nominates in bulk by filter: active engineers in an org subtree, at a level, with at least
// min_years of work at the cut-off. Each gets an application for the next level up (promotion) or
// their own level (re-certification, holders of a certificate only); engineers who already have
// one, or whose target level is not open, are counted and skipped. dry_run only counts.
struct nomination_filter {
    std::string org_unit;  // code; "" = everyone in the caller's scope
    std::optional<int> rank;
    int min_years = 0;
};
struct nomination_report {
    int matched = 0, created = 0, already = 0, skipped = 0;  // skipped: no level to target in this cycle
    bool dry_run = false;
};
result<nomination_report> nominate(context&, const principal&, std::int64_t cycle_id, const nomination_filter&, bool dry_run);
result<storage::application_row> apply(context&, const principal&, std::int64_t cycle_id, std::int64_t engineer_id,
                                       int target_rank);
result<storage::application_row> withdraw(context&, const principal&, std::int64_t application_id);
// A page of a cycle's applications in the caller's scope (an engineer: their own; a manager: their
// subtree), filtered and sorted by the database, each verdict explained. f.cycle_id is cycle_id.
result<storage::list_page<storage::application_row>> list_applications(context&, const principal&, std::int64_t cycle_id,
                                                                      storage::cycle_list_filter f = {});
// The list's query as a use case checks it: page ≥ 1, page_size 1–200, a sort of the list's own,
// an application status, an outcome only where the list has one (passed | failed), q of 100
// characters at most. The problem is request.invalid_query with one error per field.
std::optional<core::error> check_list_query(const storage::cycle_list_filter&, bool with_outcome,
                                            bool (*sortable)(const std::string&));
// The caller's scope on a cycle's list: an engineer their own applications, a manager their subtree.
void scope(const principal&, storage::cycle_list_filter&);
// Replaces each compact verdict (as the review stores it) by its explanation under the cycle's
// scheme version, in zh and en, as the API shows it.
void explain_verdicts(storage::unit_of_work&, const storage::cycle_row&, std::vector<storage::application_row>&);
// Evaluates every open application's eligibility at the cycle's cut-off date (overrides stay), in one
// unit of work; with a job control it reports its progress and stops (writing nothing) when asked.
result<int> review_eligibility(context&, const principal&, std::int64_t cycle_id, job_control* = nullptr);
// The review as a background job (the same one while it is queued or running): 404 / 409 at once when
// the cycle is missing or not in its review phase.
result<storage::job_row> start_review(context&, const principal&, std::int64_t cycle_id);
job_kind review_job();
result<storage::application_row> override_verdict(context&, const principal&, std::int64_t application_id, bool eligible,
                                                  const std::string& reason);

}  // namespace skillgrade::app
