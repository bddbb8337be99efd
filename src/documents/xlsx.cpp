#include <libxml/xmlreader.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>

#include "documents/tables.hpp"

namespace skillgrade::documents {
namespace {

core::error bad_file(std::string zh, std::string en) {
    return {core::errc::invalid_input, "import.bad_xlsx", {std::move(zh), std::move(en)}, {}};
}

struct zip_closer {
    void operator()(zip_t* z) const { zip_discard(z); }
};

// Reads one part of the package, refusing to inflate more than the limits allow
// (the sizes in the zip directory are not trusted).
core::result<std::string> read_part(zip_t* z, const std::string& name, std::size_t& budget, const limits& lim) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name.c_str(), 0, &st) != 0)
        return std::unexpected(bad_file("XLSX 文件缺少 " + name, "the XLSX file lacks " + name));
    zip_file_t* f = zip_fopen(z, name.c_str(), 0);
    if (!f) return std::unexpected(bad_file("无法读取 XLSX 中的 " + name, "cannot read " + name + " in the XLSX file"));
    std::string out;
    char buf[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
        out.append(buf, static_cast<std::size_t>(n));
        bool over_budget = out.size() > budget;
        bool over_ratio = out.size() > (1u << 20) && (st.valid & ZIP_STAT_COMP_SIZE) &&
                          out.size() / std::max<zip_uint64_t>(st.comp_size, 1) > lim.max_ratio;
        if (over_budget || over_ratio) {
            zip_fclose(f);
            return core::fail(core::errc::too_large, "import.zip_bomb",
                              {"XLSX 解压后过大（疑似压缩炸弹），已拒绝", "The XLSX file inflates too much (zip bomb?) and was rejected"});
        }
    }
    zip_fclose(f);
    if (n < 0) return std::unexpected(bad_file("XLSX 文件已损坏：" + name, "the XLSX file is corrupt: " + name));
    budget -= out.size();
    return out;
}

// A streaming XML reader that refuses DTDs (so no entity expansion and no external entities).
class xml {
public:
    xml(const std::string& s)
        : r_(xmlReaderForMemory(s.data(), static_cast<int>(s.size()), nullptr, nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) {}
    ~xml() {
        if (r_) xmlFreeTextReader(r_);
    }
    // 1 = node, 0 = end, -1 = error (including any DOCTYPE)
    int next() {
        if (!r_) return -1;
        int rc = xmlTextReaderRead(r_);
        if (rc == 1 && xmlTextReaderNodeType(r_) == XML_READER_TYPE_DOCUMENT_TYPE) return -1;
        return rc;
    }
    int type() const { return xmlTextReaderNodeType(r_); }
    bool empty() const { return xmlTextReaderIsEmptyElement(r_) == 1; }
    std::string_view name() const {
        auto n = xmlTextReaderConstLocalName(r_);
        return n ? reinterpret_cast<const char*>(n) : "";
    }
    std::string attr(const char* a) const {
        xmlChar* v = xmlTextReaderGetAttribute(r_, reinterpret_cast<const xmlChar*>(a));
        if (!v) return {};
        std::string s(reinterpret_cast<char*>(v));
        xmlFree(v);
        return s;
    }
    std::string value() const {
        auto v = xmlTextReaderConstValue(r_);
        return v ? reinterpret_cast<const char*>(v) : "";
    }

private:
    xmlTextReaderPtr r_;
};

core::error xml_error(const std::string& part) {
    return bad_file("XLSX 中的 " + part + " 不是合法的 XML（或含有 DTD/实体声明）",
                    part + " in the XLSX file is not valid XML (or declares a DTD/entities)");
}

core::result<std::vector<std::string>> shared_strings(const std::string& doc) {
    std::vector<std::string> out;
    xml r(doc);
    int rc;
    bool in_t = false, in_rph = false;
    while ((rc = r.next()) == 1) {
        auto t = r.type();
        if (t == XML_READER_TYPE_ELEMENT) {
            if (r.name() == "si") out.emplace_back();
            else if (r.name() == "rPh") in_rph = !r.empty();
            else if (r.name() == "t") in_t = !r.empty();
        } else if (t == XML_READER_TYPE_END_ELEMENT) {
            if (r.name() == "t") in_t = false;
            else if (r.name() == "rPh") in_rph = false;
        } else if ((t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && in_t && !in_rph &&
                   !out.empty()) {
            out.back() += r.value();
        }
    }
    if (rc < 0) return std::unexpected(xml_error("xl/sharedStrings.xml"));
    return out;
}

// The first worksheet's part name, following workbook.xml and its relationships.
std::string first_sheet(zip_t* z, std::size_t& budget, const limits& lim) {
    auto wb = read_part(z, "xl/workbook.xml", budget, lim);
    auto rels = read_part(z, "xl/_rels/workbook.xml.rels", budget, lim);
    if (!wb || !rels) return "xl/worksheets/sheet1.xml";
    std::string rid;
    {
        xml r(*wb);
        while (r.next() == 1)
            if (r.type() == XML_READER_TYPE_ELEMENT && r.name() == "sheet") { rid = r.attr("r:id"); break; }
    }
    xml r(*rels);
    while (r.next() == 1)
        if (r.type() == XML_READER_TYPE_ELEMENT && r.name() == "Relationship" && r.attr("Id") == rid) {
            std::string target = r.attr("Target");
            if (target.starts_with("/")) return target.substr(1);
            return "xl/" + target;
        }
    return "xl/worksheets/sheet1.xml";
}

// "BC12" -> column index 54 (0-based); -1 when malformed.
int column_of(std::string_view ref) {
    int col = 0, letters = 0;
    for (char c : ref) {
        if (c >= 'A' && c <= 'Z') { col = col * 26 + (c - 'A' + 1); ++letters; }
        else break;
    }
    if (letters == 0 || letters > 3) return -1;
    return col - 1;
}

}  // namespace

core::result<table> read_xlsx(std::string_view bytes, const limits& lim) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) return std::unexpected(bad_file("无法读取文件", "cannot read the file"));
    std::unique_ptr<zip_t, zip_closer> z(zip_open_from_source(src, ZIP_RDONLY, &err));
    if (!z) {
        zip_source_free(src);
        return std::unexpected(bad_file("文件不是有效的 XLSX（不是 zip 压缩包）", "the file is not a valid XLSX (not a zip archive)"));
    }
    if (zip_get_num_entries(z.get(), 0) > 10000)
        return std::unexpected(bad_file("XLSX 文件条目过多", "the XLSX file has too many entries"));
    std::size_t budget = lim.max_uncompressed;
    std::vector<std::string> strings;
    zip_stat_t st;
    if (zip_stat(z.get(), "xl/sharedStrings.xml", 0, &st) == 0) {
        auto doc = read_part(z.get(), "xl/sharedStrings.xml", budget, lim);
        if (!doc) return std::unexpected(doc.error());
        auto s = shared_strings(*doc);
        if (!s) return std::unexpected(s.error());
        strings = std::move(*s);
    }
    std::string sheet_name = first_sheet(z.get(), budget, lim);
    auto sheet = read_part(z.get(), sheet_name, budget, lim);
    if (!sheet) return std::unexpected(sheet.error());

    table t;
    xml r(*sheet);
    int rc;
    std::vector<std::string>* row = nullptr;
    int col = 0;
    std::string type, value;
    bool in_v = false, in_is_t = false, in_cell = false;
    long last_row = 0;
    while ((rc = r.next()) == 1) {
        auto nt = r.type();
        if (nt == XML_READER_TYPE_ELEMENT) {
            auto n = r.name();
            if (n == "row") {
                long rn = 0;
                auto ra = r.attr("r");
                if (!ra.empty()) rn = std::strtol(ra.c_str(), nullptr, 10);
                else rn = last_row + 1;
                if (rn <= last_row || rn > static_cast<long>(lim.max_rows) + 1)
                    return core::fail(core::errc::invalid_input, "import.bad_xlsx",
                                      {"XLSX 行号无效或行数过多", "invalid row numbers or too many rows in the XLSX file"});
                // Blank rows in between keep their place so that row numbers match the sheet.
                while (last_row + 1 < rn) { t.rows.emplace_back(); ++last_row; }
                last_row = rn;
                t.rows.emplace_back();
                row = &t.rows.back();
                col = 0;
                if (r.empty()) row = nullptr;
            } else if (n == "c" && row) {
                auto ref = r.attr("r");
                int c = ref.empty() ? col : column_of(ref);
                if (c < 0 || c > 16383)
                    return std::unexpected(bad_file("XLSX 单元格引用无效：" + ref, "invalid cell reference: " + ref));
                col = c;
                type = r.attr("t");
                value.clear();
                in_cell = !r.empty();
                if (!in_cell) ++col;
            } else if (n == "v" && in_cell) {
                in_v = !r.empty();
            } else if (n == "t" && in_cell) {
                in_is_t = !r.empty();
            }
        } else if (nt == XML_READER_TYPE_END_ELEMENT) {
            auto n = r.name();
            if (n == "v") in_v = false;
            else if (n == "t") in_is_t = false;
            else if (n == "c" && in_cell && row) {
                std::string cell;
                if (type == "s") {
                    char* end = nullptr;
                    long idx = std::strtol(value.c_str(), &end, 10);
                    if (value.empty() || *end || idx < 0 || idx >= static_cast<long>(strings.size()))
                        return std::unexpected(bad_file("XLSX 共享字符串索引无效", "invalid shared string index in the XLSX file"));
                    cell = strings[static_cast<std::size_t>(idx)];
                } else if (type == "b") {
                    cell = value == "1" ? "TRUE" : "FALSE";
                } else {
                    cell = value;
                }
                if (row->size() <= static_cast<std::size_t>(col)) row->resize(col + 1);
                (*row)[col] = std::move(cell);
                ++col;
                in_cell = false;
            } else if (n == "row") {
                row = nullptr;
            }
        } else if (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            if (in_v || in_is_t) value += r.value();
        }
    }
    if (rc < 0) return std::unexpected(xml_error(sheet_name));
    // Trailing blank rows carry nothing.
    while (!t.rows.empty()) {
        bool blank = true;
        for (auto& c : t.rows.back())
            if (!c.empty()) blank = false;
        if (!blank) break;
        t.rows.pop_back();
    }
    return t;
}

std::string write_xlsx(const std::string& sheet_name, const table& t) {
    static std::mt19937_64 rng{std::random_device{}()};
    auto path = std::filesystem::temp_directory_path() /
                ("skillgrade-" + std::to_string(rng()) + ".xlsx");
    lxw_workbook_options opts{};
    opts.constant_memory = LXW_TRUE;
    std::string tmpdir = std::filesystem::temp_directory_path().string();
    opts.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
    if (!wb) throw std::runtime_error("cannot create XLSX workbook");
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    for (std::size_t r = 0; r < t.rows.size(); ++r)
        for (std::size_t c = 0; c < t.rows[r].size(); ++c)
            worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), t.rows[r][c].c_str(),
                                   r == 0 ? header : nullptr);
    if (!t.rows.empty()) worksheet_set_column(ws, 0, static_cast<lxw_col_t>(t.rows[0].size()), 14, nullptr);
    auto rc = workbook_close(wb);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (rc != LXW_NO_ERROR) throw std::runtime_error("cannot write XLSX workbook");
    return ss.str();
}

}  // namespace skillgrade::documents
