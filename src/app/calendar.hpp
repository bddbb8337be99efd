// calendar.hpp
// The working-day calendar: holidays on weekdays and make-up workdays on weekends (调休).
#pragma once
#include <vector>

#include "app/context.hpp"
#include "storage/calendar.hpp"

namespace skillgrade::app {

result<std::vector<storage::calendar_day>> list_calendar(context&, const principal&);
result<storage::calendar_day> set_calendar_day(context&, const principal&, const storage::calendar_day&);  // kind "none" removes

}  // namespace skillgrade::app
