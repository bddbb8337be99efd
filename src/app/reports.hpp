// reports.hpp
// Pass rates and score distributions of one evaluated cycle, and the results sheet.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/jobs.hpp"
#include "core/text.hpp"

namespace skillgrade::app {

struct pass_rate {
    std::string key;  // level rank, org unit code or component kind
    core::text label;
    int candidates = 0, passed = 0;
};
struct histogram {
    std::string key;  // "total" or a component kind
    core::text label;
    std::vector<int> bins;  // ten 10-point bins: [0,10) … [90,100]
    int absent = 0;
};
struct cycle_report {
    int applications = 0, eligible = 0, evaluated = 0, passed = 0, approved = 0;  // passed: within the quota
    std::vector<pass_rate> by_level, by_org, by_component;
    std::vector<histogram> distributions;
};
// Pass rates by level, org unit (below the top of the tree) and component, and score distributions.
result<cycle_report> report(context&, const principal&, std::int64_t cycle_id);
// The results as an .xlsx sheet: applicant, level, scores, total, rank, quota line, votes, outcome;
// with a job control it reports its progress and stops when asked.
result<std::string> export_results(context&, const principal&, std::int64_t cycle_id, job_control* = nullptr);
// The sheet made by a background job, for its owner to download (404 at once for no such cycle).
result<storage::job_row> start_results_export(context&, const principal&, std::int64_t cycle_id);
job_kind results_export_job();

}  // namespace skillgrade::app
