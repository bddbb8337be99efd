#include "core/evaluation.hpp"

#include <gtest/gtest.h>

using namespace skillgrade::core;

namespace {
// written 30% ≥ 60, practical 40% ≥ 65, performance 30% ≥ 60; overall ≥ 70.
level make_level() {
    level lv;
    lv.rank = 2;
    lv.code = "L2";
    lv.pass_mark = 7000;
    lv.components = {{component_kind::written, 30, 6000}, {component_kind::practical, 40, 6500}, {component_kind::performance, 30, 6000}};
    return lv;
}
std::vector<component_score> scores(std::optional<std::int64_t> w, std::optional<std::int64_t> p, std::optional<std::int64_t> f) {
    return {{component_kind::written, w}, {component_kind::practical, p}, {component_kind::performance, f}};
}
}  // namespace

TEST(evaluate, weighted_total_is_exact_and_rounded_half_up_once) {
    auto lv = make_level();
    // 70.01×30 + 70.02×40 + 70.03×30 = 7002.0 → 70.02 exactly.
    EXPECT_EQ(evaluate(lv, scores(7001, 7002, 7003)).total, 7002);
    // 70.01×30 + 70.01×40 + 70.02×30 = 700130 / 100 = 7001.3 → 7001.
    EXPECT_EQ(evaluate(lv, scores(7001, 7001, 7002)).total, 7001);
    // 70.00×30 + 70.00×40 + 70.05×30 = 700150 / 100 = 7001.5 → 7002 (half-up).
    EXPECT_EQ(evaluate(lv, scores(7000, 7000, 7005)).total, 7002);
}

TEST(evaluate, practical_gate_is_inclusive) {
    auto lv = make_level();
    EXPECT_FALSE(evaluate(lv, scores(9000, 6499, 9000)).passed);
    EXPECT_TRUE(evaluate(lv, scores(9000, 6500, 9000)).passed);
    EXPECT_TRUE(evaluate(lv, scores(9000, 6501, 9000)).passed);
    auto out = evaluate(lv, scores(9000, 6499, 9000));
    ASSERT_EQ(out.reasons.size(), 1u);
    EXPECT_EQ(out.reasons[0].zh, "实际操作 64.99 低于及格线 65.00");
}

TEST(evaluate, overall_pass_mark_on_below_above) {
    auto lv = make_level();
    EXPECT_FALSE(evaluate(lv, scores(6999, 6999, 6999)).passed);
    EXPECT_TRUE(evaluate(lv, scores(7000, 7000, 7000)).passed);
    EXPECT_TRUE(evaluate(lv, scores(7001, 7001, 7001)).passed);
}

TEST(evaluate, absent_is_not_zero) {
    auto lv = make_level();
    auto absent = evaluate(lv, scores(9000, std::nullopt, 9000));
    EXPECT_FALSE(absent.passed);
    EXPECT_EQ(absent.reasons[0].zh, "实际操作缺考");
    auto zero = evaluate(lv, scores(9000, 0, 9000));
    EXPECT_EQ(zero.reasons[0].zh, "实际操作 0.00 低于及格线 65.00");
    EXPECT_FALSE(evaluate(lv, {{component_kind::written, 9000}}).passed) << "missing components count as absent";
}

TEST(quota, percentage_rounds_down_and_ties_break_in_order) {
    EXPECT_EQ(places({quota::kind::percent, 50}, 5), 2);
    EXPECT_EQ(places({quota::kind::percent, 100}, 5), 5);
    EXPECT_EQ(places({quota::kind::count, 3}, 5), 3);
    EXPECT_EQ(places({}, 5), 5);
    std::vector<candidate> cs = {
        {1, true, 8000, 8000, 7000, "2026-03-02"},
        {2, true, 8000, 8500, 6000, "2026-03-03"},  // higher practical beats 1
        {3, true, 8000, 8000, 7000, "2026-03-01"},  // earlier application beats 1
        {4, false, 9900, 9900, 9900, "2026-03-01"}, // failed: never ranked
        {5, true, 8100, 6000, 6000, "2026-03-05"},  // highest total
    };
    auto r = rank_with_quota(cs, {quota::kind::count, 3});
    std::vector<std::int64_t> order;
    for (auto& x : r) order.push_back(x.id);
    EXPECT_EQ(order, (std::vector<std::int64_t>{5, 2, 3, 1, 4}));
    EXPECT_TRUE(r[2].selected);
    EXPECT_FALSE(r[3].selected);
    EXPECT_EQ(r[3].rank, 4);
    EXPECT_EQ(r[4].rank, 0);
    // The same input in another order gives the same ranking.
    std::reverse(cs.begin(), cs.end());
    auto again = rank_with_quota(cs, {quota::kind::count, 3});
    for (std::size_t i = 0; i < r.size(); ++i) EXPECT_EQ(again[i].id, r[i].id);
}

TEST(committee, majority_decides_and_panels_are_odd) {
    using v = vote;
    EXPECT_EQ(decide({v::approve, v::approve, v::reject}), decision::approved);
    EXPECT_EQ(decide({v::reject, v::reject, v::approve}), decision::rejected);
    EXPECT_EQ(decide({v::approve, v::reject, v::defer}), decision::deferred);
    EXPECT_EQ(decide({v::approve, v::approve, v::defer, v::defer, v::reject}), decision::deferred);
    EXPECT_EQ(decide({v::approve, v::approve, v::approve, v::defer, v::reject}), decision::approved);
    EXPECT_FALSE(decide({v::approve, v::approve}));
    EXPECT_FALSE(decide({v::approve, v::approve, v::approve, v::approve}));
    EXPECT_FALSE(decide({}));
}
