// scores.hpp
// Component scores (written, practical, interview, performance): one interface for every source,
// sheet imports, locks and absences.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/import_report.hpp"
#include "app/evaluation.hpp"
#include "storage/scores.hpp"

namespace skillgrade::app {

// Hundredths 0..10000, or absent. A locked component changes only with a reason; every change is audited.
struct score_input {
    std::string component;
    std::optional<std::int64_t> score;
    bool absent = false;
    std::string reason;
    std::string source = "manual";
};
result<storage::score_row> set_score(context&, const principal&, std::int64_t application_id, const score_input&);
// The body of set_score inside the caller's unit of work (the permission checked by the caller).
result<storage::score_row> set_score_in(context&, storage::unit_of_work&, const principal&, std::int64_t application_id,
                                        const score_input&);
// Imports a score sheet (工号, 考核项, 成绩) into a cycle in its assessment phases, every row or none,
// reading it in batches (progress and a stop through `control`, when it runs as a job).
class job_control;
result<import_report> import_scores(context&, const principal&, std::int64_t cycle_id, std::string_view bytes,
                                    bool dry_run = false, job_control* control = nullptr);
result<void> lock_component(context&, const principal&, std::int64_t cycle_id, const std::string& component);
// One line of the score sheet: an application with its scores and, for those who read results, its
// result (explained, with the committee's votes).
struct sheet_line {
    storage::application_row application;
    std::vector<storage::score_row> scores;
    std::optional<result_view> result;
};
// A page of the score sheet: the cycle's applications (filtered and sorted by the database, e.g.
// status=eligible) with their scores; the results when the caller may read them.
result<storage::list_page<sheet_line>> list_scores(context&, const principal&, std::int64_t cycle_id,
                                                   storage::cycle_list_filter f = {});
// Scores are entered during the assessments and may be amended (with audit) until the appeals close.
bool scoring_phase(const std::string& cycle_status);
result<std::vector<std::string>> list_locks(context&, const principal&, std::int64_t cycle_id);  // the locked components

}  // namespace skillgrade::app
