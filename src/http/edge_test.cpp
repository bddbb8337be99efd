#include "http/edge.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/static_files.hpp"

using namespace skillgrade::http;

// Ids are positive 64-bit decimals: on, below and above each bound.
TEST(edge, ids_are_strict) {
    EXPECT_EQ(parse_id("1"), 1);
    EXPECT_EQ(parse_id("9223372036854775807"), INT64_MAX);
    for (auto bad : {"", "0", "000", "-1", "01", "+1", " 1", "1 ", "9223372036854775808", "1e3", "7%2F8", "0x1", "1.0", "١"})
        EXPECT_FALSE(parse_id(bad)) << bad;
}

TEST(edge, integers_are_strict_and_bounded) {
    EXPECT_EQ(parse_integer("-1", -1, 100), -1);
    EXPECT_FALSE(parse_integer("-2", -1, 100));
    EXPECT_FALSE(parse_integer("-1", 0, 100)) << "no sign where none may be";
    EXPECT_FALSE(parse_integer("-0", -1, 100));
    EXPECT_EQ(parse_integer("0", 0, 100), 0);
    EXPECT_EQ(parse_integer("100", 0, 100), 100);
    EXPECT_FALSE(parse_integer("101", 0, 100));
    EXPECT_FALSE(parse_integer("1000000000", 1, 1000000)) << "no wrap-around into range";
    EXPECT_FALSE(parse_integer("99999999999999999999", 1, 1000000));
    EXPECT_FALSE(parse_integer("007", 0, 100));
}

TEST(edge, the_session_cookie_is_read_by_its_exact_name) {
    EXPECT_EQ(cookie_value("xsg_session=decoy; sg_session=real", "sg_session"), "real");
    EXPECT_EQ(cookie_value("sg_session=first; sg_session=second", "sg_session"), "first");
    EXPECT_EQ(cookie_value("a=1;sg_session=\"q\" ;b=2", "sg_session"), "q");
    EXPECT_FALSE(cookie_value("xsg_session=decoy", "sg_session"));
    EXPECT_FALSE(cookie_value("sg_sessionx=1", "sg_session"));
    EXPECT_FALSE(cookie_value("", "sg_session"));
    EXPECT_EQ(cookie_value("sg_session=", "sg_session"), "");
}

TEST(edge, targets_keep_the_encoded_path_and_refuse_control_characters) {
    auto t = parse_target("/api/v1/engineers/7%2F8?page=2&q=%E5%BC%A0");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->raw_path, "/api/v1/engineers/7%2F8");
    EXPECT_EQ(t->path, "/api/v1/engineers/7/8");
    ASSERT_EQ(t->query.size(), 2u);
    EXPECT_EQ(t->query[1].second, "张");
    EXPECT_FALSE(parse_target("/a%00b"));
    EXPECT_FALSE(parse_target("/a%0ab"));
    EXPECT_FALSE(parse_target("/%c0%ae%c0%ae/etc/passwd"));
    EXPECT_FALSE(parse_target("http://evil/"));
    EXPECT_FALSE(parse_target("*"));
}

// The table holds the build directory's regular files only: links are left out.
TEST(static_files, only_regular_files_inside_the_directory) {
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / ("sg-static-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "assets");
    std::ofstream(dir / "index.html") << "<html>";
    std::ofstream(dir / "assets" / "a.js") << "js";
    std::ofstream(dir / "assets" / "a.js.gz") << "gz";
    fs::create_symlink("/etc/passwd", dir / "leak");
    fs::create_directory_symlink("/etc", dir / "etc");
    static_files web(dir.string());
    EXPECT_EQ(web.size(), 2u);
    ASSERT_TRUE(web.find("/assets/a.js"));
    EXPECT_EQ(web.find("/assets/a.js")->gzip, "gz");
    EXPECT_TRUE(web.find("/assets/a.js")->immutable);
    EXPECT_EQ(web.index()->body, "<html>");
    for (auto p : {"/leak", "/etc/passwd", "//etc/passwd", "/assets/../index.html", "assets/a.js", "/assets/a.js.gz"})
        EXPECT_FALSE(web.find(p)) << p;
    EXPECT_EQ(static_files("").size(), 0u);
    EXPECT_EQ(static_files((dir / "leak").string()).size(), 0u);
    fs::remove_all(dir);
}
