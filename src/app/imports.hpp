// imports.hpp
// Imports as jobs: an upload (engineers, training records, a score sheet) is stored with its job, and
// the job runner reads it in batches, checks every row and writes every row or none, reporting the
// rows it has read. The job's result is the import's report (what it created, changed and left as it
// was); a file with errors ends the job failed, its error naming every row and column (the first
// import_report::max_errors of them, the count whole). A dry run checks and reports without writing.
//
//   auto j = app::start_engineers_import(ctx, hr, bytes, /*dry_run=*/true);  // 202 + the job
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/jobs.hpp"

namespace skillgrade::app {

result<storage::job_row> start_engineers_import(context&, const principal&, std::string_view bytes, bool dry_run);
result<storage::job_row> start_training_import(context&, const principal&, std::string_view bytes, bool dry_run);
// The cycle is checked at once (it exists, it is in an assessment phase); the rows by the job.
result<storage::job_row> start_scores_import(context&, const principal&, std::int64_t cycle_id, std::string_view bytes,
                                             bool dry_run);
// Questions for the bank (app/questions.hpp reads the rows).
result<storage::job_row> start_questions_import(context&, const principal&, std::string_view bytes, bool dry_run);
std::vector<job_kind> import_jobs();

}  // namespace skillgrade::app
