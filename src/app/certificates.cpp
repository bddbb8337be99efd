// Certificates: issued at closing, listed, and those about to expire.
#include "app/certificates.hpp"

#include <set>
#include <boost/json.hpp>

#include "app/engineers.hpp"
#include "app/evaluation.hpp"
#include "app/schemes.hpp"
#include "core/certificate.hpp"
#include "core/text.hpp"
#include "storage/applications.hpp"
#include "storage/certificates.hpp"
#include "storage/cycles.hpp"
#include "storage/engineers.hpp"
#include "storage/scores.hpp"

namespace skillgrade::app {

int certify(context& ctx, storage::unit_of_work& tx, const storage::cycle_row& c, const principal& p) {
    auto scheme = cycle_scheme(tx, c);
    if (!scheme) return 0;
    bool recert = c.kind == "recertification";
    std::set<std::int64_t> approved;
    for (auto& v : with_votes(tx, c.id, storage::scores::results(tx, c.id)))
        if (v.row.passed && v.row.selected && v.decision == "approved") approved.insert(v.row.application_id);
    auto day = ctx.today();
    auto year = static_cast<int>(day.year());
    auto serial = storage::certificates::count_issued_in(tx, std::to_string(year));
    auto source = "cycle:" + std::to_string(c.id);
    int issued = 0;
    for (auto& a : storage::applications::list(tx, c.id)) {
        if (a.status == "withdrawn" || a.status == "submitted") continue;
        bool pass = approved.count(a.id) > 0;
        std::optional<storage::certificate_row> held;  // a re-certification's certificate under review
        if (recert)
            for (auto& x : storage::certificates::for_engineer(tx, a.engineer_id))
                if (x.status == "valid" && x.level_rank == a.target_rank && !held) held = x;
        if (!pass) {
            if (!recert) continue;
            // Not re-certified: the certificate lapses and the level goes down as the scheme says.
            if (held) storage::certificates::set_status(tx, held->id, "lapsed");
            int lowered = std::max(0, a.target_rank - scheme->recertification_lower_by);
            auto e = storage::engineers::get(tx, a.engineer_id);
            if (e && e->current_rank == a.target_rank && lowered != a.target_rank) {
                core::level_entry h{0, lowered, core::format_date(day), source, c.name + "（复审未通过）", ctx.now_iso(), p.username};
                storage::engineers::add_level(tx, a.engineer_id, h);
            }
            ctx.audit(tx, p.username, "certificate.lapse", "engineer", std::to_string(a.engineer_id), "{}",
                  boost::json::serialize(boost::json::object{{"number", held ? held->number : ""}, {"level", lowered}}));
            continue;
        }
        auto& lv = scheme->levels[static_cast<std::size_t>(a.target_rank - 1)];
        if (held) storage::certificates::set_status(tx, held->id, "renewed");
        else {
            core::level_entry h{0, a.target_rank, core::format_date(day), source, c.name, ctx.now_iso(), p.username};
            storage::engineers::add_level(tx, a.engineer_id, h);
            for (auto& x : storage::certificates::for_engineer(tx, a.engineer_id))  // a promotion supersedes lower levels
                if (x.status == "valid" && x.level_rank < a.target_rank) storage::certificates::set_status(tx, x.id, "superseded");
        }
        storage::certificate_row cert;
        cert.number = core::format_number(c.certificate_pattern, year, a.target_rank, ++serial);
        cert.engineer_id = a.engineer_id;
        cert.cycle_id = c.id;
        cert.scheme_id = c.scheme_id;
        cert.level_rank = a.target_rank;
        cert.issued_on = core::format_date(day);
        cert.expires_on = core::format_date(core::expiry(day, lv.validity_months));
        cert.status = "valid";
        storage::certificates::insert(tx, cert);
        ctx.audit(tx, p.username, "certificate.issue", "engineer", std::to_string(a.engineer_id), "{}",
              boost::json::serialize(boost::json::object{{"number", cert.number}, {"level", a.target_rank},
                                                         {"expires_on", cert.expires_on},
                                                         {"renews", held ? held->number : ""}}));
        ++issued;
    }
    engineers_changed(ctx);
    return issued;
}

result<std::vector<storage::certificates::expiring_row>> expiring_certificates(context& ctx, const principal& p, int days) {
    if (auto c = check(p, perm::engineers_export); !c) return std::unexpected(c.error());
    if (days < 0 || days > 3650)
        return core::fail(core::errc::invalid_input, "request.invalid", {"天数应在 0–3650 之间", "days must be 0–3650"},
                          {{"days", {"天数应在 0–3650 之间", "days must be 0–3650"}}});
    storage::engineer_filter f;
    scope(p, f);
    auto until = core::format_date(core::date{std::chrono::sys_days{ctx.today()} + std::chrono::days{days}});
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::vector<storage::certificates::expiring_row> out;
    for (auto& r : storage::certificates::expiring(tx, until))
        if (f.scope_path.empty() || r.org_path.starts_with(f.scope_path)) out.push_back(std::move(r));
    return out;
}

result<std::vector<storage::certificate_row>> list_certificates(context& ctx, const principal& p, std::int64_t engineer_id) {
    auto e = get_engineer(ctx, p, engineer_id);  // the same permission and scope as the profile
    if (!e) return std::unexpected(e.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::certificates::for_engineer(tx, engineer_id);
}

}  // namespace skillgrade::app
