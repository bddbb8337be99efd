// Users, roles and sessions.
#include <soci/soci.h>

#include <stdexcept>

#include "storage/accounts.hpp"

namespace skillgrade::storage {
namespace {
std::optional<std::int64_t> opt(long long v, soci::indicator ind) {
    if (ind == soci::i_null) return std::nullopt;
    return v;
}

void load_roles(unit_of_work& tx, user_row& u) {
    std::string r;
    long long id = u.id;
    soci::statement st = (tx.sql().prepare << "SELECT role FROM user_roles WHERE user_id = :id ORDER BY role",
                          soci::use(id), soci::into(r));
    st.execute();
    while (st.fetch())
        if (auto role = core::role_from(r)) u.roles.push_back(*role);
}

std::optional<user_row> select_user(unit_of_work& tx, const std::string& where, const std::string& key,
                                    long long id) {
    user_row u;
    long long uid = 0, eng = 0, org = 0, last_step = 0;
    int active = 1, must_change = 0, totp_on = 0;
    soci::indicator ei = soci::i_null, oi = soci::i_null;
    std::string sql = "SELECT id, username, display_name, password_hash, engineer_id, org_unit_id, active, "
                      "must_change_password, totp_secret, totp_enabled, totp_last_step FROM users WHERE " + where;
    soci::statement st = (tx.sql().prepare << sql, soci::into(uid), soci::into(u.username),
                          soci::into(u.display_name), soci::into(u.password_hash), soci::into(eng, ei),
                          soci::into(org, oi), soci::into(active), soci::into(must_change), soci::into(u.totp_secret),
                          soci::into(totp_on), soci::into(last_step));
    if (where.find(":key") != std::string::npos) st.exchange(soci::use(key, "key"));
    else st.exchange(soci::use(id, "id"));
    st.define_and_bind();
    st.execute(true);
    if (!st.got_data()) return std::nullopt;
    u.id = uid;
    u.engineer_id = opt(eng, ei);
    u.org_unit_id = opt(org, oi);
    u.active = active != 0;
    u.must_change_password = must_change != 0;
    u.totp_enabled = totp_on != 0;
    u.totp_last_step = last_step;
    load_roles(tx, u);
    return u;
}

constexpr const char* kSessionColumns =
    "SELECT id, token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, address, user_agent FROM sessions ";
}  // namespace

namespace users {
std::optional<user_row> find(unit_of_work& tx, const std::string& username) {
    return select_user(tx, "username = :key", username, 0);
}
std::optional<user_row> get(unit_of_work& tx, std::int64_t id) { return select_user(tx, "id = :id", "", id); }

user_page page(unit_of_work& tx, const user_filter& f) {
    std::string q = contains_pattern(f.q);
    std::string role(f.role ? core::to_string(*f.role) : "");
    const std::string where =
        " FROM users WHERE (username LIKE :q ESCAPE '\\' OR display_name LIKE :q2 ESCAPE '\\')"
        " AND (:r = '' OR id IN (SELECT user_id FROM user_roles WHERE role = :r2))";
    user_page out;
    long long total = 0;
    tx.sql() << "SELECT COUNT(*)" + where, soci::use(q, "q"), soci::use(q, "q2"), soci::use(role, "r"), soci::use(role, "r2"),
        soci::into(total);
    out.total = total;
    long long id = 0;
    std::vector<long long> ids;
    soci::statement st = (tx.sql().prepare << "SELECT id" + where + " ORDER BY username LIMIT " + std::to_string(f.page_size) +
                                                  " OFFSET " + std::to_string(static_cast<long long>(f.page - 1) * f.page_size),
                          soci::use(q, "q"), soci::use(q, "q2"), soci::use(role, "r"), soci::use(role, "r2"), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    for (auto i : ids)
        if (auto u = get(tx, i)) out.items.push_back(std::move(*u));
    return out;
}

int active_admins(unit_of_work& tx) {
    int n = 0;
    tx.sql() << "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'admin' AND u.active = 1",
        soci::into(n);
    return n;
}

std::optional<std::string> username_of_engineer(unit_of_work& tx, std::int64_t engineer_id) {
    long long e = engineer_id;
    std::string name;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT MIN(username) FROM users WHERE engineer_id = :e", soci::use(e), soci::into(name, ind);
    if (ind != soci::i_ok) return std::nullopt;
    return name;
}

std::int64_t insert(unit_of_work& tx, const user_row& u, const std::string& now) {
    long long id = 0, eng = u.engineer_id.value_or(0), org = u.org_unit_id.value_or(0);
    soci::indicator ei = u.engineer_id ? soci::i_ok : soci::i_null, oi = u.org_unit_id ? soci::i_ok : soci::i_null;
    int active = u.active ? 1 : 0;
    tx.sql() << "INSERT INTO users (username, display_name, password_hash, engineer_id, org_unit_id, active, created_at) "
                "VALUES (:u, :d, :p, :e, :o, :a, :now) RETURNING id",
        soci::use(u.username), soci::use(u.display_name), soci::use(u.password_hash), soci::use(eng, ei),
        soci::use(org, oi), soci::use(active), soci::use(now), soci::into(id);
    for (auto r : u.roles) {
        std::string name(core::to_string(r));
        tx.sql() << "INSERT INTO user_roles (user_id, role) VALUES (:id, :r)", soci::use(id), soci::use(name);
    }
    return id;
}

void update(unit_of_work& tx, std::int64_t id, const std::string& display_name, const std::vector<core::role>& roles, bool active) {
    long long i = id;
    int a = active ? 1 : 0;
    tx.sql() << "UPDATE users SET display_name = :d, active = :a WHERE id = :id", soci::use(display_name), soci::use(a), soci::use(i);
    tx.sql() << "DELETE FROM user_roles WHERE user_id = :id", soci::use(i);
    for (auto r : roles) {
        std::string name(core::to_string(r));
        tx.sql() << "INSERT INTO user_roles (user_id, role) VALUES (:id, :r)", soci::use(i), soci::use(name);
    }
}

void set_password(unit_of_work& tx, std::int64_t id, const std::string& hash, bool must_change) {
    long long i = id;
    int m = must_change ? 1 : 0;
    tx.sql() << "UPDATE users SET password_hash = :h, must_change_password = :m WHERE id = :id", soci::use(hash), soci::use(m),
        soci::use(i);
}

void set_totp(unit_of_work& tx, std::int64_t id, const std::string& secret, bool enabled) {
    long long i = id;
    int on = enabled ? 1 : 0;
    tx.sql() << "UPDATE users SET totp_secret = :s, totp_enabled = :on WHERE id = :id", soci::use(secret), soci::use(on),
        soci::use(i);
}

bool use_totp_step(unit_of_work& tx, std::int64_t id, std::int64_t step) {
    long long i = id, st = step;
    soci::statement q = (tx.sql().prepare << "UPDATE users SET totp_last_step = :s WHERE id = :id AND totp_last_step < :s2",
                         soci::use(st), soci::use(i), soci::use(st));
    q.execute(true);
    return q.get_affected_rows() == 1;
}

std::int64_t count(unit_of_work& tx) {
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM users", soci::into(n);
    return n;
}
}  // namespace users

namespace recovery_codes {
void replace(unit_of_work& tx, std::int64_t user_id, const std::vector<std::string>& code_hashes) {
    long long u = user_id;
    tx.sql() << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(u);
    for (auto& h : code_hashes)
        tx.sql() << "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:u, :h)", soci::use(u), soci::use(h);
}

bool use(unit_of_work& tx, std::int64_t user_id, const std::string& code_hash, const std::string& now) {
    long long u = user_id;
    soci::statement q = (tx.sql().prepare << "UPDATE recovery_codes SET used_at = :now WHERE user_id = :u AND code_hash = :h "
                                             "AND used_at IS NULL",
                         soci::use(now), soci::use(u), soci::use(code_hash));
    q.execute(true);
    return q.get_affected_rows() == 1;
}

int unused(unit_of_work& tx, std::int64_t user_id) {
    long long u = user_id;
    int n = 0;
    tx.sql() << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :u AND used_at IS NULL", soci::use(u), soci::into(n);
    return n;
}
}  // namespace recovery_codes

namespace sessions {
namespace {
// Reads the rows of a query over kSessionColumns with one bound value, through the
// connection's prepared statement (`c`: a unit_of_work or a connection).
template <class Connection, class Key>
std::vector<session_row> select(Connection& c, const std::string& where, Key key) {
    std::vector<session_row> out;
    session_row s;
    long long id = 0, uid = 0;
    auto st = c.prepared(std::string(kSessionColumns) + where);
    st->exchange(soci::use(key));
    st->exchange(soci::into(id));
    st->exchange(soci::into(s.token_hash));
    st->exchange(soci::into(uid));
    for (auto* v : {&s.csrf_token, &s.created_at, &s.expires_at, &s.last_seen_at, &s.address, &s.user_agent})
        st->exchange(soci::into(*v));
    st->define_and_bind();
    st->execute();
    while (st->fetch()) {
        s.id = id;
        s.user_id = uid;
        out.push_back(s);
    }
    return out;
}
}  // namespace

std::int64_t insert(unit_of_work& tx, const session_row& s, const std::string& now) {
    long long uid = s.user_id, id = 0;
    tx.sql() << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, address, user_agent) "
                "VALUES (:t, :u, :c, :now, :e, :now2, :a, :ua) RETURNING id",
        soci::use(s.token_hash), soci::use(uid), soci::use(s.csrf_token), soci::use(now), soci::use(s.expires_at),
        soci::use(now), soci::use(s.address), soci::use(s.user_agent), soci::into(id);
    return id;
}

std::optional<session_row> find(unit_of_work& tx, const std::string& token_hash) {
    auto rows = select(tx, "WHERE token_hash = :t", token_hash);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<session_row> for_user(unit_of_work& tx, std::int64_t user_id) {
    return select(tx, "WHERE user_id = :u ORDER BY last_seen_at DESC, id DESC", static_cast<long long>(user_id));
}

std::optional<session_row> lookup(database& db, const std::string& token_hash) {
    // In autocommit: one indexed read, no BEGIN/COMMIT round of its own.
    connection c(db);
    auto rows = select(c, "WHERE token_hash = :t", token_hash);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

void touch(unit_of_work& tx, const std::string& token_hash, const std::string& now) {
    tx.sql() << "UPDATE sessions SET last_seen_at = :now WHERE token_hash = :t", soci::use(now), soci::use(token_hash);
}

void remove(unit_of_work& tx, const std::string& token_hash) {
    tx.sql() << "DELETE FROM sessions WHERE token_hash = :t", soci::use(token_hash);
}

bool remove_one(unit_of_work& tx, std::int64_t user_id, std::int64_t id) {
    long long u = user_id, i = id;
    soci::statement q = (tx.sql().prepare << "DELETE FROM sessions WHERE user_id = :u AND id = :id", soci::use(u), soci::use(i));
    q.execute(true);
    return q.get_affected_rows() == 1;
}

int remove_for_user(unit_of_work& tx, std::int64_t user_id, std::int64_t keep_id) {
    long long u = user_id, k = keep_id;
    soci::statement q = (tx.sql().prepare << "DELETE FROM sessions WHERE user_id = :u AND id <> :k", soci::use(u), soci::use(k));
    q.execute(true);
    return static_cast<int>(q.get_affected_rows());
}

void remove_expired(unit_of_work& tx, const std::string& now) {
    tx.sql() << "DELETE FROM sessions WHERE expires_at < :now", soci::use(now);
}
}  // namespace sessions

}  // namespace skillgrade::storage
