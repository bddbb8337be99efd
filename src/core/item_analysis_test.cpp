// Item statistics against values worked out by hand on small matrices, and the flags at their
// thresholds.
#include "core/item_analysis.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace skillgrade::core {
namespace {

// Five candidates, three right/wrong questions (1 point each):
//   C1 1 1 1 | C2 1 1 0 | C3 1 0 0 | C4 0 1 0 | C5 0 0 0
std::vector<candidate_responses> five_by_three() {
    const int m[5][3] = {{1, 1, 1}, {1, 1, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 0}};
    std::vector<candidate_responses> out;
    for (int c = 0; c < 5; ++c) {
        candidate_responses r{c + 1, {}};
        for (int i = 0; i < 3; ++i) r.items.push_back({100 + i, static_cast<double>(m[c][i]), 1, {}});
        out.push_back(r);
    }
    return out;
}
const item_stats& of(const std::vector<item_stats>& v, std::int64_t item) {
    return *std::find_if(v.begin(), v.end(), [&](auto& s) { return s.item == item; });
}
bool flagged(const item_stats& s, const std::string& f) { return std::find(s.flags.begin(), s.flags.end(), f) != s.flags.end(); }

}  // namespace

TEST(item_analysis, difficulty_and_corrected_point_biserial) {
    auto stats = analyse_items(five_by_three());
    ASSERT_EQ(stats.size(), 3u);
    EXPECT_DOUBLE_EQ(of(stats, 100).p, 0.6);
    EXPECT_DOUBLE_EQ(of(stats, 102).p, 0.2);
    // Item 1 against the rest (2, 1, 0, 1, 0): cov 0.12, σx √0.24, σrest √0.56 → 0.12 / √(0.24·0.56) = 0.327327…
    ASSERT_TRUE(of(stats, 100).point_biserial);
    EXPECT_NEAR(*of(stats, 100).point_biserial, 0.12 / std::sqrt(0.24 * 0.56), 1e-12);
    EXPECT_NEAR(*of(stats, 100).point_biserial, 0.327327, 1e-6);
    // 27 % of five is one candidate each side: C1 (3) above, C5 (0) below.
    EXPECT_DOUBLE_EQ(*of(stats, 100).upper_lower, 1.0);
    EXPECT_EQ(of(stats, 100).n, 5);
}

TEST(item_analysis, upper_and_lower_groups_are_27_percent) {
    // Ten candidates: 27 % is three each side. The question is right for the top three and for one
    // of the bottom three: (3/3 − 1/3) / 1 = 0.667.
    std::vector<candidate_responses> cands;
    for (int c = 0; c < 10; ++c) {
        candidate_responses r{c + 1, {}};
        r.items.push_back({1, static_cast<double>(10 - c), 10, {}});  // sets the order: C1 highest
        double q = c < 3 || c == 8 ? 1 : 0;
        r.items.push_back({2, q, 1, {}});
        cands.push_back(r);
    }
    auto s = analyse_items(cands);
    EXPECT_NEAR(*of(s, 2).upper_lower, 2.0 / 3.0, 1e-12);
}

TEST(item_analysis, flags_sit_at_their_thresholds) {
    // p exactly 0.2 and 0.9 are not flagged; just below and above are.
    auto at = [](int right, int of_n) {
        std::vector<candidate_responses> cands;
        for (int c = 0; c < of_n; ++c) cands.push_back({c + 1, {{7, c < right ? 1.0 : 0.0, 1, {}}}});
        return analyse_items(cands).front();
    };
    EXPECT_FALSE(flagged(at(2, 10), "too_hard"));
    EXPECT_TRUE(flagged(at(19, 100), "too_hard"));
    EXPECT_FALSE(flagged(at(9, 10), "too_easy"));
    EXPECT_TRUE(flagged(at(91, 100), "too_easy"));
    // Item 3 of the five: right only for C1 (rest 2; the others' 2, 1, 1, 0): r = 0.16 / (0.4 · √0.56) ≈ 0.53, not weak.
    auto stats = analyse_items(five_by_three());
    EXPECT_FALSE(flagged(of(stats, 102), "weak_discrimination"));
    EXPECT_NEAR(*of(stats, 102).point_biserial, 0.16 / (0.4 * std::sqrt(0.56)), 1e-12);
    EXPECT_FALSE(flagged(of(stats, 102), "too_hard")) << "p 0.2 is on the threshold";
    // A question the weaker candidates get right discriminates negatively.
    std::vector<candidate_responses> reversed;
    for (int c = 0; c < 6; ++c) reversed.push_back({c + 1, {{1, static_cast<double>(6 - c), 6, {}}, {2, c >= 3 ? 1.0 : 0.0, 1, {}}}});
    auto r = analyse_items(reversed);
    EXPECT_LT(*of(r, 2).point_biserial, 0);
    EXPECT_TRUE(flagged(of(r, 2), "weak_discrimination"));
    EXPECT_LT(*of(r, 2).upper_lower, 0);
}

TEST(item_analysis, option_distribution_weak_and_reversed_distractors) {
    // Twenty candidates ordered by a first question; on the second (key A) the best two chose C,
    // nobody chose D.
    std::vector<candidate_responses> cands;
    for (int c = 0; c < 20; ++c) {
        std::string pick = c < 2 ? "C" : c < 14 ? "A" : "B";
        cands.push_back({c + 1, {{1, static_cast<double>(20 - c), 20, {}}, {2, pick == "A" ? 1.0 : 0.0, 1, {pick}}}});
    }
    auto s = analyse_items(cands, {{2, {"A", "B", "C", "D"}, {"A"}}});
    auto& q = of(s, 2);
    ASSERT_EQ(q.options.size(), 4u);
    EXPECT_TRUE(q.options[0].correct);
    EXPECT_DOUBLE_EQ(q.options[0].share, 12.0 / 20);
    EXPECT_DOUBLE_EQ(q.options[3].share, 0);
    EXPECT_TRUE(flagged(q, "weak_distractor:D"));
    EXPECT_FALSE(flagged(q, "weak_distractor:C")) << "2 of 20 is 10 %";
    EXPECT_TRUE(flagged(q, "reversed_distractor:C")) << "chosen by the upper group, not the lower";
    EXPECT_FALSE(flagged(q, "reversed_distractor:B"));
}

TEST(item_analysis, kr20_for_right_or_wrong_items) {
    // The five by three: Σpq = 0.24 + 0.24 + 0.16 = 0.64, σ²(totals 3,2,1,1,0) = 1.04,
    // KR-20 = 3/2 · (1 − 0.64/1.04) = 0.576923…; SEM = √1.04 · √(1 − 0.576923) = √0.44.
    std::vector<std::vector<double>> m = {{1, 1, 1}, {1, 1, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 0}};
    auto r = reliability_of(m, {1, 1, 1});
    EXPECT_EQ(r.method, "kr20");
    ASSERT_TRUE(r.value && r.sem);
    EXPECT_NEAR(*r.value, 1.5 * (1 - 0.64 / 1.04), 1e-12);
    EXPECT_NEAR(*r.value, 0.576923, 1e-6);
    EXPECT_NEAR(*r.sem, std::sqrt(0.44), 1e-12);
    // Right answers worth 2 points are still right or wrong; the SEM is in points.
    std::vector<std::vector<double>> doubled = {{2, 2, 2}, {2, 2, 0}, {2, 0, 0}, {0, 2, 0}, {0, 0, 0}};
    auto d = reliability_of(doubled, {2, 2, 2});
    EXPECT_EQ(d.method, "kr20");
    EXPECT_NEAR(*d.value, *r.value, 1e-12);
    EXPECT_NEAR(*d.sem, 2 * std::sqrt(0.44), 1e-12);
}

TEST(item_analysis, cronbach_alpha_for_partial_scores) {
    // σ²(2,1,1,0) = 0.5, σ²(2,2,0,0) = 1, σ²(totals 4,3,1,0) = 2.5: α = 2 · (1 − 1.5/2.5) = 0.8; SEM = √2.5 · √0.2.
    std::vector<std::vector<double>> m = {{2, 2}, {1, 2}, {1, 0}, {0, 0}};
    auto r = reliability_of(m, {2, 2});
    EXPECT_EQ(r.method, "alpha");
    EXPECT_NEAR(*r.value, 0.8, 1e-12);
    EXPECT_NEAR(*r.sem, std::sqrt(0.5), 1e-12);
}

TEST(item_analysis, too_little_to_say_is_no_value) {
    EXPECT_FALSE(reliability_of({{1, 0}}, {1, 1}).value) << "one candidate";
    EXPECT_FALSE(reliability_of({{1}, {0}}, {1}).value) << "one item";
    EXPECT_FALSE(reliability_of({{1, 1}, {1, 1}}, {1, 1}).value) << "no variance";
    auto one = analyse_items({{1, {{5, 1, 1, {}}}}});
    EXPECT_FALSE(one.front().point_biserial);
    EXPECT_FALSE(one.front().upper_lower);
}

}  // namespace skillgrade::core
