// applications.hpp
// Applications of engineers to a cycle.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct application_row {
    std::int64_t id = 0;
    std::int64_t cycle_id = 0;
    std::int64_t engineer_id = 0;
    std::string employee_no, engineer_name, org_path;  // joined for lists
    int target_rank = 0;
    std::string status;  // submitted | withdrawn | eligible | ineligible
    std::string nominated_by, applied_at;
    std::string verdict_json, override_reason;
    std::int64_t version = 1;
};

// One page of a cycle's list, filtered, counted and sorted by the database (the applications, the
// score sheet, the results and the published list all read their pages through it).
struct cycle_list_filter {
    std::int64_t cycle_id = 0;
    std::string q;                          // name or employee number contains
    bool q_name = true, q_employee_no = true;  // what q searches
    std::optional<std::int64_t> org_unit;   // the engineers of this unit's subtree
    std::optional<int> target_rank;
    std::string status;                     // an application status; "" = any
    std::string outcome;                    // results: passed | failed; the final outcome: approved | not_approved
    std::string sort;                       // a key of cycle_list_sorts, "-" first for descending; "" = application order
    int page = 1, page_size = 20;
    // Scope imposed by the caller's role: an org path prefix and/or one engineer.
    std::string scope_path;
    std::optional<std::int64_t> scope_engineer;
};
// The sort keys the lists accept: id, employee_no, name (pinyin), target_rank, status, applied_at; the
// results also total and rank.
bool application_sort(const std::string& key);
bool result_sort(const std::string& key);
template <class T>
struct list_page {
    std::vector<T> items;
    std::int64_t total = 0;
};

namespace applications {
list_page<application_row> page(unit_of_work&, const cycle_list_filter&);
std::int64_t insert(unit_of_work&, const application_row&);
std::vector<application_row> list(unit_of_work&, std::int64_t cycle_id);
std::vector<application_row> for_engineer(unit_of_work&, std::int64_t engineer_id);  // in every cycle
// The eligible applications of a cycle whose engineers these employee numbers name.
struct eligible_entry {
    std::int64_t application_id = 0;
    int target_rank = 0;
};
std::map<std::string, eligible_entry> eligible_by_employee_no(unit_of_work&, std::int64_t cycle_id, const std::vector<std::string>& nos);
struct application_counts {
    std::int64_t open = 0, eligible = 0;  // not withdrawn; found eligible
};
application_counts counts(unit_of_work&, std::int64_t cycle_id);
std::optional<application_row> get(unit_of_work&, std::int64_t id);
std::optional<application_row> open_for(unit_of_work&, std::int64_t cycle_id, std::int64_t engineer_id);
void set_status(unit_of_work&, std::int64_t id, const std::string& status);
void set_verdict(unit_of_work&, std::int64_t id, const std::string& status, const std::string& verdict_json,
                 const std::string& override_reason);
}  // namespace applications

}  // namespace skillgrade::storage
