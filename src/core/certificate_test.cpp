#include "core/certificate.hpp"

#include <gtest/gtest.h>

using namespace skillgrade::core;

TEST(certificate, national_pattern_gives_22_characters) {
    EXPECT_FALSE(check_number_pattern(national_pattern));
    auto n = format_number(national_pattern, 2026, 3, 42);
    EXPECT_EQ(n, "S000131000001" "26" "3" "000042");
    EXPECT_EQ(n.size(), 22u);
    EXPECT_EQ(format_number(national_pattern, 2099, 5, 999999), "S000131000001" "99" "5" "999999");
}

TEST(certificate, pattern_fields_and_literals) {
    EXPECT_EQ(format_number("SG-{YYYY}-L{L}-{N:4}", 2027, 2, 7), "SG-2027-L2-0007");
    // A serial past its width widens the number instead of repeating one.
    EXPECT_EQ(format_number("X{YY}{N:2}", 2026, 1, 123), "X26123");
}

TEST(certificate, bad_patterns_are_named) {
    EXPECT_FALSE(check_number_pattern("A{YY}{N:1}"));
    EXPECT_EQ(check_number_pattern("")->en, "the pattern must be 1–64 characters");
    EXPECT_EQ(check_number_pattern(std::string(65, 'A') + "{YY}{N:6}")->en, "the pattern must be 1–64 characters");
    EXPECT_EQ(check_number_pattern("S{YY}")->en, "the pattern needs the serial {N:digits} once");
    EXPECT_EQ(check_number_pattern("S{YY}{N:6}{N:2}")->en, "the pattern needs the serial {N:digits} once");
    EXPECT_EQ(check_number_pattern("S{N:0}{YY}")->en, "unknown field {N:0}; use {YYYY} {YY} {L} {N:6}");
    EXPECT_EQ(check_number_pattern("S{L}{N:6}")->en, "the pattern needs the year {YYYY} or {YY} (serials run per year)");
    EXPECT_EQ(check_number_pattern("S{YY{N:6}")->zh, "未知字段 {YY{N:6}，可用 {YYYY} {YY} {L} {N:6}");
    EXPECT_EQ(check_number_pattern("S{YY}{N:6")->en, "a { in the pattern has no }");
    EXPECT_EQ(check_number_pattern("S {YY}{N:6}")->en, "the pattern may hold letters, digits and symbols (no spaces)");
    EXPECT_EQ(check_number_pattern("证{YY}{N:6}")->en, "the pattern may hold letters, digits and symbols (no spaces)");
}

TEST(certificate, validity_ends_the_day_before_the_anniversary) {
    EXPECT_EQ(format_date(expiry(*parse_date("2026-12-01"), 36)), "2029-11-30");
    EXPECT_EQ(format_date(expiry(*parse_date("2024-02-29"), 12)), "2025-02-27");
    EXPECT_EQ(format_date(expiry(*parse_date("2026-01-31"), 1)), "2026-02-27");
}
