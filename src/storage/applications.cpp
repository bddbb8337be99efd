// Applications.
#include <soci/soci.h>

#include "storage/applications.hpp"

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

std::vector<application_row> list(unit_of_work& tx, std::int64_t cycle_id) {
    return select(tx, "WHERE a.cycle_id = :k", cycle_id);
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
