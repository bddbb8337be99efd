// Applications, nominations, the eligibility review and its overrides.
#include <boost/json.hpp>

#include "app/applications.hpp"
#include "app/jobs.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response list_applications(context& ctx) {
    return cycle_page(ctx, [&](const storage::cycle_list_filter& f) { return app::list_applications(ctx.app, *ctx.who, ctx.id("id"), f); });
}

response apply(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto engineer = b.id("engineer_id");
    auto rank = b.integer("target_rank");
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::apply(ctx.app, *ctx.who, ctx.id("id"), engineer, rank);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::created, app::to_json(*r));
}

// The review is a job: 202 with its Location (the same job for a second starter while it runs).
response review_eligibility(context& ctx) { return job_accepted(ctx, app::start_review(ctx.app, *ctx.who, ctx.id("id"))); }

response withdraw(context& ctx) {
    auto r = app::withdraw(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response override_verdict(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto eligible = b.boolean("eligible");
    auto reason = b.str("reason", true);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::override_verdict(ctx.app, *ctx.who, ctx.id("id"), *eligible, reason);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response nominate(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::nomination_filter f;
    f.org_unit = b.str("org_unit", false);
    if (auto it = o->find("rank"); it != o->end() && !it->value().is_null()) f.rank = b.integer("rank");
    else b.known("rank");
    f.min_years = b.integer("min_years");
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::nominate(ctx.app, *ctx.who, ctx.id("id"), f, dry_run(ctx));
    if (!r) return problem(ctx, r.error());
    return json(ctx, r->dry_run ? st::ok : st::created,
                js::object{{"matched", r->matched}, {"created", r->created}, {"already", r->already}, {"skipped", r->skipped},
                           {"dry_run", r->dry_run}});
}

}  // namespace skillgrade::http
