#include "app/sheet.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "app/import_report.hpp"
#include "app/jobs.hpp"
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

core::result<sheet_header> read_sheet(std::string_view bytes, std::span<const sheet_column> columns, const sheet_reading& how) {
    if (bytes.empty()) return std::unexpected(empty_file());
    sheet_header out;
    bool header_seen = false;
    std::vector<int> index;  // sheet column -> declared column, or -1
    std::vector<sheet_row> batch;
    bool stopped = false;
    auto check_header = [&](const std::vector<std::string>& cells) {
        header_seen = true;
        std::set<std::string> present;
        for (auto& cell : cells) {
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
        return out.errors.empty();
    };
    auto flush = [&] {
        if (!batch.empty() && !stopped) stopped = !how.on_batch(out, batch);
        batch.clear();
        return !stopped;
    };
    auto read = documents::read_table(
        bytes,
        [&](std::size_t at, std::vector<std::string>& cells) {
            // The header is the first row; a sheet whose first row is blank has an empty header.
            if (!header_seen && !check_header(at == 0 ? cells : std::vector<std::string>{})) return false;
            if (at == 0) return true;
            sheet_row row{static_cast<int>(at) + 1, std::vector<std::string>(columns.size())};
            bool blank = true;
            for (std::size_t c = 0; c < cells.size() && c < index.size(); ++c) {
                if (index[c] < 0) continue;
                auto& v = row.values[static_cast<std::size_t>(index[c])];
                v = core::trim(cells[c]);
                if (!v.empty()) blank = false;
            }
            if (blank) return true;
            batch.push_back(std::move(row));
            return batch.size() < how.batch || flush();
        },
        {}, how.expected);
    if (!read) return std::unexpected(read.error());
    if (!header_seen)
        return core::fail(core::errc::invalid_input, "import.no_header", {"文件没有表头行", "The file has no header row"});
    if (out.errors.empty()) flush();
    return out;
}

core::result<sheet_header> import_rows(std::string_view bytes, std::span<const sheet_column> columns, import_report& report,
                                       job_control* control,
                                       const std::function<void(const sheet_header&, std::vector<sheet_row>&)>& each) {
    std::int64_t expected = 0;
    bool stopped = false;
    if (control && !control->step(0, 0, "import")) return std::unexpected(job_stopped());
    auto header = read_sheet(bytes, columns,
                             {.on_batch =
                                  [&](const sheet_header& h, std::vector<sheet_row>& rows) {
                                      report.rows += static_cast<int>(rows.size());
                                      each(h, rows);
                                      auto done = static_cast<std::int64_t>(report.rows);
                                      stopped = control && !control->step(done, std::max(done, expected), "import");
                                      return !stopped;
                                  },
                              .expected = [&](std::size_t n) {
                                  expected = static_cast<std::int64_t>(n);
                                  if (control) control->step(0, expected, "import");
                              }});
    if (!header) return header;
    if (stopped) return std::unexpected(job_stopped());
    for (auto& e : header->errors) report.add(e);
    auto done = static_cast<std::int64_t>(report.rows);
    if (control && !control->step(done, done, "import")) return std::unexpected(job_stopped());
    return header;
}

core::error empty_file() { return {core::errc::invalid_input, "import.empty", {"文件为空", "The file is empty"}, {}}; }

core::text import_failed(std::size_t errors) {
    auto n = std::to_string(errors);
    return {"文件有 " + n + " 处错误，未导入任何数据",
            "The file has " + n + (errors == 1 ? " error" : " errors") + "; nothing was imported"};
}

}  // namespace skillgrade::app
