// numbers.hpp
// Exact numbers for decisions: scores in hundredths of a point, money in fen.
// One rounding function (half-up) serves every place that rounds.
//
//   auto s = parse_hundredths("59.995");   // nullopt: more than two decimals
//   round_half_up(12345, 100) == 123;      // 123.45 -> 123
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skillgrade::core {

// Divides and rounds half away from zero (half-up for the non-negative values we use).
std::int64_t round_half_up(std::int64_t numerator, std::int64_t denominator);

// "60", "60.5", "60.25" -> 6000, 6050, 6025; rejects more than two decimals or junk.
std::optional<std::int64_t> parse_hundredths(std::string_view s);

// 6050 -> "60.50"
std::string format_hundredths(std::int64_t v);

}  // namespace skillgrade::core
