// The public notice and an engineer's own outcomes.
#include <boost/json.hpp>

#include "app/notice.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response published(context& ctx) {
    auto f = cycle_list_query(ctx);
    if (!f) return problem(ctx, f.error());
    auto r = app::published(ctx.app, *ctx.who, ctx.id("id"), *f);
    if (!r) return problem(ctx, r.error());
    auto o = app::to_json(*r).as_object();
    auto items = std::move(o["items"].as_array());
    o.erase("items");
    return page_of(ctx, std::move(items), r->total, *f, std::move(o));
}

response own_results(context& ctx) { return items_of(ctx, app::own_results(ctx.app, *ctx.who, ctx.id("id"))); }

}  // namespace skillgrade::http
