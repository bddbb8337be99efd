// Imports as jobs: the upload stored with its job, the import run by the job runner.
#include "app/imports.hpp"

#include <boost/json.hpp>

#include "app/audit.hpp"
#include "app/engineers.hpp"
#include "app/import_report.hpp"
#include "app/questions.hpp"
#include "app/scores.hpp"
#include "app/sheet.hpp"
#include "app/training.hpp"
#include "app/views.hpp"
#include "storage/cycles.hpp"

namespace skillgrade::app {
namespace {
namespace js = boost::json;

// One job per person, file and mode at a time: the same upload sent twice while it runs is the same job.
result<storage::job_row> start(context& ctx, const principal& p, const char* kind, std::string_view bytes, bool dry_run,
                               js::object params) {
    if (bytes.empty()) return std::unexpected(empty_file());
    auto sha = sha256_hex(bytes);
    params["dry_run"] = dry_run;
    params["sha256"] = sha;
    params["bytes"] = bytes.size();
    std::string key = std::string(kind) + (dry_run ? ":preview:" : ":import:") + sha + ":user:" + std::to_string(p.user_id);
    if (auto* c = params.if_contains("cycle_id")) key += ":cycle:" + std::to_string(c->to_number<std::int64_t>());
    return start_job(ctx, p, kind, js::serialize(params), key, bytes);
}

// A report with errors fails the job with them; a clean one is its result.
result<std::string> outcome(const result<import_report>& r) {
    if (!r) return std::unexpected(r.error());
    if (r->failed())
        return std::unexpected(core::error{core::errc::invalid_input, "import.rows_invalid", import_failed(r->error_count), r->errors});
    return js::serialize(to_json(*r));
}

struct import_params {
    bool dry_run = false;
    std::int64_t cycle_id = 0;
};
import_params read_params(const std::string& text) {
    auto o = js::parse(text).as_object();
    import_params out;
    out.dry_run = o.at("dry_run").as_bool();
    if (auto* c = o.if_contains("cycle_id")) out.cycle_id = c->to_number<std::int64_t>();
    return out;
}
}  // namespace

result<storage::job_row> start_engineers_import(context& ctx, const principal& p, std::string_view bytes, bool dry_run) {
    return start(ctx, p, "engineers_import", bytes, dry_run, {});
}

result<storage::job_row> start_training_import(context& ctx, const principal& p, std::string_view bytes, bool dry_run) {
    return start(ctx, p, "training_import", bytes, dry_run, {});
}

result<storage::job_row> start_scores_import(context& ctx, const principal& p, std::int64_t cycle_id, std::string_view bytes,
                                             bool dry_run) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        auto c = storage::cycles::get(tx, cycle_id);
        if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
        if (!scoring_phase(c->status))
            return core::fail(core::errc::conflict, "score.phase", {"当前阶段不能录入成绩", "Scores are entered during the assessment phases"});
    }
    return start(ctx, p, "scores_import", bytes, dry_run, {{"cycle_id", cycle_id}});
}

result<storage::job_row> start_questions_import(context& ctx, const principal& p, std::string_view bytes, bool dry_run) {
    if (auto c = check(p, perm::questions_write); !c) return std::unexpected(c.error());
    return start(ctx, p, "questions_import", bytes, dry_run, {});
}

std::vector<job_kind> import_jobs() {
    return {
        {"engineers_import", perm::engineers_write,
         [](context& ctx, const principal& owner, const std::string& params, job_control& control) {
             auto in = read_params(params);
             return outcome(import_engineers(ctx, owner, job_input(ctx, control), in.dry_run, &control));
         }},
        {"training_import", perm::cycles_write,
         [](context& ctx, const principal& owner, const std::string& params, job_control& control) {
             auto in = read_params(params);
             return outcome(import_training(ctx, owner, job_input(ctx, control), in.dry_run, &control));
         }},
        {"scores_import", perm::scores_write,
         [](context& ctx, const principal& owner, const std::string& params, job_control& control) {
             auto in = read_params(params);
             return outcome(import_scores(ctx, owner, in.cycle_id, job_input(ctx, control), in.dry_run, &control));
         }},
        {"questions_import", perm::questions_write,
         [](context& ctx, const principal& owner, const std::string& params, job_control& control) {
             auto in = read_params(params);
             return outcome(import_questions(ctx, owner, job_input(ctx, control), in.dry_run, &control));
         }},
    };
}

}  // namespace skillgrade::app
