// Training records, the course catalogue and product lines.
#include <boost/json.hpp>

#include "app/training.hpp"
#include "app/imports.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response import_training(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    return job_accepted(ctx, app::start_training_import(ctx.app, *ctx.who, *file, dry_run(ctx)));
}

response list_training(context& ctx) { return items_of(ctx, app::list_training(ctx.app, *ctx.who, ctx.id("id"))); }

response list_courses(context& ctx) { return items_of(ctx, app::list_courses(ctx.app, *ctx.who)); }

response list_product_lines(context& ctx) { return items_of(ctx, app::list_product_lines(ctx.app, *ctx.who)); }

response training_template(context& ctx) {
    auto r = app::training_template(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), xlsx_type, "training-template.xlsx");
}

}  // namespace skillgrade::http
