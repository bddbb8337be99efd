// An engineer's own exam after the close, and their wrong-question list.
#include "app/exam_review.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/exam_papers.hpp"

namespace skillgrade::app {
namespace {
using namespace papers;

bool closed(const context& ctx, const storage::sitting_row& s) { return ctx.now_iso() >= s.closes_at; }

// The attempt read for its candidate: sections summed, questions kept when `with_questions`.
attempt_review review_of(context& ctx, storage::unit_of_work& tx, const storage::attempt_row& a, const storage::sitting_row& s,
                         const storage::blueprint_row& bp_row) {
    attempt_review r;
    r.attempt = a;
    r.attempt.items.clear();
    r.sitting = s;
    if (auto c = storage::exams::candidate(tx, a.sitting_id, a.application_id)) r.candidate_no = c->candidate_no;
    r.pass_mark = bp_row.pass_mark;
    r.passed = a.score && *a.score >= bp_row.pass_mark;
    r.answers_shown = bp_row.review_after_close;
    auto bp = blueprint_of(bp_row);
    for (auto& sec : bp.sections) r.sections.push_back({sec.title, 0, 0, 0, 0});
    auto pp = paper_of(ctx, tx, a);
    // A case counts as one question of its section, with full points when every part has them.
    std::map<std::int64_t, std::pair<std::size_t, bool>> cases_full;  // case → its section, all parts full
    for (std::size_t i = 0; i < pp.items.size(); ++i) {
        auto& item = pp.items[i];
        auto& q = *pp.questions[i];
        auto it = pp.saved.find(item.question_id);
        std::optional<std::int64_t> points = it == pp.saved.end() ? std::optional<std::int64_t>(0) : it->second.points;
        auto at = static_cast<std::size_t>(item.section);
        if (at < r.sections.size()) {
            auto& sec = r.sections[at];
            if (q.type == "case") {
                ++sec.questions;
                cases_full[item.question_id] = {at, true};
            } else {
                sec.max += item.points;
                sec.earned += points.value_or(0);
                if (!item.parent) {
                    ++sec.questions;
                    if (points == item.points) ++sec.full;
                } else if (auto c = cases_full.find(item.parent); c != cases_full.end() && points != item.points) {
                    c->second.second = false;
                }
            }
        }
        if (r.answers_shown) r.questions.push_back({item, q, pp.answer(i), q.type == "case" ? std::nullopt : points, {}});
    }
    for (auto& [id, c] : cases_full)
        if (c.second) ++r.sections[c.first].full;
    std::map<std::int64_t, core::text> cases;
    for (auto& q : r.questions)
        if (q.question.type == "case") cases[q.item.question_id] = q.question.stem;
    for (auto& q : r.questions)
        if (q.item.parent && cases.count(q.item.parent)) q.scenario = cases[q.item.parent];
    return r;
}

}  // namespace

result<attempt_review> review_attempt(context& ctx, const principal& p, std::int64_t attempt_id) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto a = storage::exams::attempt(tx, attempt_id);
    if (!a || !p.engineer_id || a->engineer_id != *p.engineer_id) return std::unexpected(not_found("考试记录", "attempt", attempt_id));
    auto s = storage::exams::sitting(tx, a->sitting_id);
    if (!closed(ctx, *s) || a->status == "in_progress")
        return core::fail(core::errc::conflict, "exam.not_closed",
                          {"考试场次结束后才能查看成绩与答卷：" + s->closes_at, "Scores and answers show once the sitting has closed: " + s->closes_at});
    return review_of(ctx, tx, *a, *s, *storage::exams::blueprint(tx, s->blueprint_id));
}

result<storage::list_page<wrong_question>> wrong_questions(context& ctx, const principal& p, int page, int page_size) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    storage::list_page<wrong_question> out;
    if (!p.engineer_id) return out;
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::vector<wrong_question> all;
    std::set<std::int64_t> listed;
    std::vector<std::pair<storage::sitting_row, storage::candidate_row>> mine;
    for (auto& c : storage::exams::sittings_of_engineer(tx, *p.engineer_id))
        if (auto s = storage::exams::sitting(tx, c.sitting_id); s && closed(ctx, *s)) mine.emplace_back(*s, c);
    std::sort(mine.begin(), mine.end(), [](auto& x, auto& y) { return x.first.closes_at > y.first.closes_at; });
    for (auto& [s, c] : mine) {
        auto bp = storage::exams::blueprint(tx, s.blueprint_id);
        if (!bp->review_after_close) continue;
        auto a = storage::exams::attempt_of(tx, s.id, c.application_id);
        if (!a || a->status == "in_progress") continue;
        for (auto& q : review_of(ctx, tx, *a, s, *bp).questions) {
            if (q.question.type == "case" || !q.points || *q.points >= q.item.points) continue;
            if (!listed.insert(q.item.question_id).second) continue;
            all.push_back({a->id, s.name, s.closes_at, std::move(q)});
        }
    }
    out.total = static_cast<std::int64_t>(all.size());
    auto from = std::min(all.size(), static_cast<std::size_t>(page - 1) * static_cast<std::size_t>(page_size));
    auto to = std::min(all.size(), from + static_cast<std::size_t>(page_size));
    for (auto i = from; i < to; ++i) out.items.push_back(std::move(all[i]));
    return out;
}

}  // namespace skillgrade::app
