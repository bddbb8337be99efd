// Engineer records: the filtered list, the profile, edits, levels, import, export and the template.
#include <boost/json.hpp>

#include "app/engineers.hpp"
#include "app/imports.hpp"
#include "app/jobs.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"
#include "storage/engineers.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

namespace {

std::expected<storage::engineer_filter, core::error> engineer_filter(const context& ctx) {
    static const std::set<std::string> known{"q", "org_unit", "rank", "product_line", "status", "account", "sort", "page", "page_size"};
    if (auto ok = only_known(ctx, known); !ok) return std::unexpected(ok.error());
    storage::engineer_filter f;
    f.q = query(ctx, "q");
    f.product_line = query(ctx, "product_line");
    f.status = query(ctx, "status");
    f.account = query(ctx, "account");
    if (auto s = query(ctx, "sort"); !s.empty()) f.sort = s;
    auto page = query_int(ctx, "page", 1, 1, 1000000), size = query_int(ctx, "page_size", 20, 1, 200);
    auto org = query_int(ctx, "org_unit", 0, 0, INT32_MAX), rank = query_int(ctx, "rank", -1, -1, 100);
    for (auto* r : {&page, &size, &org, &rank})
        if (!*r) return std::unexpected(r->error());
    f.page = *page;
    f.page_size = *size;
    if (*org > 0) f.org_unit = *org;
    if (*rank >= 0) f.rank = *rank;
    return f;
}

// The fields of an engineer's record that both a new engineer and an edit carry.
void read_record(body_reader& b, core::engineer_input& in) {
    in.name = core::trim(b.str("name", true));
    in.org_unit_code = b.str("org_unit", true);
    in.hire_date = b.str("hire_date", true);
    in.career_start = b.str("career_start", true);
    in.education = b.str("education", true);
    in.product_lines = b.strings("product_lines");
    in.phone = b.str("phone", false);
    in.email = b.str("email", false);
}

}  // namespace

response list_engineers(context& ctx) {
    auto f = engineer_filter(ctx);
    if (!f) return problem(ctx, f.error());
    auto r = app::list_engineers(ctx.app, *ctx.who, *f);
    if (!r) return problem(ctx, r.error());
    // The page is written as JSON text straight from the rows, in one buffer (about 300 bytes an engineer).
    std::string body;
    body.reserve(64 + r->items.size() * 384);
    body += "{\"items\":[";
    for (std::size_t i = 0; i < r->items.size(); ++i) {
        if (i) body += ',';
        app::append_json(body, r->items[i]);
    }
    body += "],\"total\":" + std::to_string(r->total) + ",\"page\":" + std::to_string(f->page) +
            ",\"page_size\":" + std::to_string(f->page_size) + "}";
    return json_text(ctx, st::ok, std::move(body));
}

response get_engineer(context& ctx) {
    auto r = app::get_engineer(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r, true)), r->version);
}

response create_engineer(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    core::engineer_input in;
    in.employee_no = core::trim(b.str("employee_no", true));
    read_record(b, in);
    auto status = b.str("status", false);
    if (!status.empty()) in.status = status;
    in.rank = b.integer("rank");
    in.level_since = b.str("level_since", false);
    auto errs = b.finish();
    if (!errs.empty())
        return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::create_engineer(ctx.app, *ctx.who, in);
    if (!r) return problem(ctx, r.error());
    auto res = json(ctx, st::created, app::to_json(*r, true));
    res.set(bhttp::field::location, "/api/v1/engineers/" + std::to_string(r->id));
    return res;
}

response next_level(context& ctx) {
    auto r = app::next_level(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response update_engineer(context& ctx) {
    auto version = if_match(ctx);
    if (!version) return problem(ctx, missing_if_match());
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    core::engineer_input in;
    read_record(b, in);
    in.status = b.str("status", true);
    auto errs = b.finish();
    if (!errs.empty())
        return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::update_engineer(ctx.app, *ctx.who, ctx.id("id"), in, *version);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r, true)), r->version);
}

response add_level(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    if (!o->contains("rank"))
        return problem(ctx, invalid_body({{"rank", {"必填", "required"}}}));
    int rank = b.integer("rank");
    auto since = b.str("since", true);
    auto note = b.str("note", true);
    auto errs = b.finish();
    if (!errs.empty())
        return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::add_level(ctx.app, *ctx.who, ctx.id("id"), rank, since, note);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::created, app::to_json(*r, true)), r->version);
}

response export_engineers(context& ctx) {
    auto f = engineer_filter(ctx);
    if (!f) return problem(ctx, f.error());
    return job_accepted(ctx, app::start_engineers_export(ctx.app, *ctx.who, *f));
}

response engineer_template(context& ctx) {
    auto r = app::engineer_template(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), xlsx_type, "engineers-template.xlsx");
}

response import_engineers(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    return job_accepted(ctx, app::start_engineers_import(ctx.app, *ctx.who, *file, dry_run(ctx)));
}

}  // namespace skillgrade::http
