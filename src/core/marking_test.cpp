// Settling a marked answer: single and double marking, the discrepancy threshold on, below and
// above it, and the third marker.
#include "core/marking.hpp"

#include <gtest/gtest.h>

namespace skillgrade::core {

TEST(marking, single_marking_settles_on_the_first_mark) {
    marking_rule single{false, 20};
    EXPECT_EQ(settle(single, 1000, {}).next_round, 1);
    auto s = settle(single, 1000, {730});
    EXPECT_EQ(s.next_round, 0);
    EXPECT_EQ(s.points, 730);
}

TEST(marking, double_marking_takes_the_mean_within_the_threshold) {
    marking_rule rule{true, 20};  // 20 % of 10.00 points: 2.00
    EXPECT_EQ(discrepancy_threshold(rule, 1000), 200);
    EXPECT_EQ(settle(rule, 1000, {700}).next_round, 2);
    auto on = settle(rule, 1000, {700, 500});  // exactly 2.00 apart: settled
    EXPECT_EQ(on.next_round, 0);
    EXPECT_EQ(on.points, 600);
    EXPECT_FALSE(on.discrepant);
    auto below = settle(rule, 1000, {700, 601});  // mean 650.5 rounds half up
    EXPECT_EQ(below.points, 651);
    auto above = settle(rule, 1000, {700, 499});  // 2.01 apart: a third marker
    EXPECT_EQ(above.next_round, 3);
    EXPECT_FALSE(above.points);
    EXPECT_TRUE(above.discrepant);
}

TEST(marking, the_third_mark_settles_with_the_closest_of_the_first_two) {
    marking_rule rule{true, 20};
    auto near_first = settle(rule, 1000, {800, 400, 750});
    EXPECT_EQ(near_first.next_round, 0);
    EXPECT_EQ(near_first.points, 775);
    EXPECT_TRUE(near_first.discrepant);
    EXPECT_EQ(settle(rule, 1000, {800, 400, 450}).points, 425);
    // Equally far from both: with the higher of the two.
    EXPECT_EQ(settle(rule, 1000, {800, 400, 600}).points, 700);
    // The first two closer to each other than to the third: their mean.
    EXPECT_EQ(settle(rule, 1000, {0, 300, 1000}).points, 150);
}

TEST(marking, a_threshold_of_zero_needs_equal_marks) {
    marking_rule strict{true, 0};
    EXPECT_EQ(settle(strict, 500, {300, 300}).points, 300);
    EXPECT_EQ(settle(strict, 500, {300, 301}).next_round, 3);
}

}  // namespace skillgrade::core
