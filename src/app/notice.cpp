// The public notice (公示) and an engineer's own outcomes.
#include "app/notice.hpp"

#include <map>
#include <boost/json.hpp>

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

result<published_list> published(context& ctx, const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::cycles_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
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
