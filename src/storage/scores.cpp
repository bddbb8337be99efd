// Scores, score locks, and the results read with their applications.
#include <soci/soci.h>

#include <functional>
#include <optional>

#include "storage/scores.hpp"

#include "storage/applications.hpp"
#include "storage/sql_util.hpp"

namespace skillgrade::storage::scores {

void put(unit_of_work& tx, const score_row& s) {
    long long app = s.application_id, value = s.score.value_or(0);
    soci::indicator ind = s.score ? soci::i_ok : soci::i_null;
    int absent = s.absent ? 1 : 0;
    // ON CONFLICT … DO UPDATE works on SQLite (3.24+) and PostgreSQL alike.
    tx.sql() << "INSERT INTO scores (application_id, component, score, absent, source, author, recorded_at) "
                "VALUES (:a, :c, :s, :ab, :src, :by, :at) ON CONFLICT (application_id, component) DO UPDATE SET "
                "score = excluded.score, absent = excluded.absent, source = excluded.source, author = excluded.author, "
                "recorded_at = excluded.recorded_at",
        soci::use(app), soci::use(s.component), soci::use(value, ind), soci::use(absent), soci::use(s.source),
        soci::use(s.author), soci::use(s.recorded_at);
}

namespace {
std::vector<score_row> select_scores(unit_of_work& tx, const std::string& where, long long key) {
    std::vector<score_row> out;
    score_row r;
    long long app = 0, value = 0;
    soci::indicator ind = soci::i_null;
    int absent = 0;
    soci::statement st = (tx.sql().prepare << "SELECT s.application_id, s.component, s.score, s.absent, s.source, s.author, "
                                              "s.recorded_at FROM scores s JOIN applications a ON a.id = s.application_id " +
                                                  where + " ORDER BY s.application_id, s.component",
                          soci::use(key), soci::into(app), soci::into(r.component), soci::into(value, ind), soci::into(absent),
                          soci::into(r.source), soci::into(r.author), soci::into(r.recorded_at));
    st.execute();
    while (st.fetch()) {
        r.application_id = app;
        r.score = ind == soci::i_ok ? std::optional<std::int64_t>(value) : std::nullopt;
        r.absent = absent != 0;
        out.push_back(r);
    }
    return out;
}
}  // namespace

std::vector<score_row> for_cycle(unit_of_work& tx, std::int64_t cycle_id) { return select_scores(tx, "WHERE a.cycle_id = :c", cycle_id); }

std::vector<score_row> for_applications(unit_of_work& tx, std::int64_t cycle_id, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    std::string in;
    for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
    return select_scores(tx, "WHERE a.cycle_id = :c AND s.application_id IN (" + in + ")", cycle_id);
}

std::vector<score_row> for_application(unit_of_work& tx, std::int64_t application_id) {
    return select_scores(tx, "WHERE s.application_id = :c", application_id);
}

std::vector<std::string> locked(unit_of_work& tx, std::int64_t cycle_id) {
    std::vector<std::string> out;
    std::string comp;
    long long c = cycle_id;
    soci::statement st = (tx.sql().prepare << "SELECT component FROM score_locks WHERE cycle_id = :c ORDER BY component",
                          soci::use(c), soci::into(comp));
    st.execute();
    while (st.fetch()) out.push_back(comp);
    return out;
}

void lock(unit_of_work& tx, std::int64_t cycle_id, const std::string& component, const std::string& by, const std::string& at) {
    long long c = cycle_id;
    tx.sql() << "INSERT INTO score_locks (cycle_id, component, locked_by, locked_at) VALUES (:c, :comp, :by, :at) "
                "ON CONFLICT (cycle_id, component) DO NOTHING",
        soci::use(c), soci::use(component), soci::use(by), soci::use(at);
}

namespace {
// Streams the cycle's results (with `where` narrowing them) joined with their applications,
// engineers and quota groups, one row at a time.
void select_results(unit_of_work& tx, const std::string& where, long long c, long long app_key, const std::string& order,
                    const std::function<void(const result_row&)>& fn) {
    result_row r;
    long long app = 0, total = 0, tp = 0, tf = 0, applicants = 0;
    int passed = 0, selected = 0;
    soci::statement st = (tx.sql().prepare << "SELECT r.application_id, r.total, r.passed, r.rank, r.selected, r.outcome_json, "
                                              "r.evaluated_at, r.quota_group, r.tie_practical, r.tie_performance, a.target_rank, "
                                              "COALESCE(g.kind, 'none'), COALESCE(g.value, 0), COALESCE(g.org_unit, ''), COALESCE(g.applicants, 0), "
                                              "COALESCE(g.places, 0), e.employee_no, e.name, o.path FROM results r "
                                              "JOIN applications a ON a.id = r.application_id JOIN engineers e ON e.id = a.engineer_id "
                                              "JOIN org_units o ON o.id = e.org_unit_id LEFT JOIN result_groups g ON "
                                              "g.cycle_id = r.cycle_id AND g.quota_group = r.quota_group WHERE r.cycle_id = :c" + where +
                                                  " ORDER BY " + order,
                          soci::into(app), soci::into(total), soci::into(passed), soci::into(r.rank),
                          soci::into(selected), soci::into(r.outcome_json), soci::into(r.evaluated_at), soci::into(r.quota_group),
                          soci::into(tp), soci::into(tf), soci::into(r.target_rank), soci::into(r.quota_kind),
                          soci::into(r.quota_value), soci::into(r.quota_unit), soci::into(applicants), soci::into(r.quota_places),
                          soci::into(r.employee_no), soci::into(r.engineer_name), soci::into(r.org_path));
    st.exchange(soci::use(c, "c"));
    if (where.find(":a") != std::string::npos) st.exchange(soci::use(app_key, "a"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        r.application_id = app;
        r.cycle_id = c;
        r.total = total;
        r.passed = passed != 0;
        r.selected = selected != 0;
        r.tie_practical = tp;
        r.tie_performance = tf;
        r.quota_applicants = applicants;
        fn(r);
    }
}
constexpr const char* kListOrder = "a.target_rank, r.passed DESC, r.rank, r.application_id";
}  // namespace

std::vector<result_row> results(unit_of_work& tx, std::int64_t cycle_id) {
    std::vector<result_row> out;
    select_results(tx, "", cycle_id, 0, kListOrder, [&](const result_row& r) { out.push_back(r); });
    return out;
}

std::vector<result_row> results_of(unit_of_work& tx, std::int64_t cycle_id, const std::vector<std::int64_t>& ids) {
    std::vector<result_row> rows;
    if (ids.empty()) return rows;
    std::string in;
    for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
    select_results(tx, " AND r.application_id IN (" + in + ")", cycle_id, 0, "r.application_id",
                   [&](const result_row& r) { rows.push_back(r); });
    return rows;
}

list_page<result_row> results_page(unit_of_work& tx, const cycle_list_filter& f) {
    auto w = detail::cycle_list_conditions(tx, f, true);
    list_page<result_row> out;
    out.total = detail::count_rows(tx, w.count, w);
    auto ids = detail::page_ids(tx, "SELECT r.application_id" + w.from + w.sql + w.order + w.limit, w);
    if (ids.empty()) return out;
    std::vector<result_row> rows = results_of(tx, f.cycle_id, std::vector<std::int64_t>(ids.begin(), ids.end()));
    for (auto id : ids)
        for (auto& r : rows)
            if (r.application_id == id) out.items.push_back(std::move(r));
    return out;
}

void each_result(unit_of_work& tx, std::int64_t cycle_id, const std::function<void(const result_row&)>& fn) {
    select_results(tx, "", cycle_id, 0, "r.application_id", fn);
}

std::optional<result_row> result_of(unit_of_work& tx, std::int64_t cycle_id, std::int64_t application_id) {
    std::optional<result_row> out;
    select_results(tx, " AND r.application_id = :a", cycle_id, application_id, kListOrder, [&](const result_row& r) { out = r; });
    return out;
}

}  // namespace skillgrade::storage::scores
