// The public notice (公示) and an engineer's own outcomes.
#include "app/notice.hpp"

#include <algorithm>
#include <map>
#include <boost/json.hpp>

#include "app/applications.hpp"
#include "app/engineers.hpp"
#include "app/evaluation.hpp"
#include "app/schemes.hpp"
#include "app/views.hpp"
#include "core/cycle.hpp"
#include "core/text.hpp"
#include "storage/appeals.hpp"
#include "storage/applications.hpp"
#include "storage/cycles.hpp"
#include "storage/org_units.hpp"
#include "storage/scores.hpp"

namespace skillgrade::app {
namespace {
bool published_phase(const std::string& status) {
    auto s = core::cycle_status_from(status);
    return s && static_cast<int>(*s) >= static_cast<int>(core::cycle_status::public_notice);
}
}  // namespace

result<published_list> published(context& ctx, const principal& p, std::int64_t cycle_id, storage::cycle_list_filter f) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    f.cycle_id = cycle_id;
    static const auto sortable = [](const std::string& k) { return k == "id" || k == "employee_no" || k == "name" || k == "target_rank" || k == "total" || k == "rank"; };
    if (auto e = check_list_query(f, true, +sortable)) return std::unexpected(*e);
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return core::fail(core::errc::not_found, "cycle.not_found", {"评定批次不存在", "No such cycle"});
    if (!published_phase(c->status))
        return core::fail(core::errc::conflict, "cycle.not_published", {"结果尚未公示", "The results are not published yet"});
    auto shown = [&](std::string_view field) {
        return std::find(c->published_fields.begin(), c->published_fields.end(), field) != c->published_fields.end();
    };
    std::vector<core::field_error> errs;
    auto hidden = [&](const char* param, bool asked, bool visible) {
        if (asked && !visible) errs.push_back({param, {"公示名单不含此项，不能据此查询", "the notice does not show this field"}});
    };
    auto key = f.sort.starts_with('-') ? f.sort.substr(1) : f.sort;
    hidden("q", !f.q.empty(), shown("engineer_name") || shown("employee_no"));
    hidden("org_unit", f.org_unit.has_value(), shown("org_unit"));
    hidden("target_rank", f.target_rank.has_value(), shown("target_rank"));
    hidden("outcome", !f.outcome.empty(), shown("outcome"));
    hidden("status", !f.status.empty(), false);
    static const std::map<std::string, std::string> sort_field{{"employee_no", "employee_no"}, {"name", "engineer_name"},
                                                               {"target_rank", "target_rank"}, {"total", "total"}, {"rank", "rank"}};
    if (auto it = sort_field.find(key); it != sort_field.end()) hidden("sort", true, shown(it->second));
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "request.invalid_query", {"查询参数无效", "Invalid query parameters"}, errs);
    // The name search covers only what is shown: both, or the one of the two the notice shows.
    f.q_name = shown("engineer_name");
    f.q_employee_no = shown("employee_no");
    if (!f.outcome.empty()) f.outcome = f.outcome == "passed" ? "approved" : "not_approved";
    auto page = storage::scores::results_page(tx, f);
    std::map<std::string, std::string> unit_names;
    if (shown("org_unit") && !page.items.empty())
        for (auto& u : storage::org_units::list(tx)) unit_names[u.path] = u.name;
    published_list out{c->published_fields, {}, page.total};
    for (auto& r : page.items) {
        auto v = with_votes(tx, r);
        out.rows.push_back({r.application_id, r.employee_no, r.engineer_name, unit_names[r.org_path], r.target_rank,
                            v.row.passed && v.row.selected && v.decision == "approved", v.row.total, v.row.rank});
    }
    return out;
}

result<std::vector<own_result>> own_results(context& ctx, const principal& p, std::int64_t engineer_id) {
    auto e = get_engineer(ctx, p, engineer_id);  // the same permission and scope as the profile
    if (!e) return std::unexpected(e.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
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

}  // namespace skillgrade::app
