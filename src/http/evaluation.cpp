// The evaluation, its results, the report and sheet, and the committee's votes.
#include <boost/json.hpp>

#include "app/evaluation.hpp"
#include "app/jobs.hpp"
#include "app/reports.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

// The evaluation is a job (202 with its Location); a dry run is a read and answers the results at once.
response evaluate_cycle(context& ctx) {
    if (!dry_run(ctx)) return job_accepted(ctx, app::start_evaluation(ctx.app, *ctx.who, ctx.id("id")));
    return items_of(ctx, app::evaluate_cycle(ctx.app, *ctx.who, ctx.id("id"), true));
}

// The replay (a dry run in any phase, compared with the stored results) is always a job: 202 with its Location.
response replay_cycle(context& ctx) { return job_accepted(ctx, app::start_replay(ctx.app, *ctx.who, ctx.id("id"))); }

response list_results(context& ctx) {
    return cycle_page(ctx, [&](const storage::cycle_list_filter& f) { return app::list_results(ctx.app, *ctx.who, ctx.id("id"), f); });
}

response cast_vote(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto v = b.str("vote", true);
    auto comment = b.str("comment", false);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::vote(ctx.app, *ctx.who, ctx.id("id"), v, comment);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response cycle_report(context& ctx) {
    auto r = app::report(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

// The results sheet is made by a job (202 with its Location); its file is then at /jobs/{id}/file.
response export_results(context& ctx) { return job_accepted(ctx, app::start_results_export(ctx.app, *ctx.who, ctx.id("id"))); }

}  // namespace skillgrade::http
