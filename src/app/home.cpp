// The home page of each role: what is waiting, counted by the database.
#include "app/home.hpp"

#include "app/certificates.hpp"
#include "app/engineers.hpp"
#include "app/evaluation.hpp"
#include "app/schemes.hpp"
#include "core/cycle.hpp"
#include "storage/cycles.hpp"
#include "storage/engineers.hpp"
#include "storage/scores.hpp"
#include "storage/work.hpp"

namespace skillgrade::app {

namespace {
bool between(const std::string& status, core::cycle_status from, core::cycle_status to) {
    auto s = core::cycle_status_from(status);
    return s && *s >= from && *s <= to;
}
}  // namespace

result<home_view> home(context& ctx, const principal& p) {
    using core::cycle_status;
    home_view out;
    bool hr = p.has(core::role::admin) || p.has(core::role::hr);
    bool examiner = p.has(core::role::examiner), committee = p.has(core::role::committee);
    auto day = core::format_date(ctx.today());
    if (p.may(perm::cycles_read) && (hr || examiner || committee)) {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        for (auto& c : storage::cycles::list(tx)) {
            if (c.status == "closed") continue;
            bool scoring = between(c.status, cycle_status::written_exam, cycle_status::committee_review);
            bool voting = c.status == "committee_review";
            if (!hr && !(examiner && scoring) && !(committee && voting)) continue;
            cycle_work w;
            w.cycle = c;
            for (auto& ph : c.phases)
                if (ph.phase == c.status) w.phase = ph;
            w.overdue = w.phase && w.phase->ends_on < day;
            w.applications = storage::work::application_counts(tx, c.id);
            if (scoring && (hr || examiner))
                if (auto scheme = cycle_scheme(tx, c)) {
                    auto done = storage::work::scored(tx, c.id);
                    std::map<std::string, std::int64_t> left;
                    for (auto& [rank, n] : storage::work::eligible_by_rank(tx, c.id)) {
                        if (rank < 1 || rank > static_cast<int>(scheme->levels.size())) continue;
                        for (auto& comp : scheme->levels[static_cast<std::size_t>(rank - 1)].components) {
                            std::string kind(core::to_string(comp.kind));
                            auto d = done.find({rank, kind});
                            left[kind] += n - (d == done.end() ? 0 : d->second);
                        }
                    }
                    for (auto kind : {"written", "practical", "interview", "performance", "review"})
                        if (left.count(kind)) w.scores_left.push_back({kind, left[kind]});
                }
            if (hr) {
                w.open_appeals = storage::work::open_appeals(tx, c.id);
                if (between(c.status, cycle_status::committee_review, cycle_status::certification))
                    for (auto& v : with_votes(tx, c.id, storage::scores::results(tx, c.id)))
                        w.undecided += v.row.passed && v.row.selected && v.decision.empty();
            }
            if (committee && voting)
                w.awaiting_my_vote = storage::work::passed_selected(tx, c.id) - storage::work::voted_by(tx, c.id, p.username);
            out.cycles.push_back(std::move(w));
        }
    }
    if (p.may(perm::engineers_export) && (hr || p.has(core::role::manager))) {
        auto soon = expiring_certificates(ctx, p, 90);
        if (soon) out.expiring = static_cast<std::int64_t>(soon->size());
    }
    if (p.has(core::role::manager)) {
        std::map<int, std::int64_t> team;
        for (int rank = 0; rank <= 5; ++rank) {
            storage::engineer_filter f;
            f.rank = rank;
            f.status = "active";
            f.page_size = 1;
            auto page = list_engineers(ctx, p, f);
            if (page && page->total) team[rank] = page->total;
        }
        out.team = std::move(team);
    }
    return out;
}

}  // namespace skillgrade::app
