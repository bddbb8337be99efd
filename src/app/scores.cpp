// Component scores: entry from every source, sheet imports (every row or none), locks and absences.
#include "app/scores.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <boost/json.hpp>

#include "app/applications.hpp"
#include "app/audit.hpp"
#include "app/evaluation.hpp"
#include "app/import_report.hpp"
#include "app/schemes.hpp"
#include "app/sheet.hpp"
#include "app/views.hpp"
#include "core/certificate.hpp"
#include "core/evaluation.hpp"
#include "core/numbers.hpp"
#include "storage/applications.hpp"
#include "storage/cycles.hpp"
#include "storage/scores.hpp"

namespace skillgrade::app {

namespace {




std::string score_json(const storage::score_row& s) {
    return boost::json::serialize(boost::json::object{
        {"component", s.component},
        {"score", s.score ? boost::json::value(core::format_hundredths(*s.score)) : boost::json::value(nullptr)},
        {"absent", s.absent}, {"source", s.source}});
}

}  // namespace

// Scores are entered during the assessments and may be amended (with audit) until the appeals close.
bool scoring_phase(const std::string& status) {
    static const std::set<std::string> phases{"written_exam", "practical_test", "interview", "committee_review", "public_notice",
                                           "appeal"};
    return phases.count(status) > 0;
}

result<storage::score_row> set_score(context& ctx, const principal& p, std::int64_t application_id, const score_input& in) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto row = set_score_in(ctx, tx, p, application_id, in);
    if (row) tx.commit();
    return row;
}

result<storage::score_row> set_score_in(context& ctx, storage::unit_of_work& tx, const principal& p, std::int64_t application_id,
                                                 const score_input& in) {
    std::vector<core::field_error> errs;
    if (in.absent && in.score) errs.push_back({"score", {"缺考时不能同时填写成绩", "an absent candidate has no score"}});
    if (!in.absent && !in.score) errs.push_back({"score", {"请填写成绩或标记缺考", "enter a score or mark absent"}});
    if (in.score && (*in.score < 0 || *in.score > 10000)) errs.push_back({"score", {"成绩应在 0–100 之间", "scores are 0–100"}});
    auto kind = core::component_from(in.component);
    if (!kind) errs.push_back({"component", {"未知考核项：" + in.component, "unknown component: " + in.component}});
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "score.invalid", {"成绩信息有误", "The score is invalid"}, errs);
    auto a = storage::applications::get(tx, application_id);
    if (!a) return std::unexpected(not_found("申报", "application", application_id));
    auto c = storage::cycles::get(tx, a->cycle_id);
    if (!scoring_phase(c->status))
        return core::fail(core::errc::conflict, "score.phase", {"当前阶段不能录入成绩", "Scores are entered during the assessment phases"});
    if (a->status != "eligible")
        return core::fail(core::errc::conflict, "score.not_eligible", {"该申报未通过基本条件审核", "The application is not eligible"});
    auto scheme = cycle_scheme(tx, *c);
    if (!scheme) return std::unexpected(scheme.error());
    auto& lv = scheme->levels[static_cast<std::size_t>(a->target_rank - 1)];
    if (std::none_of(lv.components.begin(), lv.components.end(), [&](auto& x) { return x.kind == *kind; }))
        return core::fail(core::errc::invalid_input, "score.invalid", {"成绩信息有误", "The score is invalid"},
                          {{"component", {"该等级不考核此项", "this level does not assess this component"}}});
    auto locks = storage::scores::locked(tx, c->id);
    bool locked = std::find(locks.begin(), locks.end(), in.component) != locks.end();
    if (locked && core::trim(in.reason).empty())
        return core::fail(core::errc::invalid_input, "score.locked", {"该考核项已锁定，修改需填写原因", "The component is locked; a change needs a reason"},
                          {{"reason", {"必填", "required"}}});
    std::string before = "{}";
    for (auto& s : storage::scores::for_application(tx, application_id))
        if (s.component == in.component) before = score_json(s);
    storage::score_row row{application_id, in.component, in.score, in.absent, in.source, p.username, ctx.now_iso()};
    storage::scores::put(tx, row);
    auto after = boost::json::parse(score_json(row)).as_object();
    if (locked) after["reason"] = core::trim(in.reason);
    ctx.audit(tx, p.username, locked ? "score.change_locked" : "score.set", "application", std::to_string(application_id), before,
          boost::json::serialize(after));
    return row;
}

result<import_report> import_scores(context& ctx, const principal& p, std::int64_t cycle_id, std::string_view bytes, bool dry_run,
                                    job_control* control) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    static const sheet_column kScores[] = {
        {"employee_no", {"工号", "Employee No."}, true},
        {"component", {"考核项", "Component"}, true},
        {"score", {"成绩", "Score"}, true},
    };
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    if (!scoring_phase(c->status))
        return core::fail(core::errc::conflict, "score.phase", {"当前阶段不能录入成绩", "Scores are entered during the assessment phases"});
    auto scheme = cycle_scheme(tx, *c);
    if (!scheme) return std::unexpected(scheme.error());
    auto locks = storage::scores::locked(tx, cycle_id);
    std::set<std::pair<std::string, std::string>> seen;
    import_report report;
    auto now = ctx.now_iso();
    auto header = import_rows(bytes, kScores, report, control, [&](const sheet_header&, std::vector<sheet_row>& batch) {
        std::vector<std::string> nos;
        for (auto& row : batch) nos.push_back(row.value(0));
        auto by_no = storage::applications::eligible_by_employee_no(tx, cycle_id, nos);
        std::vector<storage::score_row> rows;
        for (auto& row : batch) {
            auto err = [&](int col, std::string zh, std::string en) {
                report.add({kScores[col].key, {std::move(zh), std::move(en)}, row.number, kScores[col].header.zh});
            };
            storage::score_row s{0, "", std::nullopt, false, "import", p.username, now};
            auto it = by_no.find(row.value(0));
            if (it == by_no.end()) err(0, "本批次没有该工号的有效申报：" + row.value(0), "no eligible application for " + row.value(0));
            else s.application_id = it->second.application_id;
            auto kind = core::component_from(row.value(1));
            if (!kind) err(1, "未知考核项：" + row.value(1), "unknown component: " + row.value(1));
            else {
                s.component = std::string(core::to_string(*kind));
                if (std::find(locks.begin(), locks.end(), s.component) != locks.end())
                    err(1, "该考核项已锁定，不能批量导入", "the component is locked; imports cannot change it");
                if (it != by_no.end()) {
                    auto& lv = scheme->levels[static_cast<std::size_t>(it->second.target_rank - 1)];
                    if (std::none_of(lv.components.begin(), lv.components.end(), [&](auto& x) { return x.kind == *kind; }))
                        err(1, "该等级不考核此项", "this level does not assess this component");
                }
                if (!seen.insert({row.value(0), s.component}).second) err(1, "同一人同一考核项重复", "duplicate row for this person and component");
            }
            auto& v = row.value(2);
            if (v == "缺考" || v == "absent") s.absent = true;
            else if (auto h = core::parse_hundredths(v); h && *h >= 0 && *h <= 10000) s.score = *h;
            else err(2, "成绩应为 0–100（最多两位小数）或“缺考”", "score must be 0–100 (two decimals at most) or absent");
            rows.push_back(std::move(s));
        }
        // Written as it goes, in the one unit of work: a later error rolls every row back.
        if (!report.failed() && !dry_run)
            for (auto& s : rows) storage::scores::put(tx, s);
    });
    if (!header) return std::unexpected(header.error());
    if (report.failed()) return report;
    if (report.rows == 0)
        return core::fail(core::errc::invalid_input, "import.no_rows", {"文件中没有数据行", "The file has no data rows"});
    if (dry_run) return report;
    ctx.audit(tx, p.username, "score.import", "cycle", std::to_string(cycle_id), "{}",
              boost::json::serialize(boost::json::object{{"count", report.rows}, {"file_sha256", sha256_hex(bytes)}}));
    tx.commit();
    report.imported = true;
    return report;
}

result<void> lock_component(context& ctx, const principal& p, std::int64_t cycle_id, const std::string& component) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    if (!core::component_from(component))
        return core::fail(core::errc::invalid_input, "score.invalid", {"未知考核项：" + component, "unknown component: " + component},
                          {{"component", {"未知考核项", "unknown component"}}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    if (!storage::cycles::get(tx, cycle_id)) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    storage::scores::lock(tx, cycle_id, component, p.username, ctx.now_iso());
    ctx.audit(tx, p.username, "score.lock", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"component", component}}));
    tx.commit();
    return {};
}

result<storage::list_page<sheet_line>> list_scores(context& ctx, const principal& p, std::int64_t cycle_id,
                                                   storage::cycle_list_filter f) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    f.cycle_id = cycle_id;
    if (auto e = check_list_query(f, false, storage::application_sort)) return std::unexpected(*e);
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    auto page = storage::applications::page(tx, f);
    std::vector<std::int64_t> ids;
    for (auto& a : page.items) ids.push_back(a.id);
    auto scores = storage::scores::for_applications(tx, cycle_id, ids);
    std::vector<storage::result_row> results;
    if (check(p, perm::results_read)) {
        results = storage::scores::results_of(tx, cycle_id, ids);
        explain_page(tx, *c, results);
    }
    storage::list_page<sheet_line> out{{}, page.total};
    for (auto& a : page.items) {
        sheet_line line{std::move(a), {}, std::nullopt};
        for (auto& s : scores)
            if (s.application_id == line.application.id) line.scores.push_back(s);
        for (auto& r : results)
            if (r.application_id == line.application.id) line.result = with_votes(tx, r);
        line.application.verdict_json.clear();  // the sheet does not show the verdict
        out.items.push_back(std::move(line));
    }
    return out;
}

result<std::vector<std::string>> list_locks(context& ctx, const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    if (!storage::cycles::get(tx, cycle_id)) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    return storage::scores::locked(tx, cycle_id);
}

}  // namespace skillgrade::app
