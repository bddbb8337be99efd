// Appeals.
#include <soci/soci.h>

#include "storage/appeals.hpp"

namespace skillgrade::storage::appeals {

std::int64_t insert(unit_of_work& tx, const appeal_row& a) {
    long long id = 0, app = a.application_id;
    tx.sql() << "INSERT INTO appeals (application_id, reason, status, created_at, created_by) VALUES (:a, :r, :s, :at, :by) "
                "RETURNING id",
        soci::use(app), soci::use(a.reason), soci::use(a.status), soci::use(a.created_at), soci::use(a.created_by),
        soci::into(id);
    return id;
}

namespace {
std::vector<appeal_row> select(unit_of_work& tx, const std::string& where, long long key) {
    std::vector<appeal_row> out;
    appeal_row a;
    long long id = 0, app = 0, engineer = 0;
    soci::statement st = (tx.sql().prepare << "SELECT p.id, p.application_id, p.reason, p.status, p.resolution, p.created_at, "
                                              "p.created_by, p.resolved_at, p.resolved_by, e.id, e.employee_no, e.name, a.target_rank "
                                              "FROM appeals p JOIN applications a ON a.id = p.application_id "
                                              "JOIN engineers e ON e.id = a.engineer_id " + where + " ORDER BY p.id",
                          soci::use(key), soci::into(id), soci::into(app), soci::into(a.reason), soci::into(a.status),
                          soci::into(a.resolution), soci::into(a.created_at), soci::into(a.created_by),
                          soci::into(a.resolved_at), soci::into(a.resolved_by), soci::into(engineer), soci::into(a.employee_no),
                          soci::into(a.engineer_name), soci::into(a.target_rank));
    st.execute();
    while (st.fetch()) {
        a.id = id;
        a.application_id = app;
        a.engineer_id = engineer;
        out.push_back(a);
    }
    return out;
}
}  // namespace

std::vector<appeal_row> for_cycle(unit_of_work& tx, std::int64_t cycle_id) { return select(tx, "WHERE a.cycle_id = :k", cycle_id); }

std::vector<appeal_row> for_application(unit_of_work& tx, std::int64_t application_id) {
    return select(tx, "WHERE p.application_id = :k", application_id);
}

std::optional<appeal_row> get(unit_of_work& tx, std::int64_t id) {
    auto v = select(tx, "WHERE p.id = :k", id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

void resolve(unit_of_work& tx, std::int64_t id, const std::string& status, const std::string& resolution,
             const std::string& by, const std::string& at) {
    long long i = id;
    tx.sql() << "UPDATE appeals SET status = :s, resolution = :r, resolved_by = :by, resolved_at = :at WHERE id = :id",
        soci::use(status), soci::use(resolution), soci::use(by), soci::use(at), soci::use(i);
}

}  // namespace skillgrade::storage::appeals
