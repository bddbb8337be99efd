// training.hpp
// Training records and the course catalogue the eligibility rules name.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/import_report.hpp"
#include "core/scheme.hpp"
#include "storage/product_lines.hpp"
#include "storage/training.hpp"

namespace skillgrade::app {

struct course_entry {
    std::int64_t scheme_id = 0;
    std::string scheme_code;
    core::text scheme_name;
    core::course course;
    std::vector<core::text> required_for;  // level labels whose eligibility names the course
};

// Imports training records (.xlsx/.csv: 工号, 课程代码, 学时, 日期, 是否通过), every row or none,
// reading the sheet in batches (progress and a stop through `control`, when it runs as a job).
class job_control;
result<import_report> import_training(context&, const principal&, std::string_view bytes, bool dry_run = false,
                                      job_control* control = nullptr);
result<std::vector<storage::training_row>> list_training(context&, const principal&, std::int64_t engineer_id);
// The course catalogue: every course of every scheme's latest version, with the levels that require it.
result<std::vector<course_entry>> list_courses(context&, const principal&);
result<std::vector<storage::product_line>> list_product_lines(context&, const principal&);
// The training import template: the header, a row that imports as it is, and a sheet of course codes.
result<std::string> training_template(context&, const principal&);

}  // namespace skillgrade::app
