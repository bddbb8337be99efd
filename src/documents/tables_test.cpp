#include "documents/tables.hpp"

#include <gtest/gtest.h>
#include <zip.h>

using namespace skillgrade::documents;

namespace {
// Builds a zip in memory from {name, content} parts.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
    zip_source_keep(src);
    zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    for (auto& [name, content] : parts) {
        auto* copy = static_cast<char*>(malloc(content.size() + 1));
        memcpy(copy, content.data(), content.size());
        zip_source_t* s = zip_source_buffer(z, copy, content.size(), 1);
        zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
    }
    zip_close(z);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    auto size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    std::string out(static_cast<std::size_t>(size), '\0');
    zip_source_read(src, out.data(), size);
    zip_source_close(src);
    zip_source_free(src);
    return out;
}

std::string sheet(const std::string& rows) {
    return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           rows + "</sheetData></worksheet>";
}
}  // namespace

TEST(csv, reads_quotes_bom_and_crlf) {
    auto t = read_csv("\xEF\xBB\xBF工号,姓名\r\nE1,\"张,伟\"\r\nE2,\"说\"\"好\"\"\"\r\n\r\n");
    ASSERT_TRUE(t);
    ASSERT_EQ(t->rows.size(), 3u);
    EXPECT_EQ(t->rows[1][1], "张,伟");
    EXPECT_EQ(t->rows[2][1], "说\"好\"");
}

TEST(csv, converts_gbk) {
    // "工号,姓名\n" in GBK.
    std::string gbk = "\xB9\xA4\xBA\xC5,\xD0\xD5\xC3\xFB\n";
    auto t = read_csv(gbk);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->rows[0][0], "工号");
    EXPECT_EQ(t->rows[0][1], "姓名");
}

TEST(csv, rejects_undecodable_bytes_and_open_quotes) {
    auto bad = read_csv(std::string("a,b\n\x81\x20\xFF\xFF\n"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().slug, "import.encoding");
    auto open = read_csv("a,\"b\n");
    ASSERT_FALSE(open);
    EXPECT_EQ(open.error().slug, "import.csv_quote");
}

TEST(csv, writer_neutralises_formulas) {
    auto out = write_csv({{{"=1+1", "a,b"}}});
    EXPECT_EQ(out, "\xEF\xBB\xBF'=1+1,\"a,b\"\r\n");
}

TEST(xlsx, round_trip_keeps_text_and_formula_like_cells) {
    table t{{{"工号", "姓名"}, {"E1", "=HYPERLINK(\"x\")"}, {"E2", "+86 138"}}};
    auto bytes = write_xlsx("工程师", t);
    ASSERT_EQ(bytes.substr(0, 2), "PK");
    auto back = read_xlsx(bytes);
    ASSERT_TRUE(back) << back.error().title.en;
    EXPECT_EQ(back->rows, t.rows);
    EXPECT_EQ(bytes.find("<f>"), std::string::npos);  // no formula element anywhere
}

TEST(xlsx, reads_inline_strings_and_keeps_row_numbers) {
    auto bytes = make_zip({{"xl/worksheets/sheet1.xml",
                            sheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row><row r="3"><c r="B3"><v>42</v></c></row>)")}});
    auto t = read_xlsx(bytes);
    ASSERT_TRUE(t) << t.error().title.en;
    ASSERT_EQ(t->rows.size(), 3u);
    EXPECT_EQ(t->rows[0][0], "h");
    EXPECT_TRUE(t->rows[1].empty());
    EXPECT_EQ(t->rows[2][1], "42");
}

TEST(xlsx, rejects_not_a_zip) {
    auto t = read_xlsx("PK this is not a zip");
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().slug, "import.bad_xlsx");
}

TEST(xlsx, rejects_entity_expansion_and_external_entities) {
    std::string bomb = R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>)"
                       R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>)";
    auto t = read_xlsx(make_zip({{"xl/worksheets/sheet1.xml", bomb}}));
    ASSERT_FALSE(t);
    std::string xxe = R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>)"
                      R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>)";
    auto t2 = read_xlsx(make_zip({{"xl/worksheets/sheet1.xml", xxe}}));
    ASSERT_FALSE(t2);
}

TEST(xlsx, rejects_zip_bomb) {
    // Well-formed XML that inflates > 1000:1 is stopped by the ratio as it streams; garbage stops
    // the parse at its first chunk, before it is inflated further.
    auto t = read_xlsx(make_zip({{"xl/worksheets/sheet1.xml", sheet(std::string(8u << 20, ' '))}}));
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().slug, "import.zip_bomb");
    std::string zeros(8u << 20, '0');
    auto garbage = read_xlsx(make_zip({{"xl/worksheets/sheet1.xml", zeros}}));
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().slug, "import.bad_xlsx");
    limits small;
    small.max_uncompressed = 1000;
    auto big = sheet(std::string(5000, ' '));
    auto t2 = read_xlsx(make_zip({{"xl/worksheets/sheet1.xml", big}}), small);
    ASSERT_FALSE(t2);
}

TEST(xlsx, streams_rows_in_their_places_announces_the_dimension_and_stops_when_asked) {
    auto doc = R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B4"/><sheetData>)"
               R"(<row r="1"><c t="inlineStr"><is><t>工号</t></is></c></row><row r="3"><c t="inlineStr"><is><t>E1</t></is></c></row>)"
               R"(<row r="4"><c t="inlineStr"><is><t>E2</t></is></c></row></sheetData></worksheet>)";
    auto file = make_zip({{"xl/worksheets/sheet1.xml", doc}});
    std::vector<std::size_t> seen;
    std::vector<std::string> first;
    std::size_t expected = 0;
    auto all = read_xlsx(
        file,
        [&](std::size_t at, std::vector<std::string>& cells) {
            seen.push_back(at);
            first.push_back(cells.at(0));
            return true;
        },
        {}, [&](std::size_t n) { expected = n; });
    ASSERT_TRUE(all);
    EXPECT_EQ(seen, (std::vector<std::size_t>{0, 2, 3}));
    EXPECT_EQ(first, (std::vector<std::string>{"工号", "E1", "E2"}));
    EXPECT_EQ(expected, 3u);
    seen.clear();
    auto stopped = read_xlsx(file, [&](std::size_t at, std::vector<std::string>&) {
        seen.push_back(at);
        return at < 2;
    });
    ASSERT_TRUE(stopped);  // a stop is no error
    EXPECT_EQ(seen, (std::vector<std::size_t>{0, 2}));
    // The collecting reader keeps the gap, so that row numbers match the sheet.
    auto t = read_xlsx(file);
    ASSERT_TRUE(t);
    ASSERT_EQ(t->rows.size(), 4u);
    EXPECT_TRUE(t->rows[1].empty());
    EXPECT_EQ(t->rows[3][0], "E2");
}

TEST(csv, streams_rows_skipping_blank_lines_and_announces_its_lines) {
    std::string text = "工号,姓名\r\nE1,张伟\r\n\r\nE2,\"李\r\n娜\"\r\n";
    std::vector<std::pair<std::size_t, std::string>> seen;
    std::size_t expected = 0;
    auto r = read_csv(
        text,
        [&](std::size_t at, std::vector<std::string>& cells) {
            seen.push_back({at, cells.at(1)});
            return true;
        },
        {}, [&](std::size_t n) { expected = n; });
    ASSERT_TRUE(r);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[2], (std::pair<std::size_t, std::string>{2, "李\r\n娜"}));
    EXPECT_EQ(expected, 4u);  // an estimate: the blank line and the quoted line break count
    seen.clear();
    ASSERT_TRUE(read_csv(text, [&](std::size_t at, std::vector<std::string>& cells) {
        seen.push_back({at, cells.at(0)});
        return false;
    }));
    EXPECT_EQ(seen.size(), 1u);
}
