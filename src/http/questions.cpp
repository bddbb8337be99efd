// The question bank: the page of questions, one question with its versions, saving, retiring,
// import (a job), export and the template.
#include <boost/json.hpp>

#include "app/imports.hpp"
#include "app/questions.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using st = bhttp::status;

namespace {

// A question from its JSON form (as GET answers it), strictly: wrong types and unknown fields are
// errors named by their path ("parts[1].options[0].label").
struct question_reader {
    std::vector<core::field_error> errs;
    void bad(const std::string& field, const char* zh, const char* en) { errs.push_back({field, {zh, en}}); }

    std::string text(const js::object& o, const char* key, const std::string& at) {
        auto* v = o.if_contains(key);
        if (!v || v->is_null()) return {};
        if (!v->is_string()) {
            bad(at + key, "应为文本", "must be a string");
            return {};
        }
        return std::string(v->as_string());
    }
    core::text both(const js::object& o, const char* key, const std::string& at) {
        auto* v = o.if_contains(key);
        if (!v || v->is_null()) return {};
        if (!v->is_object()) {
            bad(at + key, "应为 {\"zh\": …, \"en\": …}", "must be {\"zh\": …, \"en\": …}");
            return {};
        }
        auto& t = v->as_object();
        for (auto& kv : t)
            if (kv.key() != "zh" && kv.key() != "en") bad(at + key + "." + std::string(kv.key()), "未知字段", "unknown field");
        return {text(t, "zh", at + key + "."), text(t, "en", at + key + ".")};
    }
    int number(const js::object& o, const char* key, const std::string& at) {
        auto* v = o.if_contains(key);
        if (!v || v->is_null()) return 0;
        if (!v->is_int64()) {
            bad(at + key, "应为整数", "must be an integer");
            return 0;
        }
        return static_cast<int>(std::clamp<std::int64_t>(v->as_int64(), -1, 1000));
    }
    const js::array* array(const js::object& o, const char* key, const std::string& at) {
        auto* v = o.if_contains(key);
        if (!v || v->is_null()) return nullptr;
        if (!v->is_array() || v->as_array().size() > 100) {
            bad(at + key, "应为数组（最多 100 项）", "must be an array of at most 100");
            return nullptr;
        }
        return &v->as_array();
    }
    std::vector<std::string> strings(const js::array& a, const std::string& at) {
        std::vector<std::string> out;
        for (auto& v : a) {
            if (!v.is_string()) {
                bad(at, "应为文本数组", "must be an array of strings");
                return {};
            }
            out.emplace_back(v.as_string());
        }
        return out;
    }

    core::question read(const js::object& o, const std::string& at, std::vector<core::question>* parts) {
        static const std::set<std::string> fields{"code", "type", "product_line", "knowledge_point", "ranks", "difficulty", "stem", "options",
                                                  "correct", "blanks", "normalise", "reference", "rubric", "explanation", "images", "parts"};
        for (auto& kv : o)
            if (!fields.count(std::string(kv.key())) || (!parts && kv.key() == "parts"))
                bad(at + std::string(kv.key()), "未知字段", "unknown field");
        core::question q;
        q.code = core::trim(text(o, "code", at));
        q.type = text(o, "type", at);
        q.product_line = core::trim(text(o, "product_line", at));
        q.knowledge_point = core::trim(text(o, "knowledge_point", at));
        if (auto* a = array(o, "ranks", at))
            for (auto& v : *a) {
                if (!v.is_int64()) {
                    bad(at + "ranks", "应为整数数组", "must be an array of integers");
                    break;
                }
                q.ranks.push_back(static_cast<int>(std::clamp<std::int64_t>(v.as_int64(), -1, 100)));
            }
        if (auto* a = array(o, "images", at))
            for (auto& v : *a) {
                if (!v.is_int64() || v.as_int64() <= 0) {
                    bad(at + "images", "应为图片编号数组", "must be an array of image ids");
                    break;
                }
                q.images.push_back(v.as_int64());
            }
        q.difficulty = number(o, "difficulty", at);
        q.stem = both(o, "stem", at);
        q.explanation = both(o, "explanation", at);
        q.reference = text(o, "reference", at);
        if (auto* a = array(o, "options", at))
            for (std::size_t i = 0; i < a->size(); ++i) {
                auto where = at + "options[" + std::to_string(i) + "]";
                if (!(*a)[i].is_object()) {
                    bad(where, "应为 {\"key\", \"label\"}", "must be {\"key\", \"label\"}");
                    continue;
                }
                auto& x = (*a)[i].as_object();
                q.options.push_back({text(x, "key", where + "."), both(x, "label", where + ".")});
            }
        if (auto* a = array(o, "correct", at)) q.correct = strings(*a, at + "correct");
        if (auto* a = array(o, "blanks", at))
            for (std::size_t i = 0; i < a->size(); ++i) {
                if (!(*a)[i].is_array()) {
                    bad(at + "blanks[" + std::to_string(i) + "]", "应为文本数组", "must be an array of strings");
                    continue;
                }
                q.blanks.push_back(strings((*a)[i].as_array(), at + "blanks[" + std::to_string(i) + "]"));
            }
        if (auto* v = o.if_contains("normalise"); v && !v->is_null()) {
            auto* n = v->if_object();
            auto flag = [&](const char* key, bool fallback) {
                auto* f = n ? n->if_contains(key) : nullptr;
                if (!f) return fallback;
                if (!f->is_bool()) bad(at + "normalise." + key, "应为 true 或 false", "must be true or false");
                return f->is_bool() ? f->as_bool() : fallback;
            };
            if (!n) bad(at + "normalise", "应为对象", "must be an object");
            q.normalise = {flag("trim", true), flag("width", true), flag("case", true)};
        }
        if (auto* a = array(o, "rubric", at))
            for (std::size_t i = 0; i < a->size(); ++i) {
                auto where = at + "rubric[" + std::to_string(i) + "]";
                if (!(*a)[i].is_object()) {
                    bad(where, "应为 {\"points\", \"text\"}", "must be {\"points\", \"text\"}");
                    continue;
                }
                auto& x = (*a)[i].as_object();
                q.rubric.push_back({number(x, "points", where + "."), text(x, "text", where + ".")});
            }
        if (parts)
            if (auto* a = array(o, "parts", at))
                for (std::size_t i = 0; i < a->size(); ++i) {
                    auto where = at + "parts[" + std::to_string(i) + "].";
                    if (!(*a)[i].is_object()) {
                        bad(at + "parts[" + std::to_string(i) + "]", "应为对象", "must be an object");
                        continue;
                    }
                    parts->push_back(read((*a)[i].as_object(), where, nullptr));
                }
        return q;
    }
};

response save(context& ctx, std::optional<std::int64_t> id) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    question_reader r;
    std::vector<core::question> parts;
    auto q = r.read(*o, "", &parts);
    if (!r.errs.empty()) return problem(ctx, invalid_body(std::move(r.errs)));
    // If-Match is optional here: when sent, a question saved by someone else since is refused.
    std::optional<std::int64_t> expected;
    if (id && !ctx.req[bhttp::field::if_match].empty()) {
        expected = if_match(ctx);
        if (!expected) return problem(ctx, missing_if_match());
    }
    auto saved = app::save_question(ctx.app, *ctx.who, std::move(q), std::move(parts), id, expected);
    if (!saved) return problem(ctx, saved.error());
    return json(ctx, id ? st::ok : st::created, app::to_json(*saved));
}
}  // namespace

response list_questions(context& ctx) {
    static const std::set<std::string> known{"q", "product_line", "type", "knowledge_point", "rank", "difficulty", "retired", "page", "page_size"};
    if (auto ok = only_known(ctx, known); !ok) return problem(ctx, ok.error());
    storage::question_filter f;
    f.q = query(ctx, "q");
    f.product_line = query(ctx, "product_line");
    f.type = query(ctx, "type");
    f.knowledge_point = query(ctx, "knowledge_point");
    auto retired = query(ctx, "retired");
    if (!retired.empty() && retired != "true" && retired != "false")
        return problem(ctx, invalid("retired", {"retired 应为 true 或 false", "retired must be true or false"}));
    f.retired = retired == "true";
    auto page = query_int(ctx, "page", 1, 1, 1000000), size = query_int(ctx, "page_size", 20, 1, 200);
    auto rank = query_int(ctx, "rank", 0, 0, 9), difficulty = query_int(ctx, "difficulty", 0, 0, 5);
    for (auto* x : {&page, &size, &rank, &difficulty})
        if (!*x) return problem(ctx, x->error());
    f.page = static_cast<int>(*page);
    f.page_size = static_cast<int>(*size);
    if (*rank > 0) f.rank = static_cast<int>(*rank);
    if (*difficulty > 0) f.difficulty = static_cast<int>(*difficulty);
    auto r = app::list_questions(ctx.app, *ctx.who, f);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& q : r->items) items.push_back(app::to_json(q));
    return json(ctx, st::ok, js::object{{"items", std::move(items)}, {"total", r->total}, {"page", f.page}, {"page_size", f.page_size}});
}

response get_question(context& ctx) {
    auto r = app::get_question(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response create_question(context& ctx) { return save(ctx, std::nullopt); }

response update_question(context& ctx) { return save(ctx, ctx.id("id")); }

response retire_question(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto retired = b.boolean("retired");
    auto reason = b.str("reason", false);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::retire_question(ctx.app, *ctx.who, ctx.id("id"), *retired, reason);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response import_questions(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    return job_accepted(ctx, app::start_questions_import(ctx.app, *ctx.who, *file, dry_run(ctx)));
}

response upload_question_image(context& ctx) {
    auto file = upload(ctx);
    if (!file) return problem(ctx, file.error());
    auto r = app::upload_image(ctx.app, *ctx.who, *file);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::created,
                js::object{{"id", r->id}, {"sha256", r->sha256}, {"media_type", r->media_type}, {"width", r->width}, {"height", r->height},
                           {"size", r->size}, {"created_at", r->created_at}, {"created_by", r->created_by}});
}

// A picture never changes (a new one gets a new id): cached by the browser, revalidated by its digest.
response question_image(context& ctx) {
    auto r = app::question_image(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    auto etag = "\"" + r->sha256 + "\"";
    response res{bhttp::status::ok, ctx.req.version()};
    res.set(bhttp::field::etag, etag);
    res.set(bhttp::field::cache_control, "private, max-age=31536000, immutable");
    res.keep_alive(ctx.req.keep_alive());
    if (ctx.req[bhttp::field::if_none_match] == etag) {
        res.result(bhttp::status::not_modified);
    } else {
        res.set(bhttp::field::content_type, r->media_type);
        res.body() = std::move(r->bytes);
    }
    res.prepare_payload();
    return res;
}

response export_questions_zip(context& ctx) {
    auto r = app::export_questions(ctx.app, *ctx.who, true);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), "application/zip", "questions.zip");
}

response export_questions(context& ctx) {
    auto r = app::export_questions(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), xlsx_type, "questions.xlsx");
}

response questions_template(context& ctx) {
    auto r = app::questions_template(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    return bytes(ctx, std::move(*r), xlsx_type, "questions-template.xlsx");
}

}  // namespace skillgrade::http
