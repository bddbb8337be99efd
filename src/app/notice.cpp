// Public notice (公示) and appeals (申诉).
#include <boost/json.hpp>
#include <map>

#include "app/service.hpp"
#include "core/text.hpp"
#include "app/views.hpp"
#include "core/cycle.hpp"

namespace skillgrade::app {
namespace {
bool published_phase(const std::string& status) {
    auto s = core::cycle_status_from(status);
    return s && static_cast<int>(*s) >= static_cast<int>(core::cycle_status::public_notice);
}
}  // namespace

result<std::vector<storage::calendar_day>> service::list_calendar(const principal& p) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    return storage::calendar::list(tx);
}

result<storage::calendar_day> service::set_calendar_day(const principal& p, const storage::calendar_day& d) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    if (!core::parse_date(d.day)) errs.push_back({"day", {"日期无效，应为 YYYY-MM-DD", "invalid date; use YYYY-MM-DD"}});
    if (d.kind != "holiday" && d.kind != "workday" && d.kind != "none")
        errs.push_back({"kind", {"应为 holiday（放假）、workday（调休上班）或 none（删除）", "must be holiday, workday or none"}});
    if (d.kind != "none" && (core::trim(d.name).empty() || core::char_count(d.name) > 50))
        errs.push_back({"name", {"名称不能为空，最长 50 字符", "name must be 1–50 characters"}});
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "calendar.invalid", {"日历设置有误", "The calendar day is invalid"}, errs);
    storage::unit_of_work tx(db_, storage::write::yes);
    if (d.kind == "none") storage::calendar::remove(tx, d.day);
    else storage::calendar::put(tx, {d.day, d.kind, core::trim(d.name)});
    audit(tx, p.username, "calendar.set", "calendar", d.day, "{}",
          boost::json::serialize(boost::json::object{{"kind", d.kind}, {"name", d.name}}));
    tx.commit();
    return d;
}

result<published_list> service::published(const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return core::fail(core::errc::not_found, "cycle.not_found", {"评定批次不存在", "No such cycle"});
    if (!published_phase(c->status))
        return core::fail(core::errc::conflict, "cycle.not_published", {"结果尚未公示", "The results are not published yet"});
    std::map<std::int64_t, storage::application_row> apps;
    for (auto& a : storage::applications::list(tx, cycle_id)) apps[a.id] = a;
    std::map<std::string, std::string> unit_names;
    for (auto& u : storage::org_units::list(tx)) unit_names[u.path] = u.name;
    published_list out{c->published_fields, {}};
    for (auto& v : with_votes(tx, cycle_id, storage::scores::results(tx, cycle_id))) {
        auto& a = apps[v.row.application_id];
        out.rows.push_back({a.id, a.employee_no, a.engineer_name, unit_names[a.org_path], a.target_rank,
                            v.row.passed && v.row.selected && v.decision == "approved", v.row.total, v.row.rank});
    }
    return out;
}

result<std::vector<own_result>> service::own_results(const principal& p, std::int64_t engineer_id) {
    auto e = get_engineer(p, engineer_id);  // the same permission and scope as the profile
    if (!e) return std::unexpected(e.error());
    storage::unit_of_work tx(db_, storage::write::no);
    // The engineer's own applications, each with its own result, votes and scores only: a cycle's
    // other applicants are never read, however many there are. Cycles in the order of the cycle list.
    std::vector<own_result> out;
    auto cycles = storage::cycles::list(tx);
    auto apps = storage::applications::for_engineer(tx, engineer_id);
    for (auto& c : cycles)
        for (auto& a : apps) {
            if (a.cycle_id != c.id || a.status == "withdrawn") continue;
            own_result r{c, a, std::nullopt, {}, "", {}};
            if (published_phase(c.status)) {
                if (auto row = storage::scores::result_of(tx, c.id, a.id)) {
                    auto v = with_votes(tx, std::move(*row));
                    r.result = std::move(v.row);
                    r.decision = v.decision;
                    // The reasons, as HR reads them: worked out again from the scores with the cycle's level.
                    if (auto scheme = cycle_scheme(tx, c); scheme && r.result->target_rank >= 1 &&
                                                          r.result->target_rank <= static_cast<int>(scheme->levels.size()))
                        r.result->outcome_json = explain_result(scheme->levels[static_cast<std::size_t>(r.result->target_rank - 1)], *r.result);
                }
                r.scores = storage::scores::for_application(tx, a.id);
                r.appeals = storage::appeals::for_application(tx, a.id);
            }
            out.push_back(std::move(r));
        }
    return out;
}

result<storage::appeal_row> service::appeal(const principal& p, std::int64_t application_id, const std::string& reason) {
    if (auto c = check(p, perm::apply); !c) return std::unexpected(c.error());
    if (core::trim(reason).empty())
        return core::fail(core::errc::invalid_input, "appeal.invalid", {"请写明申诉理由", "Give the reason for the appeal"},
                          {{"reason", {"必填", "required"}}});
    storage::unit_of_work tx(db_, storage::write::yes);
    auto a = storage::applications::get(tx, application_id);
    if (!a) return core::fail(core::errc::not_found, "application.not_found", {"申报不存在", "No such application"});
    if (p.engineer_id != a->engineer_id)
        return core::fail(core::errc::forbidden, "appeal.not_own", {"只能对本人的结果申诉", "You can only appeal your own result"});
    auto c = storage::cycles::get(tx, a->cycle_id);
    if (c->status != "public_notice" || core::format_date(today()) > c->notice_ends_on)
        return core::fail(core::errc::conflict, "appeal.closed", {"只能在公示期内申诉", "Appeals are taken during the public notice only"});
    for (auto& x : storage::appeals::for_cycle(tx, a->cycle_id))
        if (x.application_id == application_id && x.status == "open")
            return core::fail(core::errc::conflict, "appeal.open", {"已有待处理的申诉", "An appeal is already open"});
    storage::appeal_row row{0, application_id, core::trim(reason), "open", "", now_iso(), p.username, "", ""};
    row.id = storage::appeals::insert(tx, row);
    audit(tx, p.username, "appeal.create", "application", std::to_string(application_id), "{}",
          boost::json::serialize(boost::json::object{{"appeal", row.id}, {"reason", row.reason}}));
    auto saved = storage::appeals::get(tx, row.id);
    tx.commit();
    return *saved;
}

result<std::vector<storage::appeal_row>> service::list_appeals(const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    return storage::appeals::for_cycle(tx, cycle_id);
}

result<storage::appeal_row> service::resolve_appeal(const principal& p, std::int64_t appeal_id, const appeal_resolution& r) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    if (r.decision != "uphold" && r.decision != "amend")
        errs.push_back({"decision", {"应为 uphold（维持）或 amend（更正）", "must be uphold or amend"}});
    if (core::trim(r.note).empty()) errs.push_back({"note", {"请写明处理意见", "a note is required"}});
    if (r.decision == "amend" && (r.component.empty() || !r.score))
        errs.push_back({"score", {"更正需给出考核项与新成绩", "an amendment names the component and the new score"}});
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "appeal.invalid", {"申诉处理有误", "The resolution is invalid"}, errs);
    // The amendment, the re-evaluation and the appeal's resolution are one unit of work: all or nothing.
    storage::unit_of_work tx(db_, storage::write::yes);
    auto a = storage::appeals::get(tx, appeal_id);
    if (!a) return core::fail(core::errc::not_found, "appeal.not_found", {"申诉不存在", "No such appeal"});
    auto cycle_id = storage::applications::get(tx, a->application_id)->cycle_id;
    if (a->status != "open") return core::fail(core::errc::conflict, "appeal.resolved", {"该申诉已处理", "The appeal was already resolved"});
    if (r.decision == "amend") {
        auto s = set_score_in(tx, p, a->application_id, {r.component, r.score, false, "申诉更正 appeal: " + r.note, "appeal"});
        if (!s) return std::unexpected(s.error());
        auto e = evaluate_in(tx, p, cycle_id, false, false);  // the amended score is not committed yet
        if (!e) return std::unexpected(e.error());
    }
    storage::appeals::resolve(tx, appeal_id, r.decision == "amend" ? "amended" : "upheld", core::trim(r.note), p.username, now_iso());
    auto after = storage::appeals::get(tx, appeal_id);
    audit(tx, p.username, "appeal.resolve", "application", std::to_string(a->application_id), "{}",
          boost::json::serialize(boost::json::object{{"appeal", appeal_id}, {"decision", r.decision}, {"note", r.note}}));
    tx.commit();
    return *after;
}

}  // namespace skillgrade::app
