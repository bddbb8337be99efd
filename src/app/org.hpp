// org.hpp
// The organisation tree: regions, service centers and teams with their managers.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/people.hpp"
#include "storage/database.hpp"

namespace skillgrade::app {

result<std::vector<core::org_unit>> list_org_units(context&, const principal&);
// Adds a unit under its parent (by code); the manager is an account's user name.
result<core::org_unit> create_org_unit(context&, const principal&, const core::org_unit& unit, const std::string& parent_code,
                                       const std::string& manager_username);

// The org units as this process last read them, ordered by id: read again after a few seconds
// (another process may add one) or at once after this process added one.
std::shared_ptr<const std::vector<core::org_unit>> known_units(context&, storage::unit_of_work&);

// The unit with this code, if any.
std::optional<core::org_unit> unit_by_code(storage::unit_of_work&, const std::string& code);

}  // namespace skillgrade::app
