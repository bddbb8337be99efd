// The organisation tree.
#include <boost/json.hpp>

#include "app/org.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response list_org_units(context& ctx) { return items_of(ctx, app::list_org_units(ctx.app, *ctx.who)); }

response create_org_unit(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    core::org_unit u;
    u.code = core::trim(b.str("code", true));
    u.name = core::trim(b.str("name", true));
    u.kind = b.str("kind", true);
    auto parent = core::trim(b.str("parent", false));
    auto manager = core::trim(b.str("manager", false));
    auto errs = b.finish();
    if (!errs.empty())
        return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::create_org_unit(ctx.app, *ctx.who, u, parent, manager);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::created, app::to_json(*r));
}

}  // namespace skillgrade::http
