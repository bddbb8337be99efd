// Evaluation cycles: planning with a phase timeline, the gates of each transition, quotas and settings.
#include "app/cycles.hpp"

#include <limits>
#include <set>
#include <boost/json.hpp>

#include "app/applications.hpp"
#include "app/certificates.hpp"
#include "app/evaluation.hpp"
#include "app/org.hpp"
#include "app/views.hpp"
#include "core/certificate.hpp"
#include "core/exams.hpp"
#include "core/cycle.hpp"
#include "core/text.hpp"
#include "storage/appeals.hpp"
#include "storage/calendar.hpp"
#include "storage/cycles.hpp"
#include "storage/schemes.hpp"
#include "storage/scores.hpp"

namespace skillgrade::app {
namespace {


}  // namespace

core::error cycle_not_found(std::int64_t id) {
    return {core::errc::not_found, "cycle.not_found", {"评定批次不存在：" + std::to_string(id), "No such cycle: " + std::to_string(id)}, {}};
}

result<storage::cycle_row> create_cycle(context& ctx, const principal& p, const cycle_input& in) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    auto add = [&](std::string f, std::string zh, std::string en) { errs.push_back({std::move(f), {std::move(zh), std::move(en)}}); };
    if (core::trim(in.name).empty()) add("name", "名称不能为空，最长 200 字符", "name must be 1–200 characters");
    else if (auto why = core::text_problem(in.name, 200)) errs.push_back({"name", *why});
    if (in.kind != "promotion" && in.kind != "recertification")
        add("kind", "类型应为 promotion（晋级）或 recertification（复审）", "kind must be promotion or recertification");
    if (!core::parse_date(in.cutoff_date)) add("cutoff_date", "截止日期无效，应为 YYYY-MM-DD", "cut-off date is invalid; use YYYY-MM-DD");
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto row = storage::schemes::get(tx, in.scheme_id);
    std::optional<storage::scheme_version_row> version;
    std::optional<core::scheme> scheme;
    if (!row) add("scheme_id", "方案不存在", "no such scheme");
    else {
        version = storage::schemes::version(tx, in.scheme_id, 0);
        if (version) {
            auto parsed = core::parse_scheme(version->source, row->code);
            if (parsed) scheme = std::move(*parsed);
        }
    }
    if (in.open_ranks.empty()) add("open_ranks", "至少开放一个等级", "open at least one level");
    std::set<int> seen;
    for (int r : in.open_ranks)
        if (scheme && (r < 1 || r > static_cast<int>(scheme->levels.size())))
            add("open_ranks", "等级不存在：" + std::to_string(r), "no such level: " + std::to_string(r));
        else if (!seen.insert(r).second)
            add("open_ranks", "等级重复：" + std::to_string(r), "duplicate level: " + std::to_string(r));
    // The timeline: known phases, each starting no later than it ends, in the order of the process.
    int last = -1;
    std::string last_start;
    std::set<std::string> phases;
    for (std::size_t i = 0; i < in.phases.size(); ++i) {
        auto& ph = in.phases[i];
        std::string f = "phases[" + std::to_string(i) + "]";
        auto st = core::cycle_status_from(ph.phase);
        auto s = core::parse_date(ph.starts_on), e = core::parse_date(ph.ends_on);
        if (!st || *st == core::cycle_status::draft || *st == core::cycle_status::closed) {
            add(f + ".phase", "未知阶段：" + ph.phase, "unknown phase: " + ph.phase);
            continue;
        }
        if (!phases.insert(ph.phase).second) add(f + ".phase", "阶段重复", "duplicate phase");
        if (!s || !e) add(f, "日期无效，应为 YYYY-MM-DD", "invalid date; use YYYY-MM-DD");
        else if (*e < *s) add(f, "结束日期早于开始日期", "the phase ends before it starts");
        if (static_cast<int>(*st) < last) add(f + ".phase", "阶段顺序不对", "phases are out of order");
        else if (s && !last_start.empty() && ph.starts_on < last_start)
            add(f + ".starts_on", "开始日期早于上一阶段", "starts before the previous phase");
        if (!core::role_from(ph.responsible_role))
            add(f + ".responsible_role", "未知角色：" + ph.responsible_role, "unknown role: " + ph.responsible_role);
        last = static_cast<int>(*st);
        if (s) last_start = ph.starts_on;
    }
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "cycle.invalid", {"评定批次信息有误", "The cycle is invalid"}, errs);
    storage::cycle_row c;
    c.name = core::trim(in.name);
    c.scheme_id = in.scheme_id;
    c.scheme_version = version->version;
    c.kind = in.kind;
    c.status = std::string(core::to_string(core::cycle_status::draft));
    c.open_ranks = in.open_ranks;
    std::sort(c.open_ranks.begin(), c.open_ranks.end());
    c.cutoff_date = in.cutoff_date;
    c.created_at = ctx.now_iso();
    c.created_by = p.username;
    c.phases = in.phases;
    auto id = storage::cycles::insert(tx, c);
    storage::schemes::mark_in_use(tx, version->id);  // the cycle's version is frozen from now on
    auto saved = storage::cycles::get(tx, id);
    ctx.audit(tx, p.username, "cycle.create", "cycle", std::to_string(id), "{}", boost::json::serialize(to_json(*saved)));
    tx.commit();
    return *saved;
}

result<std::vector<storage::cycle_row>> list_cycles(context& ctx, const principal& p) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::cycles::list(tx);
}

result<storage::cycle_row> get_cycle(context& ctx, const principal& p, std::int64_t id) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto c = storage::cycles::get(tx, id);
    if (!c) return std::unexpected(cycle_not_found(id));
    return *c;
}

// What must be true before a cycle moves forward out of a phase. The public notice runs its full length
// (HR may end it early with a reason: an audited override); appeals are decided before certification;
// every application that passed the evaluation has a committee decision before it is published and
// again before certificates are issued (an appeal's amendment can make a new one pass).
result<void> phase_gate(context& ctx, storage::unit_of_work& tx, const storage::cycle_row& c, core::cycle_status from,
                                 core::cycle_status to, bool override_notice, const std::string& reason) {
    using core::cycle_status;
    if (from == cycle_status::public_notice && !c.notice_ends_on.empty() && core::format_date(ctx.today()) <= c.notice_ends_on) {
        if (!override_notice)
            return core::fail(core::errc::conflict, "cycle.notice_running",
                              {"公示期至 " + c.notice_ends_on + " 结束，公示期内不能进入下一阶段；如确需提前结束，请填写理由（将记入审计）",
                               "The public notice runs until " + c.notice_ends_on +
                                   "; the cycle moves on after it ends. To end it early, give a reason (it is audited)"});
        if (core::trim(reason).empty())
            return core::fail(core::errc::invalid_input, "cycle.override_reason", {"提前结束公示须填写理由", "Ending the notice early needs a reason"},
                              {{"reason", {"必填", "required"}}});
    }
    auto listed = [](std::vector<core::field_error>& errs, std::string field, const std::string& name, const std::string& no,
                     const core::text& what) {
        if (errs.size() == 50) errs.push_back({"more", {"……（仅列出前 50 项）", "… (the first 50 are listed)"}});
        if (errs.size() > 50) return;
        errs.push_back({std::move(field), {name + "（" + no + "）" + what.zh, name + " (" + no + ") " + what.en}});
    };
    if (to == cycle_status::certification || to == cycle_status::closed) {
        std::vector<core::field_error> open;
        std::size_t count = 0;
        for (auto& a : storage::appeals::for_cycle(tx, c.id))
            if (a.status == "open") {
                ++count;
                listed(open, "appeals/" + std::to_string(a.id), a.engineer_name, a.employee_no, {"的申诉待处理", "has an open appeal"});
            }
        if (!open.empty())
            return core::fail(core::errc::conflict, "cycle.appeals_pending",
                              {"还有 " + std::to_string(count) + " 项申诉待处理，处理完毕后才能进入认证",
                               std::to_string(count) + " appeal(ctx, s) are still open; decide them before certification"},
                              std::move(open));
    }
    if (from == cycle_status::committee_review || to == cycle_status::closed) {
        std::vector<core::field_error> missing;
        std::size_t count = 0;
        for (auto& v : with_votes(tx, c.id, storage::scores::results(tx, c.id)))
            if (v.row.passed && v.row.selected && v.decision.empty()) {
                ++count;
                listed(missing, "applications/" + std::to_string(v.row.application_id), v.row.engineer_name, v.row.employee_no,
                       {"：评审委员会尚未形成决定", "has no committee decision yet"});
            }
        if (!missing.empty())
            return core::fail(core::errc::conflict, "cycle.decisions_missing",
                              {std::to_string(count) + " 份通过综合评定的申报尚无评审委员会决定",
                               std::to_string(count) + " application(s) that passed the evaluation have no committee decision"},
                              std::move(missing));
    }
    return {};
}

result<storage::cycle_row> transition_cycle(context& ctx, const principal& p, std::int64_t id, const std::string& to,
                                                     const std::string& reason, std::int64_t version, bool override_notice) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    auto target = core::cycle_status_from(to);
    if (!target)
        return core::fail(core::errc::invalid_input, "cycle.invalid", {"未知阶段：" + to, "unknown phase: " + to},
                          {{"to", {"未知阶段", "unknown phase"}}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = storage::cycles::get(tx, id);
    if (!c) return std::unexpected(cycle_not_found(id));
    auto from = *core::cycle_status_from(c->status);
    auto moved = core::transition(from, *target, reason);
    if (!moved) return std::unexpected(moved.error());
    bool forward = static_cast<int>(*target) > static_cast<int>(from);
    // An override ends the public notice early, and applies to nothing else.
    bool notice_running = from == core::cycle_status::public_notice && !c->notice_ends_on.empty() &&
                          core::format_date(ctx.today()) <= c->notice_ends_on;
    if (override_notice && !(forward && from == core::cycle_status::public_notice))
        return core::fail(core::errc::invalid_input, "cycle.override_unneeded",
                          {"override 仅用于提前结束公示", "override only ends the public notice early"},
                          {{"override", {"此处不适用", "does not apply here"}}});
    if (forward)
        if (auto gate = phase_gate(ctx, tx, *c, from, *target, override_notice, reason); !gate) return std::unexpected(gate.error());
    bool overridden = override_notice && notice_running;
    if (!storage::cycles::set_status(tx, id, to, version))
        return core::fail(core::errc::precondition_failed, "cycle.stale",
                          {"该批次已被他人修改，请刷新后再操作", "Someone else changed this cycle; reload it and try again"});
    int certified = *target == core::cycle_status::closed ? certify(ctx, tx, *c, p) : 0;
    if (*target == core::cycle_status::public_notice) {
        core::work_calendar cal;
        for (auto& d : storage::calendar::list(tx))
            if (auto day = core::parse_date(d.day)) (d.kind == "workday" ? cal.workdays : cal.holidays).insert(*day);
        storage::cycles::set_notice_end(tx, id, core::format_date(core::add_working_days(ctx.today(), c->notice_days, cal)));
    }
    auto after = storage::cycles::get(tx, id);
    ctx.audit(tx, p.username, "cycle.transition", "cycle", std::to_string(id),
          boost::json::serialize(boost::json::object{{"status", c->status}}),
          boost::json::serialize(boost::json::object{{"status", to}, {"reason", reason}, {"certified", certified}, {"override", overridden}}));
    tx.commit();
    return *after;
}

result<storage::cycle_row> set_quota(context& ctx, const principal& p, std::int64_t cycle_id, const quota_input& in) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    auto& kind = in.kind;
    if (kind != "count" && kind != "percent" && kind != "none")
        errs.push_back({"kind", {"名额类型应为 count（人数）、percent（比例）或 none", "kind must be count, percent or none"}});
    if (kind == "percent" && (in.value < 0 || in.value > 100))
        errs.push_back({"value", {"比例应在 0–100% 之间", "a percentage must be 0–100"}});
    if (kind == "count" && (in.value < 0 || in.value > 1000000)) errs.push_back({"value", {"人数应 ≥ 0", "a count must be 0 or more"}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(cycle_not_found(cycle_id));
    if (std::find(c->open_ranks.begin(), c->open_ranks.end(), in.rank) == c->open_ranks.end())
        errs.push_back({"rank", {"该等级不在本批次开放范围内", "this level is not open in the cycle"}});
    std::int64_t unit_id = 0;
    if (!core::trim(in.org_unit).empty()) {
        if (auto u = unit_by_code(tx, core::trim(in.org_unit))) unit_id = u->id;
        else errs.push_back({"org_unit", {"组织单元不存在：" + in.org_unit, "no such org unit: " + in.org_unit}});
    }
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "quota.invalid", {"名额设置有误", "The quota is invalid"}, errs);
    if (c->status == "certification" || c->status == "closed")
        return core::fail(core::errc::conflict, "quota.late", {"认证阶段后不能再改名额", "Quotas cannot change once certification begins"});
    if (kind == "none") storage::cycles::remove_quota(tx, cycle_id, in.rank, unit_id);
    else storage::cycles::set_quota(tx, cycle_id, {in.rank, kind, in.value, unit_id, "", ""});
    ctx.audit(tx, p.username, "cycle.quota", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"rank", in.rank}, {"org_unit", core::trim(in.org_unit)}, {"kind", kind},
                                                     {"value", in.value}}));
    auto after = storage::cycles::get(tx, cycle_id);
    tx.commit();
    return *after;
}

const std::vector<std::string>& published_field_names() {
    static const std::vector<std::string> names{"employee_no", "engineer_name", "org_unit", "target_rank", "outcome", "total", "rank"};
    return names;
}

result<storage::cycle_row> update_cycle_settings(context& ctx, const principal& p, std::int64_t id, const cycle_settings& in,
                                                          std::int64_t version) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    std::vector<std::string> fields;
    for (auto& f : published_field_names())  // stored in a fixed order, each once
        if (std::find(in.published_fields.begin(), in.published_fields.end(), f) != in.published_fields.end()) fields.push_back(f);
    for (auto& f : in.published_fields)
        if (std::find(published_field_names().begin(), published_field_names().end(), f) == published_field_names().end())
            errs.push_back({"published_fields", {"未知公示字段：" + f, "unknown published field: " + f}});
    if (std::find(fields.begin(), fields.end(), "engineer_name") == fields.end() &&
        std::find(fields.begin(), fields.end(), "employee_no") == fields.end())
        errs.push_back({"published_fields", {"公示名单至少要显示姓名或工号", "the published list shows the name or the employee number"}});
    auto pattern = core::trim(in.certificate_pattern);
    if (auto why = core::check_number_pattern(pattern)) errs.push_back({"certificate_pattern", *why});
    if (in.notice_days < 1 || in.notice_days > 30)
        errs.push_back({"notice_days", {"公示期应为 1–30 个工作日", "the notice runs 1–30 working days"}});
    if (in.resit_rule && !core::is_resit_rule(*in.resit_rule))
        errs.push_back({"resit_rule", {"补考计分规则应为 latest、best 或 capped", "the resit rule is latest, best or capped"}});
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "cycle.invalid", {"批次设置有误", "The cycle settings are invalid"}, errs);
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = storage::cycles::get(tx, id);
    if (!c) return std::unexpected(cycle_not_found(id));
    if (c->status == "closed")
        return core::fail(core::errc::conflict, "cycle.closed", {"批次已结束，不能修改设置", "The cycle is closed; its settings cannot change"});
    if (!c->notice_ends_on.empty() && in.notice_days != c->notice_days)
        return core::fail(core::errc::conflict, "cycle.notice_started",
                          {"公示已开始，公示期不能再改", "The public notice has started; its length cannot change"});
    if (!storage::cycles::set_settings(tx, id, fields, pattern, in.notice_days, in.resit_rule.value_or(c->resit_rule), version))
        return core::fail(core::errc::precondition_failed, "cycle.stale",
                          {"该批次已被他人修改，请刷新后再操作", "Someone else changed this cycle; reload it and try again"});
    auto after = storage::cycles::get(tx, id);
    ctx.audit(tx, p.username, "cycle.settings", "cycle", std::to_string(id), boost::json::serialize(to_json(*c)),
          boost::json::serialize(to_json(*after)));
    tx.commit();
    return *after;
}

}  // namespace skillgrade::app
