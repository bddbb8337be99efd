// Votes.
#include <soci/soci.h>

#include <map>

#include "storage/votes.hpp"

namespace skillgrade::storage::votes {

void put(unit_of_work& tx, const vote_row& v) {
    long long app = v.application_id;
    tx.sql() << "INSERT INTO votes (application_id, member, vote, comment, voted_at) VALUES (:a, :m, :v, :c, :at) "
                "ON CONFLICT (application_id, member) DO UPDATE SET vote = excluded.vote, comment = excluded.comment, "
                "voted_at = excluded.voted_at",
        soci::use(app), soci::use(v.member), soci::use(v.vote), soci::use(v.comment), soci::use(v.voted_at);
}

namespace {
// Each application's votes counted (of a cycle, or of one application with `where`).
std::map<std::int64_t, vote_counts> select_counts(unit_of_work& tx, const std::string& where, long long key) {
    std::map<std::int64_t, vote_counts> out;
    long long app = 0;
    vote_counts n;
    soci::statement st = (tx.sql().prepare << "SELECT v.application_id, SUM(CASE WHEN v.vote = 'approve' THEN 1 ELSE 0 END), "
                                              "SUM(CASE WHEN v.vote = 'reject' THEN 1 ELSE 0 END), SUM(CASE WHEN v.vote NOT IN "
                                              "('approve', 'reject') THEN 1 ELSE 0 END) FROM votes v JOIN applications a ON "
                                              "a.id = v.application_id " + where + " GROUP BY v.application_id",
                          soci::use(key), soci::into(app), soci::into(n.approve), soci::into(n.reject), soci::into(n.defer));
    st.execute();
    while (st.fetch()) out[app] = n;
    return out;
}
}  // namespace

std::map<std::int64_t, vote_counts> counts(unit_of_work& tx, std::int64_t cycle_id) {
    return select_counts(tx, "WHERE a.cycle_id = :c", cycle_id);
}

vote_counts counts_for(unit_of_work& tx, std::int64_t application_id) {
    auto m = select_counts(tx, "WHERE v.application_id = :c", application_id);
    return m.empty() ? vote_counts{} : m.begin()->second;
}

}  // namespace skillgrade::storage::votes
