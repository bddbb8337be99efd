// Org units.
#include <soci/soci.h>

#include <stdexcept>

#include "storage/org_units.hpp"

namespace skillgrade::storage {
namespace {
std::optional<std::int64_t> opt(long long v, soci::indicator ind) {
    if (ind == soci::i_null) return std::nullopt;
    return v;
}
}  // namespace

namespace org_units {
namespace {
std::vector<core::org_unit> select(unit_of_work& tx, const std::string& where, long long id) {
    std::vector<core::org_unit> out;
    core::org_unit u;
    long long uid = 0, parent = 0, mgr = 0;
    soci::indicator pi = soci::i_null, mi = soci::i_null;
    soci::statement st = (tx.sql().prepare << "SELECT o.id, o.parent_id, o.code, o.name, o.kind, o.path, o.manager_user_id, "
                                              "COALESCE(u.display_name, '') FROM org_units o "
                                              "LEFT JOIN users u ON u.id = o.manager_user_id " + where + " ORDER BY o.id",
                          soci::into(uid), soci::into(parent, pi), soci::into(u.code), soci::into(u.name),
                          soci::into(u.kind), soci::into(u.path), soci::into(mgr, mi), soci::into(u.manager_name));
    if (!where.empty()) st.exchange(soci::use(id, "id"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        u.id = uid;
        u.parent_id = opt(parent, pi);
        u.manager_user_id = opt(mgr, mi);
        out.push_back(u);
    }
    return out;
}
}  // namespace

std::vector<core::org_unit> list(unit_of_work& tx) { return select(tx, "", 0); }

std::optional<core::org_unit> get(unit_of_work& tx, std::int64_t id) {
    auto v = select(tx, "WHERE o.id = :id", id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::int64_t insert(unit_of_work& tx, const core::org_unit& u) {
    std::string parent_path = "/";
    long long parent = u.parent_id.value_or(0);
    soci::indicator pi = u.parent_id ? soci::i_ok : soci::i_null;
    if (u.parent_id) {
        auto p = get(tx, *u.parent_id);
        if (!p) throw std::runtime_error("unknown parent org unit");
        parent_path = p->path;
    }
    long long id = 0;
    std::string pending = parent_path + "?";
    tx.sql() << "INSERT INTO org_units (parent_id, code, name, kind, path) VALUES (:p, :c, :n, :k, :path) RETURNING id",
        soci::use(parent, pi), soci::use(u.code), soci::use(u.name), soci::use(u.kind), soci::use(pending),
        soci::into(id);
    std::string path = parent_path + std::to_string(id) + "/";
    tx.sql() << "UPDATE org_units SET path = :path WHERE id = :id", soci::use(path), soci::use(id);
    return id;
}

void set_manager(unit_of_work& tx, std::int64_t id, std::int64_t user_id) {
    long long i = id, u = user_id;
    tx.sql() << "UPDATE org_units SET manager_user_id = :u WHERE id = :id", soci::use(u), soci::use(i);
}
}  // namespace org_units

}  // namespace skillgrade::storage
