// sheet.hpp
// Reading an uploaded .xlsx/.csv against a declared set of columns: the header is checked
// (unknown, duplicate and missing required columns are file-level errors on row 1), blank rows
// are skipped, and each data row keeps its sheet row number for the report. The rows come in
// batches, so that a sheet of any length is read in constant memory.
//
//   const sheet_column cols[] = {{"employee_no", {"工号", "Employee No."}, true}, …};
//   auto h = read_sheet(bytes, cols, {.on_batch = [&](const sheet_header&, std::vector<sheet_row>& rows) { …; return true; }});
//   // a core error when the file is unreadable; h->errors for the header (then no batch came)
#pragma once
#include <cstddef>
#include <functional>
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

struct sheet_header {
    std::vector<core::field_error> errors;  // header problems: no row was read when there are any
    std::vector<bool> present;              // per declared column: the file has it
};

struct sheet_reading {
    std::size_t batch = 2000;
    // A batch of data rows in sheet order (with the header they were read under); answers false to stop.
    std::function<bool(const sheet_header&, std::vector<sheet_row>&)> on_batch;
    // The number of data rows the file announces, before the first batch (an estimate, for progress).
    std::function<void(std::size_t)> expected;
};

// 422 import.empty: "文件为空" / "The file is empty" (an upload refused before anything is read).
core::error empty_file();

// The title of an import refused for its rows: "文件有 3 处错误…" / "The file has 3 errors…".
core::text import_failed(std::size_t errors);

core::result<sheet_header> read_sheet(std::string_view bytes, std::span<const sheet_column> columns, const sheet_reading&);

struct import_report;
class job_control;
// An import's pass over a sheet: the header's problems go into the report (and no row is read); the
// data rows come to `each` in batches (report.rows counts them), with progress reported to `control`
// (when given) after each batch. An unreadable file is an error; so is a stop asked through
// `control` (job_stopped()), and the caller's unit of work then rolls back.
core::result<sheet_header> import_rows(std::string_view bytes, std::span<const sheet_column> columns, import_report& report,
                                       job_control* control,
                                       const std::function<void(const sheet_header&, std::vector<sheet_row>&)>& each);

// Accepts 2020-01-05, 2020/1/5, 2020.1.5 and spreadsheet serial numbers; returns ISO or the input.
std::string normalise_date(const std::string& raw);

}  // namespace skillgrade::app
