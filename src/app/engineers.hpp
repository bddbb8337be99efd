// engineers.hpp
// Engineer records: the scoped list, the profile, edits guarded by versions, level changes,
// imports that take every row or none, exports, and what an engineer lacks for the next level.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/jobs.hpp"
#include "app/import_report.hpp"
#include "core/eligibility.hpp"
#include "core/people.hpp"
#include "core/scheme.hpp"
#include "storage/engineers.hpp"
#include "storage/evaluation.hpp"
#include "storage/training.hpp"

namespace skillgrade::app {

// What an engineer lacks for the next level of the default scheme, as of today.
struct next_level_view {
    int current_rank = 0;
    std::optional<core::level> target;  // none at the top level
    core::eligibility_result result;
};

result<storage::engineer_page> list_engineers(context&, const principal&, storage::engineer_filter filter);
result<core::engineer> get_engineer(context&, const principal&, std::int64_t id);
result<next_level_view> next_level(context&, const principal&, std::int64_t id);
result<core::engineer> create_engineer(context&, const principal&, const core::engineer_input&);
// Edits an engineer's record (not the employee number or level) when `version` is current;
// a stale version is a precondition failure (412), so no edit is lost.
result<core::engineer> update_engineer(context&, const principal&, std::int64_t id, const core::engineer_input&,
                                       std::int64_t version);
// Records a level change (promotion, correction, demotion) with its date and reason.
result<core::engineer> add_level(context&, const principal&, std::int64_t id, int rank, const std::string& since,
                                 const std::string& note);
// Imports engineers from a sheet, every row or none (a known employee number updates its engineer),
// reading it in batches (progress and a stop through `control`, when it runs as a job).
result<import_report> import_engineers(context&, const principal&, std::string_view bytes, bool dry_run = false,
                                       job_control* control = nullptr);
// The engineers the filter finds, within the caller's scope, as an .xlsx sheet (the import's columns);
// with a job control it reports its progress and stops when asked.
result<std::string> export_engineers(context&, const principal&, storage::engineer_filter filter, job_control* = nullptr);
// The sheet made by a background job, for its owner to download.
result<storage::job_row> start_engineers_export(context&, const principal&, const storage::engineer_filter&);
job_kind engineers_export_job();
// The import template (.xlsx): Chinese headers, a sample row that imports as it is (an unused employee
// number, a real team, the default scheme's first level), and sheets of the valid org codes, levels
// and education values.
result<std::string> engineer_template(context&, const principal&);

// Narrows a filter to whom the principal may see (managers their subtree, engineers themselves).
void scope(const principal&, storage::engineer_filter&);
// An engineer was written through this process: cached list totals are stale.
void engineers_changed(context&);

// Who sees an engineer's phone and e-mail (the one role × field table): HR and admin, the engineer's
// managers (their org subtree) and the engineer themself; examiners, committee members and auditors
// see what their work needs, without them.
bool sees_contact(const principal&, const core::engineer&);
core::engineer minimised(const principal&, core::engineer);  // contact details emptied where not seen

// The facts the eligibility rules look at, from an engineer's record (training and certificates
// join them as their records arrive).
core::engineer_facts facts_of(const core::engineer&, const std::vector<storage::training_row>&, core::date fallback_start);

// The eligibility facts of each application a storage::evaluation_cursor streams, its training merged
// in from a storage::training_cursor over the same applications (both in engineer order); call it
// with the rows in the order the cursor gives them.
class applicant_facts {
public:
    applicant_facts(storage::unit_of_work&, std::int64_t cycle_id, std::int64_t from, std::int64_t to, storage::applications_read,
                    core::date cutoff);
    core::engineer_facts operator()(const storage::evaluation_row&);

private:
    storage::training_cursor training_;
    storage::training_row next_;
    bool more_ = false;
    std::vector<storage::training_row> own_;
    core::date cutoff_;
};

}  // namespace skillgrade::app
