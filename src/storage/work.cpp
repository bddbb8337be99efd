// What is left to do in a cycle.
#include <soci/soci.h>

#include <map>

#include "storage/work.hpp"

namespace skillgrade::storage::work {

// Counted by the database, so a home page costs the same for a cycle of ten or of a million.
std::map<std::string, std::int64_t> application_counts(unit_of_work& tx, std::int64_t cycle_id) {
    std::map<std::string, std::int64_t> out;
    long long c = cycle_id, n = 0;
    std::string status;
    soci::statement st = (tx.sql().prepare << "SELECT status, COUNT(*) FROM applications WHERE cycle_id = :c GROUP BY status",
                          soci::use(c), soci::into(status), soci::into(n));
    st.execute();
    while (st.fetch()) out[status] = n;
    return out;
}

std::map<int, std::int64_t> eligible_by_rank(unit_of_work& tx, std::int64_t cycle_id) {
    std::map<int, std::int64_t> out;
    long long c = cycle_id, n = 0;
    int rank = 0;
    soci::statement st = (tx.sql().prepare << "SELECT target_rank, COUNT(*) FROM applications WHERE cycle_id = :c AND "
                                              "status = 'eligible' GROUP BY target_rank",
                          soci::use(c), soci::into(rank), soci::into(n));
    st.execute();
    while (st.fetch()) out[rank] = n;
    return out;
}

std::map<std::pair<int, std::string>, std::int64_t> scored(unit_of_work& tx, std::int64_t cycle_id) {
    std::map<std::pair<int, std::string>, std::int64_t> out;
    long long c = cycle_id, n = 0;
    int rank = 0;
    std::string component;
    soci::statement st = (tx.sql().prepare << "SELECT a.target_rank, s.component, COUNT(*) FROM scores s JOIN applications a ON "
                                              "a.id = s.application_id WHERE a.cycle_id = :c AND a.status = 'eligible' AND "
                                              "(s.score IS NOT NULL OR s.absent = 1) GROUP BY a.target_rank, s.component",
                          soci::use(c), soci::into(rank), soci::into(component), soci::into(n));
    st.execute();
    while (st.fetch()) out[{rank, component}] = n;
    return out;
}

std::int64_t passed_selected(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM results WHERE cycle_id = :c AND passed = 1 AND selected = 1", soci::use(c), soci::into(n);
    return n;
}

std::int64_t voted_by(unit_of_work& tx, std::int64_t cycle_id, const std::string& member) {
    long long c = cycle_id, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM votes v JOIN results r ON r.application_id = v.application_id WHERE r.cycle_id = :c "
                "AND r.passed = 1 AND r.selected = 1 AND v.member = :m",
        soci::use(c), soci::use(member), soci::into(n);
    return n;
}

std::int64_t open_appeals(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM appeals p JOIN applications a ON a.id = p.application_id WHERE a.cycle_id = :c AND "
                "p.status = 'open'",
        soci::use(c), soci::into(n);
    return n;
}

}  // namespace skillgrade::storage::work
