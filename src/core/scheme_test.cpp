#include "core/scheme.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace skillgrade::core;

namespace {
std::string preset(const std::string& name) {
    std::ifstream in(std::string(SKILLGRADE_SOURCE_DIR) + "/schemes/" + name);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* kMinimal = R"(
[scheme]
code = "t"
name_zh = "测试"
name_en = "Test"
[[courses]]
code = "C1"
name_zh = "课"
name_en = "Course"
[[levels]]
rank = 1
code = "A"
name_zh = "甲"
name_en = "A"
max_difficulty = "simple"
pass_mark = 60
validity_months = 12
basic_requirements = [{ zh = "基", en = "basic" }]
skill_requirements = [{ zh = "技", en = "skill" }]
[[levels.eligibility]]
years_of_work = 1
required_courses = ["C1"]
[[levels.components]]
kind = "written"
weight = 60
pass_mark = 60
[[levels.components]]
kind = "practical"
weight = 40
pass_mark = 60
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
    auto pos = s.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) s.replace(pos, from.size(), to);
    return s;
}

bool has_error(const error& e, const std::string& field, const std::string& en_part) {
    for (auto& f : e.fields)
        if (f.field == field && f.message.en.find(en_part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST(scheme, presets_parse_with_every_level) {
    auto five = parse_scheme(preset("company-5.toml"), "company-5.toml");
    ASSERT_TRUE(five) << five.error().fields.front().field << " " << five.error().fields.front().message.en;
    ASSERT_EQ(five->levels.size(), 5u);
    EXPECT_EQ(five->levels[0].label.zh, "初级售后工程师");
    EXPECT_EQ(five->levels[4].label.zh, "顾问级售后工程师");
    EXPECT_EQ(five->levels[3].basic_requirements[1].zh, "深入掌握公司产品线，能够解决疑难杂症。");
    for (auto& l : five->levels) {
        EXPECT_EQ(l.basic_requirements.size(), 3u);
        EXPECT_EQ(l.skill_requirements.size(), 3u);
    }
    auto four = parse_scheme(preset("company-4.toml"), "company-4.toml");
    ASSERT_TRUE(four);
    EXPECT_EQ(four->levels.size(), 4u);
    EXPECT_EQ(four->levels[3].label.zh, "专家级售后工程师");
    auto national = parse_scheme(preset("national-5.toml"), "national-5.toml");
    ASSERT_TRUE(national);
    EXPECT_EQ(national->levels[0].label.zh, "五级/初级工");
    EXPECT_EQ(national->levels[4].label.zh, "一级/高级技师");
    for (auto& l : national->levels) {
        EXPECT_EQ(l.pass_mark, 6000);
        bool review = false;
        for (auto& c : l.components) {
            EXPECT_EQ(c.pass_mark, 6000);
            review |= c.kind == component_kind::review;
        }
        EXPECT_EQ(review, l.rank >= 4) << l.code;
    }
    // 四级: 五级 certificate + 4 years, or 6 years of work.
    auto& n4 = national->levels[1];
    ASSERT_EQ(n4.eligibility.size(), 2u);
    EXPECT_EQ(n4.eligibility[0].held_certificate, "N5");
    EXPECT_EQ(n4.eligibility[0].months_at_previous, 48);
    EXPECT_EQ(n4.eligibility[1].work_months, 72);
}

TEST(scheme, minimal_is_valid) {
    auto s = parse_scheme(kMinimal, "t.toml");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->levels[0].eligibility[0].work_months, 12);
    EXPECT_EQ(describe(s->levels[0].eligibility[0], *s).zh, "累计工作 ≥ 1 年；完成课程《课》");
}

TEST(scheme, weights_must_sum_to_100_on_below_above) {
    EXPECT_FALSE(parse_scheme(replace(kMinimal, "weight = 40", "weight = 39"), "t.toml"));
    EXPECT_TRUE(parse_scheme(kMinimal, "t.toml"));
    auto over = parse_scheme(replace(kMinimal, "weight = 40", "weight = 41"), "t.toml");
    ASSERT_FALSE(over);
    EXPECT_TRUE(has_error(over.error(), "levels[A].components", "sum to 101%"));
    EXPECT_NE(over.error().title.en.find("t.toml"), std::string::npos);
}

TEST(scheme, pass_marks_are_bounded_0_to_100) {
    EXPECT_TRUE(parse_scheme(replace(kMinimal, "pass_mark = 60\nvalidity", "pass_mark = 100\nvalidity"), "t.toml"));
    EXPECT_TRUE(parse_scheme(replace(kMinimal, "pass_mark = 60\nvalidity", "pass_mark = 0\nvalidity"), "t.toml"));
    auto high = parse_scheme(replace(kMinimal, "pass_mark = 60\nvalidity", "pass_mark = 100.01\nvalidity"), "t.toml");
    ASSERT_FALSE(high);
    EXPECT_TRUE(has_error(high.error(), "levels[A].pass_mark", "between 0 and 100"));
    EXPECT_FALSE(parse_scheme(replace(kMinimal, "pass_mark = 60\nvalidity", "pass_mark = -1\nvalidity"), "t.toml"));
    EXPECT_FALSE(parse_scheme(replace(kMinimal, "pass_mark = 60\nvalidity", "pass_mark = 60.125\nvalidity"), "t.toml"));
}

TEST(scheme, reports_unknown_course_empty_path_and_gap_in_ranks) {
    auto bad = replace(replace(kMinimal, "required_courses = [\"C1\"]", "required_courses = [\"NOPE\"]"), "rank = 1", "rank = 2");
    auto r = parse_scheme(bad, "bad.toml");
    ASSERT_FALSE(r);
    EXPECT_TRUE(has_error(r.error(), "levels[A].eligibility[0].required_courses", "unknown course: NOPE"));
    EXPECT_TRUE(has_error(r.error(), "levels[A].rank", "contiguous"));
    auto empty = parse_scheme(replace(kMinimal, "years_of_work = 1\nrequired_courses = [\"C1\"]", "training_window_months = 6"), "t.toml");
    ASSERT_FALSE(empty);
    EXPECT_TRUE(has_error(empty.error(), "levels[A].eligibility[0]", "no condition"));
}

TEST(scheme, syntax_errors_name_the_line) {
    auto r = parse_scheme("[scheme\ncode = 1", "broken.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.front().field.rfind("line 1", 0), 0u);
}

TEST(scheme, unknown_fields_are_errors) {
    auto r = parse_scheme(replace(kMinimal, "validity_months = 12", "validity_months = 12\nvalidty = 3"), "t.toml");
    ASSERT_FALSE(r);
    EXPECT_TRUE(has_error(r.error(), "levels[A].validty", "unknown field"));
}

TEST(scheme, diff_lists_changed_fields) {
    auto a = parse_scheme(kMinimal, "a.toml");
    auto b = parse_scheme(replace(kMinimal, "pass_mark = 60\nvalidity", "pass_mark = 65\nvalidity"), "b.toml");
    ASSERT_TRUE(a && b);
    auto d = diff(*a, *b);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].path, "levels[1].pass_mark");
    EXPECT_EQ(d[0].before, "60.00");
    EXPECT_EQ(d[0].after, "65.00");
    EXPECT_TRUE(diff(*a, *a).empty());
}

TEST(scheme, recertification_lowers_one_level_unless_the_scheme_says_otherwise) {
    auto plain = parse_scheme(kMinimal, "t.toml");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->recertification_lower_by, 1);
    auto two = parse_scheme(replace(kMinimal, "code = \"t\"", "code = \"t\"\nrecertification_lower_by = 2"), "t.toml");
    ASSERT_TRUE(two);
    EXPECT_EQ(two->recertification_lower_by, 2);
    auto keep = parse_scheme(replace(kMinimal, "code = \"t\"", "code = \"t\"\nrecertification_lower_by = 0"), "t.toml");
    ASSERT_TRUE(keep);
    EXPECT_EQ(keep->recertification_lower_by, 0);
    for (auto bad : {"10", "-1", "\"1\"", "1.5"}) {
        auto r = parse_scheme(replace(kMinimal, "code = \"t\"", std::string("code = \"t\"\nrecertification_lower_by = ") + bad), "t.toml");
        ASSERT_FALSE(r) << bad;
        EXPECT_TRUE(has_error(r.error(), "scheme.recertification_lower_by", "0–9")) << bad;
    }
    auto changes = diff(*plain, *two);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].path, "scheme.recertification_lower_by");
    EXPECT_EQ(changes[0].before + "→" + changes[0].after, "1→2");
}
