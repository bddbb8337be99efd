// Papers drawn to a blueprint (exactly met, reproducible from the seed, spread by exposure) and
// objective marking at its boundaries.
#include "core/exams.hpp"

#include <gtest/gtest.h>

#include <set>

namespace skillgrade::core {
namespace {

// A bank of n questions per type for level 2 of one product line, difficulties 1–5 in turn.
std::vector<pool_question> bank(int per_type) {
    std::vector<pool_question> pool;
    std::int64_t id = 100;
    for (const char* type : {"single", "multiple", "true_false", "fill_blank", "short_answer"})
        for (int i = 0; i < per_type; ++i) {
            pool_question q;
            q.question_id = q.version_id = ++id;
            q.type = type;
            q.product_line = "家用空调";
            q.knowledge_point = i % 2 ? "冷媒" : "电控";
            q.ranks = {2, 3};
            q.difficulty = 1 + i % 5;
            if (q.type == "single" || q.type == "multiple") q.option_keys = {"A", "B", "C", "D"};
            pool.push_back(q);
        }
    return pool;
}

blueprint two_sections() {
    blueprint bp;
    bp.target_rank = 2;
    bp.sections = {{{"单选题", "Single choice"}, {"single"}, "", "", 1, 5, 10, 600, false},
                   {{"多选题", "Multiple choice"}, {"multiple"}, "", "", 1, 5, 10, 400, true}};
    return bp;
}

std::set<std::int64_t> ids(const std::vector<paper_item>& p) {
    std::set<std::int64_t> out;
    for (auto& i : p) out.insert(i.question_id);
    return out;
}

question multiple() {
    question q;
    q.type = "multiple";
    q.options = {{"A", {"a", ""}}, {"B", {"b", ""}}, {"C", {"c", ""}}, {"D", {"d", ""}}};
    q.correct = {"A", "B", "C"};
    return q;
}

}  // namespace

TEST(exams, the_generator_is_the_same_everywhere_for_a_seed) {
    draw_rng a(42), b(42), c(43);
    auto x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_NE(x, c.next());
    // splitmix64's published first output for seed 0.
    EXPECT_EQ(draw_rng(0).next(), 0xE220A8397B1DCDAFull);
    for (int i = 0; i < 1000; ++i) EXPECT_LT(a.below(7), 7u);
}

TEST(exams, a_blueprint_totals_100_points) {
    auto bp = two_sections();
    EXPECT_EQ(total_points(bp), 10000);
    EXPECT_TRUE(validate(bp).empty());
    bp.sections[1].points = 300;
    auto errs = validate(bp);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].field, "sections");
    EXPECT_NE(errs[0].message.zh.find("90.00"), std::string::npos) << errs[0].message.zh;
    bp.sections[1].difficulty_min = 4;
    bp.sections[1].difficulty_max = 3;
    bp.sections[0].count = 0;
    errs = validate(bp);
    std::set<std::string> fields;
    for (auto& e : errs) fields.insert(e.field);
    EXPECT_TRUE(fields.count("sections[1].difficulty_min"));
    EXPECT_TRUE(fields.count("sections[0].count"));
}

TEST(exams, a_paper_meets_the_blueprint_exactly) {
    auto pool = bank(30);
    auto bp = two_sections();
    auto paper = draw_paper(bp, pool, {}, 7);
    ASSERT_TRUE(paper);
    ASSERT_EQ(paper->size(), 20u);
    std::int64_t total = 0;
    int singles = 0, multiples = 0;
    for (auto& item : *paper) {
        total += item.points;
        auto& q = *std::find_if(pool.begin(), pool.end(), [&](auto& p) { return p.question_id == item.question_id; });
        (item.section == 0 ? singles : multiples) += 1;
        EXPECT_EQ(q.type, item.section == 0 ? "single" : "multiple");
        EXPECT_EQ(item.option_order.size(), 4u);
        EXPECT_EQ(std::set<char>(item.option_order.begin(), item.option_order.end()), (std::set<char>{'A', 'B', 'C', 'D'}));
        EXPECT_EQ(item.partial_credit, item.section == 1);
    }
    EXPECT_EQ(singles, 10);
    EXPECT_EQ(multiples, 10);
    EXPECT_EQ(total, 10000);
    EXPECT_EQ(ids(*paper).size(), 20u) << "no question twice";
}

TEST(exams, filters_on_level_knowledge_point_and_difficulty_hold) {
    auto pool = bank(30);
    blueprint bp;
    bp.target_rank = 2;
    bp.sections = {{{"", ""}, {"single", "true_false"}, "家用空调", "冷媒", 2, 3, 6, 10000 / 6, false}};
    auto paper = draw_paper(bp, pool, {}, 1);
    ASSERT_TRUE(paper);
    for (auto& item : *paper) {
        auto& q = *std::find_if(pool.begin(), pool.end(), [&](auto& p) { return p.question_id == item.question_id; });
        EXPECT_EQ(q.knowledge_point, "冷媒");
        EXPECT_TRUE(q.difficulty == 2 || q.difficulty == 3);
        EXPECT_TRUE(q.type == "single" || q.type == "true_false");
    }
    bp.target_rank = 1;
    EXPECT_FALSE(draw_paper(bp, pool, {}, 1)) << "no question is written for level 1";
}

TEST(exams, the_same_seed_rebuilds_the_same_paper) {
    auto pool = bank(30);
    auto bp = two_sections();
    exposure uses{{101, 3}, {102, 1}};
    auto a = draw_paper(bp, pool, uses, 12345), b = draw_paper(bp, pool, uses, 12345), c = draw_paper(bp, pool, uses, 12346);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(*a, *b);
    EXPECT_NE(*a, *c);
    auto reversed = pool;
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_EQ(*draw_paper(bp, reversed, uses, 12345), *a) << "the order the bank was read in does not matter";
}

TEST(exams, exposure_spreads_questions_over_the_papers) {
    auto pool = bank(30);  // 30 singles, 10 per paper: each should be on about a third of the papers
    blueprint bp;
    bp.target_rank = 2;
    bp.sections = {{{"", ""}, {"single"}, "", "", 1, 5, 10, 1000, false}};
    exposure uses;
    const int papers = 300;
    for (int k = 0; k < papers; ++k) {
        auto p = draw_paper(bp, pool, uses, static_cast<std::uint64_t>(k) * 7919);
        ASSERT_TRUE(p);
        for (auto& i : *p) ++uses[i.question_id];
    }
    ASSERT_EQ(uses.size(), 30u);
    for (auto& [id, n] : uses) {
        EXPECT_GE(n, 99) << id;
        EXPECT_LE(n, 101) << id;
    }
    // Without exposure control the same 300 draws would be spread only by chance.
    exposure random;
    for (int k = 0; k < papers; ++k) {
        auto p = draw_paper(bp, pool, {}, static_cast<std::uint64_t>(k) * 7919);
        for (auto& i : *p) ++random[i.question_id];
    }
    int widest = 0;
    for (auto& [id, n] : random) widest = std::max(widest, std::abs(n - 100));
    EXPECT_GT(widest, 1);
}

TEST(exams, a_fixed_blueprint_gives_everyone_the_same_questions_in_their_own_order) {
    auto pool = bank(30);
    auto bp = two_sections();
    bp.fixed = true;
    bp.seed = 99;
    auto a = draw_paper(bp, pool, {{101, 50}}, 1), b = draw_paper(bp, pool, {}, 2);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(ids(*a), ids(*b));
    EXPECT_NE(*a, *b) << "order or options differ";
}

TEST(exams, a_resit_avoids_the_questions_seen_where_the_bank_allows) {
    auto pool = bank(25);  // 25 single, 25 multiple
    auto bp = two_sections();
    auto first = *draw_paper(bp, pool, {}, 11);
    auto seen = ids(first);
    auto resit = *draw_paper(bp, pool, {}, 12, seen);
    for (auto id : ids(resit)) EXPECT_FALSE(seen.count(id)) << "question " << id << " was on the first paper";
    EXPECT_EQ(resit.size(), 20u);
    // Twenty single-choice questions seen, ten needed: the five unseen ones first, then five seen.
    blueprint big = two_sections();
    big.sections[0].count = 20;
    big.sections[0].points = 300;
    auto once = ids(*draw_paper(big, pool, {}, 3));
    auto again = *draw_paper(bp, pool, {}, 4, once);
    int seen_singles = 0, unseen_singles = 0;
    for (auto& i : again)
        if (i.section == 0) (once.count(i.question_id) ? seen_singles : unseen_singles)++;
    EXPECT_EQ(unseen_singles, 5);
    EXPECT_EQ(seen_singles, 5);
}

TEST(exams, the_resit_rule_decides_which_score_counts) {
    EXPECT_FALSE(is_resit_rule("average"));
    EXPECT_EQ(counted_score("latest", 7000, 5500, 6000), 5500);
    EXPECT_EQ(counted_score("best", 5000, 5500, 6000), 5500);
    EXPECT_EQ(counted_score("best", 5800, 5500, 6000), 5800);
    EXPECT_EQ(counted_score("best", std::nullopt, 5500, 6000), 5500) << "absent the first time";
    EXPECT_EQ(counted_score("capped", 4000, 9000, 6000), 6000);
    EXPECT_EQ(counted_score("capped", 4000, 5900, 6000), 5900);
    EXPECT_EQ(counted_score("capped", 4000, 6000, 6000), 6000);
}

TEST(exams, shortfalls_name_the_section_and_how_many_are_missing) {
    auto pool = bank(12);
    auto bp = two_sections();
    bp.sections[0].count = 15;
    bp.sections[0].points = 400;
    auto gaps = shortfalls(bp, pool);
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0].field, "sections[0].count");
    EXPECT_EQ(gaps[0].message.zh, "第 1 节（单选题）缺 3 题：题库中符合条件的有 12 题，需要 15 题");
    EXPECT_EQ(gaps[0].message.en, "Section 1 (Single choice) lacks 3 questions: the bank has 12 that match, 15 are needed");
    EXPECT_FALSE(draw_paper(bp, pool, {}, 1));
    bp.sections[0].count = 12;
    EXPECT_TRUE(shortfalls(bp, pool).empty());
    // Overlapping sections: the second takes what the first left.
    bp.sections = {{{"", ""}, {"single"}, "", "", 1, 5, 8, 500, false}, {{"", ""}, {"single"}, "", "", 1, 5, 5, 1200, false}};
    gaps = shortfalls(bp, pool);
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0].field, "sections[1].count");
    EXPECT_NE(gaps[0].message.zh.find("缺 1 题"), std::string::npos);
}

TEST(exams, a_case_brings_its_parts_with_its_points_split) {
    std::vector<pool_question> pool(1);
    auto& c = pool[0];
    c.question_id = c.version_id = 1;
    c.type = "case";
    c.ranks = {2};
    c.part_ids = {2, 3, 4};
    c.part_versions = {12, 13, 14};
    c.part_types = {"single", "short_answer", "true_false"};
    c.part_option_keys = {{"A", "B", "C"}, {}, {}};
    blueprint bp;
    bp.target_rank = 2;
    bp.sections = {{{"", ""}, {"case"}, "", "", 1, 5, 1, 10000, false}};
    auto p = draw_paper(bp, pool, {}, 5);
    ASSERT_TRUE(p);
    ASSERT_EQ(p->size(), 4u);
    EXPECT_EQ((*p)[0].question_id, 1);
    EXPECT_EQ((*p)[0].points, 0);
    EXPECT_EQ((*p)[1].parent, 1);
    EXPECT_EQ((*p)[1].version_id, 12);
    EXPECT_EQ((*p)[1].points + (*p)[2].points + (*p)[3].points, 10000);
    EXPECT_EQ((*p)[1].option_order.size(), 3u);
    EXPECT_TRUE((*p)[3].option_order.empty()) << "true/false keeps its order";
}

TEST(exams, single_and_true_false_are_all_or_nothing) {
    question q;
    q.type = "single";
    q.options = {{"A", {"a", ""}}, {"B", {"b", ""}}};
    q.correct = {"B"};
    EXPECT_EQ(mark(q, {{"B"}}, 500, false).points, 500);
    EXPECT_EQ(mark(q, {{"A"}}, 500, false).points, 0);
    EXPECT_EQ(mark(q, {}, 500, false).points, 0);
    q.type = "true_false";
    q.options.clear();
    q.correct = {"false"};
    EXPECT_EQ(mark(q, {{"false"}}, 200, false).points, 200);
    EXPECT_EQ(mark(q, {{"true"}}, 200, false).points, 0);
}

TEST(exams, multiple_choice_with_and_without_partial_credit) {
    auto q = multiple();
    EXPECT_EQ(mark(q, {{"C", "A", "B"}}, 600, false).points, 600);
    EXPECT_EQ(mark(q, {{"A", "B"}}, 600, false).points, 0) << "all or nothing";
    EXPECT_EQ(mark(q, {{"A", "B"}}, 600, true).points, 400) << "two of three right, none wrong";
    EXPECT_EQ(mark(q, {{"A"}}, 600, true).points, 200);
    EXPECT_EQ(mark(q, {{"A", "D"}}, 600, true).points, 0) << "a wrong option earns nothing";
    EXPECT_EQ(mark(q, {{"A", "B", "C", "D"}}, 600, true).points, 0);
    EXPECT_EQ(mark(q, {}, 600, true).points, 0);
    EXPECT_EQ(mark(q, {{"A", "B"}}, 500, true).points, 333) << "shares round down";
}

TEST(exams, fill_in_earns_a_share_per_blank_and_short_answers_wait_for_a_marker) {
    question q;
    q.type = "fill_blank";
    q.blanks = {{"R32"}, {"0.5", "0.50"}, {"低压"}};
    EXPECT_EQ(mark(q, {{"ｒ３２", "0.50", "低压"}}, 1000, false).points, 1000);
    EXPECT_EQ(mark(q, {{"R32", "0.6", "低压"}}, 1000, false).points, 333 + 334);
    EXPECT_EQ(mark(q, {{"R32"}}, 1000, false).points, 333);
    q.normalise.width = false;
    EXPECT_EQ(mark(q, {{"ｒ３２"}}, 1000, false).points, 0);
    question s;
    s.type = "short_answer";
    auto m = mark(s, {{"先断电，再检测"}}, 1000, false);
    EXPECT_TRUE(m.needs_marker);
    EXPECT_EQ(m.points, 0);
    EXPECT_FALSE(mark(s, {}, 1000, false).needs_marker) << "left blank: no marker, no points";
    EXPECT_FALSE(mark(s, {{" \n "}}, 1000, false).needs_marker);
}

TEST(exams, answers_are_checked_against_the_question) {
    question q;
    q.type = "single";
    q.options = {{"A", {"a", ""}}, {"B", {"b", ""}}};
    EXPECT_FALSE(check_answer(q, {{"A"}}));
    EXPECT_FALSE(check_answer(q, {})) << "cleared";
    EXPECT_TRUE(check_answer(q, {{"E"}}));
    EXPECT_TRUE(check_answer(q, {{"A", "B"}}));
    auto m = multiple();
    EXPECT_FALSE(check_answer(m, {{"A", "D"}}));
    EXPECT_TRUE(check_answer(m, {{"A", "A"}}));
    question tf;
    tf.type = "true_false";
    EXPECT_FALSE(check_answer(tf, {{"true"}}));
    EXPECT_TRUE(check_answer(tf, {{"yes"}}));
    question fb;
    fb.type = "fill_blank";
    fb.blanks = {{"x"}, {"y"}};
    EXPECT_FALSE(check_answer(fb, {{"x", "y"}}));
    EXPECT_TRUE(check_answer(fb, {{"x", "y", "z"}}));
    EXPECT_TRUE(check_answer(fb, {{std::string(201, 'a')}}));
    EXPECT_FALSE(check_answer(fb, {{std::string(200, 'a')}}));
    question sa;
    sa.type = "short_answer";
    EXPECT_FALSE(check_answer(sa, {{std::string(5000, 'a')}}));
    EXPECT_TRUE(check_answer(sa, {{std::string(5001, 'a')}}));
    question c;
    c.type = "case";
    EXPECT_TRUE(check_answer(c, {{"A"}}));
}

}  // namespace skillgrade::core
