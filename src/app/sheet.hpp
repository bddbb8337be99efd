// sheet.hpp
// Reading an uploaded .xlsx/.csv against a declared set of columns: the header is checked
// (unknown, duplicate and missing required columns are file-level errors on row 1), blank rows
// are skipped, and each data row keeps its sheet row number for the report.
//
//   const sheet_column cols[] = {{"employee_no", {"工号", "Employee No."}, true}, …};
//   auto s = read_sheet(bytes, cols);                 // core error when the file is unreadable
//   for (auto& row : s->rows) row.value(0) …          // by column index; s->errors for the header
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skillgrade::app {

struct sheet_column {
    const char* key;
    core::text header;  // the template uses the Chinese header; English and the key are accepted too
    bool required;
};

struct sheet_row {
    int number = 0;                   // 1-based row in the sheet (the header is row 1)
    std::vector<std::string> values;  // trimmed, one per declared column ("" when absent)
    const std::string& value(std::size_t column) const { return values[column]; }
};

struct sheet {
    std::vector<sheet_row> rows;
    std::vector<core::field_error> errors;  // header problems; rows are empty when there are any
    std::vector<bool> present;              // per declared column: the file has it
};

// The title of an import refused for its rows: "文件有 3 处错误…" / "The file has 3 errors…".
core::text import_failed(std::size_t errors);

core::result<sheet> read_sheet(std::string_view bytes, std::span<const sheet_column> columns);

// Accepts 2020-01-05, 2020/1/5, 2020.1.5 and spreadsheet serial numbers; returns ISO or the input.
std::string normalise_date(const std::string& raw);

}  // namespace skillgrade::app
