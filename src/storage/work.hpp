// work.hpp
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "storage/database.hpp"

namespace skillgrade::storage {

// What is left to do in a cycle, counted by the database (the home page of each role).
namespace work {
std::map<std::string, std::int64_t> application_counts(unit_of_work&, std::int64_t cycle_id);  // status -> count
std::map<int, std::int64_t> eligible_by_rank(unit_of_work&, std::int64_t cycle_id);
// (level, component) -> eligible applications with that score entered (or marked absent)
std::map<std::pair<int, std::string>, std::int64_t> scored(unit_of_work&, std::int64_t cycle_id);
std::int64_t passed_selected(unit_of_work&, std::int64_t cycle_id);
std::int64_t voted_by(unit_of_work&, std::int64_t cycle_id, const std::string& member);  // among passed_selected
std::int64_t open_appeals(unit_of_work&, std::int64_t cycle_id);
}  // namespace work

}  // namespace skillgrade::storage
