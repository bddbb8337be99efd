#include "core/numbers.hpp"

#include <gtest/gtest.h>

#include "core/date.hpp"
#include "core/people.hpp"

using namespace skillgrade::core;

TEST(numbers, round_half_up_on_below_above_half) {
    EXPECT_EQ(round_half_up(149, 100), 1);
    EXPECT_EQ(round_half_up(150, 100), 2);
    EXPECT_EQ(round_half_up(151, 100), 2);
    EXPECT_EQ(round_half_up(-150, 100), -2);
    EXPECT_EQ(round_half_up(0, 7), 0);
}

TEST(numbers, hundredths_parse_and_format) {
    EXPECT_EQ(parse_hundredths("60"), 6000);
    EXPECT_EQ(parse_hundredths("60.5"), 6050);
    EXPECT_EQ(parse_hundredths("60.25"), 6025);
    EXPECT_FALSE(parse_hundredths("60.255"));
    EXPECT_FALSE(parse_hundredths("6x"));
    EXPECT_FALSE(parse_hundredths("."));
    EXPECT_EQ(format_hundredths(6050), "60.50");
    EXPECT_EQ(format_hundredths(5), "0.05");
}

TEST(dates, parse_rejects_impossible_days) {
    EXPECT_TRUE(parse_date("2024-02-29"));
    EXPECT_FALSE(parse_date("2023-02-29"));
    EXPECT_FALSE(parse_date("2023-13-01"));
    EXPECT_FALSE(parse_date("2023/01/01"));
    EXPECT_EQ(format_date(*parse_date("2024-02-29")), "2024-02-29");
}

TEST(dates, months_between_counts_whole_months) {
    auto a = *parse_date("2020-01-15");
    EXPECT_EQ(months_between(a, *parse_date("2021-01-14")), 11);
    EXPECT_EQ(months_between(a, *parse_date("2021-01-15")), 12);
    EXPECT_EQ(months_between(a, *parse_date("2021-01-16")), 12);
}

TEST(people, validate_names_each_bad_field) {
    engineer_input in{"E1", "张伟", "T1", "2020-01-01", "2019-01-01", "本科"};
    auto today = *parse_date("2026-01-01");
    EXPECT_TRUE(validate(in, today, 5).empty());
    in.hire_date = "2027-01-01";
    in.education = "小学";
    in.email = "nope";
    in.rank = 6;
    auto errs = validate(in, today, 5);
    std::vector<std::string> fields;
    for (auto& e : errs) fields.push_back(e.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"hire_date", "education", "email", "rank", "level_since"}));
}

TEST(people, split_list_accepts_chinese_separators) {
    EXPECT_EQ(split_list("家用空调、冰箱；洗衣机, 热水器"), (std::vector<std::string>{"家用空调", "冰箱", "洗衣机", "热水器"}));
    EXPECT_TRUE(split_list("  ").empty());
}
