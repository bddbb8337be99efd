// date.hpp
// Calendar dates as ISO 8601 strings at the edges, std::chrono inside. No clock here:
// "today" is always passed in.
//
//   auto d = parse_date("2024-02-29");        // ok; "2023-02-29" -> nullopt
//   months_between(*d, *parse_date("2025-03-01")) == 12;
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace skillgrade::core {

using date = std::chrono::year_month_day;

std::optional<date> parse_date(std::string_view iso);
std::string format_date(date d);
// Whole months from a to b (negative when b < a); a day-of-month not yet reached does not count.
int months_between(date a, date b);

}  // namespace skillgrade::core
