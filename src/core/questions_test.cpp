// The question bank's rules: each type's requirements, blanks, normalisation and stem similarity.
#include "core/questions.hpp"

#include <gtest/gtest.h>

namespace skillgrade::core {
namespace {
question single() {
    question q;
    q.code = "AC-0001";
    q.type = "single";
    q.product_line = "家用空调";
    q.knowledge_point = "冷媒充注";
    q.ranks = {1, 2};
    q.difficulty = 2;
    q.stem = {"R32 冷媒应如何充注？", "How is R32 charged?"};
    q.options = {{"A", {"气态从低压侧", ""}}, {"B", {"液态按铭牌重量", ""}}, {"C", {"随意", ""}}, {"D", {"按压力估算", ""}}};
    q.correct = {"B"};
    return q;
}
bool has(const std::vector<field_error>& errs, const std::string& field) {
    for (auto& e : errs)
        if (e.field == field) return true;
    return false;
}
}  // namespace

TEST(questions, a_complete_single_choice_question_passes) { EXPECT_TRUE(validate(single()).empty()); }

TEST(questions, choice_answers_must_name_options_and_count_right) {
    auto q = single();
    q.correct = {"E"};
    EXPECT_TRUE(has(validate(q), "correct")) << "E is not an option";
    q.correct = {"A", "B"};
    EXPECT_TRUE(has(validate(q), "correct")) << "a single choice has one answer";
    q.type = "multiple";
    EXPECT_TRUE(validate(q).empty());
    q.correct = {"A"};
    EXPECT_TRUE(has(validate(q), "correct")) << "a multiple choice has at least two";
    q.correct = {"A", "A"};
    EXPECT_TRUE(has(validate(q), "correct")) << "repeated";
    q = single();
    q.options.resize(1);
    q.correct = {"A"};
    EXPECT_TRUE(has(validate(q), "options"));
    q = single();
    q.options[2].key = "A";
    EXPECT_TRUE(has(validate(q), "options[2]")) << "duplicate key";
    q = single();
    q.options[1].label.zh = "";
    EXPECT_TRUE(has(validate(q), "options[1]"));
}

TEST(questions, tags_are_checked_at_their_bounds) {
    auto q = single();
    for (int d : {1, 5}) {
        q.difficulty = d;
        EXPECT_TRUE(validate(q).empty()) << d;
    }
    for (int d : {0, 6}) {
        q.difficulty = d;
        EXPECT_TRUE(has(validate(q), "difficulty")) << d;
    }
    q = single();
    q.ranks = {};
    EXPECT_TRUE(has(validate(q), "ranks"));
    q.ranks = {2, 2};
    EXPECT_TRUE(has(validate(q), "ranks"));
    q.ranks = {0};
    EXPECT_TRUE(has(validate(q), "ranks"));
    q = single();
    q.code = "AC 1";
    EXPECT_TRUE(has(validate(q), "code"));
    q = single();
    q.type = "essay";
    EXPECT_TRUE(has(validate(q), "type"));
    q = single();
    q.stem.zh = "";
    EXPECT_TRUE(has(validate(q), "stem"));
}

TEST(questions, true_false_fill_short_and_case_have_their_own_shapes) {
    auto q = single();
    q.type = "true_false";
    q.options.clear();
    q.correct = {"true"};
    EXPECT_TRUE(validate(q).empty());
    q.correct = {"yes"};
    EXPECT_TRUE(has(validate(q), "correct"));

    q = single();
    q.type = "fill_blank";
    q.options.clear();
    q.correct.clear();
    q.stem.zh = "R32 属于 ___ 类冷媒，抽真空应达到 ___ Pa 以下。__ 不算一个空。";
    EXPECT_EQ(blank_count(q.stem.zh), 2);
    q.blanks = {{"A2L", "A2l"}, {"60"}};
    EXPECT_TRUE(validate(q).empty());
    q.blanks = {{"A2L"}};
    EXPECT_TRUE(has(validate(q), "blanks")) << "one group for two blanks";
    q.blanks = {{"A2L"}, {}};
    EXPECT_TRUE(has(validate(q), "blanks[1]"));
    q.stem.zh = "没有空";
    q.blanks = {};
    EXPECT_TRUE(has(validate(q), "stem"));

    q = single();
    q.type = "short_answer";
    q.options.clear();
    q.correct.clear();
    q.reference = "先断电，再对电容放电。";
    q.rubric = {{6, "断电"}, {4, "放电"}};
    EXPECT_TRUE(validate(q).empty());
    q.reference.clear();
    EXPECT_TRUE(has(validate(q), "reference"));
    q.reference = "x";
    q.rubric[0].points = 0;
    EXPECT_TRUE(has(validate(q), "rubric[0]"));

    q = single();
    q.type = "case";
    q.options.clear();
    q.correct.clear();
    EXPECT_TRUE(validate(q).empty());
    q.parent_code = "AC-0002";
    EXPECT_TRUE(has(validate(q), "type")) << "no case inside a case";
}

TEST(questions, blank_answers_are_compared_after_the_chosen_normalisation) {
    answer_normalisation all;
    EXPECT_EQ(normalise_answer("  Ｒ３２　", all), "r32");
    EXPECT_TRUE(accepts({"R32", "R-32"}, "ｒ－３２", all));
    EXPECT_FALSE(accepts({"R32"}, "R-32", all));
    EXPECT_FALSE(accepts({"R32"}, "   ", all)) << "an empty answer is never right";
    answer_normalisation exact{false, false, false};
    EXPECT_FALSE(accepts({"R32"}, "r32", exact));
    EXPECT_FALSE(accepts({"R32"}, " R32", exact));
    EXPECT_TRUE(accepts({"R32"}, "R32", exact));
    answer_normalisation width_only{false, true, false};
    EXPECT_TRUE(accepts({"R32"}, "Ｒ32", width_only));
    EXPECT_FALSE(accepts({"R32"}, "ｒ32", width_only));
    EXPECT_EQ(normalise_answer("兆欧", all), "兆欧") << "Chinese passes through";
}

TEST(questions, stems_that_differ_in_punctuation_and_width_are_the_same_key) {
    EXPECT_EQ(stem_key("R32 冷媒，应如何充注？"), stem_key("Ｒ３２冷媒应如何充注?"));
    EXPECT_EQ(stem_key("抽真空到 ___ Pa。"), "抽真空到pa");
    EXPECT_DOUBLE_EQ(stem_similarity(stem_key("压缩机不启动"), stem_key("压缩机不启动")), 1.0);
    EXPECT_DOUBLE_EQ(stem_similarity("", "压缩机"), 0.0);
    EXPECT_DOUBLE_EQ(stem_similarity("ab", "cd"), 0.0);
    // 压缩机不启动 / 压缩机不能启动: pairs 5 and 6, 4 in common → 8/11.
    EXPECT_NEAR(stem_similarity("压缩机不启动", "压缩机不能启动"), 8.0 / 11.0, 1e-12);
    double near = stem_similarity(stem_key("变频空调室外机不启动，应首先检查哪一项？"), stem_key("变频空调室外机不启动时，应首先检查哪一项？"));
    EXPECT_GE(near, kNearDuplicate);
    double far = stem_similarity(stem_key("变频空调室外机不启动，应首先检查哪一项？"), stem_key("冰箱冷藏室结霜严重的常见原因是什么？"));
    EXPECT_LT(far, 0.3);
}

TEST(questions, same_content_ignores_versions_and_authors) {
    auto a = single(), b = single();
    b.id = 9, b.version = 4, b.created_by = "hr", b.created_at = "2026-01-01";
    EXPECT_TRUE(same_content(a, b));
    b.explanation.en = "because";
    EXPECT_FALSE(same_content(a, b));
}

}  // namespace skillgrade::core
