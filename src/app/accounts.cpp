// Permissions, sign-in, sessions, users and the audit chain.
#include <sodium.h>

#include <boost/json.hpp>
#include <cstdio>
#include <ctime>

#include "app/service.hpp"
#include "app/views.hpp"

namespace skillgrade::app {
using core::role;
namespace {

std::string to_hex(const unsigned char* p, std::size_t n) {
    static const char* d = "0123456789abcdef";
    std::string s;
    s.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        s += d[p[i] >> 4];
        s += d[p[i] & 15];
    }
    return s;
}

std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string iso(std::chrono::system_clock::time_point t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

core::error unauthorized() {
    return {core::errc::unauthorized, "auth.required", {"请先登录", "Please sign in"}, {}};
}
}  // namespace

std::string sha256_hex(std::string_view s) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return to_hex(h, sizeof h);
}

std::string_view to_string(perm p) {
    switch (p) {
        case perm::public_: return "public";
        case perm::authenticated: return "authenticated";
        case perm::schemes_read: return "schemes.read";
        case perm::schemes_write: return "schemes.write";
        case perm::engineers_read: return "engineers.read";
        case perm::engineers_write: return "engineers.write";
        case perm::engineers_export: return "engineers.export";
        case perm::org_read: return "org.read";
        case perm::org_write: return "org.write";
        case perm::audit_read: return "audit.read";
        case perm::cycles_read: return "cycles.read";
        case perm::cycles_write: return "cycles.write";
        case perm::scores_write: return "scores.write";
        case perm::results_read: return "results.read";
        case perm::committee_vote: return "committee.vote";
        case perm::apply: return "cycles.apply";
        case perm::users_manage: return "users.manage";
    }
    return "?";
}

const std::vector<role>& roles_for(perm p) {
    static const std::vector<role> all(std::begin(core::kAllRoles), std::end(core::kAllRoles));
    static const std::vector<role> hr{role::admin, role::hr};
    static const std::vector<role> readers{role::admin,   role::hr,       role::examiner, role::committee,
                                           role::manager, role::engineer, role::auditor};
    static const std::vector<role> exporters{role::admin, role::hr, role::manager, role::auditor};
    static const std::vector<role> auditors{role::admin, role::auditor};
    static const std::vector<role> admins{role::admin};
    static const std::vector<role> applicants{role::admin, role::hr, role::manager, role::engineer};
    static const std::vector<role> scorers{role::admin, role::hr, role::examiner};
    static const std::vector<role> result_readers{role::admin, role::hr, role::committee, role::auditor};
    static const std::vector<role> committee{role::committee};
    switch (p) {
        case perm::public_:
        case perm::authenticated:
        case perm::schemes_read:
        case perm::cycles_read:
        case perm::org_read: return all;
        case perm::cycles_write: return hr;
        case perm::apply: return applicants;
        case perm::scores_write: return scorers;
        case perm::results_read: return result_readers;
        case perm::committee_vote: return committee;
        case perm::engineers_read: return readers;
        case perm::schemes_write:
        case perm::org_write:
        case perm::engineers_write: return hr;
        case perm::engineers_export: return exporters;
        case perm::audit_read: return auditors;
        case perm::users_manage: return admins;
    }
    return admins;
}

bool principal::has(role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool principal::may(perm p) const {
    if (p == perm::public_ || p == perm::authenticated) return true;
    for (auto r : roles_for(p))
        if (has(r)) return true;
    return false;
}

service::service(storage::database& db, config cfg, clock_fn clock)
    : db_(db), cfg_(cfg), clock_(clock ? std::move(clock) : clock_fn([] { return std::chrono::system_clock::now(); })) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string service::now_iso() const { return iso(clock_()); }

core::date service::today() const {
    auto local = clock_() + std::chrono::minutes(cfg_.utc_offset_minutes);
    return core::date{std::chrono::floor<std::chrono::days>(local)};
}

result<void> service::check(const principal& p, perm what) const {
    if (p.may(what)) return {};
    return core::fail(core::errc::forbidden, "auth.forbidden",
                      {"没有权限执行此操作（需要 " + std::string(to_string(what)) + "）",
                       "You are not allowed to do this (needs " + std::string(to_string(what)) + ")"});
}

std::string service::hash_password(const std::string& password) const {
    char out[crypto_pwhash_argon2id_STRBYTES];
    auto ops = cfg_.fast_password_hashing ? crypto_pwhash_argon2id_OPSLIMIT_MIN : crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
    auto mem = cfg_.fast_password_hashing ? crypto_pwhash_argon2id_MEMLIMIT_MIN * 8 : crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), ops, mem) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool service::rate_limited(const std::string& key) {
    std::lock_guard lock(login_mutex_);
    auto& v = failures_[key];
    auto cutoff = clock_() - std::chrono::minutes(cfg_.login_window_minutes);
    std::erase_if(v, [&](auto t) { return t < cutoff; });
    return static_cast<int>(v.size()) >= cfg_.login_max_failures;
}

void service::note_failure(const std::string& key) {
    std::lock_guard lock(login_mutex_);
    failures_[key].push_back(clock_());
}

result<login_result> service::login(const std::string& username, const std::string& password, const std::string& client) {
    std::string key = username + "|" + client;
    if (rate_limited(key))
        return core::fail(core::errc::rate_limited, "auth.rate_limited",
                          {"登录失败次数过多，请 " + std::to_string(cfg_.login_window_minutes) + " 分钟后再试",
                           "Too many failed sign-ins; try again in " + std::to_string(cfg_.login_window_minutes) + " minutes"});
    std::optional<storage::user_row> user;
    {
        storage::unit_of_work tx(db_, storage::write::no);
        user = storage::users::find(tx, username);
    }
    bool ok = user && user->active &&
              crypto_pwhash_argon2id_str_verify(user->password_hash.c_str(), password.data(), password.size()) == 0;
    if (!ok) {
        note_failure(key);
        return core::fail(core::errc::unauthorized, "auth.bad_credentials",
                          {"用户名或密码错误", "Wrong user name or password"});
    }
    login_result out;
    out.token = random_token(32);
    storage::session_row s;
    s.token_hash = sha256_hex(out.token);
    s.user_id = user->id;
    s.csrf_token = random_token(24);
    s.expires_at = iso(clock_() + std::chrono::hours(cfg_.session_hours));
    storage::unit_of_work tx(db_, storage::write::yes);
    storage::sessions::remove_expired(tx, now_iso());
    storage::sessions::insert(tx, s, now_iso());
    tx.commit();
    out.max_age_seconds = cfg_.session_hours * 3600;
    auto who = authenticate(out.token);
    if (!who) return std::unexpected(who.error());
    out.who = *who;
    return out;
}

result<principal> service::authenticate(const std::string& token) {
    if (token.empty()) return std::unexpected(unauthorized());
    auto hash = sha256_hex(token);
    auto now = clock_();
    {
        std::lock_guard lock(session_mutex_);
        if (auto it = sessions_.find(hash);
            it != sessions_.end() && now - it->second.checked < session_recheck && iso(now) < it->second.expires_at)
            return it->second.who;
    }
    storage::unit_of_work tx(db_, storage::write::no);
    auto s = storage::sessions::find(tx, hash);
    if (!s) return std::unexpected(unauthorized());
    auto idle_cutoff = iso(now - std::chrono::minutes(cfg_.idle_minutes));
    if (s->expires_at <= iso(now) || s->last_seen_at < idle_cutoff) {
        tx.commit();
        storage::unit_of_work w(db_, storage::write::yes);
        storage::sessions::remove(w, hash);
        w.commit();
        return core::fail(core::errc::unauthorized, "auth.expired", {"会话已过期，请重新登录", "Your session has expired; please sign in again"});
    }
    auto u = storage::users::get(tx, s->user_id);
    if (!u || !u->active) return std::unexpected(unauthorized());
    principal p;
    p.user_id = u->id;
    p.username = u->username;
    p.display_name = u->display_name;
    p.roles = u->roles;
    p.engineer_id = u->engineer_id;
    p.org_unit_id = u->org_unit_id;
    p.csrf_token = s->csrf_token;
    if (u->org_unit_id)
        if (auto o = storage::org_units::get(tx, *u->org_unit_id)) p.org_path = o->path;
    bool stale = s->last_seen_at < iso(now - std::chrono::minutes(1));
    tx.commit();
    if (stale) {  // refresh the idle clock at most once a minute
        storage::unit_of_work w(db_, storage::write::yes);
        storage::sessions::touch(w, hash, iso(now));
        w.commit();
    }
    std::lock_guard lock(session_mutex_);
    if (sessions_.size() > 10000) sessions_.clear();
    sessions_[hash] = {p, now, s->expires_at};
    return p;
}

void service::forget_sessions(const std::string& token_hash) {
    std::lock_guard lock(session_mutex_);
    if (token_hash.empty()) sessions_.clear();
    else sessions_.erase(token_hash);
}

void service::logout(const std::string& token) {
    auto hash = sha256_hex(token);
    storage::unit_of_work tx(db_, storage::write::yes);
    storage::sessions::remove(tx, hash);
    tx.commit();
    forget_sessions(hash);
}

namespace {
std::optional<core::error> password_problem(const std::string& password) {
    if (password.size() < 8)
        return core::error{core::errc::invalid_input, "user.weak_password",
                           {"密码至少 8 个字符", "The password must have at least 8 characters"},
                           {{"password", {"密码至少 8 个字符", "at least 8 characters"}}}};
    return std::nullopt;
}
}  // namespace

result<std::int64_t> service::add_user(const std::string& actor, const std::string& username,
                                       const std::string& display_name, const std::string& password,
                                       const std::vector<role>& roles, std::optional<std::int64_t> engineer_id,
                                       std::optional<std::int64_t> org_unit_id) {
    if (username.empty() || username.size() > 64 || username.find_first_of(" \t\r\n") != std::string::npos)
        return core::fail(core::errc::invalid_input, "user.bad_name",
                          {"用户名不能为空、不能含空白，最长 64 字符", "The user name must be 1–64 characters without spaces"},
                          {{"username", {"用户名无效", "invalid user name"}}});
    if (auto p = password_problem(password)) return std::unexpected(*p);
    if (roles.empty())
        return core::fail(core::errc::invalid_input, "user.no_role", {"至少需要一个角色", "At least one role is required"},
                          {{"roles", {"至少需要一个角色", "at least one role"}}});
    storage::user_row u;
    u.username = username;
    u.display_name = display_name.empty() ? username : display_name;
    u.password_hash = hash_password(password);
    u.roles = roles;
    u.engineer_id = engineer_id;
    u.org_unit_id = org_unit_id;
    storage::unit_of_work tx(db_, storage::write::yes);
    if (storage::users::find(tx, username))
        return core::fail(core::errc::conflict, "user.exists", {"用户名已存在：" + username, "User name already exists: " + username},
                          {{"username", {"用户名已存在", "already exists"}}});
    auto id = storage::users::insert(tx, u, now_iso());
    u.id = id;
    audit(tx, actor, "user.create", "user", std::to_string(id), "{}", boost::json::serialize(to_json(u)));
    tx.commit();
    return id;
}

result<void> service::reset_password(const std::string& actor, const std::string& username, const std::string& password) {
    if (auto p = password_problem(password)) return std::unexpected(*p);
    storage::unit_of_work tx(db_, storage::write::yes);
    auto u = storage::users::find(tx, username);
    if (!u) return core::fail(core::errc::not_found, "user.not_found", {"用户不存在：" + username, "No such user: " + username});
    storage::users::set_password(tx, u->id, hash_password(password));
    storage::sessions::remove_for_user(tx, u->id);
    audit(tx, actor, "user.reset_password", "user", std::to_string(u->id), "{}", "{}");
    tx.commit();
    forget_sessions("");
    return {};
}

result<std::vector<storage::user_row>> service::list_users(const principal& p) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    return storage::users::list(tx);
}

result<storage::user_row> service::create_user(const principal& p, const new_user& in) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    std::vector<role> roles;
    for (auto& r : in.roles) {
        if (auto x = core::role_from(r)) roles.push_back(*x);
        else errs.push_back({"roles", {"未知角色：" + r, "unknown role: " + r}});
    }
    std::optional<std::int64_t> engineer, unit;
    {
        storage::unit_of_work tx(db_, storage::write::no);
        if (!in.engineer_no.empty()) {
            engineer = storage::engineers::id_by_employee_no(tx, in.engineer_no);
            if (!engineer) errs.push_back({"engineer_no", {"工号不存在：" + in.engineer_no, "no engineer with number " + in.engineer_no}});
        }
        if (!in.org_unit.empty()) {
            for (auto& u : storage::org_units::list(tx))
                if (u.code == in.org_unit) unit = u.id;
            if (!unit) errs.push_back({"org_unit", {"组织单元不存在：" + in.org_unit, "unknown org unit: " + in.org_unit}});
        }
    }
    bool is_engineer = std::find(roles.begin(), roles.end(), role::engineer) != roles.end();
    bool is_manager = std::find(roles.begin(), roles.end(), role::manager) != roles.end();
    if (is_engineer && !engineer)
        errs.push_back({"engineer_no", {"工程师账号需要关联工号", "an engineer account needs the employee number"}});
    if (is_manager && !unit) errs.push_back({"org_unit", {"主管账号需要所辖组织单元", "a manager account needs its org unit"}});
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "user.invalid", {"账号信息有误", "The account is invalid"}, errs);
    auto id = add_user(p.username, in.username, in.display_name, in.password, roles, engineer, unit);
    if (!id) return std::unexpected(id.error());
    storage::unit_of_work tx(db_, storage::write::no);
    return *storage::users::get(tx, *id);
}

result<void> service::set_password(const principal& p, std::int64_t user_id, const std::string& password) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    std::string username;
    {
        storage::unit_of_work tx(db_, storage::write::no);
        auto u = storage::users::get(tx, user_id);
        if (!u) return core::fail(core::errc::not_found, "user.not_found", {"用户不存在", "No such user"});
        username = u->username;
    }
    return reset_password(p.username, username, password);
}

std::optional<std::string> service::ensure_admin() {
    {
        storage::unit_of_work tx(db_, storage::write::no);
        if (storage::users::count(tx) > 0) return std::nullopt;
    }
    std::string password = random_token(12);
    auto id = add_user("system", "admin", "系统管理员 Administrator", password, {role::admin}, std::nullopt, std::nullopt);
    if (!id) return std::nullopt;
    return password;
}

// ---- audit chain ---------------------------------------------------------------------

std::string audit_hash(const storage::audit_row& r) {
    std::string s = r.prev_hash;
    for (auto* f : {&r.at, &r.actor, &r.action, &r.entity, &r.entity_id, &r.before_json, &r.after_json}) {
        s += '\x1f';
        s += *f;
    }
    return sha256_hex(std::to_string(r.id) + '\x1f' + s);
}

void service::audit(storage::unit_of_work& tx, const std::string& actor, const std::string& action,
                    const std::string& entity, const std::string& entity_id, const std::string& before_json,
                    const std::string& after_json) {
    auto [id, prev] = storage::audit::lock_head(tx);
    storage::audit_row r{id, now_iso(), actor, action, entity, entity_id, before_json, after_json, prev, ""};
    r.hash = audit_hash(r);
    storage::audit::append(tx, r);
}

result<storage::audit::page> service::list_audit(const principal& p, const std::string& entity, int page, int page_size) {
    if (auto c = check(p, perm::audit_read); !c) return std::unexpected(c.error());
    page = std::max(page, 1);
    page_size = std::clamp(page_size, 1, 200);
    storage::unit_of_work tx(db_, storage::write::no);
    return storage::audit::list(tx, entity, (page - 1) * page_size, page_size);
}

audit_verdict service::verify_audit() {
    audit_verdict v;
    storage::unit_of_work tx(db_, storage::write::no);
    std::string prev(64, '0');
    std::int64_t expected = 1;
    storage::audit::scan(tx, [&](const storage::audit_row& r) {
        ++v.checked;
        std::string why;
        if (r.id != expected) why = "missing record(s) before id " + std::to_string(r.id);
        else if (r.prev_hash != prev) why = "prev_hash does not match the previous record";
        else if (audit_hash(r) != r.hash) why = "record content does not match its hash";
        if (!why.empty()) {
            v.ok = false;
            v.first_broken = r.id;
            v.reason = why;
            return false;
        }
        prev = r.hash;
        ++expected;
        return true;
    });
    if (v.ok && storage::audit::head_hash(tx) != prev) {
        v.ok = false;
        v.first_broken = expected;
        v.reason = "the newest record(s) were deleted (head hash differs)";
    }
    return v;
}

}  // namespace skillgrade::app
