// notice.hpp
// The public notice (公示): the published list of a cycle, and each engineer's own outcomes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/appeals.hpp"
#include "storage/applications.hpp"
#include "storage/cycles.hpp"
#include "storage/results.hpp"
#include "storage/scores.hpp"

namespace skillgrade::app {

// One line of a published result list; the cycle's published_fields say which fields are shown
// (scores are hidden by default).
struct published_row {
    std::int64_t application_id = 0;
    std::string employee_no, engineer_name, org_unit;
    int target_rank = 0;
    bool passed = false;
    std::int64_t total = 0;
    int rank = 0;
};
struct published_list {
    std::vector<std::string> fields;  // the cycle's published_fields
    std::vector<published_row> rows;  // one page
    std::int64_t total = 0;
};
// A page of the published list. Only what the notice shows can be searched, filtered or sorted by:
// q needs the name or the employee number, org_unit the unit, target_rank the level, outcome (the
// final one: passed, selected and approved) the outcome, a sort its own field.
result<published_list> published(context&, const principal&, std::int64_t cycle_id, storage::cycle_list_filter f = {});

// An engineer's own record in one cycle; the outcome and scores once the cycle is published.
struct own_result {
    storage::cycle_row cycle;
    storage::application_row application;
    std::optional<storage::result_row> result;  // from the public notice on
    std::vector<storage::score_row> scores;     // from the public notice on
    std::string decision;
    std::vector<storage::appeal_row> appeals;   // the engineer's own, with their outcome
};
// 我的等级: every cycle the engineer applied in, with their own published outcome and scores.
result<std::vector<own_result>> own_results(context&, const principal&, std::int64_t engineer_id);

}  // namespace skillgrade::app
