// import_report.hpp
// What an import of a sheet (engineers, training records, scores) reports: every row or none.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace skillgrade::app {

struct import_report {
    bool imported = false;
    int rows = 0;  // data rows read
    // Every problem counts; the first max_errors are listed (a sheet of 100,000 bad rows is not
    // answered with 100,000 messages).
    std::vector<core::field_error> errors;
    std::size_t error_count = 0;
    static constexpr std::size_t max_errors = 1000;
    void add(core::field_error e) {
        ++error_count;
        if (errors.size() < max_errors) errors.push_back(std::move(e));
    }
    bool failed() const { return error_count > 0; }
    // Engineer imports: a known employee number updates that engineer. What changes, field by field
    // (the first max_changes rows listed; the counts are whole).
    int created = 0, updated = 0, unchanged = 0;
    struct field_change {
        std::string field, column, before, after;
    };
    struct row_change {
        int row = 0;
        std::string employee_no, name;
        std::vector<field_change> fields;
    };
    std::vector<row_change> changes;
    static constexpr std::size_t max_changes = 200;
    // What does not stop the import but should be looked at (a question much like one in the bank):
    // the first max_errors.
    std::vector<core::field_error> warnings;
};

}  // namespace skillgrade::app
