// Applications: applying, nominating in bulk, withdrawing, the eligibility review and its overrides.
#include "app/applications.hpp"

#include <boost/json.hpp>
#include <set>

#include "app/cycles.hpp"
#include "app/engineers.hpp"
#include "app/org.hpp"
#include "app/schemes.hpp"
#include "app/views.hpp"
#include "core/text.hpp"
#include "storage/applications.hpp"
#include "storage/certificates.hpp"
#include "storage/cycles.hpp"
#include "storage/engineers.hpp"
#include "storage/evaluation.hpp"
#include "storage/schemes.hpp"

namespace skillgrade::app {
namespace {

core::error application_not_found(std::int64_t id) {
    return {core::errc::not_found, "application.not_found", {"申报不存在：" + std::to_string(id), "No such application: " + std::to_string(id)}, {}};
}

std::string verdict_json(const core::eligibility_result& r) { return boost::json::serialize(to_json(r)); }

// A verdict as it is stored by the review: only the measured value of each condition, one list per
// path ({"v":[[30,24,1,1],[72,3]]}); the words are worked out again when the verdict is shown.
std::string compact_verdict(const core::eligibility_result& r) {
    boost::json::array paths;
    for (auto& v : core::measured_values(r)) paths.push_back(boost::json::array(v.begin(), v.end()));
    return boost::json::serialize(boost::json::object{{"v", std::move(paths)}});
}

std::optional<std::vector<std::vector<int>>> compact_values(const std::string& stored) {
    if (stored.size() < 5 || stored.compare(0, 5, "{\"v\":") != 0) return std::nullopt;
    boost::system::error_code ec;
    auto j = boost::json::parse(stored, ec);
    auto* paths = ec || !j.is_object() ? nullptr : j.as_object().if_contains("v");
    if (!paths || !paths->is_array()) return std::nullopt;
    std::vector<std::vector<int>> out;
    for (auto& p : paths->as_array()) {
        if (!p.is_array()) return std::nullopt;
        auto& v = out.emplace_back();
        for (auto& x : p.as_array()) {
            if (!x.is_int64()) return std::nullopt;
            v.push_back(static_cast<int>(x.as_int64()));
        }
    }
    return out;
}

// The level an engineer targets in a cycle: the next one up in a promotion, their own in a re-certification.
int natural_target(const storage::cycle_row& c, const core::engineer& e) {
    return c.kind == "recertification" ? e.current_rank : e.current_rank + 1;
}

// Why `e` cannot apply for `target` in cycle `c`, or nullopt.
std::optional<core::text> target_problem(storage::unit_of_work& tx, const storage::cycle_row& c, const core::engineer& e, int target) {
    if (std::find(c.open_ranks.begin(), c.open_ranks.end(), target) == c.open_ranks.end())
        return core::text{"该等级不在本批次开放范围内", "this level is not open in the cycle"};
    if (target != natural_target(c, e))
        return c.kind == "recertification"
                   ? core::text{"复审只针对当前等级", "a re-certification is for the current level"}
                   : core::text{"只能申报高一级（当前等级之上一级）", "you can apply for the next level up only"};
    if (c.kind == "recertification") {
        auto certs = storage::certificates::for_engineer(tx, e.id);
        if (std::none_of(certs.begin(), certs.end(), [&](auto& x) { return x.status == "valid" && x.level_rank == target; }))
            return core::text{"复审只针对持有该等级有效证书的人员", "a re-certification is for holders of a valid certificate at the level"};
    }
    return std::nullopt;
}

// A re-certification's basic condition: the applicant still holds a valid certificate at the level.
core::eligibility_result holder_verdict(storage::unit_of_work& tx, const storage::application_row& a) {
    core::condition_result cond{"certificate", false, {}, {}};
    for (auto& x : storage::certificates::for_engineer(tx, a.engineer_id))
        if (x.status == "valid" && x.level_rank == a.target_rank && !cond.met) {
            cond.met = true;
            cond.explanation = {"持有本级有效证书 " + x.number + "（有效期至 " + x.expires_on + "）",
                                "holds the valid certificate " + x.number + " at the level (until " + x.expires_on + ")"};
        }
    if (!cond.met) {
        cond.explanation = {"未持有本级有效证书", "holds no valid certificate at the level"};
        cond.gap = {"复审只针对持有本级有效证书的人员", "re-certification is for holders of a valid certificate at the level"};
    }
    core::eligibility_result r;
    r.eligible = cond.met;
    r.met_path = cond.met ? 0 : -1;
    r.summary = cond.met ? core::text{"满足复审条件：" + cond.explanation.zh, "meets the re-certification condition: " + cond.explanation.en}
                         : core::text{"不满足复审条件：" + cond.explanation.zh, "does not meet the re-certification condition: " + cond.explanation.en};
    r.paths.push_back({cond.met, {cond}});
    return r;
}

}  // namespace

void explain_verdicts(storage::unit_of_work& tx, const storage::cycle_row& c, std::vector<storage::application_row>& rows) {
    std::optional<core::result<core::scheme>> scheme;
    for (auto& a : rows) {
        auto values = compact_values(a.verdict_json);
        if (!values) continue;  // none yet, or stored whole (a re-certification, an earlier version)
        if (!scheme) scheme = cycle_scheme(tx, c);
        std::optional<core::eligibility_result> r;
        if (*scheme && a.target_rank >= 1 && a.target_rank <= static_cast<int>((*scheme)->levels.size()))
            r = core::explain_eligibility(**scheme, (*scheme)->levels[static_cast<std::size_t>(a.target_rank - 1)], *values);
        a.verdict_json = r ? verdict_json(*r) : "";
    }
}

result<nomination_report> nominate(context& ctx, const principal& p, std::int64_t cycle_id, const nomination_filter& in,
                                                     bool dry_run) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    if (in.min_years < 0 || in.min_years > 60) errs.push_back({"min_years", {"工作年限应在 0–60 之间", "years must be 0–60"}});
    if (in.rank && (*in.rank < 0 || *in.rank > 9)) errs.push_back({"rank", {"等级无效", "invalid level"}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(cycle_not_found(cycle_id));
    storage::engineer_filter f;
    scope(p, f);
    f.status = "active";
    f.rank = in.rank;
    if (!core::trim(in.org_unit).empty()) {
        if (auto u = unit_by_code(tx, core::trim(in.org_unit))) f.org_unit = u->id;
        else errs.push_back({"org_unit", {"组织单元不存在：" + in.org_unit, "no such org unit: " + in.org_unit}});
    }
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "nomination.invalid", {"提名条件有误", "The nomination filter is invalid"}, errs);
    if (c->status != "application")
        return core::fail(core::errc::conflict, "application.closed",
                          {"当前不在申报阶段", "Applications are only taken during the application phase"});
    auto cutoff = *core::parse_date(c->cutoff_date);
    std::vector<core::engineer> matched;
    storage::engineers::scan(tx, f, [&](const core::engineer& e) {
        auto start = core::parse_date(e.career_start.empty() ? e.hire_date : e.career_start);
        if (in.min_years > 0 && (!start || core::months_between(*start, cutoff) < in.min_years * 12)) return;
        matched.push_back(e);
    });
    nomination_report r;
    r.dry_run = dry_run;
    r.matched = static_cast<int>(matched.size());
    boost::json::array created;
    auto at = ctx.now_iso();
    for (auto& e : matched) {
        if (storage::applications::open_for(tx, cycle_id, e.id)) {
            ++r.already;
            continue;
        }
        int target = natural_target(*c, e);
        if (target_problem(tx, *c, e, target)) {
            ++r.skipped;
            continue;
        }
        ++r.created;
        if (dry_run) continue;
        storage::application_row a;
        a.cycle_id = cycle_id;
        a.engineer_id = e.id;
        a.target_rank = target;
        a.status = "submitted";
        a.nominated_by = p.username;
        a.applied_at = at;
        storage::applications::insert(tx, a);
        created.push_back(boost::json::value(e.employee_no));
    }
    if (dry_run || r.created == 0) return r;
    ctx.audit(tx, p.username, "application.nominate", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"org_unit", core::trim(in.org_unit)},
                                                     {"rank", in.rank ? boost::json::value(*in.rank) : boost::json::value(nullptr)},
                                                     {"min_years", in.min_years}, {"created", created}}));
    tx.commit();
    return r;
}

result<storage::application_row> apply(context& ctx, const principal& p, std::int64_t cycle_id, std::int64_t engineer_id,
                                                int target_rank) {
    if (auto c = check(p, perm::apply); !c) return std::unexpected(c.error());
    auto e = get_engineer(ctx, p, engineer_id);  // the caller's scope: self, subtree, or everyone
    if (!e) return std::unexpected(e.error());
    if (!p.has(core::role::admin) && !p.has(core::role::hr) && !p.has(core::role::manager) && p.engineer_id != engineer_id)
        return core::fail(core::errc::forbidden, "application.not_own", {"只能为自己申报", "You can only apply for yourself"});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(cycle_not_found(cycle_id));
    if (c->status != "application")
        return core::fail(core::errc::conflict, "application.closed",
                          {"当前不在申报阶段", "Applications are only taken during the application phase"});
    if (auto why = target_problem(tx, *c, *e, target_rank))
        return core::fail(core::errc::invalid_input, "application.invalid", {"申报信息有误", "The application is invalid"},
                          {{"target_rank", *why}});
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
    a.applied_at = ctx.now_iso();
    auto id = storage::applications::insert(tx, a);
    auto saved = storage::applications::get(tx, id);
    ctx.audit(tx, p.username, "application.create", "application", std::to_string(id), "{}",
          boost::json::serialize(to_json(*saved)));
    tx.commit();
    return *saved;
}

result<storage::application_row> withdraw(context& ctx, const principal& p, std::int64_t application_id) {
    if (auto c = check(p, perm::apply); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
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
    ctx.audit(tx, p.username, "application.withdraw", "application", std::to_string(application_id),
          boost::json::serialize(to_json(*a)), boost::json::serialize(to_json(*after)));
    tx.commit();
    return *after;
}

std::optional<core::error> check_list_query(const storage::cycle_list_filter& f, bool with_outcome,
                                            bool (*sortable)(const std::string&)) {
    std::vector<core::field_error> errs;
    if (f.page < 1) errs.push_back({"page", {"页码应 ≥ 1", "page must be ≥ 1"}});
    if (f.page_size < 1 || f.page_size > 200) errs.push_back({"page_size", {"每页条数应为 1–200", "page_size must be 1–200"}});
    if (!f.sort.empty() && !sortable(f.sort.starts_with('-') ? f.sort.substr(1) : f.sort))
        errs.push_back({"sort", {"不支持的排序字段：" + f.sort, "unsupported sort: " + f.sort}});
    static const std::set<std::string> statuses{"submitted", "withdrawn", "eligible", "ineligible"};
    if (!f.status.empty() && !statuses.count(f.status))
        errs.push_back({"status", {"状态应为 submitted、withdrawn、eligible 或 ineligible", "status must be submitted, withdrawn, eligible or ineligible"}});
    if (!f.outcome.empty() && !with_outcome)
        errs.push_back({"outcome", {"此列表不按结果筛选", "this list has no outcome to filter by"}});
    else if (!f.outcome.empty() && f.outcome != "passed" && f.outcome != "failed")
        errs.push_back({"outcome", {"结果应为 passed 或 failed", "outcome must be passed or failed"}});
    if (f.target_rank && (*f.target_rank < 1 || *f.target_rank > 20))
        errs.push_back({"target_rank", {"等级应为 1–20", "target_rank must be 1–20"}});
    if (auto why = core::text_problem(f.q, 100)) errs.push_back({"q", *why});
    if (errs.empty()) return std::nullopt;
    return core::error{core::errc::invalid_input, "request.invalid_query", {"查询参数无效", "Invalid query parameters"}, errs};
}

void scope(const principal& p, storage::cycle_list_filter& f) {
    storage::engineer_filter of;
    scope(p, of);
    f.scope_path = of.scope_path;
    f.scope_engineer = of.scope_engineer;
}

result<storage::list_page<storage::application_row>> list_applications(context& ctx, const principal& p, std::int64_t cycle_id,
                                                                      storage::cycle_list_filter f) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    f.cycle_id = cycle_id;
    if (auto e = check_list_query(f, false, storage::application_sort)) return std::unexpected(*e);
    scope(p, f);
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(cycle_not_found(cycle_id));
    // An engineer's page reads their own applications only (by engineer), never the whole cycle.
    auto page = storage::applications::page(tx, f);
    explain_verdicts(tx, *c, page.items);
    return page;
}

namespace {
// The cycle, when it is in its eligibility-review phase.
result<storage::cycle_row> in_review(storage::unit_of_work& tx, std::int64_t cycle_id) {
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(cycle_not_found(cycle_id));
    if (c->status != "eligibility_review")
        return core::fail(core::errc::conflict, "cycle.phase",
                          {"只能在基本条件审核阶段审核", "Eligibility is reviewed during the eligibility-review phase"});
    return *c;
}
}  // namespace

result<int> review_eligibility(context& ctx, const principal& p, std::int64_t cycle_id, job_control* control) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = in_review(tx, cycle_id);
    if (!c) return std::unexpected(c.error());
    auto version = storage::schemes::version(tx, c->scheme_id, c->scheme_version);
    auto scheme = core::parse_scheme(version->source, "cycle");
    if (!scheme) return std::unexpected(scheme.error());
    auto cutoff = *core::parse_date(c->cutoff_date);
    int reviewed = 0;
    std::int64_t seen = 0, total = control ? storage::applications::counts(tx, cycle_id).open : 0;
    // The count is known: the bar shows it from the start (a stop asked already ends the review here).
    if (control && !control->step(0, total, "review")) return std::unexpected(job_stopped());
    auto stop = [&] { return control && ++seen % 2000 == 0 && !control->step(seen, total, "review"); };
    auto in_scheme = [&](int rank) { return rank >= 1 && rank <= static_cast<int>(scheme->levels.size()); };
    if (c->kind == "recertification") {
        for (auto& a : storage::applications::list(tx, cycle_id)) {
            if (a.status != "withdrawn" && stop()) return std::unexpected(job_stopped());
            if (a.status == "withdrawn" || !a.override_reason.empty() || !in_scheme(a.target_rank)) continue;  // overrides stand
            auto r = holder_verdict(tx, a);
            storage::applications::set_verdict(tx, a.id, r.eligible ? "eligible" : "ineligible", verdict_json(r), "");
            ++reviewed;
        }
    } else {
        // Every open application with its engineer and training, streamed in engineer order (a cycle of
        // any size is reviewed in constant memory); each verdict is written through one prepared
        // statement. Writing a verdict changes no key of the index the applications are read by.
        constexpr std::int64_t kAll = std::numeric_limits<std::int64_t>::max();
        storage::evaluation_cursor apps(tx, cycle_id, 0, kAll, storage::applications_read::open);
        applicant_facts facts(tx, cycle_id, 0, kAll, storage::applications_read::open, cutoff);
        storage::verdict_writer out(tx);
        storage::evaluation_row a;
        while (apps.next(a)) {
            auto own = facts(a);  // in step with the stream, whether or not this one is reviewed
            if (stop()) return std::unexpected(job_stopped());
            if (!a.override_reason.empty() || !in_scheme(a.target_rank)) continue;  // overrides stand
            auto r = core::evaluate_eligibility(*scheme, scheme->levels[static_cast<std::size_t>(a.target_rank - 1)], own, cutoff,
                                                false);
            out.set(a.application_id, r.eligible ? "eligible" : "ineligible", compact_verdict(r));
            ++reviewed;
        }
    }
    ctx.audit(tx, p.username, "cycle.review_eligibility", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"reviewed", reviewed}, {"cutoff", c->cutoff_date}}));
    if (control && !control->step(total, total, "review")) return std::unexpected(job_stopped());
    tx.commit();
    return reviewed;
}

result<storage::job_row> start_review(context& ctx, const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        if (auto c = in_review(tx, cycle_id); !c) return std::unexpected(c.error());
    }
    auto id = std::to_string(cycle_id);
    return start_job(ctx, p, "eligibility_review", boost::json::serialize(boost::json::object{{"cycle_id", cycle_id}}),
                     "eligibility_review:cycle:" + id);
}

job_kind review_job() {
    return {"eligibility_review", perm::cycles_write,
            [](context& ctx, const principal& owner, const std::string& params, job_control& control) -> result<std::string> {
                auto cycle_id = boost::json::parse(params).at("cycle_id").to_number<std::int64_t>();
                auto n = review_eligibility(ctx, owner, cycle_id, &control);
                if (!n) return std::unexpected(n.error());
                return boost::json::serialize(boost::json::object{{"cycle_id", cycle_id}, {"reviewed", *n}});
            }};
}

result<storage::application_row> override_verdict(context& ctx, const principal& p, std::int64_t application_id, bool eligible,
                                                           const std::string& reason) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    if (core::trim(reason).empty())
        return core::fail(core::errc::invalid_input, "application.reason_required",
                          {"改判必须填写书面理由", "An override needs a written reason"}, {{"reason", {"必填", "required"}}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
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
    std::vector<storage::application_row> shown{*a, *storage::applications::get(tx, application_id)};
    explain_verdicts(tx, *c, shown);
    a = shown[0];
    auto after = std::optional(shown[1]);
    ctx.audit(tx, p.username, "application.override", "application", std::to_string(application_id),
          boost::json::serialize(to_json(*a)), boost::json::serialize(to_json(*after)));
    tx.commit();
    return *after;
}

}  // namespace skillgrade::app
