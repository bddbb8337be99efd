// Results: appended in batches, ranked by the database (a window function), compared with a copy.
#include <soci/soci.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/results.hpp"
#include "storage/sql_util.hpp"

namespace skillgrade::storage {
namespace {
using detail::kBatch;
using detail::sqlite_rows;
}  // namespace

namespace results {

std::int64_t reviewed_count(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM applications WHERE cycle_id = :c AND status IN ('eligible', 'ineligible')", soci::use(c),
        soci::into(n);
    return n;
}

bool any(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id;
    int one = 0;
    soci::statement st = (tx.sql().prepare << "SELECT 1 FROM results WHERE cycle_id = :c LIMIT 1", soci::use(c), soci::into(one));
    st.execute(true);
    return st.got_data();
}

std::int64_t middle_engineer(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, lo = 0, hi = 0;
    soci::indicator li = soci::i_null, hi_ind = soci::i_null;
    tx.sql() << "SELECT MIN(engineer_id), MAX(engineer_id) FROM applications WHERE cycle_id = :c", soci::use(c), soci::into(lo, li),
        soci::into(hi, hi_ind);
    return li == soci::i_ok && hi_ind == soci::i_ok ? lo + (hi - lo) / 2 + 1 : 0;
}

void clear(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id;
    tx.sql() << "DELETE FROM results WHERE cycle_id = :c", soci::use(c);
    tx.sql() << "DELETE FROM result_groups WHERE cycle_id = :c", soci::use(c);
}

void save_groups(unit_of_work& tx, std::int64_t cycle_id, const std::vector<result_group>& groups) {
    long long c = cycle_id, applicants = 0;
    result_group g;
    soci::statement st = (tx.sql().prepare << "INSERT INTO result_groups (cycle_id, quota_group, kind, value, org_unit, applicants, "
                                              "places) VALUES (:c, :g, :k, :v, :u, :a, :p)",
                          soci::use(c), soci::use(g.quota_group), soci::use(g.kind), soci::use(g.value), soci::use(g.org_unit),
                          soci::use(applicants), soci::use(g.places));
    for (auto& x : groups) {
        g = x;
        applicants = x.applicants;
        st.execute(true);
    }
}

struct writer::impl {
    unit_of_work& tx;
    std::optional<sqlite_rows> lite;  // SQLite: one prepared insert, run per row
    std::vector<long long> app, total, passed, rank, selected, practical, performance, cycle;
    std::vector<std::string> outcome, at, group;
    explicit impl(unit_of_work& t) : tx(t) {}
};

writer::writer(unit_of_work& tx) : p_(std::make_unique<impl>(tx)) {
    if (tx.kind() == engine::sqlite)
        p_->lite.emplace(tx, "INSERT INTO results (application_id, total, passed, rank, selected, outcome_json, evaluated_at, "
                             "quota_group, tie_practical, tie_performance, cycle_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                             "?11)",
                         std::initializer_list<long long>{});
}
writer::~writer() = default;

void writer::add(const result_row& r) {
    auto& p = *p_;
    if (p.lite) {
        auto& q = *p.lite;
        q.bind(1, r.application_id);
        q.bind(2, r.total);
        q.bind(3, r.passed ? 1 : 0);
        q.bind(4, r.rank);
        q.bind(5, r.selected ? 1 : 0);
        q.bind(6, r.outcome_json);
        q.bind(7, r.evaluated_at);
        q.bind(8, r.quota_group);
        q.bind(9, r.tie_practical);
        q.bind(10, r.tie_performance);
        q.bind(11, r.cycle_id);
        q.run();
        return;
    }
    p.app.push_back(r.application_id);
    p.total.push_back(r.total);
    p.passed.push_back(r.passed ? 1 : 0);
    p.rank.push_back(r.rank);
    p.selected.push_back(r.selected ? 1 : 0);
    p.practical.push_back(r.tie_practical);
    p.cycle.push_back(r.cycle_id);
    p.performance.push_back(r.tie_performance);
    p.outcome.push_back(r.outcome_json);
    p.at.push_back(r.evaluated_at);
    p.group.push_back(r.quota_group);
    if (p.app.size() >= kBatch) flush();
}

void writer::flush() {
    auto& p = *p_;
    if (p.app.empty()) return;
    p.tx.sql() << "INSERT INTO results (application_id, total, passed, rank, selected, outcome_json, evaluated_at, quota_group, "
                  "tie_practical, tie_performance, cycle_id) VALUES (:a, :t, :p, :r, :s, :o, :at, :g, :tp, :tf, :c)",
        soci::use(p.app), soci::use(p.total), soci::use(p.passed), soci::use(p.rank), soci::use(p.selected), soci::use(p.outcome),
        soci::use(p.at), soci::use(p.group), soci::use(p.practical), soci::use(p.performance), soci::use(p.cycle);
    for (auto* v : {&p.app, &p.total, &p.passed, &p.rank, &p.selected, &p.practical, &p.performance, &p.cycle}) v->clear();
    for (auto* v : {&p.outcome, &p.at, &p.group}) v->clear();
}

void rank(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id;
    // SQLite's statistics may date from before the cycle was evaluated; the passed results are read
    // through their own index whatever they say.
    std::string passed_index = tx.kind() == engine::sqlite ? " INDEXED BY results_passed" : "";
    tx.sql() << "UPDATE results SET rank = x.rn, selected = CASE WHEN x.rn <= x.places THEN 1 ELSE 0 END "
                "FROM (SELECT r.application_id AS id, g.places, ROW_NUMBER() OVER (PARTITION BY r.quota_group ORDER BY r.total DESC, "
                "r.tie_practical DESC, r.tie_performance DESC, a.applied_at, r.application_id) AS rn FROM results r" + passed_index + " "
                "JOIN applications a ON a.id = r.application_id JOIN result_groups g ON g.cycle_id = r.cycle_id AND "
                "g.quota_group = r.quota_group WHERE r.cycle_id = :c AND r.passed = 1) x "
                "WHERE results.cycle_id = :c2 AND results.application_id = x.id",
        soci::use(c), soci::use(c);
}

std::int64_t snapshot(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, n = 0;
    tx.sql() << "DROP TABLE IF EXISTS results_before";
    // On SQLite the application id is the copy's row id: the diff's lookups go straight to the row.
    tx.sql() << std::string("CREATE TEMPORARY TABLE results_before (application_id ") +
                    (tx.kind() == engine::sqlite ? "INTEGER" : "BIGINT") +
                    " PRIMARY KEY, total BIGINT, passed INTEGER, rank INTEGER, selected INTEGER, quota_group TEXT)";
    tx.sql() << "INSERT INTO results_before (application_id, total, passed, rank, selected, quota_group) SELECT r.application_id, "
                "r.total, r.passed, r.rank, r.selected, r.quota_group FROM results r WHERE r.cycle_id = :c",
        soci::use(c);
    tx.sql() << "SELECT COUNT(*) FROM results_before", soci::into(n);
    return n;
}

std::vector<group_move> group_moves(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, applicants = 0, passed = 0;
    std::string from, to;
    std::vector<group_move> out;
    soci::statement st = (tx.sql().prepare << "SELECT r.quota_group, b.quota_group, COUNT(*), SUM(r.passed) FROM results r "
                                              "JOIN results_before b ON b.application_id = r.application_id WHERE r.cycle_id = :c "
                                              "AND b.quota_group <> r.quota_group GROUP BY r.quota_group, b.quota_group "
                                              "ORDER BY r.quota_group, b.quota_group",
                          soci::use(c), soci::into(from), soci::into(to), soci::into(applicants), soci::into(passed));
    st.execute();
    while (st.fetch()) out.push_back({from, to, applicants, passed});
    return out;
}

void restore_group(unit_of_work& tx, std::int64_t cycle_id, const group_move& m) {
    long long c = cycle_id;
    tx.sql() << "UPDATE results SET quota_group = :to WHERE cycle_id = :c AND quota_group = :from AND application_id IN "
                "(SELECT b.application_id FROM results_before b WHERE b.quota_group = :to2)",
        soci::use(m.to), soci::use(c), soci::use(m.from), soci::use(m.to);
}

void changes(unit_of_work& tx, std::int64_t cycle_id, bool snapshot_empty, std::int64_t limit,
             const std::function<void(const change&)>& fn) {
    long long c = cycle_id, app = 0, ot = 0, nt = 0, lim = limit;
    int had = 0, has = 0, op = 0, np = 0, orank = 0, nrank = 0, os = 0, ns = 0;
    std::string no, name;
    // The applicant of each differing result, by name and employee number.
    auto named = [](const std::string& rows) {
        return "SELECT x.*, COALESCE(e.employee_no, ''), COALESCE(e.name, '') FROM (" + rows +
               ") x LEFT JOIN applications a ON a.id = x.id LEFT JOIN engineers e ON e.id = a.engineer_id ORDER BY x.id";
    };
    if (snapshot_empty) {  // every result is new
        soci::statement st = (tx.sql().prepare << named("SELECT r.application_id AS id, r.total, r.passed, r.rank, r.selected FROM results r "
                                                        "WHERE r.cycle_id = :c ORDER BY r.application_id LIMIT :n"),
                              soci::use(c), soci::use(lim), soci::into(app), soci::into(nt), soci::into(np), soci::into(nrank),
                              soci::into(ns), soci::into(no), soci::into(name));
        st.execute();
        while (st.fetch()) fn({'+', app, 0, nt, false, np != 0, 0, nrank, false, ns != 0, no, name});
        tx.sql() << "DROP TABLE results_before";
        return;
    }
    // Changed or new (from the new results), then gone (in the copy only); absent sides read as zeros.
    soci::statement st = (tx.sql().prepare << named("SELECT r.application_id AS id, CASE WHEN b.application_id IS NULL THEN 0 ELSE 1 END AS had, "
                                              "COALESCE(b.total, 0) AS ot, COALESCE(b.passed, 0) AS op, COALESCE(b.rank, 0) AS orank, "
                                              "COALESCE(b.selected, 0) AS os, 1 AS has, r.total AS nt, r.passed AS np, r.rank AS nrank, "
                                              "r.selected AS ns FROM results r "
                                              "LEFT JOIN results_before b ON "
                                              "b.application_id = r.application_id WHERE r.cycle_id = :c AND (b.application_id "
                                              "IS NULL OR b.total <> r.total OR b.passed <> r.passed OR b.rank <> r.rank OR "
                                              "b.selected <> r.selected) UNION ALL SELECT b.application_id, 1, b.total, b.passed, "
                                              "b.rank, b.selected, 0, 0, 0, 0, 0 FROM results_before b WHERE NOT EXISTS (SELECT 1 "
                                              "FROM results r WHERE r.cycle_id = :c2 AND r.application_id = b.application_id)"),
                          soci::use(c), soci::use(c), soci::into(app), soci::into(had), soci::into(ot), soci::into(op), soci::into(orank),
                          soci::into(os), soci::into(has), soci::into(nt), soci::into(np), soci::into(nrank), soci::into(ns),
                          soci::into(no), soci::into(name));
    st.execute();
    while (st.fetch())
        fn({had == 0 ? '+' : has == 0 ? '-' : '~', app, ot, nt, op != 0, np != 0, orank, nrank, os != 0, ns != 0, no, name});
    tx.sql() << "DROP TABLE results_before";
}

}  // namespace results
}  // namespace skillgrade::storage
