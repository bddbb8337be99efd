// The audit chain.
#include <soci/soci.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "storage/audit.hpp"

namespace skillgrade::storage {
namespace audit {
std::pair<std::int64_t, std::string> lock_head(unit_of_work& tx) {
    tx.sql() << "UPDATE audit_head SET seq = seq + 1 WHERE id = 1";
    long long seq = 0;
    std::string hash;
    tx.sql() << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(seq), soci::into(hash);
    return {seq, hash};
}

void append(unit_of_work& tx, const audit_row& r) {
    long long id = r.id;
    tx.sql() << "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, "
                "hash) VALUES (:id, :at, :actor, :action, :entity, :eid, :b, :a, :p, :h)",
        soci::use(id), soci::use(r.at), soci::use(r.actor), soci::use(r.action), soci::use(r.entity),
        soci::use(r.entity_id), soci::use(r.before_json), soci::use(r.after_json), soci::use(r.prev_hash),
        soci::use(r.hash);
    tx.sql() << "UPDATE audit_head SET hash = :h WHERE id = 1", soci::use(r.hash);
}

namespace {
// The WHERE clause of the filter's non-empty fields, each bound once by name.
struct where_clause {
    std::string sql;
    std::vector<std::pair<const std::string*, const char*>> binds;
    explicit where_clause(const filter* f) {
        if (!f) return;
        auto add = [&](const std::string& v, const char* name, const std::string& cond) {
            if (v.empty()) return;
            sql += (sql.empty() ? "WHERE " : "AND ") + cond + " ";
            binds.push_back({&v, name});
        };
        add(f->entity, "entity", "entity = :entity");
        add(f->entity_id, "eid", "entity_id = :eid");
        add(f->actor, "actor", "actor = :actor");
        // "cycle." is every cycle.* code; anything else is the code itself.
        if (!f->action.empty() && f->action.back() == '.')
            add(f->action, "action", "substr(action, 1, " + std::to_string(f->action.size()) + ") = :action");
        else add(f->action, "action", "action = :action");
        add(f->from, "from_at", "at >= :from_at");
        add(f->to, "to_at", "at < :to_at");
    }
    void bind(soci::statement& st) const {
        for (auto& [v, name] : binds) st.exchange(soci::use(*v, name));
    }
};

void each(unit_of_work& tx, const std::string& sql, const where_clause& w, const std::function<bool(const audit_row&)>& fn) {
    audit_row r;
    long long id = 0;
    soci::statement st = (tx.sql().prepare << sql, soci::into(id), soci::into(r.at), soci::into(r.actor),
                          soci::into(r.action), soci::into(r.entity), soci::into(r.entity_id),
                          soci::into(r.before_json), soci::into(r.after_json), soci::into(r.prev_hash),
                          soci::into(r.hash));
    w.bind(st);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        r.id = id;
        if (!fn(r)) break;
    }
}
constexpr const char* kColumns =
    "SELECT id, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log ";
}  // namespace

page list(unit_of_work& tx, const filter& f, int offset, int limit) {
    page p;
    long long total = 0;
    where_clause w(&f);
    soci::statement count = (tx.sql().prepare << "SELECT COUNT(*) FROM audit_log " + w.sql, soci::into(total));
    w.bind(count);
    count.define_and_bind();
    count.execute(true);
    p.total = total;
    each(tx, std::string(kColumns) + w.sql + "ORDER BY id DESC LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset), w,
         [&](const audit_row& r) {
             p.items.push_back(r);
             return true;
         });
    return p;
}

std::vector<std::string> actions(unit_of_work& tx) {
    std::vector<std::string> out;
    std::string a;
    soci::statement st = (tx.sql().prepare << "SELECT DISTINCT action FROM audit_log ORDER BY action", soci::into(a));
    st.execute();
    while (st.fetch()) out.push_back(a);
    return out;
}

void scan(unit_of_work& tx, const std::function<bool(const audit_row&)>& fn) {
    each(tx, std::string(kColumns) + "ORDER BY id", where_clause(nullptr), fn);
}

std::string head_hash(unit_of_work& tx) {
    std::string h;
    tx.sql() << "SELECT hash FROM audit_head WHERE id = 1", soci::into(h);
    return h;
}
}  // namespace audit

}  // namespace skillgrade::storage
