// The marking queue (阅卷) and regrading after a key correction.
#include <boost/json.hpp>

#include "app/marking.hpp"
#include "app/regrade.hpp"
#include "app/views.hpp"
#include "http/handlers.hpp"
#include "http/problem.hpp"
#include "http/reading.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using st = bhttp::status;

namespace {

js::value optional_number(const std::optional<std::int64_t>& v) { return v ? js::value(*v) : js::value(nullptr); }

// The task as a marker sees it: the candidate's number (never their name), the question with its
// reference answer and scoring points, the answer, and the mark once given.
// `now`: the server's clock, against which the page counts the claim down.
js::object task_json(const app::marking_task& t, const std::string& now) {
    return js::object{{"id", t.mark.id},
                      {"blueprint_id", t.mark.blueprint_id},
                      {"round", t.mark.round},
                      {"candidate_no", t.candidate_no},
                      {"question", app::to_json(t.question)},
                      {"scenario", app::to_json(t.scenario)},
                      {"answer", t.answer},
                      {"max_points", t.max_points},
                      {"points", optional_number(t.mark.points)},
                      {"comment", t.mark.comment},
                      {"claimed_at", t.mark.claimed_at},
                      {"marked_at", t.mark.marked_at},
                      {"expires_at", t.expires_at},
                      {"server_now", now},
                      {"waiting", t.waiting}};
}

response task(context& ctx, const core::result<app::marking_task>& r) {
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, task_json(*r, ctx.app.now_iso()));
}

}  // namespace

response my_marking(context& ctx) {
    auto r = app::my_marking(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& q : *r)
        items.push_back(js::object{{"blueprint_id", q.blueprint.id},
                                   {"cycle_id", q.blueprint.cycle_id},
                                   {"cycle_name", q.cycle_name},
                                   {"target_rank", q.blueprint.target_rank},
                                   {"double_marking", q.blueprint.double_marking},
                                   {"waiting", q.waiting},
                                   {"mine", q.mine}});
    return json(ctx, st::ok, js::object{{"items", std::move(items)}, {"total", r->size()}});
}

response next_marking_task(context& ctx) {
    auto r = app::next_task(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"task", *r ? js::value(task_json(**r, ctx.app.now_iso())) : js::value(nullptr)}});
}

response get_marking_task(context& ctx) { return task(ctx, app::get_task(ctx.app, *ctx.who, ctx.id("id"))); }

response save_mark(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto* points = o->if_contains("points");
    b.known("points");
    auto comment = b.str("comment", false);
    auto errs = b.finish();
    if (!points || !points->is_int64() || points->as_int64() < 0)
        errs.push_back({"points", {"得分应为不小于 0 的整数（以 0.01 分计）", "the mark is a whole number of hundredths, at least 0"}});
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    return task(ctx, app::save_mark(ctx.app, *ctx.who, ctx.id("id"), points->as_int64(), comment));
}

response release_marking_task(context& ctx) {
    auto r = app::release_task(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"released", true}});
}

response marking_progress(context& ctx) {
    auto r = app::marking_progress(ctx.app, *ctx.who, ctx.id("id"));
    if (!r) return problem(ctx, r.error());
    auto& pr = r->progress;
    js::array markers;
    for (auto& m : r->markers)
        markers.push_back(js::object{{"user_id", m.user_id}, {"name", m.name}, {"marked", m.marked}, {"claimed", m.claimed},
                                     {"third", m.third}, {"mean_points", m.marked ? js::value((2 * m.points + m.marked) / (2 * m.marked)) : js::value(nullptr)}});
    return json(ctx, st::ok,
                js::object{{"blueprint_id", r->blueprint_id},
                           {"double_marking", r->rule.double_marking},
                           {"discrepancy_percent", r->rule.discrepancy_percent},
                           {"waiting_first", pr.waiting_first},
                           {"waiting_second", pr.waiting_second},
                           {"waiting_third", pr.waiting_third},
                           {"settled", pr.settled},
                           {"discrepant", pr.discrepant},
                           {"attempts_pending", pr.attempts_pending},
                           {"markers", std::move(markers)}});
}

response regrade(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    bool dry = b.optional_bool("dry_run", true);
    auto reason = b.str("reason", false);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::regrade(ctx.app, *ctx.who, ctx.id("id"), dry, reason);
    if (!r) return problem(ctx, r.error());
    js::array changes, skipped;
    for (auto& l : r->changes) {
        js::array qs;
        for (auto& q : l.questions)
            qs.push_back(js::object{{"question_id", q.question_id}, {"code", q.code}, {"old_points", optional_number(q.old_points)},
                                    {"new_points", optional_number(q.new_points)}});
        changes.push_back(js::object{{"attempt_id", l.attempt_id},
                                     {"application_id", l.application_id},
                                     {"candidate_no", l.candidate_no},
                                     {"employee_no", l.employee_no},
                                     {"name", l.name},
                                     {"old_score", optional_number(l.old_score)},
                                     {"new_score", optional_number(l.new_score)},
                                     {"questions", std::move(qs)}});
    }
    for (auto& s : r->skipped)
        skipped.push_back(js::object{{"question_id", s.question_id}, {"code", s.code}, {"reason", app::to_json(s.reason)}});
    return json(ctx, st::ok,
                js::object{{"blueprint_id", r->blueprint_id},
                           {"applied", r->applied},
                           {"attempts", r->attempts},
                           {"changes", std::move(changes)},
                           {"skipped", std::move(skipped)},
                           {"evaluation_job", optional_number(r->evaluation_job)}});
}

}  // namespace skillgrade::http
