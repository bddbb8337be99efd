// Cycle reports: pass rates by level, org unit and component, score distributions, and the results
// as a spreadsheet.
#include "app/reports.hpp"

#include <map>
#include <boost/json.hpp>

#include "app/evaluation.hpp"
#include "app/views.hpp"
#include "core/numbers.hpp"
#include "documents/tables.hpp"
#include "storage/applications.hpp"
#include "storage/cycles.hpp"
#include "storage/org_units.hpp"
#include "storage/results.hpp"
#include "storage/schemes.hpp"
#include "storage/scores.hpp"
#include "storage/votes.hpp"

namespace skillgrade::app {
namespace {

// The top unit below the root that holds `path` ("/1/4/9/" → 4), or the root itself.
std::int64_t region_of(const std::string& path) {
    std::vector<std::int64_t> ids;
    std::size_t i = 0;
    while ((i = path.find('/', i)) != std::string::npos && i + 1 < path.size()) {
        auto j = path.find('/', i + 1);
        ids.push_back(std::stoll(path.substr(i + 1, j - i - 1)));
        i = j;
    }
    return ids.size() > 1 ? ids[1] : ids.empty() ? 0 : ids[0];
}

void count(std::vector<pass_rate>& rates, const std::string& key, const core::text& label, bool passed) {
    auto it = std::find_if(rates.begin(), rates.end(), [&](auto& r) { return r.key == key; });
    if (it == rates.end()) it = rates.insert(rates.end(), pass_rate{key, label, 0, 0});
    ++it->candidates;
    if (passed) ++it->passed;
}

// What a report or an export needs besides the results, which are streamed past one at a time (so
// memory does not grow with the cycle): the cycle, its frozen scheme, the org units and the votes
// counted per application.
struct report_data {
    storage::cycle_row cycle;
    core::scheme scheme;
    std::vector<core::org_unit> units;
    std::map<std::int64_t, storage::vote_counts> votes;
    const core::level* level_of(const storage::result_row& r) const {
        return r.target_rank >= 1 && r.target_rank <= static_cast<int>(scheme.levels.size())
                   ? &scheme.levels[static_cast<std::size_t>(r.target_rank - 1)]
                   : nullptr;
    }
    storage::vote_counts votes_of(std::int64_t application_id) const {
        auto it = votes.find(application_id);
        return it == votes.end() ? storage::vote_counts{} : it->second;
    }
};

result<report_data> load_report(storage::unit_of_work& tx, const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::results_read); !c) return std::unexpected(c.error());
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return core::fail(core::errc::not_found, "cycle.not_found", {"评定批次不存在", "No such cycle"});
    auto version = storage::schemes::version(tx, c->scheme_id, c->scheme_version);
    auto scheme = core::parse_scheme(version->source, "cycle");
    if (!scheme) return std::unexpected(scheme.error());
    return report_data{*c, std::move(*scheme), storage::org_units::list(tx), storage::votes::counts(tx, cycle_id)};
}

}  // namespace

result<cycle_report> report(context& ctx, const principal& p, std::int64_t cycle_id) {
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto d = load_report(tx, p, cycle_id);
    if (!d) return std::unexpected(d.error());
    cycle_report r;
    auto n = storage::applications::counts(tx, cycle_id);
    r.applications = static_cast<int>(n.open);
    r.eligible = static_cast<int>(n.eligible);
    std::map<std::int64_t, const core::org_unit*> units;
    for (auto& u : d->units) units[u.id] = &u;
    histogram total{"total", {"综合成绩", "Weighted total"}, std::vector<int>(10, 0), 0};
    std::map<core::component_kind, histogram> per_component;
    auto bin = [](std::int64_t hundredths) { return static_cast<std::size_t>(std::clamp<std::int64_t>(hundredths / 1000, 0, 9)); };
    storage::scores::each_result(tx, cycle_id, [&](const storage::result_row& row) {
        auto* lv = d->level_of(row);
        if (!lv) return;
        ++r.evaluated;
        bool pass = row.passed && row.selected;
        if (pass) ++r.passed;
        if (pass && decision_of(d->votes_of(row.application_id)) == "approved") ++r.approved;
        count(r.by_level, std::to_string(row.target_rank), lv->label, pass);
        auto region = region_of(row.org_path);
        auto* u = units.count(region) ? units[region] : nullptr;
        count(r.by_org, u ? u->code : "", u ? core::text{u->name, u->name} : core::text{"（未知）", "(unknown)"}, pass);
        total.bins[bin(row.total)]++;
        for (auto& co : stored_evaluation(*lv, row, false).components) {
            std::string kind(core::to_string(co.kind));
            auto label = core::label(co.kind);
            count(r.by_component, kind, label, co.passed);
            auto& h = per_component.try_emplace(co.kind, histogram{kind, label, std::vector<int>(10, 0), 0}).first->second;
            if (co.score) h.bins[bin(*co.score)]++;
            else ++h.absent;
        }
    });
    std::sort(r.by_level.begin(), r.by_level.end(), [](auto& a, auto& b) { return std::stoi(a.key) < std::stoi(b.key); });
    std::sort(r.by_org.begin(), r.by_org.end(), [](auto& a, auto& b) { return a.key < b.key; });
    auto order = [](const std::string& kind) { auto k = core::component_from(kind); return k ? static_cast<int>(*k) : 99; };
    std::sort(r.by_component.begin(), r.by_component.end(), [&](auto& a, auto& b) { return order(a.key) < order(b.key); });
    r.distributions.push_back(std::move(total));
    for (auto& [k, h] : per_component) r.distributions.push_back(std::move(h));  // in component order
    return r;
}

result<std::string> export_results(context& ctx, const principal& p, std::int64_t cycle_id, job_control* control) {
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto d = load_report(tx, p, cycle_id);
    if (!d) return std::unexpected(d.error());
    std::int64_t total = control ? storage::results::reviewed_count(tx, cycle_id) : 0, done = 0;
    bool stopped = false;
    std::map<std::string, std::string> unit_names;
    for (auto& u : d->units) unit_names[u.path] = u.name;
    static const core::component_kind kinds[] = {core::component_kind::written, core::component_kind::practical,
                                                 core::component_kind::interview, core::component_kind::performance,
                                                 core::component_kind::review};
    std::vector<core::component_kind> shown;  // the components any open level assesses
    for (auto k : kinds)
        for (int rank : d->cycle.open_ranks)
            if (auto& cs = d->scheme.levels[static_cast<std::size_t>(rank - 1)].components;
                std::any_of(cs.begin(), cs.end(), [&](auto& c) { return c.kind == k; }) &&
                std::find(shown.begin(), shown.end(), k) == shown.end())
                shown.push_back(k);
    std::vector<std::string> header{"工号", "姓名", "组织单元", "申报等级"};
    for (auto k : shown) header.push_back(core::label(k).zh);
    for (auto h : {"综合成绩", "名次", "名额线内", "同意", "不同意", "暂缓", "结论", "未通过原因"}) header.push_back(h);
    auto decision_zh = [](const std::string& d) {
        return d == "approved" ? "通过" : d == "rejected" ? "不通过" : d == "deferred" ? "暂缓" : "待表决";
    };
    // The results stream from the database straight into the sheet, one row at a time, in application
    // order (no sort, so nothing grows with the cycle); the header goes first.
    auto line = [&](const storage::result_row& row, std::vector<std::string>& out) {
        auto* lv = d->level_of(row);
        if (!lv) return false;
        out = {row.employee_no, row.engineer_name, unit_names[row.org_path], lv->label.zh};
        auto outcome = stored_evaluation(*lv, row);
        for (auto k : shown) {
            auto& cs = outcome.components;
            auto it = std::find_if(cs.begin(), cs.end(), [&](auto& c) { return c.kind == k; });
            out.push_back(it == cs.end() ? "" : it->score ? core::format_hundredths(*it->score) : "缺考");
        }
        bool within = row.passed && row.selected;
        auto n = d->votes_of(row.application_id);
        out.push_back(core::format_hundredths(row.total));
        out.push_back(row.rank > 0 ? std::to_string(row.rank) : "");
        out.push_back(within ? "是" : "否");
        out.push_back(std::to_string(n.approve));
        out.push_back(std::to_string(n.reject));
        out.push_back(std::to_string(n.defer));
        out.push_back(!within ? "未通过综合评定" : decision_zh(decision_of(n)));
        std::string why;
        for (auto& x : outcome.reasons) why += (why.empty() ? "" : "；") + x.zh;
        out.push_back(why);
        return true;
    };
    auto sheet = documents::write_xlsx("评定结果", [&](const documents::row_sink& write_row) {
        write_row(header);
        std::vector<std::string> out;
        storage::scores::each_result(tx, cycle_id, [&](const storage::result_row& row) {
            if (stopped) return;
            if (control && ++done % 2000 == 0 && !control->step(done, total, "export")) stopped = true;
            if (line(row, out)) write_row(out);
        });
    });
    if (stopped || (control && !control->step(done, done, "export"))) return std::unexpected(job_stopped());
    return sheet;
}

result<storage::job_row> start_results_export(context& ctx, const principal& p, std::int64_t cycle_id) {
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        if (auto d = load_report(tx, p, cycle_id); !d) return std::unexpected(d.error());
    }
    // One sheet per person and cycle at a time: what it holds is the same for everyone who may read it,
    // but its file is its owner's.
    return start_job(ctx, p, "results_export", boost::json::serialize(boost::json::object{{"cycle_id", cycle_id}}),
                     "results_export:cycle:" + std::to_string(cycle_id) + ":user:" + std::to_string(p.user_id));
}

job_kind results_export_job() {
    return {"results_export", perm::results_read,
            [](context& ctx, const principal& owner, const std::string& params, job_control& control) -> result<std::string> {
                auto cycle_id = boost::json::parse(params).at("cycle_id").to_number<std::int64_t>();
                auto sheet = export_results(ctx, owner, cycle_id, &control);
                if (!sheet) return std::unexpected(sheet.error());
                auto name = "cycle-" + std::to_string(cycle_id) + "-results.xlsx";
                if (auto a = attach_file(ctx, control, name, documents::xlsx_type, *sheet); !a) return std::unexpected(a.error());
                return boost::json::serialize(boost::json::object{{"cycle_id", cycle_id}, {"bytes", sheet->size()}});
            }};
}

}  // namespace skillgrade::app
