// An engineer's own exam after the close and their wrong-question list (错题本).
#include <boost/json.hpp>

#include "app/exam_review.hpp"
#include "app/views.hpp"
#include "http/handlers.hpp"
#include "http/problem.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using st = bhttp::status;

namespace {

js::object question_json(const app::review_question& q) {
    js::array answer;
    for (auto& v : q.answer.values) answer.emplace_back(v);
    return js::object{{"question_id", q.item.question_id},
                      {"section", q.item.section},
                      {"parent", q.item.parent ? js::value(q.item.parent) : js::value(nullptr)},
                      {"option_order", q.item.option_order},
                      {"max_points", q.item.points},
                      {"points", q.points ? js::value(*q.points) : js::value(nullptr)},
                      {"answer", std::move(answer)},
                      {"question", app::to_json(q.question)},
                      {"scenario", q.item.parent ? app::to_json(q.scenario) : js::value(nullptr)}};
}

}  // namespace

response review_attempt(context& ctx) {
    auto r = app::review_attempt(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    js::array sections, questions;
    for (auto& s : r->sections)
        sections.push_back(js::object{{"title", app::to_json(s.title)}, {"earned", s.earned}, {"max", s.max}, {"questions", s.questions}, {"full", s.full}});
    for (auto& q : r->questions) questions.push_back(question_json(q));
    return json(ctx, st::ok,
                js::object{{"attempt", app::to_json(r->attempt)},
                           {"sitting", js::object{{"id", r->sitting.id}, {"name", r->sitting.name}, {"kind", r->sitting.kind}, {"closes_at", r->sitting.closes_at}}},
                           {"candidate_no", r->candidate_no},
                           {"pass_mark", r->pass_mark},
                           {"passed", r->passed},
                           {"answers_shown", r->answers_shown},
                           {"sections", std::move(sections)},
                           {"questions", std::move(questions)}});
}

response wrong_questions(context& ctx) {
    static const std::set<std::string> known{"page", "page_size"};
    if (auto ok = only_known(ctx, known); !ok) return problem(ctx, ok.error());
    auto page = query_int(ctx, "page", 1, 1, 1000000), size = query_int(ctx, "page_size", 20, 1, 200);
    if (!page) return problem(ctx, page.error());
    if (!size) return problem(ctx, size.error());
    auto r = app::wrong_questions(ctx.app, *ctx.who, static_cast<int>(*page), static_cast<int>(*size));
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& w : r->items) {
        auto o = question_json(w.q);
        o["attempt_id"] = w.attempt_id;
        o["sitting_name"] = w.sitting_name;
        o["closed_at"] = w.closed_at;
        items.push_back(std::move(o));
    }
    return json(ctx, st::ok, js::object{{"items", std::move(items)}, {"total", r->total}, {"page", *page}, {"page_size", *size}});
}

}  // namespace skillgrade::http
