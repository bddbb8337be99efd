// tables.hpp
// Spreadsheet-shaped files in and out, bytes in and bytes out: CSV (UTF-8, or GBK/GB18030
// detected and converted) and XLSX (read with libzip + libxml2, guarded against zip bombs and
// XML entities; written with libxlsxwriter). Row 0 is the header row.
//
//   auto t = read_table(bytes, "engineers.xlsx");
//   if (!t) show(t.error()); else for (auto& row : t->rows) ...
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skillgrade::documents {

struct table {
    std::vector<std::vector<std::string>> rows;
};

struct limits {
    std::size_t max_rows = 1'000'000;
    std::size_t max_uncompressed = 512u << 20;  // bytes for all XLSX parts read
    std::size_t max_ratio = 200;                // uncompressed / compressed, per part above 1 MiB
};

core::result<table> read_csv(std::string_view bytes, const limits& = {});
core::result<table> read_xlsx(std::string_view bytes, const limits& = {});
// Chooses by content (a zip starts with "PK"), so a misnamed file still reads.
core::result<table> read_table(std::string_view bytes, const limits& = {});

// The same one row at a time, in constant memory beyond the file and an XLSX's shared strings (the
// sheet is inflated and parsed in chunks). `index` is the row's place, the header's 0: in an XLSX the
// sheet row number minus one (blank rows in between are not passed, so indexes may jump), in a CSV
// the count of non-blank lines before it. The reader answers false to stop: no error follows.
// `expected`, when given, hears the number of data rows the file announces (an XLSX's dimension, a
// CSV's line count) before the first row, for a progress bar; it is an estimate, never a limit.
using row_reader = std::function<bool(std::size_t index, std::vector<std::string>& cells)>;
using rows_expected = std::function<void(std::size_t rows)>;
core::result<void> read_csv(std::string_view bytes, const row_reader&, const limits& = {}, const rows_expected& = {});
core::result<void> read_xlsx(std::string_view bytes, const row_reader&, const limits& = {}, const rows_expected& = {});
core::result<void> read_table(std::string_view bytes, const row_reader&, const limits& = {}, const rows_expected& = {});

// One sheet; every cell is written as a string, so "=1+1" stays text and never becomes a formula.
// The media type of what write_xlsx makes.
inline constexpr const char* xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
std::string write_xlsx(const std::string& sheet_name, const table& t);
// The same row by row: `produce` writes the rows (header first) through the sink it is given, so a
// sheet of any length is written without holding its rows.
using row_sink = std::function<void(const std::vector<std::string>&)>;
std::string write_xlsx(const std::string& sheet_name, const std::function<void(const row_sink&)>& produce);
// Several sheets in one workbook, in order (e.g. a template and the list of valid codes beside it).
struct sheet_writer {
    std::string name;
    std::function<void(const row_sink&)> produce;
};
std::string write_xlsx(const std::vector<sheet_writer>& sheets);
inline std::function<void(const row_sink&)> rows_of(const table& t) {
    return [&t](const row_sink& write) {
        for (auto& row : t.rows) write(row);
    };
}

// ZIP archives: an upload of a sheet with its pictures, a download of several files.
struct zip_entry {
    std::string name, bytes;
};
bool is_xlsx(std::string_view bytes);  // a zip holding a workbook
// The files of the archive (directories left out), inflated within the limits.
core::result<std::vector<zip_entry>> read_zip(std::string_view bytes, const limits& = {});
std::string write_zip(const std::vector<zip_entry>& entries);
// Writes CSV with a UTF-8 BOM (so spreadsheet programs detect the encoding).
std::string write_csv(const table& t);

}  // namespace skillgrade::documents
