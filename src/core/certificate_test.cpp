#include "core/certificate.hpp"

#include <gtest/gtest.h>

using namespace skillgrade::core;

TEST(certificate, national_layout_has_22_characters) {
    auto n = certificate_number({'S', 1, 31, 1}, 2026, 3, 42);
    EXPECT_EQ(n, "S0001310000012630000" "42");
    EXPECT_EQ(n.size(), 22u);
    EXPECT_EQ(certificate_number({'Y', 9999, 99, 999999}, 2099, 9, 999999), "Y99999999999999999" "9999");
}

TEST(certificate, validity_ends_the_day_before_the_anniversary) {
    EXPECT_EQ(format_date(expiry(*parse_date("2026-12-01"), 36)), "2029-11-30");
    EXPECT_EQ(format_date(expiry(*parse_date("2024-02-29"), 12)), "2025-02-27");
    EXPECT_EQ(format_date(expiry(*parse_date("2026-01-31"), 1)), "2026-02-27");
}
