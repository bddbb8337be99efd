// cycle.hpp
// An evaluation cycle's status (评定批次) moves only along allowed transitions: forward one phase
// at a time, or back one phase with a written reason. Also the working-day calendar that public
// notice periods are counted in. Pure.
//
//   auto t = transition(cycle_status::application, cycle_status::eligibility_review, "");
//   auto end = add_working_days(start, 5, holidays);
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace skillgrade::core {

enum class cycle_status {
    draft,
    application,
    eligibility_review,
    written_exam,
    practical_test,
    interview,
    committee_review,
    public_notice,
    appeal,
    certification,
    closed,
};
std::string_view to_string(cycle_status);
std::optional<cycle_status> cycle_status_from(std::string_view);
const text& label(cycle_status);

// Allowed: the next status; or the previous one with a non-empty reason (audited by the caller).
result<cycle_status> transition(cycle_status from, cycle_status to, std::string_view reason);

// Working days: weekdays that are not holidays, plus weekend days listed as make-up workdays
// (调休上班). add_working_days(d, n) is the n-th working day after d.
struct work_calendar {
    std::set<date> holidays;
    std::set<date> workdays;
    bool is_working_day(date d) const;
};
date add_working_days(date start, int days, const work_calendar& cal);

}  // namespace skillgrade::core
