// Regrading submitted papers against corrected keys.
#include "app/regrade.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <boost/json.hpp>

#include "app/evaluation.hpp"
#include "app/exam_papers.hpp"
#include "app/questions.hpp"
#include "core/text.hpp"
#include "storage/exams.hpp"
#include "storage/questions.hpp"
#include "storage/results.hpp"

namespace skillgrade::app {
namespace {
using namespace papers;
namespace js = boost::json;

std::vector<std::string> keys_of(const core::question& q) {
    std::vector<std::string> k;
    for (auto& o : q.options) k.push_back(o.key);
    std::sort(k.begin(), k.end());
    return k;
}

// Why the current version cannot mark papers of the old one (none when it can).
std::optional<core::text> incompatible(const core::question& was, const core::question& now) {
    if (was.type != now.type) return core::text{"题型已改变", "its type changed"};
    if (keys_of(was) != keys_of(now)) return core::text{"选项已改变", "its options changed"};
    if (was.blanks.size() != now.blanks.size()) return core::text{"填空个数已改变", "its number of blanks changed"};
    return std::nullopt;
}

// The current version of each question (by question id) that differs from `version_id` and can mark it.
struct corrected {
    std::int64_t version_id = 0;
    std::shared_ptr<const core::question> question;
};

}  // namespace

result<regrade_report> regrade(context& ctx, const principal& p, std::int64_t blueprint_id, bool dry_run, const std::string& reason) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    auto why = core::trim(reason);
    if (!dry_run) {
        if (why.empty())
            return std::unexpected(core::error{core::errc::invalid_input, "regrade.reason", {"请填写重新判分的原因", "Give the reason for the regrade"},
                                               {{"reason", {"必填", "required"}}}});
        if (auto bad = core::text_problem(why, 500))
            return std::unexpected(core::error{core::errc::invalid_input, "regrade.reason", {"原因有误", "The reason is invalid"}, {{"reason", *bad}}});
    }
    storage::unit_of_work tx(ctx.db(), dry_run ? storage::write::no : storage::write::yes);
    auto bp = storage::exams::blueprint(tx, blueprint_id);
    if (!bp) return std::unexpected(not_found("组卷规则", "blueprint", blueprint_id));
    regrade_report report;
    report.blueprint_id = bp->id;
    std::map<std::int64_t, std::optional<corrected>> current;  // by paper version id
    std::set<std::int64_t> skipped;
    auto correction = [&](const core::paper_item& item, const core::question& was) -> std::optional<corrected> {
        if (auto it = current.find(item.version_id); it != current.end()) return it->second;
        std::optional<corrected> c;
        auto row = storage::questions::current_by_id(tx, item.question_id);
        if (row && row->id != item.version_id) {
            auto now = std::make_shared<const core::question>(from_row(*row));
            if (auto bad = incompatible(was, *now)) {
                if (skipped.insert(item.question_id).second) report.skipped.push_back({item.question_id, row->code, *bad});
            } else if (was.type != "short_answer") {
                c = corrected{row->id, std::move(now)};
            }
        }
        return current[item.version_id] = c;
    };
    js::array audit_lines;
    for (auto& s : storage::exams::sittings_of(tx, bp->cycle_id)) {
        if (s.blueprint_id != bp->id) continue;
        auto candidates = storage::exams::candidates(tx, s.id);
        for (auto& a : storage::exams::attempts_of(tx, s.id)) {
            if (a.status == "in_progress") continue;
            ++report.attempts;
            auto pp = paper_of(ctx, tx, a);
            auto& items = pp.items;
            auto& qs = pp.questions;
            auto& saved = pp.saved;
            regrade_line line;
            bool moved = false;
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (qs[i]->type == "case") continue;
                auto fix = correction(items[i], *qs[i]);
                if (!fix) continue;
                items[i].version_id = fix->version_id;
                moved = true;
                auto it = saved.find(items[i].question_id);
                std::optional<std::int64_t> old_points = it == saved.end() ? std::optional<std::int64_t>(0) : it->second.points;
                auto m = core::mark(*fix->question, pp.answer(i), items[i].points, items[i].partial_credit);
                if (old_points == m.points) continue;
                line.questions.push_back({items[i].question_id, fix->question->code, old_points, m.points});
                if (!dry_run && it != saved.end()) storage::exams::set_points(tx, a.id, items[i].question_id, m.points);
            }
            if (!line.questions.empty()) {
                line.attempt_id = a.id;
                line.application_id = a.application_id;
                auto c = std::find_if(candidates.begin(), candidates.end(), [&](auto& x) { return x.application_id == a.application_id; });
                if (c != candidates.end()) {
                    line.candidate_no = c->candidate_no;
                    line.employee_no = c->employee_no;
                    line.name = c->engineer_name;
                }
                line.old_score = a.score;
                if (a.pending == 0) {
                    std::int64_t delta = 0;
                    for (auto& q : line.questions) delta += q.new_points.value_or(0) - q.old_points.value_or(0);
                    line.new_score = a.score.value_or(0) + delta;
                }
                audit_lines.push_back(js::object{{"attempt_id", a.id}, {"old_score", a.score ? js::value(*a.score) : js::value(nullptr)},
                                                 {"new_score", line.new_score ? js::value(*line.new_score) : js::value(nullptr)}});
                report.changes.push_back(std::move(line));
            }
            if (dry_run || !moved) continue;
            storage::exams::set_items(tx, a.id, items_json(items));
            if (!report.changes.empty() && report.changes.back().attempt_id == a.id && a.pending == 0) {
                a.score = report.changes.back().new_score;
                storage::exams::set_score(tx, a.id, a.score);
                record_written(ctx, tx, a, why);
            }
        }
    }
    if (dry_run) return report;
    report.applied = true;
    ctx.audit(tx, p.username, "exam.regrade", "blueprint", std::to_string(bp->id), "{}",
              js::serialize(js::object{{"reason", why}, {"attempts", report.attempts}, {"changed", std::move(audit_lines)}}));
    bool evaluated = !report.changes.empty() && storage::results::any(tx, bp->cycle_id);
    tx.commit();
    if (evaluated)
        if (auto job = start_evaluation(ctx, p, bp->cycle_id)) report.evaluation_job = job->id;
    return report;
}

}  // namespace skillgrade::app
