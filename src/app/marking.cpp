// The blind marking queue: claims, marks, settling an answer and an attempt.
#include "app/marking.hpp"

#include <algorithm>

#include "app/exam_papers.hpp"
#include "app/exams.hpp"
#include "core/marking.hpp"
#include "core/numbers.hpp"
#include "core/text.hpp"
#include "storage/cycles.hpp"

namespace skillgrade::app {
namespace {
using namespace papers;

std::string stale_before(const context& ctx) { return iso(ctx.now() - std::chrono::minutes(kClaimMinutes)); }

core::error conflict(const char* slug, core::text title) { return core::error{core::errc::conflict, slug, std::move(title), {}}; }

result<storage::blueprint_row> blueprint_or_404(storage::unit_of_work& tx, std::int64_t id) {
    auto b = storage::exams::blueprint(tx, id);
    if (!b) return std::unexpected(not_found("组卷规则", "blueprint", id));
    return *b;
}

// The marker's own mark (another's is not found: marks are not to be probed).
result<storage::mark_row> own_mark(storage::unit_of_work& tx, const principal& p, std::int64_t id) {
    auto m = storage::marking::mark(tx, id);
    if (!m || m->marker_id != p.user_id) return std::unexpected(not_found("阅卷任务", "marking task", id));
    return *m;
}

struct answer_on_paper {
    core::paper_item item;
    std::shared_ptr<const core::question> question, scenario;
};
answer_on_paper on_paper(context& ctx, storage::unit_of_work& tx, const storage::attempt_row& a, std::int64_t question_id) {
    auto items = items_of(a.items);
    auto it = std::find_if(items.begin(), items.end(), [&](auto& i) { return i.question_id == question_id; });
    if (it == items.end()) throw std::runtime_error("marked question not on the paper");
    answer_on_paper out{*it, versions(ctx, tx, {it->version_id}).front(), nullptr};
    if (it->parent) {
        auto c = std::find_if(items.begin(), items.end(), [&](auto& i) { return i.question_id == it->parent; });
        if (c != items.end()) out.scenario = versions(ctx, tx, {c->version_id}).front();
    }
    return out;
}

marking_task task_of(context& ctx, storage::unit_of_work& tx, const storage::mark_row& m) {
    auto a = storage::exams::attempt(tx, m.attempt_id);
    auto paper = on_paper(ctx, tx, *a, m.question_id);
    marking_task t;
    t.mark = m;
    if (auto c = storage::exams::candidate(tx, a->sitting_id, a->application_id)) t.candidate_no = c->candidate_no;
    t.question = *paper.question;
    if (paper.scenario) t.scenario = paper.scenario->stem;
    if (auto w = storage::exams::answer(tx, m.attempt_id, m.question_id)) {
        auto given = answer_of(w->answer);
        if (!given.values.empty()) t.answer = given.values[0];
    }
    t.max_points = paper.item.points;
    if (m.marked_at.empty())
        if (auto at = parse_instant(m.claimed_at)) t.expires_at = iso(*at + std::chrono::minutes(kClaimMinutes));
    auto pr = storage::marking::progress_of(tx, m.blueprint_id);
    t.waiting = pr.waiting_first + pr.waiting_second + pr.waiting_third;
    return t;
}

// After a round was marked: the answer settles (its points stored, and with the attempt's last
// answer the attempt's score and the cycle's written score) or waits for the next round.
void settle_answer(context& ctx, storage::unit_of_work& tx, const storage::mark_row& m, const storage::blueprint_row& bp) {
    std::vector<std::int64_t> given;
    for (auto& r : storage::marking::marks_of(tx, m.attempt_id, m.question_id))
        if (r.points) given.push_back(*r.points);
    auto a = storage::exams::attempt(tx, m.attempt_id);
    auto max = on_paper(ctx, tx, *a, m.question_id).item.points;
    auto s = core::settle({bp.double_marking, bp.discrepancy_percent}, max, given);
    storage::marking::set_next_round(tx, m.attempt_id, m.question_id, s.next_round);
    storage::marking::drop_claims_except(tx, m.attempt_id, m.question_id, s.next_round);
    if (s.next_round) return;
    storage::exams::set_points(tx, m.attempt_id, m.question_id, s.points);
    if (storage::exams::settle_one(tx, m.attempt_id) > 0) return;
    a->score = storage::exams::points_total(tx, m.attempt_id);
    a->pending = 0;
    storage::exams::set_score(tx, a->id, a->score);
    record_written(ctx, tx, *a, "");
}

}  // namespace

result<std::vector<marking_queue>> my_marking(context& ctx, const principal& p) {
    if (auto c = check(p, perm::exams_mark); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::vector<marking_queue> out;
    for (auto& w : storage::marking::waiting_by_blueprint(tx)) {
        auto b = storage::exams::blueprint(tx, w.blueprint_id);
        if (!b) continue;
        marking_queue q{*b, "", w.waiting, 0};
        if (auto c = storage::cycles::get(tx, b->cycle_id)) q.cycle_name = c->name;
        for (auto& l : storage::marking::workload(tx, b->id))
            if (l.user_id == p.user_id) q.mine = l.marked;
        out.push_back(std::move(q));
    }
    return out;
}

result<std::optional<marking_task>> next_task(context& ctx, const principal& p, std::int64_t blueprint_id) {
    if (auto c = check(p, perm::exams_mark); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    if (auto b = blueprint_or_404(tx, blueprint_id); !b) return std::unexpected(b.error());
    auto stale = stale_before(ctx);
    if (auto open = storage::marking::open_claim(tx, blueprint_id, p.user_id, stale)) {
        auto t = task_of(ctx, tx, *open);
        tx.commit();
        return std::optional<marking_task>(std::move(t));
    }
    // Another marker may claim the same answer between the look and the claim: look again.
    for (int tries = 0; tries < 5; ++tries) {
        auto w = storage::marking::next_waiting(tx, blueprint_id, p.user_id, p.engineer_id.value_or(0), stale);
        if (!w) break;
        if (auto id = storage::marking::claim(tx, *w, p.user_id, ctx.now_iso(), stale)) {
            auto t = task_of(ctx, tx, *storage::marking::mark(tx, id));
            tx.commit();
            return std::optional<marking_task>(std::move(t));
        }
    }
    tx.commit();
    return std::optional<marking_task>();
}

result<marking_task> get_task(context& ctx, const principal& p, std::int64_t mark_id) {
    if (auto c = check(p, perm::exams_mark); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto m = own_mark(tx, p, mark_id);
    if (!m) return std::unexpected(m.error());
    return task_of(ctx, tx, *m);
}

result<marking_task> save_mark(context& ctx, const principal& p, std::int64_t mark_id, std::int64_t points, const std::string& comment) {
    if (auto c = check(p, perm::exams_mark); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto m = own_mark(tx, p, mark_id);
    if (!m) return std::unexpected(m.error());
    auto text = core::trim(comment);
    if (!m->marked_at.empty()) {
        if (m->points == points && m->comment == text) return task_of(ctx, tx, *m);  // a resend of the mark given
        return std::unexpected(conflict("marking.final", {"该题已评分，评分提交后不能修改", "This answer was marked; a mark once given is final"}));
    }
    auto a = storage::exams::attempt(tx, m->attempt_id);
    auto max = on_paper(ctx, tx, *a, m->question_id).item.points;
    std::vector<core::field_error> errs;
    if (points < 0 || points > max)
        errs.push_back({"points", {"得分应在 0 到 " + core::format_hundredths(max) + " 分之间", "the mark is 0 to " + core::format_hundredths(max) + " points"}});
    if (auto why = core::text_problem(text, 2000, core::text_kind::multiline)) errs.push_back({"comment", *why});
    if (!errs.empty())
        return std::unexpected(core::error{core::errc::invalid_input, "marking.invalid", {"评分有误", "The mark is invalid"}, std::move(errs)});
    auto bp = storage::exams::blueprint(tx, m->blueprint_id);
    storage::marking::put_mark(tx, m->id, points, text, ctx.now_iso());
    settle_answer(ctx, tx, *m, *bp);
    auto saved = storage::marking::mark(tx, m->id);
    auto t = task_of(ctx, tx, *saved);
    tx.commit();
    return t;
}

result<void> release_task(context& ctx, const principal& p, std::int64_t mark_id) {
    if (auto c = check(p, perm::exams_mark); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto m = own_mark(tx, p, mark_id);
    if (!m) return std::unexpected(m.error());
    if (!m->marked_at.empty())
        return std::unexpected(conflict("marking.final", {"该题已评分，评分提交后不能修改", "This answer was marked; a mark once given is final"}));
    storage::marking::release(tx, *m);
    tx.commit();
    return {};
}

result<marking_overview> marking_progress(context& ctx, const principal& p, std::int64_t blueprint_id) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto b = blueprint_or_404(tx, blueprint_id);
    if (!b) return std::unexpected(b.error());
    return marking_overview{b->id, {b->double_marking, b->discrepancy_percent}, storage::marking::progress_of(tx, b->id),
                            storage::marking::workload(tx, b->id)};
}

}  // namespace skillgrade::app
