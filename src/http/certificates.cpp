// Certificates: an engineer's, and those about to expire.
#include <boost/json.hpp>

#include "app/certificates.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response list_certificates(context& ctx) { return items_of(ctx, app::list_certificates(ctx.app, *ctx.who, ctx.id("id"))); }

response expiring_certificates(context& ctx) {
    auto days = query_int(ctx, "days", 90, 0, 3650);
    if (!days) return problem(ctx, days.error());
    return items_of(ctx, app::expiring_certificates(ctx.app, *ctx.who, *days));
}

}  // namespace skillgrade::http
