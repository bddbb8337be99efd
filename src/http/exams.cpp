// The online exam: blueprints, sittings (proctors, candidates, the room), and the candidate's
// attempt (start or resume, durable answers, submit, focus losses).
#include <boost/json.hpp>

#include "app/exams.hpp"
#include "app/snapshots.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using st = bhttp::status;

namespace {

// A blueprint from its JSON form, strictly.
std::expected<core::blueprint, core::error> read_blueprint(const js::object& o) {
    body_reader b(o);
    core::blueprint bp;
    bp.target_rank = b.integer("target_rank", 9);
    bp.duration_minutes = b.optional_integer("duration_minutes", 10000, bp.duration_minutes);
    bp.fixed = b.optional_bool("fixed", false);
    bp.review_after_close = b.optional_bool("review_after_close", true);
    bp.marking.double_marking = b.optional_bool("double_marking", true);
    bp.marking.discrepancy_percent = b.optional_integer("discrepancy_percent", 1000, bp.marking.discrepancy_percent);
    std::vector<core::field_error> errs;
    if (auto* sections = b.objects("sections")) {
        if (sections->size() > 20) errs.push_back({"sections", {"最多 20 节", "at most 20 sections"}});
        else
            for (std::size_t i = 0; i < sections->size(); ++i) {
                body_reader s((*sections)[i].as_object());
                core::blueprint_section sec;
                auto at = "sections[" + std::to_string(i) + "].";
                if (auto* t = (*sections)[i].as_object().if_contains("title"); t && t->is_object()) {
                    body_reader tr(t->as_object());
                    sec.title = {tr.str("zh", false), tr.str("en", false)};
                    for (auto& e : tr.finish()) errs.push_back({at + "title." + e.field, e.message});
                    s.known("title");
                } else if (t && !t->is_null()) {
                    errs.push_back({at + "title", {"应为 {\"zh\": …, \"en\": …}", "must be {\"zh\": …, \"en\": …}"}});
                    s.known("title");
                } else {
                    s.known("title");
                }
                sec.types = s.strings("types");
                sec.product_line = s.str("product_line", false);
                sec.knowledge_point = s.str("knowledge_point", false);
                sec.difficulty_min = s.optional_integer("difficulty_min", 9, 1);
                sec.difficulty_max = s.optional_integer("difficulty_max", 9, 5);
                sec.count = s.integer("count", 100000);
                sec.points = s.integer("points", 100000);
                sec.partial_credit = s.optional_bool("partial_credit", false);
                for (auto& e : s.finish()) errs.push_back({at + e.field, e.message});
                bp.sections.push_back(std::move(sec));
            }
    }
    for (auto& e : b.finish()) errs.push_back(e);
    if (!errs.empty()) return std::unexpected(invalid_body(std::move(errs)));
    return bp;
}

std::expected<app::sitting_input, core::error> read_sitting(const js::object& o) {
    body_reader b(o);
    app::sitting_input in;
    in.name = b.str("name", true);
    in.kind = o.contains("kind") ? b.str("kind", false) : (b.known("kind"), std::string("regular"));
    in.opens_at = b.str("opens_at", true);
    in.closes_at = b.str("closes_at", true);
    in.room = b.str("room", false);
    in.capacity = b.integer("capacity", 1000000);
    if (auto* d = o.if_contains("duration_minutes"); d && !d->is_null()) in.duration_minutes = b.integer("duration_minutes", 10000);
    else b.known("duration_minutes");
    in.focus_limit = b.optional_integer("focus_limit", 1000, 5);
    in.focus_action = o.contains("focus_action") ? b.str("focus_action", false) : (b.known("focus_action"), std::string("flag"));
    in.snapshots = b.optional_integer("snapshots", 1000, 0);
    auto errs = b.finish();
    if (!errs.empty()) return std::unexpected(invalid_body(std::move(errs)));
    return in;
}

// An answer as the client sends it: a text (one option, a true/false word, a short answer), an
// array of texts (options, blanks), a boolean (true/false) or null (cleared).
std::expected<core::answer, core::error> read_answer(const js::value* v) {
    core::answer a;
    auto bad = [] { return std::unexpected(invalid("answer", {"答案应为文本、文本数组、布尔值或 null", "the answer is a string, an array of strings, a boolean or null"})); };
    if (!v) return std::unexpected(invalid("answer", {"必填", "required"}));
    if (v->is_null()) return a;
    if (v->is_bool()) {
        a.values.push_back(v->as_bool() ? "true" : "false");
        return a;
    }
    auto take = [&](const js::value& x) -> bool {
        if (!x.is_string()) return false;
        if (core::text_problem(x.as_string(), 1u << 16, core::text_kind::multiline)) return false;
        a.values.emplace_back(x.as_string());
        return true;
    };
    if (v->is_string()) {
        if (!take(*v)) return bad();
        if (a.values.front().empty()) a.values.clear();
        return a;
    }
    if (!v->is_array() || v->as_array().size() > 50) return bad();
    for (auto& x : v->as_array())
        if (!take(x)) return bad();
    return a;
}

}  // namespace

response list_blueprints(context& ctx) { return items_of(ctx, app::list_blueprints(ctx.app, *ctx.who, ctx.id("id"))); }

response get_blueprint(context& ctx) {
    auto r = app::get_blueprint(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->row.version);
}

response create_blueprint(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    auto bp = read_blueprint(*o);
    if (!bp) return problem(ctx, bp.error());
    auto r = app::save_blueprint(ctx.app, *ctx.who, ctx.id("id"), std::move(*bp), std::nullopt);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::created, app::to_json(*r)), r->row.version);
}

response update_blueprint(context& ctx) {
    auto version = if_match(ctx);
    if (!version) return problem(ctx, missing_if_match());
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    auto bp = read_blueprint(*o);
    if (!bp) return problem(ctx, bp.error());
    auto current = app::get_blueprint(ctx.app, *ctx.who, ctx.id("id"));
    if (!current) return problem(ctx, current.error());
    if (bp->target_rank != current->row.target_rank)
        return problem(ctx, invalid("target_rank", {"组卷规则的等级不能修改", "a blueprint's level does not change"}));
    auto r = app::save_blueprint(ctx.app, *ctx.who, current->row.cycle_id, std::move(*bp), static_cast<int>(*version));
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->row.version);
}

response list_sittings(context& ctx) { return items_of(ctx, app::list_sittings(ctx.app, *ctx.who, ctx.id("id"))); }

response get_sitting(context& ctx) {
    auto r = app::get_sitting(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->row.version);
}

response create_sitting(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    auto in = read_sitting(*o);
    if (!in) return problem(ctx, in.error());
    auto r = app::create_sitting(ctx.app, *ctx.who, ctx.id("id"), *in);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::created, app::to_json(*r)), r->row.version);
}

response update_sitting(context& ctx) {
    auto version = if_match(ctx);
    if (!version) return problem(ctx, missing_if_match());
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    auto in = read_sitting(*o);
    if (!in) return problem(ctx, in.error());
    // A sitting's kind is chosen when it is made (a resit's candidates are checked against it).
    if (o->contains("kind")) {
        auto current = app::get_sitting(ctx.app, *ctx.who, ctx.id("id"));
        if (!current) return problem(ctx, current.error());
        if (current->row.kind != in->kind)
            return problem(ctx, invalid("kind", {"场次类型（正常/补考）创建后不能修改", "a sitting's kind (regular or resit) does not change once made"}));
    }
    auto r = app::update_sitting(ctx.app, *ctx.who, ctx.id("id"), *in, static_cast<int>(*version));
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->row.version);
}

response set_proctors(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto ids = b.ids("user_ids", 500);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::set_proctors(ctx.app, *ctx.who, ctx.id("id"), ids);
    if (!r) return problem(ctx, r.error());
    return with_etag(json(ctx, st::ok, app::to_json(*r)), r->row.version);
}

response add_candidates(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    std::vector<std::int64_t> ids;
    if (o->contains("application_ids")) ids = b.ids("application_ids", 100000);
    else b.known("application_ids");
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::add_candidates(ctx.app, *ctx.who, ctx.id("id"), ids);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"added", *r}});
}

response remove_candidate(context& ctx) {
    auto r = app::remove_candidate(ctx.app, *ctx.who, ctx.id("id"), ctx.id("application_id"));
    if (!r) return problem(ctx, r.error());
    return get_sitting(ctx);
}

response sitting_room(context& ctx) { return items_of(ctx, app::sitting_room(ctx.app, *ctx.who, ctx.id("id"))); }

response extend_time(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto minutes = b.integer("minutes", 10000);
    auto reason = b.str("reason", true);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::extend_time(ctx.app, *ctx.who, ctx.id("id"), ctx.id("application_id"), minutes, reason);
    if (!r) return problem(ctx, r.error());
    return sitting_room(ctx);
}

response proctor_choices(context& ctx) {
    auto r = app::proctor_choices(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& u : *r) {
        js::array roles;
        for (auto role : u.roles) roles.emplace_back(core::to_string(role));
        items.push_back(js::object{{"id", u.id}, {"username", u.username}, {"display_name", u.display_name}, {"roles", std::move(roles)}});
    }
    return json(ctx, st::ok, js::object{{"items", std::move(items)}, {"total", r->size()}});
}

response sitting_stats(context& ctx) {
    auto r = app::sitting_stats(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response sitting_stats_xlsx(context& ctx) {
    static const std::set<std::string> known{"lang"};
    if (auto ok = only_known(ctx, known); !ok) return problem(ctx, ok.error());
    // A download link cannot send Accept-Language: ?lang=en|zh chooses the headers.
    auto lang = query(ctx, "lang");
    if (!lang.empty() && lang != "en" && lang != "zh") return problem(ctx, invalid("lang", {"lang 应为 zh 或 en", "lang is zh or en"}));
    auto r = app::sitting_stats_xlsx(ctx.app, *ctx.who, ctx.id("id"), lang.empty() ? ctx.lang : lang);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), xlsx_type, "item-analysis-" + std::to_string(ctx.id("id")) + ".xlsx");
}

response my_exams(context& ctx) { return items_of(ctx, app::my_exams(ctx.app, *ctx.who)); }

response start_attempt(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto sitting = b.id("sitting_id");
    auto device = b.str("device", true);
    bool take_over = o->contains("take_over") ? b.boolean("take_over").value_or(false) : (b.known("take_over"), false);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::start_attempt(ctx.app, *ctx.who, sitting, device, take_over);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response get_attempt(context& ctx) {
    auto r = app::get_attempt(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response save_answer(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::answer_input in;
    auto* seq = o->if_contains("seq");
    b.known("seq");
    if (!seq || !seq->is_int64() || seq->as_int64() < 1) return problem(ctx, invalid("seq", {"序号应为正整数", "the sequence number is a positive integer"}));
    in.seq = seq->as_int64();
    b.known("answer");
    auto answer = read_answer(o->if_contains("answer"));
    if (!answer) return problem(ctx, answer.error());
    in.answer = std::move(*answer);
    in.device = b.str("device", false);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    // Answered once the save is durable, in a commit shared with the saves arriving meanwhile.
    ctx.later = [&app = ctx.app, who = *ctx.who, attempt = ctx.id("id"), question = ctx.id("question_id"), in = std::move(in),
                 &req = ctx.req, lang = ctx.lang](std::function<void(response)> reply) {
        app::save_answer_durably(app, who, attempt, question, in, [&req, lang, reply](app::result<storage::answer_row> r) {
            reply(r ? json(req, st::ok, app::to_json(*r)) : problem(req, lang, r.error()));
        });
    };
    return {};
}

response snapshot_consent(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto consent = b.boolean("snapshots");
    auto errs = b.finish();
    if (!consent && errs.empty()) errs.push_back({"snapshots", {"请选择是否同意抓拍（true 或 false）", "true or false"}});
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::set_snapshot_consent(ctx.app, *ctx.who, ctx.id("id"), *consent);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response take_snapshot(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    auto r = app::take_snapshot(ctx.app, *ctx.who, ctx.id("id"), *file);
    if (!r) return problem(ctx, r.error());
    auto o = app::to_json(r->row).as_object();
    o["status"] = app::to_json(r->status);
    return json(ctx, st::created, o);
}

response attempt_snapshots(context& ctx) {
    auto r = app::attempt_snapshots(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& x : r->items) items.push_back(app::to_json(x));
    return json(ctx, st::ok, js::object{{"status", app::to_json(r->status)}, {"items", std::move(items)}});
}

// A candidate's picture: sensitive, so never kept by the browser's cache.
response snapshot_image(context& ctx) {
    auto r = app::snapshot_image(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    response res{bhttp::status::ok, ctx.req.version()};
    res.set(bhttp::field::content_type, r->media_type);
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(ctx.req.keep_alive());
    res.body() = std::move(r->bytes);
    res.prepare_payload();
    return res;
}

response submit_attempt(context& ctx) {
    auto r = app::submit_attempt(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response record_focus_loss(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto seconds = b.integer("seconds", 1000000);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::record_focus_loss(ctx.app, *ctx.who, ctx.id("id"), seconds);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

}  // namespace skillgrade::http
