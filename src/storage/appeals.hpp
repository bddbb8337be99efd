// appeals.hpp
// Appeals on applications and their resolution.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct appeal_row {
    std::int64_t id = 0;
    std::int64_t application_id = 0;
    std::string reason, status, resolution, created_at, created_by, resolved_at, resolved_by;
    // Read with the appeal: whose application it is and for which level.
    std::int64_t engineer_id = 0;
    std::string employee_no, engineer_name;
    int target_rank = 0;
};

namespace appeals {
std::int64_t insert(unit_of_work&, const appeal_row&);
std::vector<appeal_row> for_cycle(unit_of_work&, std::int64_t cycle_id);
std::vector<appeal_row> for_application(unit_of_work&, std::int64_t application_id);
std::optional<appeal_row> get(unit_of_work&, std::int64_t id);
void resolve(unit_of_work&, std::int64_t id, const std::string& status, const std::string& resolution,
             const std::string& by, const std::string& at);
}  // namespace appeals

}  // namespace skillgrade::storage
