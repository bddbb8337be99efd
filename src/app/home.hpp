// home.hpp
// Each role's work at a glance (HR: cycles, overdue phases, reviews, appeals, decisions, expiring
// certificates; examiner: scores left; committee: votes left; manager: the team by level).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/context.hpp"
#include "storage/cycles.hpp"

namespace skillgrade::app {

// What is waiting in one cycle, for the home page of the role that asks.
struct cycle_work {
    storage::cycle_row cycle;
    std::optional<storage::phase_row> phase;  // the current phase as planned
    bool overdue = false;                     // the current phase's planned end has passed
    std::map<std::string, std::int64_t> applications;  // by status
    std::int64_t open_appeals = 0, undecided = 0, awaiting_my_vote = 0;
    std::vector<std::pair<std::string, std::int64_t>> scores_left;  // component -> eligible applications without it
};
struct home_view {
    std::vector<cycle_work> cycles;            // the cycles not closed that concern the caller's role
    std::optional<std::int64_t> expiring;      // certificates ending within 90 days, in scope
    std::optional<std::map<int, std::int64_t>> team;  // a manager's active engineers by level (0 = none)
};
result<home_view> home(context&, const principal&);

}  // namespace skillgrade::app
