// Cycle reports: pass rates by level, org unit and component, score distributions, and the results
// as a spreadsheet.
#include <boost/json.hpp>
#include <map>

#include "app/service.hpp"
#include "app/views.hpp"
#include "core/numbers.hpp"
#include "documents/tables.hpp"

namespace skillgrade::app {
namespace {

// One evaluated application with what the report and the export need.
struct line {
    result_view view;
    storage::application_row application;
    std::map<std::string, std::optional<double>> scores;  // component kind → score (nullopt: absent)
    std::map<std::string, bool> gates;                      // component kind → passed its gate
    bool within_quota() const { return view.row.passed && view.row.selected; }
};

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

}  // namespace

struct service::report_data {
    storage::cycle_row cycle;
    core::scheme scheme;
    std::vector<storage::application_row> applications;
    std::vector<line> lines;
    std::vector<core::org_unit> units;
};

result<service::report_data> service::load_report(const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::results_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return core::fail(core::errc::not_found, "cycle.not_found", {"评定批次不存在", "No such cycle"});
    auto version = storage::schemes::version(tx, c->scheme_id, c->scheme_version);
    auto scheme = core::parse_scheme(version->source, "cycle");
    if (!scheme) return std::unexpected(scheme.error());
    report_data d{*c, std::move(*scheme), storage::applications::list(tx, cycle_id), {}, storage::org_units::list(tx)};
    std::map<std::int64_t, const storage::application_row*> apps;
    for (auto& a : d.applications) apps[a.id] = &a;
    for (auto& v : with_votes(tx, cycle_id, explained_results(tx, cycle_id))) {
        auto& application = *apps[v.row.application_id];
        line l{std::move(v), application, {}, {}};
        boost::system::error_code ec;
        auto outcome = boost::json::parse(l.view.row.outcome_json, ec);
        if (!ec && outcome.is_object())
            if (auto* comps = outcome.as_object().if_contains("components"); comps && comps->is_array())
                for (auto& co : comps->as_array()) {
                    auto& o = co.as_object();
                    std::string kind(o.at("kind").as_string());
                    auto& s = o.at("score");
                    l.scores[kind] = s.is_null() ? std::nullopt : std::optional<double>(s.to_number<double>());
                    l.gates[kind] = o.at("passed").as_bool();
                }
        d.lines.push_back(std::move(l));
    }
    return d;
}

result<cycle_report> service::report(const principal& p, std::int64_t cycle_id) {
    auto d = load_report(p, cycle_id);
    if (!d) return std::unexpected(d.error());
    cycle_report r;
    for (auto& a : d->applications) {
        if (a.status == "withdrawn") continue;
        ++r.applications;
        if (a.status == "eligible") ++r.eligible;
    }
    std::map<std::int64_t, const core::org_unit*> units;
    for (auto& u : d->units) units[u.id] = &u;
    histogram total{"total", {"综合成绩", "Weighted total"}, std::vector<int>(10, 0), 0};
    std::map<std::string, histogram> per_component;
    auto bin = [](double score) { return std::clamp(static_cast<int>(score / 10.0), 0, 9); };
    for (auto& l : d->lines) {
        ++r.evaluated;
        bool pass = l.within_quota();
        if (pass) ++r.passed;
        if (pass && l.view.decision == "approved") ++r.approved;
        auto rank = l.application.target_rank;
        auto& lv = d->scheme.levels[static_cast<std::size_t>(rank - 1)];
        count(r.by_level, std::to_string(rank), lv.label, pass);
        auto region = region_of(l.application.org_path);
        auto* u = units.count(region) ? units[region] : nullptr;
        count(r.by_org, u ? u->code : "", u ? core::text{u->name, u->name} : core::text{"（未知）", "(unknown)"}, pass);
        total.bins[static_cast<std::size_t>(bin(static_cast<double>(l.view.row.total) / 100.0))]++;
        for (auto& [kind, score] : l.scores) {
            auto k = core::component_from(kind);
            auto label = k ? core::label(*k) : core::text{kind, kind};
            count(r.by_component, kind, label, l.gates[kind]);
            auto& h = per_component.try_emplace(kind, histogram{kind, label, std::vector<int>(10, 0), 0}).first->second;
            if (score) h.bins[static_cast<std::size_t>(bin(*score))]++;
            else ++h.absent;
        }
    }
    std::sort(r.by_level.begin(), r.by_level.end(), [](auto& a, auto& b) { return std::stoi(a.key) < std::stoi(b.key); });
    std::sort(r.by_org.begin(), r.by_org.end(), [](auto& a, auto& b) { return a.key < b.key; });
    auto order = [](const std::string& kind) { auto k = core::component_from(kind); return k ? static_cast<int>(*k) : 99; };
    std::sort(r.by_component.begin(), r.by_component.end(), [&](auto& a, auto& b) { return order(a.key) < order(b.key); });
    r.distributions.push_back(std::move(total));
    std::vector<histogram> comps;
    for (auto& [k, h] : per_component) comps.push_back(std::move(h));
    std::sort(comps.begin(), comps.end(), [&](auto& a, auto& b) { return order(a.key) < order(b.key); });
    for (auto& h : comps) r.distributions.push_back(std::move(h));
    return r;
}

result<std::string> service::export_results(const principal& p, std::int64_t cycle_id) {
    auto d = load_report(p, cycle_id);
    if (!d) return std::unexpected(d.error());
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
    documents::table t;
    std::vector<std::string> header{"工号", "姓名", "组织单元", "申报等级"};
    for (auto k : shown) header.push_back(core::label(k).zh);
    for (auto h : {"综合成绩", "名次", "名额线内", "同意", "不同意", "暂缓", "结论", "未通过原因"}) header.push_back(h);
    t.rows.push_back(std::move(header));
    auto decision_zh = [](const std::string& d) {
        return d == "approved" ? "通过" : d == "rejected" ? "不通过" : d == "deferred" ? "暂缓" : "待表决";
    };
    for (auto& l : d->lines) {
        auto& a = l.application;
        std::vector<std::string> row{a.employee_no, a.engineer_name, unit_names[a.org_path],
                                     d->scheme.levels[static_cast<std::size_t>(a.target_rank - 1)].label.zh};
        for (auto k : shown) {
            auto it = l.scores.find(std::string(core::to_string(k)));
            row.push_back(it == l.scores.end() ? "" : it->second ? core::format_hundredths(std::llround(*it->second * 100)) : "缺考");
        }
        row.push_back(core::format_hundredths(l.view.row.total));
        row.push_back(l.view.row.rank > 0 ? std::to_string(l.view.row.rank) : "");
        row.push_back(l.within_quota() ? "是" : "否");
        row.push_back(std::to_string(l.view.approve));
        row.push_back(std::to_string(l.view.reject));
        row.push_back(std::to_string(l.view.defer));
        row.push_back(!l.within_quota() ? "未通过综合评定" : decision_zh(l.view.decision));
        std::string why;
        auto outcome = outcome_of(l.view.row);
        if (outcome.is_object())
            if (auto* rs = outcome.as_object().if_contains("reasons"); rs && rs->is_array())
                for (auto& x : rs->as_array())
                    if (x.is_object() && x.as_object().contains("zh"))
                        why += (why.empty() ? "" : "；") + std::string(x.as_object().at("zh").as_string());
        row.push_back(why);
        t.rows.push_back(std::move(row));
    }
    return documents::write_xlsx("评定结果", t);
}

}  // namespace skillgrade::app
