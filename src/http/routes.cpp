// Every route of the API on one screen, each with its permission; the handlers below adapt
// requests to use cases and results to JSON. No SQL and no business rules here.
#include <boost/json.hpp>
#include <cmath>

#include "app/sheet.hpp"
#include "core/numbers.hpp"
#include "http/accounts.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace {
namespace js = boost::json;
using app::perm;
using st = bhttp::status;

response list_schemes(context&);
response get_scheme(context&);
response import_scheme(context&);
response export_scheme(context&);
response diff_scheme(context&);
response list_org_units(context&);
response create_org_unit(context&);
response list_engineers(context&);
response get_engineer(context&);
response update_engineer(context&);
response next_level(context&);
response add_level(context&);
response create_engineer(context&);
response export_engineers(context&);
response import_engineers(context&);
response import_training(context&);
response list_training(context&);
response engineer_template(context&);
response training_template(context&);
response list_courses(context&);
response list_product_lines(context&);
response home(context&);
response list_audit(context&);
response audit_actions(context&);
response verify_audit(context&);
response list_cycles(context&);
response create_cycle(context&);
response get_cycle(context&);
response transition_cycle(context&);
response list_applications(context&);
response apply(context&);
response review_eligibility(context&);
response withdraw(context&);
response override_verdict(context&);
response set_score(context&);
response set_quota(context&);
response published(context&);
response update_cycle_settings(context&);
response nominate(context&);
response cycle_report(context&);
response export_results(context&);
response list_calendar(context&);
response own_results(context&);
response expiring_certificates(context&);
response set_calendar_day(context&);
response create_appeal(context&);
response list_appeals(context&);
response resolve_appeal(context&);
response list_scores(context&);
response import_scores(context&);
response lock_component(context&);
response list_locks(context&);
response evaluate_cycle(context&);
response list_results(context&);
response cast_vote(context&);
response list_certificates(context&);
}  // namespace

router make_routes() {
    router r;
    r.add(verb::post, "/api/v1/auth/login",                         perm::public_,          login);
    r.add(verb::post, "/api/v1/auth/logout",                        perm::account,          logout);
    r.add(verb::get,  "/api/v1/auth/me",                            perm::account,          me);
    r.add(verb::post, "/api/v1/auth/password",                      perm::account,          change_own_password);
    r.add(verb::post, "/api/v1/auth/mfa/setup",                     perm::account,          mfa_setup);
    r.add(verb::post, "/api/v1/auth/mfa/confirm",                   perm::account,          mfa_confirm);
    r.add(verb::post, "/api/v1/auth/mfa/disable",                   perm::account,          mfa_disable);
    r.add(verb::get,  "/api/v1/auth/sessions",                      perm::account,          list_own_sessions);
    r.add(verb::delete_, "/api/v1/auth/sessions/{id}",                 perm::account,          end_own_session);
    r.add(verb::get,  "/api/v1/home",                               perm::account,          home);
    r.add(verb::get,  "/api/v1/schemes",                            perm::schemes_read,     list_schemes);
    r.add(verb::post, "/api/v1/schemes",                            perm::schemes_write,    import_scheme);
    r.add(verb::get,  "/api/v1/schemes/{id}",                       perm::schemes_read,     get_scheme);
    r.add(verb::get,  "/api/v1/schemes/{id}/export.toml",           perm::schemes_read,     export_scheme);
    r.add(verb::get,  "/api/v1/schemes/{id}/diff",                  perm::schemes_read,     diff_scheme);
    r.add(verb::get,  "/api/v1/org-units",                          perm::org_read,         list_org_units);
    r.add(verb::post, "/api/v1/org-units",                          perm::org_write,        create_org_unit);
    r.add(verb::get,  "/api/v1/engineers",                          perm::engineers_read,   list_engineers);
    r.add(verb::post, "/api/v1/engineers",                          perm::engineers_write,  create_engineer);
    r.add(verb::get,  "/api/v1/engineers/export.xlsx",              perm::engineers_export, export_engineers);
    r.add(verb::get,  "/api/v1/engineers/import-template.xlsx",     perm::engineers_write,  engineer_template);
    r.add(verb::post, "/api/v1/engineers/import",                   perm::engineers_write,  import_engineers);
    r.add(verb::post, "/api/v1/engineers/accounts",                 perm::users_manage,     create_engineer_accounts);
    r.add(verb::get,  "/api/v1/engineers/{id}",                     perm::engineers_read,   get_engineer);
    r.add(verb::put,  "/api/v1/engineers/{id}",                     perm::engineers_write,  update_engineer);
    r.add(verb::post, "/api/v1/engineers/{id}/levels",              perm::engineers_write,  add_level);
    r.add(verb::get,  "/api/v1/engineers/{id}/next-level",          perm::engineers_read,   next_level);
    r.add(verb::get,  "/api/v1/engineers/{id}/training",            perm::engineers_read,   list_training);
    r.add(verb::get,  "/api/v1/engineers/{id}/certificates",        perm::engineers_read,   list_certificates);
    r.add(verb::get,  "/api/v1/engineers/{id}/results",             perm::engineers_read,   own_results);
    r.add(verb::post, "/api/v1/training/import",                    perm::cycles_write,     import_training);
    r.add(verb::get,  "/api/v1/training/import-template.xlsx",      perm::cycles_write,     training_template);
    r.add(verb::get,  "/api/v1/courses",                            perm::schemes_read,     list_courses);
    r.add(verb::get,  "/api/v1/product-lines",                      perm::engineers_read,   list_product_lines);
    r.add(verb::get,  "/api/v1/cycles",                             perm::cycles_read,      list_cycles);
    r.add(verb::post, "/api/v1/cycles",                             perm::cycles_write,     create_cycle);
    r.add(verb::get,  "/api/v1/cycles/{id}",                        perm::cycles_read,      get_cycle);
    r.add(verb::post, "/api/v1/cycles/{id}/transition",             perm::cycles_write,     transition_cycle);
    r.add(verb::get,  "/api/v1/cycles/{id}/applications",           perm::cycles_read,      list_applications);
    r.add(verb::post, "/api/v1/cycles/{id}/applications",           perm::apply,            apply);
    r.add(verb::post, "/api/v1/cycles/{id}/eligibility-review",     perm::cycles_write,     review_eligibility);
    r.add(verb::get,  "/api/v1/cycles/{id}/scores",                 perm::scores_write,     list_scores);
    r.add(verb::post, "/api/v1/cycles/{id}/scores/import",          perm::scores_write,     import_scores);
    r.add(verb::get,  "/api/v1/cycles/{id}/locks",                  perm::scores_write,     list_locks);
    r.add(verb::post, "/api/v1/cycles/{id}/locks",                  perm::cycles_write,     lock_component);
    r.add(verb::post, "/api/v1/cycles/{id}/quotas",                 perm::cycles_write,     set_quota);
    r.add(verb::put,  "/api/v1/cycles/{id}/settings",               perm::cycles_write,     update_cycle_settings);
    r.add(verb::post, "/api/v1/cycles/{id}/nominations",            perm::cycles_write,     nominate);
    r.add(verb::get,  "/api/v1/cycles/{id}/report",                 perm::results_read,     cycle_report);
    r.add(verb::get,  "/api/v1/cycles/{id}/results.xlsx",           perm::results_read,     export_results);
    r.add(verb::post, "/api/v1/cycles/{id}/evaluate",               perm::cycles_write,     evaluate_cycle);
    r.add(verb::get,  "/api/v1/cycles/{id}/results",                perm::results_read,     list_results);
    r.add(verb::get,  "/api/v1/cycles/{id}/published",              perm::cycles_read,      published);
    r.add(verb::get,  "/api/v1/cycles/{id}/appeals",                perm::cycles_write,     list_appeals);
    r.add(verb::post, "/api/v1/applications/{id}/appeals",          perm::apply,            create_appeal);
    r.add(verb::post, "/api/v1/appeals/{id}/resolve",               perm::cycles_write,     resolve_appeal);
    r.add(verb::post, "/api/v1/applications/{id}/scores",           perm::scores_write,     set_score);
    r.add(verb::post, "/api/v1/applications/{id}/votes",            perm::committee_vote,   cast_vote);
    r.add(verb::post, "/api/v1/applications/{id}/withdraw",         perm::apply,            withdraw);
    r.add(verb::post, "/api/v1/applications/{id}/override",         perm::cycles_write,     override_verdict);
    r.add(verb::get,  "/api/v1/certificates/expiring",              perm::engineers_export, expiring_certificates);
    r.add(verb::get,  "/api/v1/calendar",                           perm::cycles_read,      list_calendar);
    r.add(verb::post, "/api/v1/calendar",                           perm::cycles_write,     set_calendar_day);
    r.add(verb::get,  "/api/v1/audit",                              perm::audit_read,       list_audit);
    r.add(verb::get,  "/api/v1/audit/actions",                      perm::audit_read,       audit_actions);
    r.add(verb::get,  "/api/v1/audit/verify",                       perm::audit_read,       verify_audit);
    r.add(verb::get,  "/api/v1/users",                              perm::users_manage,     list_users);
    r.add(verb::post, "/api/v1/users",                              perm::users_manage,     create_user);
    r.add(verb::put,  "/api/v1/users/{id}",                         perm::users_manage,     update_user);
    r.add(verb::post, "/api/v1/users/{id}/password",                perm::users_manage,     set_password);
    r.add(verb::post, "/api/v1/users/{id}/sessions/revoke",         perm::users_manage,     revoke_user_sessions);
    return r;
}

namespace {

response list_schemes(context& ctx) { return items_of(ctx, ctx.svc.list_schemes(*ctx.who)); }

response get_scheme(context& ctx) {
    auto v = query_int(ctx, "version", 0, 0, 1000000);
    if (!v) return problem(ctx, v.error());
    auto r = ctx.svc.get_scheme(*ctx.who, ctx.id("id"), *v);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response import_scheme(context& ctx) {
    auto r = ctx.svc.save_scheme(*ctx.who, ctx.req.body(), query(ctx, "file_name"), query(ctx, "note"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, r->version.version == 1 ? st::created : st::ok, app::to_json(*r));
}

response export_scheme(context& ctx) {
    auto v = query_int(ctx, "version", 0, 0, 1000000);
    if (!v) return problem(ctx, v.error());
    auto r = ctx.svc.export_scheme(*ctx.who, ctx.id("id"), *v);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, *r, "application/toml; charset=utf-8", "scheme-" + ctx.params["id"] + ".toml");
}

response diff_scheme(context& ctx) {
    auto from = query_int(ctx, "from", 0, 0, 1000000), to = query_int(ctx, "to", 0, 0, 1000000);
    if (!from) return problem(ctx, from.error());
    if (!to) return problem(ctx, to.error());
    if (*from < 1 || *to < 1) return problem(ctx, invalid("from", {"from 与 to 均为必填的版本号", "from and to versions are required"}));
    auto r = ctx.svc.diff_scheme(*ctx.who, ctx.id("id"), *from, *to);
    if (!r) return problem(ctx, r.error());
    js::array changes;
    for (auto& c : *r) changes.push_back(js::object{{"path", c.path}, {"before", c.before}, {"after", c.after}});
    return json(ctx, st::ok, js::object{{"from", *from}, {"to", *to}, {"changes", changes}});
}

response list_org_units(context& ctx) { return items_of(ctx, ctx.svc.list_org_units(*ctx.who)); }

std::expected<storage::engineer_filter, core::error> engineer_filter(const context& ctx) {
    static const std::set<std::string> known{"q", "org_unit", "rank", "product_line", "status", "account", "sort", "page", "page_size"};
    for (auto& [k, v] : ctx.query)
        if (!known.count(k)) return std::unexpected(invalid(k, {"未知参数：" + k, "unknown parameter: " + k}));
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

response list_engineers(context& ctx) {
    auto f = engineer_filter(ctx);
    if (!f) return problem(ctx, f.error());
    auto r = ctx.svc.list_engineers(*ctx.who, *f);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& e : r->items) items.push_back(app::to_json(e));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", r->total}, {"page", f->page}, {"page_size", f->page_size}});
}


response get_engineer(context& ctx) {
    auto r = ctx.svc.get_engineer(*ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r, true)), r->version);
}

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
    auto r = ctx.svc.create_org_unit(*ctx.who, u, parent, manager);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::created, app::to_json(*r));
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
    auto r = ctx.svc.create_engineer(*ctx.who, in);
    if (!r) return problem(ctx, r.error());
    auto res = json(ctx, st::created, app::to_json(*r, true));
    res.set(bhttp::field::location, "/api/v1/engineers/" + std::to_string(r->id));
    return res;
}

response next_level(context& ctx) {
    auto r = ctx.svc.next_level(*ctx.who, ctx.id("id"));
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
    auto r = ctx.svc.update_engineer(*ctx.who, ctx.id("id"), in, *version);
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
    auto r = ctx.svc.add_level(*ctx.who, ctx.id("id"), rank, since, note);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::created, app::to_json(*r, true)), r->version);
}

response export_engineers(context& ctx) {
    auto f = engineer_filter(ctx);
    if (!f) return problem(ctx, f.error());
    auto r = ctx.svc.export_engineers(*ctx.who, *f);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "engineers.xlsx");
}

response engineer_template(context& ctx) {
    auto r = ctx.svc.engineer_template(*ctx.who);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "engineers-template.xlsx");
}

// The uploaded file: the first file part of multipart/form-data, or the raw body.
std::expected<std::string_view, core::error> upload(const context& ctx) {
    std::string_view ct = ctx.req[bhttp::field::content_type];
    std::string_view body = ctx.req.body();
    if (!ct.starts_with("multipart/form-data")) return body;
    auto b = ct.find("boundary=");
    if (b == std::string_view::npos)
        return std::unexpected(core::error{core::errc::malformed, "request.multipart", {"multipart 缺少 boundary", "multipart body without boundary"}, {}});
    std::string boundary = "--" + std::string(ct.substr(b + 9));
    if (boundary.size() > 2 && boundary[2] == '"') boundary = "--" + boundary.substr(3, boundary.find('"', 3) - 3);
    std::size_t pos = 0;
    while ((pos = body.find(boundary, pos)) != std::string_view::npos) {
        pos += boundary.size();
        if (body.substr(pos, 2) == "--") break;
        auto head_end = body.find("\r\n\r\n", pos);
        if (head_end == std::string_view::npos) break;
        auto head = body.substr(pos, head_end - pos);
        auto data_start = head_end + 4;
        auto next = body.find("\r\n" + boundary, data_start);
        if (next == std::string_view::npos) break;
        if (head.find("filename=") != std::string_view::npos) return body.substr(data_start, next - data_start);
        pos = next;
    }
    return std::unexpected(core::error{core::errc::invalid_input, "import.no_file", {"请求中没有文件", "No file in the request"}, {}});
}

// An import's answer: 201 when written, 200 for a clean dry run, 422 with the row report.
response import_result(context& ctx, const core::result<app::import_report>& r) {
    if (!r) return problem(ctx, r.error());
    if (!r->errors.empty()) {
        core::error e{core::errc::invalid_input, "import.rows_invalid", app::import_failed(r->errors.size()), r->errors};
        auto res = problem(ctx, e);
        auto body = js::parse(res.body()).as_object();
        body["rows"] = r->rows;
        body["imported"] = false;
        res.body() = js::serialize(body);
        res.prepare_payload();
        return res;
    }
    js::object body{{"imported", r->imported}, {"rows", r->rows}, {"errors", js::array{}}};
    if (r->created + r->updated + r->unchanged > 0) {  // an engineer import: new, changed and unchanged rows
        js::array changes;
        for (auto& c : r->changes) {
            js::array fields;
            for (auto& f : c.fields)
                fields.push_back(js::object{{"field", f.field}, {"column", f.column}, {"before", f.before}, {"after", f.after}});
            changes.push_back(js::object{{"row", c.row}, {"employee_no", c.employee_no}, {"name", c.name}, {"fields", fields}});
        }
        body["created"] = r->created;
        body["updated"] = r->updated;
        body["unchanged"] = r->unchanged;
        body["changes"] = changes;
    }
    return json(ctx, r->imported ? st::created : st::ok, body);
}


response import_engineers(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    return import_result(ctx, ctx.svc.import_engineers(*ctx.who, *file, dry_run(ctx)));
}

response import_training(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    return import_result(ctx, ctx.svc.import_training(*ctx.who, *file, dry_run(ctx)));
}

response list_training(context& ctx) { return items_of(ctx, ctx.svc.list_training(*ctx.who, ctx.id("id"))); }

response list_courses(context& ctx) { return items_of(ctx, ctx.svc.list_courses(*ctx.who)); }

response list_product_lines(context& ctx) { return items_of(ctx, ctx.svc.list_product_lines(*ctx.who)); }

response home(context& ctx) {
    auto r = ctx.svc.home(*ctx.who);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response training_template(context& ctx) {
    auto r = ctx.svc.training_template(*ctx.who);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "training-template.xlsx");
}

response list_audit(context& ctx) {
    auto page = query_int(ctx, "page", 1, 1, 1000000), size = query_int(ctx, "page_size", 50, 1, 200);
    if (!page) return problem(ctx, page.error());
    if (!size) return problem(ctx, size.error());
    app::service::audit_query q{query(ctx, "entity"), query(ctx, "entity_id"), query(ctx, "actor"),
                                query(ctx, "action"), query(ctx, "from"),      query(ctx, "to")};
    auto r = ctx.svc.list_audit(*ctx.who, q, *page, *size);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& a : r->items) items.push_back(app::to_json(a));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", r->total}});
}

response audit_actions(context& ctx) {
    auto r = ctx.svc.audit_actions(*ctx.who);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& a : *r) items.push_back(js::value(a));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", items.size()}});
}

response verify_audit(context& ctx) {
    auto r = ctx.svc.verify_audit(*ctx.who);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"ok", r->ok}, {"checked", r->checked}, {"first_broken", r->first_broken}, {"reason", r->reason}});
}

response list_cycles(context& ctx) { return items_of(ctx, ctx.svc.list_cycles(*ctx.who)); }

response get_cycle(context& ctx) {
    auto r = ctx.svc.get_cycle(*ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->version);
}

response create_cycle(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::service::cycle_input in;
    in.name = b.str("name", true);
    in.scheme_id = b.id("scheme_id");
    in.kind = b.str("kind", true);
    in.open_ranks = b.integers("open_ranks");
    in.cutoff_date = b.str("cutoff_date", true);
    std::vector<core::field_error> errs;
    if (auto phases = b.objects("phases"))
        for (std::size_t i = 0; i < phases->size(); ++i) {
            body_reader pb((*phases)[i].as_object());
            storage::phase_row ph{pb.str("phase", true), pb.str("starts_on", true), pb.str("ends_on", true),
                                  pb.str("responsible_role", true)};
            for (auto& e : pb.finish()) errs.push_back({"phases[" + std::to_string(i) + "]." + e.field, e.message});
            in.phases.push_back(std::move(ph));
        }
    for (auto& e : b.finish()) errs.push_back(std::move(e));
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.create_cycle(*ctx.who, in);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::created, app::to_json(*r)), r->version);
}

response transition_cycle(context& ctx) {
    auto version = if_match(ctx);
    if (!version) return problem(ctx, missing_if_match());
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto to = b.str("to", true);
    auto reason = b.str("reason", false);
    bool override_notice = o->contains("override") && b.boolean("override").value_or(false);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.transition_cycle(*ctx.who, ctx.id("id"), to, reason, *version, override_notice);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->version);
}

response list_applications(context& ctx) { return items_of(ctx, ctx.svc.list_applications(*ctx.who, ctx.id("id"))); }

response apply(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto engineer = b.id("engineer_id");
    auto rank = b.integer("target_rank");
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.apply(*ctx.who, ctx.id("id"), engineer, rank);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::created, app::to_json(*r));
}

response review_eligibility(context& ctx) {
    auto r = ctx.svc.review_eligibility(*ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"reviewed", *r}});
}

response withdraw(context& ctx) {
    auto r = ctx.svc.withdraw(*ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response override_verdict(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto eligible = b.boolean("eligible");
    auto reason = b.str("reason", true);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.override_verdict(*ctx.who, ctx.id("id"), *eligible, reason);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

// A JSON number with at most two decimals, as hundredths.
std::optional<std::int64_t> hundredths(const js::value& v) {
    if (v.is_int64() && std::llabs(v.as_int64()) < 1'000'000'000) return v.as_int64() * 100;
    if (v.is_double()) {
        double x = v.as_double() * 100.0;
        if (std::isfinite(x) && std::fabs(x) < 1e11 && std::fabs(x - std::round(x)) < 1e-6) return std::llround(x);
    }
    return std::nullopt;
}

response set_score(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    app::service::score_input in;
    std::vector<core::field_error> errs;
    if (auto it = o->find("score"); it != o->end() && !it->value().is_null()) {
        auto h = hundredths(it->value());
        if (!h) errs.push_back({"score", {"成绩应为数字（最多两位小数）", "score must be a number with two decimals at most"}});
        else in.score = *h;
    }
    body_reader b(*o);
    b.known("score");
    in.component = b.str("component", true);
    if (o->contains("absent")) in.absent = b.boolean("absent").value_or(false);
    in.reason = b.str("reason", false);
    for (auto& e : b.finish()) errs.push_back(std::move(e));
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.set_score(*ctx.who, ctx.id("id"), in);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response list_scores(context& ctx) { return items_of(ctx, ctx.svc.list_scores(*ctx.who, ctx.id("id"))); }

response import_scores(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    return import_result(ctx, ctx.svc.import_scores(*ctx.who, ctx.id("id"), *file, dry_run(ctx)));
}

response list_locks(context& ctx) {
    auto r = ctx.svc.list_locks(*ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& c : *r) items.push_back(js::value(c));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", items.size()}});
}

response lock_component(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto component = b.str("component", true);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.lock_component(*ctx.who, ctx.id("id"), component);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"locked", component}});
}

response evaluate_cycle(context& ctx) { return items_of(ctx, ctx.svc.evaluate_cycle(*ctx.who, ctx.id("id"), dry_run(ctx))); }

response list_results(context& ctx) { return items_of(ctx, ctx.svc.list_results(*ctx.who, ctx.id("id"))); }

response cast_vote(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto v = b.str("vote", true);
    auto comment = b.str("comment", false);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.vote(*ctx.who, ctx.id("id"), v, comment);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response list_certificates(context& ctx) { return items_of(ctx, ctx.svc.list_certificates(*ctx.who, ctx.id("id"))); }

response set_quota(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::service::quota_input in;
    in.rank = b.integer("rank");
    in.org_unit = b.str("org_unit", false);
    in.kind = b.str("kind", true);
    in.value = b.integer("value", 1000001);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.set_quota(*ctx.who, ctx.id("id"), in);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->version);
}

response published(context& ctx) {
    auto r = ctx.svc.published(*ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response update_cycle_settings(context& ctx) {
    auto version = if_match(ctx);
    if (!version) return problem(ctx, missing_if_match());
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::service::cycle_settings in;
    in.published_fields = b.strings("published_fields");
    in.certificate_pattern = b.str("certificate_pattern", true);
    in.notice_days = b.integer("notice_days");
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.update_cycle_settings(*ctx.who, ctx.id("id"), in, *version);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->version);
}

response nominate(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::service::nomination_filter f;
    f.org_unit = b.str("org_unit", false);
    if (auto it = o->find("rank"); it != o->end() && !it->value().is_null()) f.rank = b.integer("rank");
    else b.known("rank");
    f.min_years = b.integer("min_years");
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.nominate(*ctx.who, ctx.id("id"), f, dry_run(ctx));
    if (!r) return problem(ctx, r.error());
    return json(ctx, r->dry_run ? st::ok : st::created,
                js::object{{"matched", r->matched}, {"created", r->created}, {"already", r->already}, {"skipped", r->skipped},
                           {"dry_run", r->dry_run}});
}

response cycle_report(context& ctx) {
    auto r = ctx.svc.report(*ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response export_results(context& ctx) {
    auto r = ctx.svc.export_results(*ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "cycle-" + std::to_string(ctx.id("id")) + "-results.xlsx");
}

response list_appeals(context& ctx) { return items_of(ctx, ctx.svc.list_appeals(*ctx.who, ctx.id("id"))); }

response create_appeal(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto reason = b.str("reason", true);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.appeal(*ctx.who, ctx.id("id"), reason);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::created, app::to_json(*r));
}

response resolve_appeal(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    app::service::appeal_resolution r;
    std::vector<core::field_error> errs;
    if (auto it = o->find("score"); it != o->end() && !it->value().is_null()) {
        r.score = hundredths(it->value());
        if (!r.score) errs.push_back({"score", {"成绩应为数字（最多两位小数）", "score must be a number with two decimals at most"}});
    }
    body_reader b(*o);
    b.known("score");
    r.decision = b.str("decision", true);
    r.note = b.str("note", true);
    r.component = b.str("component", false);
    for (auto& e : b.finish()) errs.push_back(std::move(e));
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto res = ctx.svc.resolve_appeal(*ctx.who, ctx.id("id"), r);
    if (!res) return problem(ctx, res.error());
    return json(ctx, st::ok, app::to_json(*res));
}

response list_calendar(context& ctx) { return items_of(ctx, ctx.svc.list_calendar(*ctx.who)); }

response set_calendar_day(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    storage::calendar_day d{b.str("day", true), b.str("kind", true), b.str("name", false)};
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = ctx.svc.set_calendar_day(*ctx.who, d);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response expiring_certificates(context& ctx) {
    auto days = query_int(ctx, "days", 90, 0, 3650);
    if (!days) return problem(ctx, days.error());
    return items_of(ctx, ctx.svc.expiring_certificates(*ctx.who, *days));
}

response own_results(context& ctx) { return items_of(ctx, ctx.svc.own_results(*ctx.who, ctx.id("id"))); }

}  // namespace
}  // namespace skillgrade::http
