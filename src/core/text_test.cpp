#include "core/text.hpp"

#include <gtest/gtest.h>

using namespace skillgrade::core;

// Limits count characters: a 34-character Chinese name (102 bytes) fits a 100-character limit.
TEST(text, limits_count_characters_not_bytes) {
    std::string name;
    for (int i = 0; i < 34; ++i) name += "张";
    EXPECT_EQ(char_count(name), 34u);
    EXPECT_FALSE(text_problem(name, 100));
    EXPECT_FALSE(text_problem(std::string(100, 'a'), 100));
    EXPECT_TRUE(text_problem(std::string(101, 'a'), 100));
}

TEST(text, control_and_bidi_characters_are_refused) {
    EXPECT_TRUE(text_problem(std::string("a\0b", 3), 10));
    EXPECT_TRUE(text_problem("a\x01", 10));
    EXPECT_TRUE(text_problem("a\x7f", 10));
    EXPECT_TRUE(text_problem("a\xc2\x85", 10));           // C1: NEL
    EXPECT_TRUE(text_problem("abc\xe2\x80\xaegpj.exe", 20));  // U+202E right-to-left override
    EXPECT_TRUE(text_problem("a\xe2\x81\xa6x", 10));      // U+2066 left-to-right isolate
    EXPECT_TRUE(text_problem("line\nbreak", 20));
    EXPECT_FALSE(text_problem("line\nbreak\ttab", 20, text_kind::multiline));
    EXPECT_TRUE(text_problem(std::string("no\0nul", 6), 20, text_kind::multiline));
    EXPECT_TRUE(text_problem("\xc0\xae", 10)) << "overlong UTF-8";
    EXPECT_TRUE(text_problem("\xed\xa0\x80", 10)) << "a surrogate";
    EXPECT_FALSE(text_problem("emoji 🙂 and 中文", 20));
    EXPECT_EQ(text_problem("a\x01", 10)->en, "must not contain control characters");
}

TEST(password_policy, length_in_characters_common_passwords_and_names) {
    EXPECT_GE(common_password_count(), 10000u);
    EXPECT_TRUE(password_problem("seven77", "u", ""));
    EXPECT_FALSE(password_problem("eight888x", "u", ""));
    EXPECT_FALSE(password_problem("售后工程师技能等", "u", "")) << "8 characters, 24 bytes";
    EXPECT_TRUE(password_problem("售后工程师技能", "u", ""));
    EXPECT_FALSE(password_problem(std::string(128, 'q') , "u", ""));
    EXPECT_TRUE(password_problem(std::string(129, 'q'), "u", ""));
    EXPECT_TRUE(password_problem("password1", "u", ""));
    EXPECT_TRUE(password_problem("PASSWORD1", "u", "")) << "case does not hide a common password";
    EXPECT_TRUE(password_problem("qwertyuiop", "u", ""));
    EXPECT_TRUE(password_problem("my-zhangsan-pw", "zhangsan", ""));
    EXPECT_TRUE(password_problem("xx-ZhangSan-1", "zhangsan", ""));
    EXPECT_TRUE(password_problem("hello-wang-99", "u9", "Wang Li"));
    EXPECT_FALSE(password_problem("hello-wa-99", "u9", "Wang Li")) << "words shorter than 3 characters do not count";
    EXPECT_FALSE(password_problem("Tr0ub4dor&3-horse", "u", "")) << "no composition rules";
}

TEST(years_text, one_year_is_singular_and_parts_of_years_have_one_decimal) {
    EXPECT_EQ(years_text(12).en, "1 year");
    EXPECT_EQ(years_text(12).zh, "1 年");
    EXPECT_EQ(years_text(24).en, "2 years");
    EXPECT_EQ(years_text(74).en, "6.2 years");
    EXPECT_EQ(years_text(74).zh, "6.2 年");
    EXPECT_EQ(years_text(0).en, "0 years");
}
