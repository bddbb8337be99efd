// Appeals against a published result and their resolution.
#include "app/appeals.hpp"

#include <boost/json.hpp>

#include "app/evaluation.hpp"
#include "app/notice.hpp"
#include "app/scores.hpp"
#include "core/text.hpp"
#include "storage/appeals.hpp"
#include "storage/applications.hpp"
#include "storage/cycles.hpp"

namespace skillgrade::app {

result<storage::appeal_row> appeal(context& ctx, const principal& p, std::int64_t application_id, const std::string& reason) {
    if (auto c = check(p, perm::apply); !c) return std::unexpected(c.error());
    if (core::trim(reason).empty())
        return core::fail(core::errc::invalid_input, "appeal.invalid", {"请写明申诉理由", "Give the reason for the appeal"},
                          {{"reason", {"必填", "required"}}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto a = storage::applications::get(tx, application_id);
    if (!a) return core::fail(core::errc::not_found, "application.not_found", {"申报不存在", "No such application"});
    if (p.engineer_id != a->engineer_id)
        return core::fail(core::errc::forbidden, "appeal.not_own", {"只能对本人的结果申诉", "You can only appeal your own result"});
    auto c = storage::cycles::get(tx, a->cycle_id);
    if (c->status != "public_notice" || core::format_date(ctx.today()) > c->notice_ends_on)
        return core::fail(core::errc::conflict, "appeal.closed", {"只能在公示期内申诉", "Appeals are taken during the public notice only"});
    for (auto& x : storage::appeals::for_cycle(tx, a->cycle_id))
        if (x.application_id == application_id && x.status == "open")
            return core::fail(core::errc::conflict, "appeal.open", {"已有待处理的申诉", "An appeal is already open"});
    storage::appeal_row row{0, application_id, core::trim(reason), "open", "", ctx.now_iso(), p.username, "", ""};
    row.id = storage::appeals::insert(tx, row);
    ctx.audit(tx, p.username, "appeal.create", "application", std::to_string(application_id), "{}",
          boost::json::serialize(boost::json::object{{"appeal", row.id}, {"reason", row.reason}}));
    auto saved = storage::appeals::get(tx, row.id);
    tx.commit();
    return *saved;
}

result<std::vector<storage::appeal_row>> list_appeals(context& ctx, const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::appeals::for_cycle(tx, cycle_id);
}

result<storage::appeal_row> resolve_appeal(context& ctx, const principal& p, std::int64_t appeal_id, const appeal_resolution& r) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    if (r.decision != "uphold" && r.decision != "amend")
        errs.push_back({"decision", {"应为 uphold（维持）或 amend（更正）", "must be uphold or amend"}});
    if (core::trim(r.note).empty()) errs.push_back({"note", {"请写明处理意见", "a note is required"}});
    if (r.decision == "amend" && (r.component.empty() || !r.score))
        errs.push_back({"score", {"更正需给出考核项与新成绩", "an amendment names the component and the new score"}});
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "appeal.invalid", {"申诉处理有误", "The resolution is invalid"}, errs);
    // The amendment, the re-evaluation and the appeal's resolution are one unit of work: all or nothing.
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto a = storage::appeals::get(tx, appeal_id);
    if (!a) return core::fail(core::errc::not_found, "appeal.not_found", {"申诉不存在", "No such appeal"});
    auto cycle_id = storage::applications::get(tx, a->application_id)->cycle_id;
    if (a->status != "open") return core::fail(core::errc::conflict, "appeal.resolved", {"该申诉已处理", "The appeal was already resolved"});
    if (r.decision == "amend") {
        auto s = set_score_in(ctx, tx, p, a->application_id, {r.component, r.score, false, "申诉更正 appeal: " + r.note, "appeal"});
        if (!s) return std::unexpected(s.error());
        auto e = evaluate_in(ctx, tx, p, cycle_id, false, false);  // the amended score is not committed yet
        if (!e) return std::unexpected(e.error());
    }
    storage::appeals::resolve(tx, appeal_id, r.decision == "amend" ? "amended" : "upheld", core::trim(r.note), p.username, ctx.now_iso());
    auto after = storage::appeals::get(tx, appeal_id);
    ctx.audit(tx, p.username, "appeal.resolve", "application", std::to_string(a->application_id), "{}",
          boost::json::serialize(boost::json::object{{"appeal", appeal_id}, {"decision", r.decision}, {"note", r.note}}));
    tx.commit();
    return *after;
}

}  // namespace skillgrade::app
