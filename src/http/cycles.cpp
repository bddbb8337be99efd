// Evaluation cycles: plan, phases, quotas, settings, the working-day calendar.
#include <boost/json.hpp>

#include "app/calendar.hpp"
#include "app/cycles.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"
#include "storage/calendar.hpp"
#include "storage/cycles.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response list_cycles(context& ctx) { return items_of(ctx, app::list_cycles(ctx.app, *ctx.who)); }

response get_cycle(context& ctx) {
    auto r = app::get_cycle(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->version);
}

response create_cycle(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::cycle_input in;
    in.name = b.str("name", true);
    in.scheme_id = b.id("scheme_id");
    in.kind = b.str("kind", true);
    in.open_ranks = b.integers("open_ranks");
    in.cutoff_date = b.str("cutoff_date", true);
    std::vector<core::field_error> errs;
    if (auto phases = b.objects("phases"))
        for (std::size_t i = 0; i < phases->size(); ++i) {
            body_reader pb((*phases)[i].as_object());
            storage::phase_row ph{pb.str("phase", true), pb.str("starts_on", true), pb.str("ends_on", true),
                                  pb.str("responsible_role", true)};
            for (auto& e : pb.finish()) errs.push_back({"phases[" + std::to_string(i) + "]." + e.field, e.message});
            in.phases.push_back(std::move(ph));
        }
    for (auto& e : b.finish()) errs.push_back(std::move(e));
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::create_cycle(ctx.app, *ctx.who, in);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::created, app::to_json(*r)), r->version);
}

response transition_cycle(context& ctx) {
    auto version = if_match(ctx);
    if (!version) return problem(ctx, missing_if_match());
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto to = b.str("to", true);
    auto reason = b.str("reason", false);
    bool override_notice = o->contains("override") && b.boolean("override").value_or(false);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::transition_cycle(ctx.app, *ctx.who, ctx.id("id"), to, reason, *version, override_notice);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->version);
}

response set_quota(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::quota_input in;
    in.rank = b.integer("rank");
    in.org_unit = b.str("org_unit", false);
    in.kind = b.str("kind", true);
    in.value = b.integer("value", 1000001);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::set_quota(ctx.app, *ctx.who, ctx.id("id"), in);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->version);
}

response update_cycle_settings(context& ctx) {
    auto version = if_match(ctx);
    if (!version) return problem(ctx, missing_if_match());
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::cycle_settings in;
    in.published_fields = b.strings("published_fields");
    in.certificate_pattern = b.str("certificate_pattern", true);
    in.notice_days = b.integer("notice_days");
    if (auto* r = o->if_contains("resit_rule"); r && !r->is_null()) in.resit_rule = b.str("resit_rule", true);
    else b.known("resit_rule");
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::update_cycle_settings(ctx.app, *ctx.who, ctx.id("id"), in, *version);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->version);
}

response list_calendar(context& ctx) { return items_of(ctx, app::list_calendar(ctx.app, *ctx.who)); }

response set_calendar_day(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    storage::calendar_day d{b.str("day", true), b.str("kind", true), b.str("name", false)};
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::set_calendar_day(ctx.app, *ctx.who, d);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

}  // namespace skillgrade::http
