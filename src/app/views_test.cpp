// The views written as JSON text by hand read back as the values they were written from.
#include "app/views.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/people.hpp"

namespace skillgrade {
namespace json = boost::json;

TEST(views, an_engineer_written_as_text_reads_back_with_every_character) {
    core::engineer e;
    e.id = 9007199254740993;  // above 2^53: written as an integer, not a double
    e.employee_no = "E\"01\\";
    e.name = "张\n三\t\r\x01\x1f";
    e.org_unit_id = -4;
    e.org_unit_name = "华东 / 上海";
    e.product_lines = {"家用空调", "冰\"箱"};
    e.current_rank = 3;
    e.version = 0;
    std::string text;
    app::append_json(text, e);
    EXPECT_NE(text.find("\\u0001"), std::string::npos);
    EXPECT_NE(text.find("\\u001f"), std::string::npos);
    auto o = json::parse(text).as_object();
    EXPECT_EQ(o.at("id").as_int64(), e.id);
    EXPECT_EQ(o.at("employee_no").as_string(), e.employee_no);
    EXPECT_EQ(o.at("name").as_string(), e.name);
    EXPECT_EQ(o.at("org_unit_id").as_int64(), -4);
    EXPECT_EQ(o.at("org_unit_name").as_string(), e.org_unit_name);
    ASSERT_EQ(o.at("product_lines").as_array().size(), 2u);
    EXPECT_EQ(o.at("product_lines").as_array()[1].as_string(), "冰\"箱");
    EXPECT_EQ(o.at("rank").as_int64(), 3);
    EXPECT_EQ(o.at("email").as_string(), "");
    EXPECT_EQ(o.size(), 15u);
    EXPECT_FALSE(app::to_json(e).as_object().contains("history"));
    EXPECT_TRUE(app::to_json(e, true).as_object().at("history").as_array().empty());
    e.product_lines.clear();
    text.clear();
    app::append_json(text, e);
    EXPECT_TRUE(json::parse(text).at("product_lines").as_array().empty());
}

}  // namespace skillgrade
