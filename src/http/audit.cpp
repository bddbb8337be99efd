// The audit trail and the verification of its chain.
#include <boost/json.hpp>

#include "app/audit.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response list_audit(context& ctx) {
    auto page = query_int(ctx, "page", 1, 1, 1000000), size = query_int(ctx, "page_size", 50, 1, 200);
    if (!page) return problem(ctx, page.error());
    if (!size) return problem(ctx, size.error());
    app::audit_query q{query(ctx, "entity"), query(ctx, "entity_id"), query(ctx, "actor"),
                                query(ctx, "action"), query(ctx, "from"),      query(ctx, "to")};
    auto r = app::list_audit(ctx.app, *ctx.who, q, *page, *size);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& a : r->items) items.push_back(app::to_json(a));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", r->total}});
}

response audit_actions(context& ctx) {
    auto r = app::audit_actions(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& a : *r) items.push_back(js::value(a));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", items.size()}});
}

response verify_audit(context& ctx) {
    auto r = app::verify_audit(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"ok", r->ok}, {"checked", r->checked}, {"first_broken", r->first_broken}, {"reason", r->reason}});
}

}  // namespace skillgrade::http
