// Evaluation cycles: planning with a phase timeline, status transitions, applications and the
// eligibility review.
#include <boost/json.hpp>
#include <set>

#include "app/service.hpp"
#include "app/views.hpp"
#include "core/cycle.hpp"

namespace skillgrade::app {
namespace {

core::error cycle_not_found(std::int64_t id) {
    return {core::errc::not_found, "cycle.not_found", {"评定批次不存在：" + std::to_string(id), "No such cycle: " + std::to_string(id)}, {}};
}

core::error application_not_found(std::int64_t id) {
    return {core::errc::not_found, "application.not_found", {"申报不存在：" + std::to_string(id), "No such application: " + std::to_string(id)}, {}};
}

std::string verdict_json(const core::eligibility_result& r) { return boost::json::serialize(to_json(r)); }

}  // namespace

result<storage::cycle_row> service::create_cycle(const principal& p, const cycle_input& in) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    auto add = [&](std::string f, std::string zh, std::string en) { errs.push_back({std::move(f), {std::move(zh), std::move(en)}}); };
    if (core::trim(in.name).empty() || in.name.size() > 200) add("name", "名称不能为空，最长 200 字符", "name must be 1–200 characters");
    if (in.kind != "promotion" && in.kind != "recertification")
        add("kind", "类型应为 promotion（晋级）或 recertification（复审）", "kind must be promotion or recertification");
    if (!core::parse_date(in.cutoff_date)) add("cutoff_date", "截止日期无效，应为 YYYY-MM-DD", "cut-off date is invalid; use YYYY-MM-DD");
    storage::unit_of_work tx(db_, storage::write::yes);
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
    c.created_at = now_iso();
    c.created_by = p.username;
    c.phases = in.phases;
    auto id = storage::cycles::insert(tx, c);
    storage::schemes::mark_in_use(tx, version->id);  // the cycle's version is frozen from now on
    auto saved = storage::cycles::get(tx, id);
    audit(tx, p.username, "cycle.create", "cycle", std::to_string(id), "{}", boost::json::serialize(to_json(*saved)));
    tx.commit();
    return *saved;
}

result<std::vector<storage::cycle_row>> service::list_cycles(const principal& p) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    return storage::cycles::list(tx);
}

result<storage::cycle_row> service::get_cycle(const principal& p, std::int64_t id) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    auto c = storage::cycles::get(tx, id);
    if (!c) return std::unexpected(cycle_not_found(id));
    return *c;
}

result<storage::cycle_row> service::transition_cycle(const principal& p, std::int64_t id, const std::string& to,
                                                     const std::string& reason, std::int64_t version) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    auto target = core::cycle_status_from(to);
    if (!target)
        return core::fail(core::errc::invalid_input, "cycle.invalid", {"未知阶段：" + to, "unknown phase: " + to},
                          {{"to", {"未知阶段", "unknown phase"}}});
    storage::unit_of_work tx(db_, storage::write::yes);
    auto c = storage::cycles::get(tx, id);
    if (!c) return std::unexpected(cycle_not_found(id));
    auto moved = core::transition(*core::cycle_status_from(c->status), *target, reason);
    if (!moved) return std::unexpected(moved.error());
    if (!storage::cycles::set_status(tx, id, to, version))
        return core::fail(core::errc::precondition_failed, "cycle.stale",
                          {"该批次已被他人修改，请刷新后再操作", "Someone else changed this cycle; reload it and try again"});
    int certified = *target == core::cycle_status::closed ? certify(tx, *c, p) : 0;
    if (*target == core::cycle_status::public_notice) {
        core::work_calendar cal;
        for (auto& d : storage::calendar::list(tx))
            if (auto day = core::parse_date(d.day)) (d.kind == "workday" ? cal.workdays : cal.holidays).insert(*day);
        storage::cycles::set_notice_end(tx, id, core::format_date(core::add_working_days(today(), c->notice_days, cal)));
    }
    auto after = storage::cycles::get(tx, id);
    audit(tx, p.username, "cycle.transition", "cycle", std::to_string(id),
          boost::json::serialize(boost::json::object{{"status", c->status}}),
          boost::json::serialize(boost::json::object{{"status", to}, {"reason", reason}, {"certified", certified}}));
    tx.commit();
    return *after;
}

result<storage::cycle_row> service::set_quota(const principal& p, std::int64_t cycle_id, int rank, const std::string& kind,
                                              int value) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    if (kind != "count" && kind != "percent" && kind != "none")
        errs.push_back({"kind", {"名额类型应为 count（人数）、percent（比例）或 none", "kind must be count, percent or none"}});
    if (kind == "percent" && (value < 0 || value > 100))
        errs.push_back({"value", {"比例应在 0–100% 之间", "a percentage must be 0–100"}});
    if (kind == "count" && (value < 0 || value > 1000000)) errs.push_back({"value", {"人数应 ≥ 0", "a count must be 0 or more"}});
    storage::unit_of_work tx(db_, storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(cycle_not_found(cycle_id));
    if (std::find(c->open_ranks.begin(), c->open_ranks.end(), rank) == c->open_ranks.end())
        errs.push_back({"rank", {"该等级不在本批次开放范围内", "this level is not open in the cycle"}});
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "quota.invalid", {"名额设置有误", "The quota is invalid"}, errs);
    if (c->status == "certification" || c->status == "closed")
        return core::fail(core::errc::conflict, "quota.late", {"认证阶段后不能再改名额", "Quotas cannot change once certification begins"});
    if (kind == "none") storage::cycles::remove_quota(tx, cycle_id, rank);
    else storage::cycles::set_quota(tx, cycle_id, {rank, kind, value});
    audit(tx, p.username, "cycle.quota", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"rank", rank}, {"kind", kind}, {"value", value}}));
    auto after = storage::cycles::get(tx, cycle_id);
    tx.commit();
    return *after;
}

result<storage::application_row> service::apply(const principal& p, std::int64_t cycle_id, std::int64_t engineer_id,
                                                int target_rank) {
    if (auto c = check(p, perm::apply); !c) return std::unexpected(c.error());
    auto e = get_engineer(p, engineer_id);  // the caller's scope: self, subtree, or everyone
    if (!e) return std::unexpected(e.error());
    if (!p.has(core::role::admin) && !p.has(core::role::hr) && !p.has(core::role::manager) && p.engineer_id != engineer_id)
        return core::fail(core::errc::forbidden, "application.not_own", {"只能为自己申报", "You can only apply for yourself"});
    storage::unit_of_work tx(db_, storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(cycle_not_found(cycle_id));
    if (c->status != "application")
        return core::fail(core::errc::conflict, "application.closed",
                          {"当前不在申报阶段", "Applications are only taken during the application phase"});
    std::vector<core::field_error> errs;
    if (std::find(c->open_ranks.begin(), c->open_ranks.end(), target_rank) == c->open_ranks.end())
        errs.push_back({"target_rank", {"该等级不在本批次开放范围内", "this level is not open in the cycle"}});
    else if (c->kind == "promotion" && target_rank != e->current_rank + 1)
        errs.push_back({"target_rank", {"只能申报高一级（当前等级之上一级）", "you can apply for the next level up only"}});
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "application.invalid", {"申报信息有误", "The application is invalid"}, errs);
    if (auto open = storage::applications::open_for(tx, cycle_id, engineer_id)) {
        tx.commit();
        return *open;  // a double submit creates one application
    }
    storage::application_row a;
    a.cycle_id = cycle_id;
    a.engineer_id = engineer_id;
    a.target_rank = target_rank;
    a.status = "submitted";
    a.nominated_by = p.engineer_id == engineer_id ? "" : p.username;
    a.applied_at = now_iso();
    auto id = storage::applications::insert(tx, a);
    auto saved = storage::applications::get(tx, id);
    audit(tx, p.username, "application.create", "application", std::to_string(id), "{}",
          boost::json::serialize(to_json(*saved)));
    tx.commit();
    return *saved;
}

result<storage::application_row> service::withdraw(const principal& p, std::int64_t application_id) {
    if (auto c = check(p, perm::apply); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::yes);
    auto a = storage::applications::get(tx, application_id);
    if (!a) return std::unexpected(application_not_found(application_id));
    bool staff = p.has(core::role::admin) || p.has(core::role::hr);
    if (!staff && p.engineer_id != a->engineer_id)
        return core::fail(core::errc::forbidden, "application.not_own", {"只能撤回自己的申报", "You can only withdraw your own application"});
    if (a->status != "submitted")
        return core::fail(core::errc::conflict, "application.reviewed",
                          {"已审核的申报不能撤回", "An application can be withdrawn only before its review"});
    storage::applications::set_status(tx, application_id, "withdrawn");
    auto after = storage::applications::get(tx, application_id);
    audit(tx, p.username, "application.withdraw", "application", std::to_string(application_id),
          boost::json::serialize(to_json(*a)), boost::json::serialize(to_json(*after)));
    tx.commit();
    return *after;
}

result<std::vector<storage::application_row>> service::list_applications(const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::engineer_filter scope_of;
    scope(p, scope_of);
    storage::unit_of_work tx(db_, storage::write::no);
    if (!storage::cycles::get(tx, cycle_id)) return std::unexpected(cycle_not_found(cycle_id));
    std::vector<storage::application_row> out;
    for (auto& a : storage::applications::list(tx, cycle_id))
        if ((scope_of.scope_path.empty() || a.org_path.starts_with(scope_of.scope_path)) &&
            (!scope_of.scope_engineer || *scope_of.scope_engineer == a.engineer_id))
            out.push_back(std::move(a));
    return out;
}

result<int> service::review_eligibility(const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(cycle_not_found(cycle_id));
    if (c->status != "eligibility_review")
        return core::fail(core::errc::conflict, "cycle.phase",
                          {"只能在基本条件审核阶段审核", "Eligibility is reviewed during the eligibility-review phase"});
    auto version = storage::schemes::version(tx, c->scheme_id, c->scheme_version);
    auto scheme = core::parse_scheme(version->source, "cycle");
    if (!scheme) return std::unexpected(scheme.error());
    auto cutoff = *core::parse_date(c->cutoff_date);
    int reviewed = 0;
    for (auto& a : storage::applications::list(tx, cycle_id)) {
        if (a.status == "withdrawn" || !a.override_reason.empty()) continue;  // overrides stand
        auto e = storage::engineers::get(tx, a.engineer_id);
        if (!e || a.target_rank < 1 || a.target_rank > static_cast<int>(scheme->levels.size())) continue;
        auto facts = facts_of(*e, storage::training::for_engineer(tx, a.engineer_id), cutoff);
        auto r = core::evaluate_eligibility(*scheme, scheme->levels[a.target_rank - 1], facts, cutoff);
        storage::applications::set_verdict(tx, a.id, r.eligible ? "eligible" : "ineligible", verdict_json(r), "");
        ++reviewed;
    }
    audit(tx, p.username, "cycle.review_eligibility", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"reviewed", reviewed}, {"cutoff", c->cutoff_date}}));
    tx.commit();
    return reviewed;
}

result<storage::application_row> service::override_verdict(const principal& p, std::int64_t application_id, bool eligible,
                                                           const std::string& reason) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    if (core::trim(reason).empty())
        return core::fail(core::errc::invalid_input, "application.reason_required",
                          {"改判必须填写书面理由", "An override needs a written reason"}, {{"reason", {"必填", "required"}}});
    storage::unit_of_work tx(db_, storage::write::yes);
    auto a = storage::applications::get(tx, application_id);
    if (!a) return std::unexpected(application_not_found(application_id));
    auto c = storage::cycles::get(tx, a->cycle_id);
    if (c->status != "eligibility_review")
        return core::fail(core::errc::conflict, "cycle.phase",
                          {"只能在基本条件审核阶段改判", "Verdicts are overridden during the eligibility-review phase"});
    if (a->status == "withdrawn" || a->status == "submitted")
        return core::fail(core::errc::conflict, "application.not_reviewed",
                          {"该申报尚未审核或已撤回", "The application has not been reviewed or was withdrawn"});
    storage::applications::set_verdict(tx, application_id, eligible ? "eligible" : "ineligible", a->verdict_json,
                                       core::trim(reason));
    auto after = storage::applications::get(tx, application_id);
    audit(tx, p.username, "application.override", "application", std::to_string(application_id),
          boost::json::serialize(to_json(*a)), boost::json::serialize(to_json(*after)));
    tx.commit();
    return *after;
}

}  // namespace skillgrade::app
