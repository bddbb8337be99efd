// scores.hpp
// Scores of applications, the locks of their components, and the results read back with their
// applications and quota groups.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/applications.hpp"
#include "storage/database.hpp"
#include "storage/results.hpp"

namespace skillgrade::storage {

struct score_row {
    std::int64_t application_id = 0;
    std::string component;
    std::optional<std::int64_t> score;  // hundredths; nullopt when absent or not entered
    bool absent = false;
    std::string source, author, recorded_at;
};

namespace scores {
void put(unit_of_work&, const score_row&);  // insert or replace
std::vector<score_row> for_cycle(unit_of_work&, std::int64_t cycle_id);
std::vector<score_row> for_application(unit_of_work&, std::int64_t application_id);
// The scores of these applications of the cycle (a page of the score sheet).
std::vector<score_row> for_applications(unit_of_work&, std::int64_t cycle_id, const std::vector<std::int64_t>& ids);
std::vector<std::string> locked(unit_of_work&, std::int64_t cycle_id);
void lock(unit_of_work&, std::int64_t cycle_id, const std::string& component, const std::string& by, const std::string& at);
std::vector<result_row> results(unit_of_work&, std::int64_t cycle_id);
// One page of the cycle's results with their applicants (filter.outcome: passed | failed, or the final
// approved | not_approved).
list_page<result_row> results_page(unit_of_work&, const cycle_list_filter&);
std::vector<result_row> results_of(unit_of_work&, std::int64_t cycle_id, const std::vector<std::int64_t>& application_ids);
std::optional<result_row> result_of(unit_of_work&, std::int64_t cycle_id, std::int64_t application_id);
// Streams the cycle's results one at a time in application order, which needs no sort, so memory does
// not grow with the cycle.
void each_result(unit_of_work&, std::int64_t cycle_id, const std::function<void(const result_row&)>&);
}  // namespace scores

}  // namespace skillgrade::storage
