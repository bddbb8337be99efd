#include "core/eligibility.hpp"

#include <gtest/gtest.h>

using namespace skillgrade::core;

namespace {
date d(const char* s) { return *parse_date(s); }

// Two levels; level B has path 1 = (2 years at A + certificate A + 24 h training in 12 months +
// course C1) and path 2 = (6 years of work + associate degree).
scheme make_scheme() {
    scheme s;
    s.code = "t";
    s.courses = {{"C1", {"诊断", "Diagnosis"}}};
    level a;
    a.rank = 1;
    a.code = "A";
    a.label = {"甲级", "Level A"};
    level b;
    b.rank = 2;
    b.code = "B";
    b.label = {"乙级", "Level B"};
    eligibility_path p1;
    p1.months_at_previous = 24;
    p1.held_certificate = "A";
    p1.training_hours = 24;
    p1.training_window_months = 12;
    p1.required_courses = {"C1"};
    eligibility_path p2;
    p2.work_months = 72;
    p2.min_education = education::associate;
    b.eligibility = {p1, p2};
    s.levels = {a, b};
    return s;
}

engineer_facts base() {
    engineer_facts f;
    f.career_start = d("2020-01-01");
    f.edu = education::associate;
    f.current_rank = 1;
    f.level_since = d("2022-01-01");
    f.training = {{"C1", 16, d("2023-06-01"), true}, {"X", 8, d("2023-09-01"), false}};
    return f;
}

const condition_result& find(const path_result& p, const std::string& kind) {
    for (auto& c : p.conditions)
        if (c.kind == kind) return c;
    throw std::runtime_error("no condition " + kind);
}
}  // namespace

TEST(eligibility, work_years_on_below_above_the_boundary) {
    auto s = make_scheme();
    auto f = base();
    f.current_rank = 0;  // path 1 fails; path 2 decides
    EXPECT_FALSE(evaluate_eligibility(s, s.levels[1], f, d("2025-12-31")).eligible);  // 5.9 years
    auto on = evaluate_eligibility(s, s.levels[1], f, d("2026-01-01"));              // 6 years exactly
    EXPECT_TRUE(on.eligible);
    EXPECT_EQ(on.met_path, 1);
    EXPECT_EQ(on.summary.zh, "满足路径 2：累计工作 6 年 ≥ 6 年；学历 大专 ≥ 大专");
    EXPECT_TRUE(evaluate_eligibility(s, s.levels[1], f, d("2026-01-02")).eligible);
    auto below = evaluate_eligibility(s, s.levels[1], f, d("2025-03-01"));
    auto& work = find(below.paths[1], "work_years");
    EXPECT_FALSE(work.met);
    EXPECT_EQ(work.explanation.zh, "累计工作 5.2 年 < 6 年");
    EXPECT_EQ(work.explanation.en, "work experience 5.2 years < 6 years");
    EXPECT_EQ(work.gap.zh, "还需工作 10 个月");
    EXPECT_EQ(work.gap.en, "10 months more of work experience");
}

TEST(eligibility, education_below_on_above) {
    auto s = make_scheme();
    auto f = base();
    f.current_rank = 0;
    auto cutoff = d("2026-06-01");
    f.edu = education::high_school;
    EXPECT_FALSE(evaluate_eligibility(s, s.levels[1], f, cutoff).eligible);
    f.edu = education::associate;
    EXPECT_TRUE(evaluate_eligibility(s, s.levels[1], f, cutoff).eligible);
    f.edu = education::bachelor;
    EXPECT_TRUE(evaluate_eligibility(s, s.levels[1], f, cutoff).eligible);
}

TEST(eligibility, years_at_level_and_training_window_at_the_cutoff) {
    auto s = make_scheme();
    auto f = base();
    f.career_start = d("2023-01-01");  // path 2 out of reach
    // Training: 16 h on 2023-06-01 + 8 h on 2023-09-01 = 24 h within 12 months of the cut-off.
    auto r = evaluate_eligibility(s, s.levels[1], f, d("2024-05-31"));
    EXPECT_TRUE(r.eligible) << r.paths[0].conditions[0].explanation.en;
    EXPECT_EQ(r.met_path, 0);
    // One day later the June course leaves the 12-month window: 8 h < 24 h.
    auto late = evaluate_eligibility(s, s.levels[1], f, d("2024-06-01"));
    EXPECT_FALSE(late.eligible);
    EXPECT_EQ(find(late.paths[0], "training_hours").gap.zh, "还需培训 16 学时");
    // Years at the level: one day short of 2 years.
    f.level_since = d("2022-06-01");
    auto shy = evaluate_eligibility(s, s.levels[1], f, d("2024-05-31"));
    EXPECT_FALSE(find(shy.paths[0], "years_at_level").met);
    EXPECT_EQ(find(shy.paths[0], "years_at_level").gap.zh, "本级任职还差 1 个月");
}

TEST(eligibility, courses_count_only_when_passed_before_the_cutoff) {
    auto s = make_scheme();
    auto f = base();
    f.career_start = d("2023-01-01");
    f.training[0].passed = false;
    EXPECT_FALSE(find(evaluate_eligibility(s, s.levels[1], f, d("2024-05-31")).paths[0], "course").met);
    f.training[0].passed = true;
    EXPECT_FALSE(find(evaluate_eligibility(s, s.levels[1], f, d("2023-05-31")).paths[0], "course").met);
    EXPECT_TRUE(find(evaluate_eligibility(s, s.levels[1], f, d("2023-06-01")).paths[0], "course").met);
}

TEST(eligibility, a_lower_level_cannot_use_the_years_at_level_path) {
    auto s = make_scheme();
    auto f = base();
    f.current_rank = 0;
    f.career_start = d("2023-01-01");
    auto r = evaluate_eligibility(s, s.levels[1], f, d("2024-05-31"));
    EXPECT_FALSE(r.eligible);
    EXPECT_EQ(find(r.paths[0], "years_at_level").gap.zh, "需先取得甲级");
    EXPECT_EQ(find(r.paths[0], "certificate").gap.en, "obtain the Level A certificate");
    EXPECT_EQ(r.summary.en, "meets none of the eligibility paths");
}

TEST(eligibility, a_level_without_paths_is_open) {
    auto s = make_scheme();
    EXPECT_TRUE(evaluate_eligibility(s, s.levels[0], base(), d("2024-01-01")).eligible);
}

TEST(eligibility, without_explanations_the_verdicts_are_the_same) {
    auto s = make_scheme();
    // Facts that move each condition across its boundary, at cut-offs on both sides of the anniversaries.
    std::vector<engineer_facts> facts;
    for (int rank : {0, 1})
        for (auto edu : {education::high_school, education::associate})
            for (int hours : {0, 8, 24}) {
                auto f = base();
                f.current_rank = rank;
                f.edu = edu;
                f.training.push_back({"Y", hours, d("2023-10-01"), true});
                facts.push_back(f);
            }
    int eligible = 0;
    for (auto& f : facts)
        for (auto cutoff : {d("2023-12-31"), d("2024-01-01"), d("2025-12-31"), d("2026-01-01"), d("2026-06-30")}) {
            auto full = evaluate_eligibility(s, s.levels[1], f, cutoff);
            auto bare = evaluate_eligibility(s, s.levels[1], f, cutoff, false);
            ASSERT_EQ(bare.eligible, full.eligible);
            ASSERT_EQ(bare.met_path, full.met_path);
            ASSERT_EQ(bare.paths.size(), full.paths.size());
            for (std::size_t i = 0; i < full.paths.size(); ++i)
                for (std::size_t j = 0; j < full.paths[i].conditions.size(); ++j)
                    EXPECT_EQ(bare.paths[i].conditions[j].met, full.paths[i].conditions[j].met);
            EXPECT_TRUE(bare.summary.zh.empty() && bare.paths[0].conditions[0].explanation.en.empty());
            eligible += full.eligible ? 1 : 0;
        }
    EXPECT_GT(eligible, 0);                                     // both verdicts occur among the cases
    EXPECT_LT(eligible, static_cast<int>(facts.size()) * 5);
}

// A verdict kept as its measured values is explained again word for word, for every kind of
// condition met and unmet, at the previous level and not, with a certificate and by a level record.
TEST(eligibility, stored_values_explain_the_same_words) {
    auto s = make_scheme();
    s.levels[1].eligibility[0].held_certificate = "A";
    std::vector<engineer_facts> cases;
    cases.push_back(base());
    auto f = base();
    f.current_rank = 0;
    f.edu = education::high_school;
    f.training.clear();
    cases.push_back(f);
    f = base();
    f.certificates = {"A"};
    f.career_start = d("2010-01-01");
    cases.push_back(f);
    for (auto& facts : cases)
        for (auto cutoff : {d("2023-12-31"), d("2026-01-01")}) {
            auto whole = evaluate_eligibility(s, s.levels[1], facts, cutoff);
            auto again = explain_eligibility(s, s.levels[1], measured_values(evaluate_eligibility(s, s.levels[1], facts, cutoff, false)));
            ASSERT_TRUE(again);
            EXPECT_EQ(again->eligible, whole.eligible);
            EXPECT_EQ(again->met_path, whole.met_path);
            EXPECT_EQ(again->summary.zh, whole.summary.zh);
            EXPECT_EQ(again->summary.en, whole.summary.en);
            ASSERT_EQ(again->paths.size(), whole.paths.size());
            for (std::size_t i = 0; i < whole.paths.size(); ++i) {
                ASSERT_EQ(again->paths[i].conditions.size(), whole.paths[i].conditions.size());
                for (std::size_t j = 0; j < whole.paths[i].conditions.size(); ++j) {
                    auto &a = again->paths[i].conditions[j], &w = whole.paths[i].conditions[j];
                    EXPECT_EQ(a.kind, w.kind);
                    EXPECT_EQ(a.met, w.met);
                    EXPECT_EQ(a.explanation.zh, w.explanation.zh);
                    EXPECT_EQ(a.explanation.en, w.explanation.en);
                    EXPECT_EQ(a.gap.zh, w.gap.zh);
                    EXPECT_EQ(a.gap.en, w.gap.en);
                }
            }
        }
}

// Values that do not fit the level's conditions (another path count, another condition count) explain nothing.
TEST(eligibility, stored_values_of_another_shape_explain_nothing) {
    auto s = make_scheme();
    // Path 1: months at the previous level, training hours, the course, the certificate; path 2: work, education.
    EXPECT_TRUE(explain_eligibility(s, s.levels[1], {{30, 24, 1, 1}, {72, 3}}));
    EXPECT_FALSE(explain_eligibility(s, s.levels[1], {{30, 24, 1, 1}}));
    EXPECT_FALSE(explain_eligibility(s, s.levels[1], {{30, 24, 1, 1, 0}, {72, 3}}));
    EXPECT_FALSE(explain_eligibility(s, s.levels[1], {{30, 24, 1, 1}, {72}}));
}
