#include "core/cycle.hpp"

#include <gtest/gtest.h>

using namespace skillgrade::core;

TEST(cycle, every_forward_step_and_no_skips) {
    for (int a = 0; a <= static_cast<int>(cycle_status::closed); ++a)
        for (int b = 0; b <= static_cast<int>(cycle_status::closed); ++b) {
            auto from = static_cast<cycle_status>(a), to = static_cast<cycle_status>(b);
            auto r = transition(from, to, "");
            EXPECT_EQ(r.has_value(), b == a + 1) << to_string(from) << " -> " << to_string(to);
        }
}

TEST(cycle, going_back_needs_a_reason_and_closed_is_final) {
    auto no_reason = transition(cycle_status::interview, cycle_status::practical_test, "  ");
    ASSERT_FALSE(no_reason);
    EXPECT_EQ(no_reason.error().slug, "cycle.reason_required");
    EXPECT_TRUE(transition(cycle_status::interview, cycle_status::practical_test, "考场停电，重考"));
    EXPECT_FALSE(transition(cycle_status::closed, cycle_status::certification, "reopen"));
    EXPECT_FALSE(transition(cycle_status::interview, cycle_status::written_exam, "two steps back"));
    auto skip = transition(cycle_status::application, cycle_status::written_exam, "");
    EXPECT_EQ(skip.error().title.zh, "不能从“申报”直接转到“笔试”");
}

TEST(calendar, working_days_skip_weekends_and_holidays_and_count_makeup_days) {
    work_calendar cal;
    auto d = [](const char* s) { return *parse_date(s); };
    // National Day 2026: Oct 1–7 off, Sat Oct 10 a make-up workday.
    for (int i = 1; i <= 7; ++i) cal.holidays.insert(d(("2026-10-0" + std::to_string(i)).c_str()));
    cal.workdays.insert(d("2026-10-10"));
    EXPECT_EQ(add_working_days(d("2026-09-30"), 1, cal), d("2026-10-08"));
    EXPECT_EQ(add_working_days(d("2026-09-30"), 3, cal), d("2026-10-10"));
    EXPECT_EQ(add_working_days(d("2026-09-30"), 4, cal), d("2026-10-12"));
    EXPECT_EQ(add_working_days(d("2026-11-27"), 1, cal), d("2026-11-30")) << "Friday + 1 is Monday";
    EXPECT_EQ(add_working_days(d("2026-11-27"), 0, cal), d("2026-11-27"));
}
