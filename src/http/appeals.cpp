// Appeals and their resolution.
#include <boost/json.hpp>

#include "app/appeals.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response list_appeals(context& ctx) { return items_of(ctx, app::list_appeals(ctx.app, *ctx.who, ctx.id("id"))); }

response create_appeal(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto reason = b.str("reason", true);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::appeal(ctx.app, *ctx.who, ctx.id("id"), reason);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::created, app::to_json(*r));
}

response resolve_appeal(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    app::appeal_resolution r;
    std::vector<core::field_error> errs;
    if (auto it = o->find("score"); it != o->end() && !it->value().is_null()) {
        r.score = hundredths(it->value());
        if (!r.score) errs.push_back({"score", {"成绩应为数字（最多两位小数）", "score must be a number with two decimals at most"}});
    }
    body_reader b(*o);
    b.known("score");
    r.decision = b.str("decision", true);
    r.note = b.str("note", true);
    r.component = b.str("component", false);
    for (auto& e : b.finish()) errs.push_back(std::move(e));
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto res = app::resolve_appeal(ctx.app, *ctx.who, ctx.id("id"), r);
    if (!res) return problem(ctx, res.error());
    return json(ctx, st::ok, app::to_json(*res));
}

}  // namespace skillgrade::http
