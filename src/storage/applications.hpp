// applications.hpp
// Applications of engineers to a cycle.
#pragma once
#include <cstdint>
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

namespace applications {
std::int64_t insert(unit_of_work&, const application_row&);
std::vector<application_row> list(unit_of_work&, std::int64_t cycle_id);
std::vector<application_row> for_engineer(unit_of_work&, std::int64_t engineer_id);  // in every cycle
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
