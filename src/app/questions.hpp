// questions.hpp
// The question bank (题库): HR keeps questions per product line and level; examiners read them. Every
// save of a changed question is a new version (papers keep the version they were built with); a
// question much like another in the bank is saved with a warning naming it. Import from a sheet
// with Chinese headers (all rows or none, as a job), export, and the template.
//
//   auto saved = app::save_question(ctx, hr, q, parts, std::nullopt);   // a new question
//   saved->warnings  // near-duplicates: "与 AC-0012 相似（92%）"
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/jobs.hpp"
#include "core/questions.hpp"
#include "storage/questions.hpp"

namespace skillgrade::app {

struct import_report;

struct question_version_summary {
    std::int64_t id = 0;
    int version = 0;
    std::string created_at, created_by;
};
struct question_detail {
    core::question question;
    std::vector<core::question> parts;  // a case's sub-questions, in order
    std::vector<question_version_summary> versions;  // newest first
    std::vector<core::field_error> warnings;         // near-duplicates, when just saved
    bool changed = true;                             // a save that changed nothing adds no version
};

result<storage::list_page<core::question>> list_questions(context&, const principal&, const storage::question_filter&);
result<question_detail> get_question(context&, const principal&, std::int64_t question_id);
// Creates a question (question_id empty: its code must be new) or saves a new version of one (the
// code stays); a case brings its sub-questions (each its own code), saved with it.
// `expected_version`: the version the editor read; another one current is a 412 that saves nothing.
result<question_detail> save_question(context&, const principal&, core::question q, std::vector<core::question> parts,
                                      std::optional<std::int64_t> question_id, std::optional<std::int64_t> expected_version = std::nullopt);
// Takes a question (with a case's parts) out of use, or back; papers built with it keep it.
result<question_detail> retire_question(context&, const principal&, std::int64_t question_id, bool retired, const std::string& reason);

result<import_report> import_questions(context&, const principal&, std::string_view bytes, bool dry_run, job_control* = nullptr);
// .xlsx in the import's columns; with_pictures: a .zip of that sheet and the pictures it names
// (images/<id>.png), which imports back as it is.
result<std::string> export_questions(context&, const principal&, bool with_pictures = false);
result<std::string> questions_template(context&, const principal&);   // .xlsx: the headers and one example per type

// Reads and writes a question's stored form (options, answers and rubric as JSON).
core::question from_row(const storage::question_row&);

// A picture for questions (PNG or JPEG, checked by core::inspect_image), stored once per content:
// the stored image (without its bytes).
result<storage::questions::image_row> upload_image(context&, const principal&, std::string_view bytes);
struct image_file {
    std::string media_type, sha256, bytes;
};
// A picture as served: to the bank's readers, and to an engineer when it is on a paper of theirs
// (404 otherwise, as for a picture that does not exist).
result<image_file> question_image(context&, const principal&, std::int64_t id);
storage::question_row to_row(const core::question&);

}  // namespace skillgrade::app
