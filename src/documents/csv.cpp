#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <optional>

#include "core/text.hpp"
#include "documents/tables.hpp"

namespace skillgrade::documents {
namespace {

std::optional<std::string> convert(std::string_view in, const char* from) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(in.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    bool ok = true;
    while (src_left > 0) {
        if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                std::size_t used = dst - out.data();
                out.resize(out.size() * 2);
                dst = out.data() + used;
                dst_left = out.size() - used;
                continue;
            }
            ok = false;
            break;
        }
    }
    iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(dst - out.data());
    return out;
}

core::error encoding_error() {
    return {core::errc::invalid_input, "import.encoding",
            {"无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV", "Unrecognised file encoding: save the CSV as UTF-8 or GBK"},
            {}};
}

}  // namespace

core::result<void> read_csv(std::string_view bytes, const row_reader& on_row, const limits& lim, const rows_expected& on_expected) {
    std::string converted;
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        auto c = convert(bytes, "UTF-16");
        if (!c) return std::unexpected(encoding_error());
        converted = std::move(*c);
        if (converted.starts_with("\xEF\xBB\xBF")) converted.erase(0, 3);
        bytes = converted;
    } else if (!core::is_utf8(bytes)) {
        // GBK files are common in China; GB18030 is its superset.
        auto c = convert(bytes, "GB18030");
        if (!c) return std::unexpected(encoding_error());
        converted = std::move(*c);
        bytes = converted;
    }
    if (bytes.find('\0') != std::string_view::npos) return std::unexpected(encoding_error());

    if (on_expected) {
        auto lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
        if (!bytes.empty() && bytes.back() != '\n') ++lines;
        on_expected(std::min(lines > 0 ? lines - 1 : 0, lim.max_rows));
    }
    std::size_t rows = 0;  // non-blank rows passed, the header included
    bool stopped = false;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, field_started = false;
    std::size_t i = 0;
    auto end_field = [&] {
        row.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    auto end_row = [&]() -> bool {
        end_field();
        bool blank = true;
        for (auto& f : row)
            if (!f.empty()) blank = false;
        if (!blank && rows <= lim.max_rows) stopped = !on_row(rows, row);
        if (!blank) ++rows;
        row.clear();
        return rows <= lim.max_rows + 1;
    };
    while (i < bytes.size()) {
        char c = bytes[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < bytes.size() && bytes[i + 1] == '"') { field += '"'; i += 2; continue; }
                quoted = false;
                ++i;
                continue;
            }
            field += c;
            ++i;
            continue;
        }
        if (c == '"' && !field_started) { quoted = true; field_started = true; ++i; continue; }
        if (c == ',') { end_field(); ++i; continue; }
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
            ++i;
            if (!end_row())
                return core::fail(core::errc::too_large, "import.too_many_rows",
                                  {"行数超过上限 " + std::to_string(lim.max_rows), "more than " + std::to_string(lim.max_rows) + " rows"});
            if (stopped) return {};
            continue;
        }
        field += c;
        field_started = true;
        ++i;
    }
    if (quoted)
        return core::fail(core::errc::invalid_input, "import.csv_quote",
                          {"CSV 格式错误：引号未闭合", "Malformed CSV: a quoted field is not closed"});
    if (!field.empty() || !row.empty()) end_row();
    if (rows > lim.max_rows + 1)
        return core::fail(core::errc::too_large, "import.too_many_rows",
                          {"行数超过上限 " + std::to_string(lim.max_rows), "more than " + std::to_string(lim.max_rows) + " rows"});
    return {};
}

core::result<table> read_csv(std::string_view bytes, const limits& lim) {
    table t;
    auto r = read_csv(
        bytes,
        [&](std::size_t, std::vector<std::string>& cells) {
            t.rows.push_back(std::move(cells));
            return true;
        },
        lim);
    if (!r) return std::unexpected(r.error());
    return t;
}

std::string write_csv(const table& t) {
    std::string out = "\xEF\xBB\xBF";
    for (auto& row : t.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) out += ',';
            const auto& f = row[i];
            bool quote = f.find_first_of(",\"\r\n") != std::string::npos;
            // A leading = + - @ would make a spreadsheet evaluate the cell: prefix a quote mark.
            bool formula = !f.empty() && (f[0] == '=' || f[0] == '+' || f[0] == '-' || f[0] == '@');
            std::string v = formula ? "'" + f : f;
            if (quote) {
                out += '"';
                for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
                out += '"';
            } else {
                out += v;
            }
        }
        out += "\r\n";
    }
    return out;
}

core::result<table> read_table(std::string_view bytes, const limits& lim) {
    if (bytes.starts_with("PK")) return read_xlsx(bytes, lim);
    return read_csv(bytes, lim);
}

core::result<void> read_table(std::string_view bytes, const row_reader& on_row, const limits& lim, const rows_expected& on_expected) {
    if (bytes.starts_with("PK")) return read_xlsx(bytes, on_row, lim, on_expected);
    return read_csv(bytes, on_row, lim, on_expected);
}

}  // namespace skillgrade::documents
