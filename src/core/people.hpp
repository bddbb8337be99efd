// people.hpp
// Engineers, org units, accounts and roles as plain values, plus the validation of an
// engineer record (used by the form, the API and the importers alike). Pure: no I/O.
//
//   engineer_input in{.employee_no = "E001", .name = "张伟", ...};
//   auto errs = validate(in, today);   // empty when valid; each names its field
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace skillgrade::core {

enum class role { admin, hr, examiner, committee, manager, engineer, auditor };
std::string_view to_string(role);
std::optional<role> role_from(std::string_view);
const text& label(role);
inline constexpr role kAllRoles[] = {role::admin,   role::hr,       role::examiner, role::committee,
                                     role::manager, role::engineer, role::auditor};

struct org_unit {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id;
    std::string code;
    std::string name;
    std::string kind;  // company | region | center | team
    std::string path;  // "/1/4/9/": ancestors and self, for subtree queries
    std::optional<std::int64_t> manager_user_id;
    std::string manager_name;  // display name of the manager account, when there is one
};

struct level_entry {
    std::int64_t id = 0;
    int rank = 0;
    std::string since;   // ISO date
    std::string source;  // "import", "manual", "demo", "cycle:12" …
    std::string note;
    std::string recorded_at;
    std::string recorded_by;
};

// What a person or an importer submits for one engineer.
struct engineer_input {
    std::string employee_no;
    std::string name;
    std::string org_unit_code;
    std::string hire_date;
    std::string career_start;
    std::string education;      // code (bachelor) or label (本科)
    std::vector<std::string> product_lines;
    std::string phone;
    std::string email;
    std::string status = "active";
    int rank = 0;               // 0 = no level yet
    std::string level_since;    // required when rank > 0
};

struct engineer {
    std::int64_t id = 0;
    std::string employee_no;
    std::string name;
    std::int64_t org_unit_id = 0;
    std::string org_unit_name;
    std::string org_path;
    std::string hire_date;
    std::string career_start;
    std::string education;  // code
    std::vector<std::string> product_lines;
    std::string phone;
    std::string email;
    std::string status;
    int current_rank = 0;
    std::string level_since;
    std::int64_t version = 1;
    std::vector<level_entry> history;
};

// Checks one record on its own (uniqueness and org units are checked against the database
// by the caller). max_rank is the number of levels of the company scheme.
std::vector<field_error> validate(const engineer_input&, date today, int max_rank);

// Splits "家用空调、冰箱;洗衣机" on 、 ; , ， and trims each part.
std::vector<std::string> split_list(std::string_view s);
std::string trim(std::string_view s);

}  // namespace skillgrade::core
