// certificate.hpp
// Certificate numbers and validity. The national layout is 22 characters: 1 letter, a 4-digit body
// code, a 2-digit province, a 6-digit site, the 2-digit year, the 1-digit level and a 6-digit serial.
//
//   certificate_number({'S', 1, 31, 1}, 2026, 3, 42) == "S00013100000126" "3000042"
#pragma once
#include <cstdint>
#include <string>

#include "core/date.hpp"

namespace skillgrade::core {

struct certificate_layout {
    char letter = 'S';
    int body = 1;      // 0..9999
    int province = 31; // 0..99
    int site = 1;      // 0..999999
};

std::string certificate_number(const certificate_layout&, int year, int level, std::int64_t serial);

// The last day of validity: the day before the same date `months` later (clamped to month ends).
date expiry(date issued, int months);

}  // namespace skillgrade::core
