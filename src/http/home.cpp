// Each role's work at a glance.
#include <boost/json.hpp>

#include "app/home.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response home(context& ctx) {
    auto r = app::home(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

}  // namespace skillgrade::http
