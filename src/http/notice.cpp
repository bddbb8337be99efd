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
    auto r = app::published(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response own_results(context& ctx) { return items_of(ctx, app::own_results(ctx.app, *ctx.who, ctx.id("id"))); }

}  // namespace skillgrade::http
