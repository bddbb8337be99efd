// certificate.hpp
// Certificate numbers and validity. A number comes from a pattern of literal characters and fields:
// {YYYY} or {YY} the issue year, {L} the level's rank, {N:k} the serial within the year in k digits
// (1–9; a larger serial widens it rather than repeat a number). A pattern holds the serial once and
// the year. The national preset is 22 characters: 1 letter, a 4-digit body code, a 2-digit province,
// a 6-digit site, the 2-digit year, the 1-digit level and a 6-digit serial.
//
//   format_number(national_pattern, 2026, 3, 42) == "S000131000001" "26" "3" "000042"
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"

namespace skillgrade::core {

inline constexpr std::string_view national_pattern = "S000131000001{YY}{L}{N:6}";

// What is wrong with a pattern, or nullopt when it is good.
std::optional<text> check_number_pattern(std::string_view pattern);
// The number for a checked pattern.
std::string format_number(std::string_view pattern, int year, int level, std::int64_t serial);

// The last day of validity: the day before the same date `months` later (clamped to month ends).
date expiry(date issued, int months);

}  // namespace skillgrade::core
