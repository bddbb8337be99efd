// org_units.hpp
// The organisation: units in a tree (each with its path) and their managers.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/people.hpp"
#include "storage/database.hpp"

namespace skillgrade::storage {

namespace org_units {
std::vector<core::org_unit> list(unit_of_work&);
std::optional<core::org_unit> get(unit_of_work&, std::int64_t id);
std::int64_t insert(unit_of_work&, const core::org_unit&);  // fills path from parent
void set_manager(unit_of_work&, std::int64_t id, std::int64_t user_id);
}  // namespace org_units

}  // namespace skillgrade::storage
