#include "app/sheet.hpp"

#include <chrono>
#include <set>

#include "core/date.hpp"
#include "core/people.hpp"
#include "documents/tables.hpp"

namespace skillgrade::app {

std::string normalise_date(const std::string& raw) {
    auto s = core::trim(raw);
    if (s.empty()) return s;
    bool digits = s.find_first_not_of("0123456789") == std::string::npos;
    if (digits && s.size() <= 6) {
        long serial = std::stol(s);
        if (serial > 0 && serial < 100000) {
            // Spreadsheet day 25569 is 1970-01-01.
            auto d = std::chrono::sys_days{} + std::chrono::days{serial - 25569};
            return core::format_date(core::date{d});
        }
    }
    for (char sep : {'/', '.'}) {
        auto a = s.find(sep), b = s.rfind(sep);
        if (a != std::string::npos && b != a) {
            auto pad = [](std::string x) { return x.size() == 1 ? "0" + x : x; };
            return s.substr(0, a) + "-" + pad(s.substr(a + 1, b - a - 1)) + "-" + pad(s.substr(b + 1));
        }
    }
    return s;
}

core::result<sheet> read_sheet(std::string_view bytes, std::span<const sheet_column> columns) {
    if (bytes.empty()) return core::fail(core::errc::invalid_input, "import.empty", {"文件为空", "The file is empty"});
    auto table = documents::read_table(bytes);
    if (!table) return std::unexpected(table.error());
    auto& rows = table->rows;
    if (rows.empty())
        return core::fail(core::errc::invalid_input, "import.no_header", {"文件没有表头行", "The file has no header row"});
    sheet out;
    std::vector<int> index;  // sheet column -> declared column, or -1
    std::set<std::string> present;
    for (auto& cell : rows[0]) {
        auto h = core::trim(cell);
        int found = -1;
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (h == columns[i].header.zh || h == columns[i].header.en || h == columns[i].key) found = static_cast<int>(i);
        if (!h.empty() && found < 0) out.errors.push_back({"header", {"未知列：" + h, "unknown column: " + h}, 1, h});
        if (found >= 0 && !present.insert(columns[found].key).second)
            out.errors.push_back({"header", {"列重复：" + h, "duplicate column: " + h}, 1, h});
        index.push_back(found);
    }
    for (auto& c : columns)
        if (c.required && !present.count(c.key))
            out.errors.push_back({"header", {"缺少必填列：" + c.header.zh, "missing required column: " + c.header.en}, 1, c.header.zh});
    for (auto& c : columns) out.present.push_back(present.count(c.key) > 0);
    if (!out.errors.empty()) return out;
    out.rows.reserve(rows.size());
    for (std::size_t r = 1; r < rows.size(); ++r) {
        sheet_row row{static_cast<int>(r) + 1, std::vector<std::string>(columns.size())};
        bool blank = true;
        for (std::size_t c = 0; c < rows[r].size() && c < index.size(); ++c) {
            if (index[c] < 0) continue;
            row.values[static_cast<std::size_t>(index[c])] = core::trim(rows[r][c]);
            if (!row.values[static_cast<std::size_t>(index[c])].empty()) blank = false;
        }
        if (!blank) out.rows.push_back(std::move(row));
    }
    return out;
}

core::text import_failed(std::size_t errors) {
    auto n = std::to_string(errors);
    return {"文件有 " + n + " 处错误，未导入任何数据",
            "The file has " + n + (errors == 1 ? " error" : " errors") + "; nothing was imported"};
}

}  // namespace skillgrade::app
