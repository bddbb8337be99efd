// Applications.
#include <soci/soci.h>

#include "storage/applications.hpp"

#include <map>
#include <utility>

#include "storage/sql_util.hpp"

namespace skillgrade::storage {
namespace applications {
std::int64_t insert(unit_of_work& tx, const application_row& a) {
    long long id = 0, cycle = a.cycle_id, engineer = a.engineer_id;
    tx.sql() << "INSERT INTO applications (cycle_id, engineer_id, target_rank, status, nominated_by, applied_at) "
                "VALUES (:c, :e, :r, :s, :n, :at) RETURNING id",
        soci::use(cycle), soci::use(engineer), soci::use(a.target_rank), soci::use(a.status), soci::use(a.nominated_by),
        soci::use(a.applied_at), soci::into(id);
    return id;
}

namespace {
std::vector<application_row> select(unit_of_work& tx, const std::string& where, long long key, long long key2 = 0) {
    std::vector<application_row> out;
    application_row a;
    long long id = 0, cycle = 0, engineer = 0, version = 0;
    soci::statement st = (tx.sql().prepare << "SELECT a.id, a.cycle_id, a.engineer_id, e.employee_no, e.name, o.path, "
                                              "a.target_rank, a.status, a.nominated_by, a.applied_at, a.verdict_json, "
                                              "a.override_reason, a.version FROM applications a "
                                              "JOIN engineers e ON e.id = a.engineer_id "
                                              "JOIN org_units o ON o.id = e.org_unit_id " + where + " ORDER BY a.id",
                          soci::into(id), soci::into(cycle), soci::into(engineer), soci::into(a.employee_no),
                          soci::into(a.engineer_name), soci::into(a.org_path), soci::into(a.target_rank),
                          soci::into(a.status), soci::into(a.nominated_by), soci::into(a.applied_at),
                          soci::into(a.verdict_json), soci::into(a.override_reason), soci::into(version));
    st.exchange(soci::use(key, "k"));
    if (where.find(":k2") != std::string::npos) st.exchange(soci::use(key2, "k2"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        a.id = id;
        a.cycle_id = cycle;
        a.engineer_id = engineer;
        a.version = version;
        out.push_back(a);
    }
    return out;
}
}  // namespace

}  // namespace applications

bool application_sort(const std::string& key) {
    for (auto* k : {"id", "employee_no", "name", "target_rank", "status", "applied_at"})
        if (key == k) return true;
    return false;
}

bool result_sort(const std::string& key) { return application_sort(key) || key == "total" || key == "rank"; }

namespace detail {
namespace {
// The engineers a search names. When they are few, as an id list, so that the applications' engineer
// index answers both the count and the page from one scan of the engineers; else as a subquery.
std::string searched_engineers(unit_of_work& tx, const cycle_list_filter& f, cycle_list_where& w) {
    constexpr int listed = 2000;
    std::string like = f.q_name && f.q_employee_no ? "(s.name LIKE :q ESCAPE '\\' OR s.employee_no LIKE :q ESCAPE '\\')"
                       : f.q_name                  ? "s.name LIKE :q ESCAPE '\\'"
                                                   : "s.employee_no LIKE :q ESCAPE '\\'";
    std::string pattern = contains_pattern(f.q);
    std::string ids;
    int n = 0;
    long long id = 0;
    auto st = tx.prepared("SELECT s.id FROM engineers s WHERE " + like + " LIMIT " + std::to_string(listed + 1));
    st->exchange(soci::use(pattern, "q"));
    st->exchange(soci::into(id));
    st->define_and_bind();
    st->execute();
    while (st->fetch() && ++n <= listed) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    if (n <= listed) return ids.empty() ? "-1" : ids;
    w.params.emplace_back("q", pattern);
    return "SELECT s.id FROM engineers s WHERE " + like;
}
}  // namespace

cycle_list_where cycle_list_conditions(unit_of_work& tx, const cycle_list_filter& f, bool with_results) {
    cycle_list_where w;
    bool desc = f.sort.starts_with('-');
    std::string key = desc ? f.sort.substr(1) : f.sort;
    // In name order with no search, the engineers' name index drives the page: it is read in order
    // and each engineer's applications looked up, so that the cycle is never sorted whole.
    bool by_name = key == "name" && f.q.empty();
    // A page of results is read from the results' own table and indexes; the applications (and the
    // engineers) are joined only when a filter or the sort needs them.
    std::vector<std::string> parts{(with_results ? "r.cycle_id = " : "a.cycle_id = ") + std::to_string(f.cycle_id)};
    auto engineer = [&] { w.needs_engineer = w.needs_application = true; };
    auto application = [&] { w.needs_application = true; };
    if (!f.q.empty()) {
        application();
        parts.push_back("a.engineer_id IN (" + searched_engineers(tx, f, w) + ")");
    }
    if (f.org_unit) {
        engineer();
        parts.push_back("e.org_unit_id IN (SELECT u.id FROM org_units u WHERE u.path LIKE (SELECT p.path FROM org_units p WHERE p.id = " +
                        std::to_string(*f.org_unit) + ") || '%')");
    }
    if (!f.scope_path.empty()) {
        engineer();
        w.params.emplace_back("sp", f.scope_path + "%");
        parts.push_back("e.org_unit_id IN (SELECT u.id FROM org_units u WHERE u.path LIKE :sp)");
    }
    if (f.scope_engineer) {
        application();
        parts.push_back("a.engineer_id = " + std::to_string(*f.scope_engineer));
    }
    if (f.target_rank) {
        application();
        parts.push_back("a.target_rank = " + std::to_string(*f.target_rank));
    }
    if (!f.status.empty()) {
        application();
        w.params.emplace_back("st", f.status);
        parts.push_back("a.status = :st");
    }
    if (with_results && (f.outcome == "passed" || f.outcome == "failed"))
        parts.push_back(std::string("r.passed = ") + (f.outcome == "passed" ? "1" : "0"));
    // The final outcome: passed, selected within the quota and approved by the committee's majority
    // (an odd panel of at least three), as app::decision_of decides it.
    if (with_results && (f.outcome == "approved" || f.outcome == "not_approved"))
        parts.push_back(std::string(f.outcome == "approved" ? "" : "NOT ") +
                        "(r.passed = 1 AND r.selected = 1 AND (SELECT CASE WHEN COUNT(*) >= 3 AND COUNT(*) % 2 = 1 AND "
                        "2 * SUM(CASE WHEN v.vote = 'approve' THEN 1 ELSE 0 END) > COUNT(*) THEN 1 ELSE 0 END FROM votes v "
                        "WHERE v.application_id = r.application_id) = 1)");
    // Application order: the results' own key where the page is of results, so that their table serves it.
    std::string id = with_results ? "r.application_id" : "a.id";
    std::string col = id;
    if (key == "employee_no") col = "e.employee_no";
    else if (key == "name") col = "e.name_key";  // pinyin order
    else if (key == "target_rank") col = "a.target_rank";
    else if (key == "status") col = "a.status";
    else if (key == "applied_at") col = "a.applied_at";
    else if (with_results && key == "total") col = "r.total";
    else if (with_results && key == "rank") col = "r.rank";
    // The count joins what the filters need; the page also what its order needs.
    bool filter_engineer = w.needs_engineer, filter_application = w.needs_application;
    if (col.starts_with("e.")) engineer();
    if (col.starts_with("a.")) application();
    auto joined = [&](bool application, bool engineer) {
        std::string from = with_results ? std::string(" FROM results r") + (application ? " JOIN applications a ON a.id = r.application_id" : "")
                                        : " FROM applications a";
        return engineer ? from + " JOIN engineers e ON e.id = a.engineer_id" : from;
    };
    std::string where;
    for (std::size_t i = 0; i < parts.size(); ++i) where += (i ? " AND " : " WHERE ") + parts[i];
    w.count = "SELECT COUNT(*)" + joined(filter_application, filter_engineer) + where;
    std::string dir = desc ? " DESC" : "";
    if (by_name) {
        // Ties broken by the engineer, in the name index's own order, then by the application. The
        // engineers come first (CROSS JOIN keeps SQLite's loops in this order), joined in WHERE.
        w.order = " ORDER BY e.name_key" + dir + ", e.id" + dir + ", " + id + dir;
        w.from = with_results ? " FROM engineers e CROSS JOIN applications a CROSS JOIN results r" : " FROM engineers e CROSS JOIN applications a";
        where += " AND a.engineer_id = e.id";
        if (with_results) where += " AND r.application_id = a.id";
    } else {
        w.order = " ORDER BY " + col + dir + (col == id ? "" : ", " + id + dir);
        w.from = joined(w.needs_application, w.needs_engineer);
    }
    w.sql = where;
    w.limit = " LIMIT " + std::to_string(f.page_size) + " OFFSET " + std::to_string(static_cast<long long>(f.page - 1) * f.page_size);
    return w;
}

long long count_rows(unit_of_work& tx, const std::string& sql, const cycle_list_where& w) {
    long long n = 0;
    soci::statement st(tx.sql());
    st.exchange(soci::into(n));
    for (auto& [name, value] : w.params) st.exchange(soci::use(value, name));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(true);
    return n;
}
std::vector<long long> page_ids(unit_of_work& tx, const std::string& sql, const cycle_list_where& w) {
    std::vector<long long> out;
    long long id = 0;
    soci::statement st(tx.sql());
    st.exchange(soci::into(id));
    for (auto& [name, value] : w.params) st.exchange(soci::use(value, name));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}
}  // namespace detail

namespace applications {
list_page<application_row> page(unit_of_work& tx, const cycle_list_filter& f) {
    auto w = detail::cycle_list_conditions(tx, f, false);
    list_page<application_row> out;
    out.total = detail::count_rows(tx, w.count, w);
    // The page's ids first (the narrowest read the indexes serve), then its rows, in the page's order.
    auto ids = detail::page_ids(tx, "SELECT a.id" + w.from + w.sql + w.order + w.limit, w);
    if (ids.empty()) return out;
    std::string in;
    for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
    auto rows = select(tx, "WHERE a.id IN (" + in + ") AND a.cycle_id = :k", f.cycle_id);
    for (auto id : ids)
        for (auto& r : rows)
            if (r.id == id) out.items.push_back(std::move(r));
    return out;
}

std::vector<application_row> list(unit_of_work& tx, std::int64_t cycle_id) {
    return select(tx, "WHERE a.cycle_id = :k", cycle_id);
}

std::map<std::string, eligible_entry> eligible_by_employee_no(unit_of_work& tx, std::int64_t cycle_id,
                                                             const std::vector<std::string>& nos) {
    std::map<std::string, eligible_entry> out;
    long long c = cycle_id, id = 0;
    int rank = 0;
    std::string no;
    detail::in_chunks(nos.size(), [&](std::size_t at, std::size_t n) {
        soci::statement st(tx.sql());
        st.alloc();
        st.prepare("SELECT e.employee_no, a.id, a.target_rank FROM applications a JOIN engineers e ON e.id = a.engineer_id "
                   "WHERE a.cycle_id = :c AND a.status = 'eligible' AND e.employee_no IN " + detail::in_list(n));
        st.exchange(soci::use(c));
        for (std::size_t i = 0; i < n; ++i) st.exchange(soci::use(nos[at + i]));
        st.exchange(soci::into(no));
        st.exchange(soci::into(id));
        st.exchange(soci::into(rank));
        st.define_and_bind();
        st.execute();
        while (st.fetch()) out[no] = {id, rank};
    });
    return out;
}

application_counts counts(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, open = 0, eligible = 0;
    soci::indicator oi = soci::i_null, ei = soci::i_null;
    tx.sql() << "SELECT SUM(CASE WHEN status <> 'withdrawn' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'eligible' THEN 1 ELSE 0 END) "
                "FROM applications WHERE cycle_id = :c",
        soci::use(c), soci::into(open, oi), soci::into(eligible, ei);
    return {oi == soci::i_ok ? open : 0, ei == soci::i_ok ? eligible : 0};
}

std::vector<application_row> for_engineer(unit_of_work& tx, std::int64_t engineer_id) {
    return select(tx, "WHERE a.engineer_id = :k", engineer_id);
}

std::optional<application_row> get(unit_of_work& tx, std::int64_t id) {
    auto v = select(tx, "WHERE a.id = :k", id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::optional<application_row> open_for(unit_of_work& tx, std::int64_t cycle_id, std::int64_t engineer_id) {
    auto v = select(tx, "WHERE a.cycle_id = :k AND a.engineer_id = :k2 AND a.status <> 'withdrawn'", cycle_id, engineer_id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

void set_status(unit_of_work& tx, std::int64_t id, const std::string& status) {
    long long i = id;
    tx.sql() << "UPDATE applications SET status = :s, version = version + 1 WHERE id = :id", soci::use(status), soci::use(i);
}

void set_verdict(unit_of_work& tx, std::int64_t id, const std::string& status, const std::string& verdict_json,
                 const std::string& override_reason) {
    long long i = id;
    tx.sql() << "UPDATE applications SET status = :s, verdict_json = :j, override_reason = :o, version = version + 1 "
                "WHERE id = :id",
        soci::use(status), soci::use(verdict_json), soci::use(override_reason), soci::use(i);
}
}  // namespace applications

}  // namespace skillgrade::storage
