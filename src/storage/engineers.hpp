// engineers.hpp
// Engineers: filtered pages and streams, inserts and updates, and their level history.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/people.hpp"
#include "storage/database.hpp"

namespace skillgrade::storage {

struct engineer_filter {
    std::string q;                     // name or employee number contains
    std::optional<std::int64_t> org_unit;  // subtree of this unit
    std::optional<int> rank;
    std::string product_line;
    std::string status;                // "", active, left
    std::string account;               // "", none (no account yet), yes
    std::string sort = "employee_no";  // column, "-" prefix for descending
    int page = 1;
    int page_size = 20;
    // Scope imposed by the caller's role: a path prefix and/or one engineer.
    std::string scope_path;
    std::optional<std::int64_t> scope_engineer;
    // The org units as the caller last read them, ordered by id: when given, subtrees and the
    // units' names and paths come from here instead of the database (a unit missing here is read).
    std::shared_ptr<const std::vector<core::org_unit>> known_units;
};
struct engineer_page {
    std::vector<core::engineer> items;
    std::int64_t total = 0;
};

// A validated, resolved record ready to be written.
struct engineer_record {
    core::engineer_input in;
    std::int64_t org_unit_id = 0;
    std::string education_code;
};

namespace engineers {
// known_total skips the count (the caller already knows it for this filter).
engineer_page list(unit_of_work&, const engineer_filter&, std::optional<std::int64_t> known_total = std::nullopt);
// Streams every engineer matching the filter (no paging) in sort order.
void scan(unit_of_work&, const engineer_filter&, const std::function<void(const core::engineer&)>& fn);
std::optional<core::engineer> get(unit_of_work&, std::int64_t id);  // with history
std::optional<std::int64_t> id_by_employee_no(unit_of_work&, const std::string& no);
// The engineers these employee numbers name (numbers no engineer has are left out).
std::map<std::string, std::int64_t> ids_by_employee_no(unit_of_work&, const std::vector<std::string>& nos);
// Inserts records (and their first level-history entries) in the caller's transaction.
std::vector<std::int64_t> insert(unit_of_work&, const std::vector<engineer_record>&, const std::string& source,
                                 const std::string& actor, const std::string& now);
void add_level(unit_of_work&, std::int64_t engineer_id, const core::level_entry&);
// Writes the editable fields when the stored version is still `version`; false when it is not.
bool update(unit_of_work&, std::int64_t id, const engineer_record&, std::int64_t version);
std::int64_t count(unit_of_work&);
// Writes the sort key of every name that has none; how many.
std::int64_t fill_name_keys(unit_of_work&);
}  // namespace engineers

}  // namespace skillgrade::storage
