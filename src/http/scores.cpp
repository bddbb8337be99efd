// Component scores: entry, sheet imports and locks.
#include <boost/json.hpp>

#include "app/scores.hpp"
#include "app/imports.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response set_score(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    app::score_input in;
    std::vector<core::field_error> errs;
    if (auto it = o->find("score"); it != o->end() && !it->value().is_null()) {
        auto h = hundredths(it->value());
        if (!h) errs.push_back({"score", {"成绩应为数字（最多两位小数）", "score must be a number with two decimals at most"}});
        else in.score = *h;
    }
    body_reader b(*o);
    b.known("score");
    in.component = b.str("component", true);
    if (o->contains("absent")) in.absent = b.boolean("absent").value_or(false);
    in.reason = b.str("reason", false);
    for (auto& e : b.finish()) errs.push_back(std::move(e));
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::set_score(ctx.app, *ctx.who, ctx.id("id"), in);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response list_scores(context& ctx) {
    return cycle_page(ctx, [&](const storage::cycle_list_filter& f) { return app::list_scores(ctx.app, *ctx.who, ctx.id("id"), f); });
}

response import_scores(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    return job_accepted(ctx, app::start_scores_import(ctx.app, *ctx.who, ctx.id("id"), *file, dry_run(ctx)));
}

response list_locks(context& ctx) {
    auto r = app::list_locks(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& c : *r) items.push_back(js::value(c));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", items.size()}});
}

response lock_component(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto component = b.str("component", true);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::lock_component(ctx.app, *ctx.who, ctx.id("id"), component);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"locked", component}});
}

}  // namespace skillgrade::http
