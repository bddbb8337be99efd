// Background jobs: their progress, the recent ones, cancelling.
#include <boost/json.hpp>

#include "app/jobs.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using st = bhttp::status;

response job_accepted(context& ctx, const core::result<storage::job_row>& r) {
    if (!r) return problem(ctx, r.error());
    auto res = json(ctx, st::accepted, app::to_json(*r));
    res.set(bhttp::field::location, "/api/v1/jobs/" + std::to_string(r->id));
    return res;
}

response list_jobs(context& ctx) { return items_of(ctx, app::list_jobs(ctx.app, *ctx.who)); }

response get_job(context& ctx) {
    auto r = app::get_job(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response cancel_job(context& ctx) {
    auto r = app::cancel_job(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

// The file a job made (an export), for its owner.
response job_file(context& ctx) {
    auto r = app::job_file(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(r->bytes), r->content_type, r->name);
}

}  // namespace skillgrade::http
