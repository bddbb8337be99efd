// The working-day calendar.
#include "app/calendar.hpp"

#include <boost/json.hpp>

#include "core/text.hpp"
#include "storage/calendar.hpp"

namespace skillgrade::app {

result<std::vector<storage::calendar_day>> list_calendar(context& ctx, const principal& p) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::calendar::list(tx);
}

result<storage::calendar_day> set_calendar_day(context& ctx, const principal& p, const storage::calendar_day& d) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    if (!core::parse_date(d.day)) errs.push_back({"day", {"日期无效，应为 YYYY-MM-DD", "invalid date; use YYYY-MM-DD"}});
    if (d.kind != "holiday" && d.kind != "workday" && d.kind != "none")
        errs.push_back({"kind", {"应为 holiday（放假）、workday（调休上班）或 none（删除）", "must be holiday, workday or none"}});
    if (d.kind != "none" && (core::trim(d.name).empty() || core::char_count(d.name) > 50))
        errs.push_back({"name", {"名称不能为空，最长 50 字符", "name must be 1–50 characters"}});
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "calendar.invalid", {"日历设置有误", "The calendar day is invalid"}, errs);
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    if (d.kind == "none") storage::calendar::remove(tx, d.day);
    else storage::calendar::put(tx, {d.day, d.kind, core::trim(d.name)});
    ctx.audit(tx, p.username, "calendar.set", "calendar", d.day, "{}",
          boost::json::serialize(boost::json::object{{"kind", d.kind}, {"name", d.name}}));
    tx.commit();
    return d;
}

}  // namespace skillgrade::app
