// Level schemes: list, versions, TOML import and export, comparison.
#include <boost/json.hpp>

#include "app/schemes.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response list_schemes(context& ctx) { return items_of(ctx, app::list_schemes(ctx.app, *ctx.who)); }

response get_scheme(context& ctx) {
    auto v = query_int(ctx, "version", 0, 0, 1000000);
    if (!v) return problem(ctx, v.error());
    auto r = app::get_scheme(ctx.app, *ctx.who, ctx.id("id"), *v);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response import_scheme(context& ctx) {
    auto r = app::save_scheme(ctx.app, *ctx.who, ctx.req.body(), query(ctx, "file_name"), query(ctx, "note"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, r->version.version == 1 ? st::created : st::ok, app::to_json(*r));
}

response export_scheme(context& ctx) {
    auto v = query_int(ctx, "version", 0, 0, 1000000);
    if (!v) return problem(ctx, v.error());
    auto r = app::export_scheme(ctx.app, *ctx.who, ctx.id("id"), *v);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, *r, "application/toml; charset=utf-8", "scheme-" + ctx.params["id"] + ".toml");
}

response diff_scheme(context& ctx) {
    auto from = query_int(ctx, "from", 0, 0, 1000000), to = query_int(ctx, "to", 0, 0, 1000000);
    if (!from) return problem(ctx, from.error());
    if (!to) return problem(ctx, to.error());
    if (*from < 1 || *to < 1) return problem(ctx, invalid("from", {"from 与 to 均为必填的版本号", "from and to versions are required"}));
    auto r = app::diff_scheme(ctx.app, *ctx.who, ctx.id("id"), *from, *to);
    if (!r) return problem(ctx, r.error());
    js::array changes;
    for (auto& c : *r) changes.push_back(js::object{{"path", c.path}, {"before", c.before}, {"after", c.after}});
    return json(ctx, st::ok, js::object{{"from", *from}, {"to", *to}, {"changes", changes}});
}

}  // namespace skillgrade::http
