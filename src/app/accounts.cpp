// Sign-in, sessions, the second factor and the accounts administrators manage.
#include "app/accounts.hpp"

#include <sodium.h>

#include <cstdio>
#include <ctime>
#include <thread>
#include <boost/json.hpp>

#include "app/audit.hpp"
#include "app/caches.hpp"
#include "app/engineers.hpp"
#include "app/totp.hpp"
#include "app/views.hpp"
#include "core/text.hpp"
#include "documents/tables.hpp"
#include "storage/accounts.hpp"
#include "storage/engineers.hpp"
#include "storage/org_units.hpp"

namespace skillgrade::app {
using core::role;
namespace {


std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}


core::error unauthorized() {
    return {core::errc::unauthorized, "auth.required", {"请先登录", "Please sign in"}, {}};
}
}  // namespace


std::string hash_password(context& ctx, const std::string& password) {
    char out[crypto_pwhash_argon2id_STRBYTES];
    auto ops = ctx.cfg().fast_password_hashing ? crypto_pwhash_argon2id_OPSLIMIT_MIN : crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
    auto mem = ctx.cfg().fast_password_hashing ? crypto_pwhash_argon2id_MEMLIMIT_MIN * 8 : crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), ops, mem) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

namespace {
using clock_point = std::chrono::system_clock::time_point;

// The keys a failed sign-in counts under, with the limit of each.
std::vector<std::pair<std::string, int>> failure_keys(const config& cfg, const std::string& username, const std::string& address) {
    return {{"u|" + username + "|" + address, cfg.login_max_failures},
            {"a|" + address, cfg.login_max_failures_per_address},
            {"*", cfg.login_max_failures_global}};
}

core::error bad_credentials() {
    return {core::errc::unauthorized, "auth.bad_credentials", {"用户名或密码错误", "Wrong user name or password"}, {}};
}

std::string recovery_hash(std::string code) {
    std::string norm;
    for (char c : code)
        if (c != '-' && c != ' ') norm += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return sha256_hex("recovery|" + norm);
}

std::int64_t unix_seconds(clock_point t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }

core::error wrong_current_password(const char* field) {
    return {core::errc::invalid_input, "auth.wrong_password", {"当前密码不正确", "The current password is wrong"},
            {{field, {"当前密码不正确", "wrong password"}}}};
}
}  // namespace

int login_retry_after(context& ctx, const std::string& username, const std::string& address) {
    std::lock_guard lock(ctx.cache().login_mutex);
    auto now = ctx.now();
    auto window = std::chrono::minutes(ctx.cfg().login_window_minutes);
    int wait = 0;
    for (auto& [key, max] : failure_keys(ctx.cfg(), username, address)) {
        auto it = ctx.cache().failures.find(key);
        if (it == ctx.cache().failures.end()) continue;
        auto& v = it->second;
        std::erase_if(v, [&](auto t) { return t < now - window; });
        if (static_cast<int>(v.size()) >= max) {
            // Free again when enough of the oldest failures have left the window.
            auto free_at = v[v.size() - static_cast<std::size_t>(max)] + window;
            wait = std::max(wait, static_cast<int>(std::chrono::ceil<std::chrono::seconds>(free_at - now).count()));
        }
        if (v.empty()) ctx.cache().failures.erase(it);
    }
    return std::max(wait, 0);
}

bool note_failure(context& ctx, const std::string& username, const std::string& address) {
    std::lock_guard lock(ctx.cache().login_mutex);
    auto now = ctx.now();
    // Spraying many names fills the map: drop what has left the window, and bound it.
    if (ctx.cache().failures.size() > 100000) {
        auto cutoff = now - std::chrono::minutes(ctx.cfg().login_window_minutes);
        std::erase_if(ctx.cache().failures, [&](auto& kv) { return kv.second.empty() || kv.second.back() < cutoff; });
        if (ctx.cache().failures.size() > 100000) ctx.cache().failures.clear();
    }
    bool reached = false;
    for (auto& [key, max] : failure_keys(ctx.cfg(), username, address)) {
        auto& v = ctx.cache().failures[key];
        v.push_back(now);
        if (static_cast<int>(v.size()) == max) reached = true;
    }
    return reached;
}

const std::string& dummy_hash(context& ctx) {
    std::call_once(ctx.cache().dummy_once, [&] { ctx.cache().dummy_hash = hash_password(ctx, random_token(16)); });
    return ctx.cache().dummy_hash;
}

void audit_auth(context& ctx, const std::string& action, const std::string& username, std::optional<std::int64_t> user_id,
                         const client_info& client, const std::string& detail = "") {
    boost::json::object o{{"username", username.substr(0, 200)},
                          {"address", client.address},
                          {"user_agent", client.user_agent.substr(0, 300)}};
    if (!detail.empty()) o["detail"] = detail;
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    ctx.audit(tx, username.empty() ? "anonymous" : username.substr(0, 200), action, "user",
          user_id ? std::to_string(*user_id) : "", "{}", boost::json::serialize(o));
    tx.commit();
}

bool verify_second_factor(context& ctx, const storage::user_row& u, const std::string& code) {
    auto trimmed = core::trim(code);
    if (trimmed.size() == 6 && trimmed.find_first_not_of("0123456789") == std::string::npos) {
        auto step = totp_match(u.totp_secret, trimmed, totp_step(unix_seconds(ctx.now())));
        if (!step) return false;
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        bool fresh = storage::users::use_totp_step(tx, u.id, *step);  // a code is good once
        tx.commit();
        return fresh;
    }
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    bool used = storage::recovery_codes::use(tx, u.id, recovery_hash(trimmed), ctx.now_iso());
    tx.commit();
    return used;
}

result<login_result> login(context& ctx, const std::string& username, const std::string& password, const std::string& otp,
                                    const client_info& client) {
    if (int wait = login_retry_after(ctx, username, client.address); wait > 0) {
        auto minutes = std::to_string((wait + 59) / 60);
        auto e = core::error{core::errc::rate_limited, "auth.rate_limited",
                             {"登录失败次数过多，请 " + minutes + " 分钟后再试", "Too many failed sign-ins; try again in " + minutes + " minutes"},
                             {}};
        e.retry_after = wait;
        return std::unexpected(e);
    }
    std::optional<storage::user_row> user;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        user = storage::users::find(tx, username);
    }
    // The same Argon2id work whether or not the user exists, so the answer's time tells nothing.
    bool known = user && user->active;
    const std::string& hash = known ? user->password_hash : dummy_hash(ctx);
    bool ok = crypto_pwhash_argon2id_str_verify(hash.c_str(), password.data(), password.size()) == 0 && known;
    auto fail = [&](const core::error& e, const char* why) -> result<login_result> {
        bool locked = note_failure(ctx, username, client.address);
        audit_auth(ctx, "auth.login_failed", username, user ? std::optional(user->id) : std::nullopt, client, why);
        if (locked) audit_auth(ctx, "auth.lockout", username, user ? std::optional(user->id) : std::nullopt, client);
        return std::unexpected(e);
    };
    if (!ok) return fail(bad_credentials(), known ? "wrong password" : "unknown or inactive user");
    if (user->totp_enabled) {
        if (core::trim(otp).empty())
            return core::fail(core::errc::unauthorized, "auth.mfa_required",
                              {"请输入身份验证器中的验证码", "Enter the code from your authenticator app"},
                              {{"otp", {"请输入验证码", "enter the code"}}});
        if (!verify_second_factor(ctx, *user, otp))
            return fail({core::errc::unauthorized, "auth.mfa_bad_code", {"验证码不正确或已使用", "The code is wrong or was used already"},
                         {{"otp", {"验证码不正确或已使用", "wrong or used code"}}}},
                        "wrong second factor");
    }
    login_result out;
    out.token = random_token(32);
    storage::session_row s;
    s.token_hash = sha256_hex(out.token);
    s.user_id = user->id;
    s.csrf_token = random_token(24);
    s.expires_at = iso(ctx.now() + std::chrono::hours(ctx.cfg().session_hours));
    s.address = client.address;
    s.user_agent = client.user_agent.substr(0, 300);
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        storage::sessions::remove_expired(tx, ctx.now_iso());
        storage::sessions::insert(tx, s, ctx.now_iso());
        tx.commit();
    }
    audit_auth(ctx, "auth.login", username, user->id, client);
    out.max_age_seconds = ctx.cfg().session_hours * 3600;
    auto who = authenticate(ctx, out.token);
    if (!who) return std::unexpected(who.error());
    out.who = *who;
    return out;
}

principal principal_of(context& ctx, storage::unit_of_work& tx, const storage::user_row& u) {
    principal p;
    p.user_id = u.id;
    p.username = u.username;
    p.display_name = u.display_name;
    p.roles = u.roles;
    p.engineer_id = u.engineer_id;
    p.org_unit_id = u.org_unit_id;
    p.must_change_password = u.must_change_password;
    p.mfa_enabled = u.totp_enabled;
    p.mfa_enrolment_required =
        !u.totp_enabled && std::any_of(ctx.cfg().mfa_required_roles.begin(), ctx.cfg().mfa_required_roles.end(), [&](role r) { return p.has(r); });
    if (u.org_unit_id)
        if (auto o = storage::org_units::get(tx, *u.org_unit_id)) p.org_path = o->path;
    return p;
}

result<principal> authenticate(context& ctx, const std::string& token) {
    if (token.empty() || token.size() > 200) return std::unexpected(unauthorized());
    auto hash = sha256_hex(token);
    auto now = ctx.now();
    // The session row is read on every request (one indexed look-up), so a session ended on any
    // server instance ends everywhere at once; only the user's record is cached, briefly.
    auto s = storage::sessions::lookup(ctx.db(), hash);
    if (!s) return std::unexpected(unauthorized());
    auto idle_cutoff = iso(now - std::chrono::minutes(ctx.cfg().idle_minutes));
    if (s->expires_at <= iso(now) || s->last_seen_at < idle_cutoff) {
        storage::unit_of_work w(ctx.db(), storage::write::yes);
        storage::sessions::remove(w, hash);
        w.commit();
        return core::fail(core::errc::unauthorized, "auth.expired", {"会话已过期，请重新登录", "Your session has expired; please sign in again"});
    }
    bool stale = s->last_seen_at < iso(now - std::chrono::minutes(1));
    std::optional<principal> cached;
    {
        std::lock_guard lock(ctx.cache().session_mutex);
        if (auto it = ctx.cache().sessions.find(hash); it != ctx.cache().sessions.end() && now - it->second.checked < session_recheck) cached = it->second.who;
    }
    if (!cached) {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        auto u = storage::users::get(tx, s->user_id);
        if (!u || !u->active) return std::unexpected(unauthorized());
        principal p = principal_of(ctx, tx, *u);
        tx.commit();
        cached = p;
        std::lock_guard lock(ctx.cache().session_mutex);
        if (ctx.cache().sessions.size() > 10000) ctx.cache().sessions.clear();
        ctx.cache().sessions[hash] = {p, now, s->expires_at};
    }
    if (stale) {  // refresh the idle clock at most once a minute
        storage::unit_of_work w(ctx.db(), storage::write::yes);
        storage::sessions::touch(w, hash, iso(now));
        w.commit();
    }
    cached->csrf_token = s->csrf_token;
    cached->session_id = s->id;
    return *cached;
}

void forget_user(context& ctx, std::int64_t user_id) {
    std::lock_guard lock(ctx.cache().session_mutex);
    std::erase_if(ctx.cache().sessions, [&](auto& kv) { return kv.second.who.user_id == user_id; });
}

void logout(context& ctx, const std::string& token, const client_info& client) {
    auto hash = sha256_hex(token);
    std::optional<storage::session_row> s;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        s = storage::sessions::find(tx, hash);
        storage::sessions::remove(tx, hash);
        tx.commit();
    }
    if (!s) return;
    std::string username;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        if (auto u = storage::users::get(tx, s->user_id)) username = u->username;
    }
    forget_user(ctx, s->user_id);
    audit_auth(ctx, "auth.logout", username, s->user_id, client);
}

result<storage::user_row> with_password(context& ctx, const principal& p, const std::string& password, const client_info& client,
                                                 const char* field) {
    std::optional<storage::user_row> u;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        u = storage::users::get(tx, p.user_id);
    }
    if (!u) return std::unexpected(unauthorized());
    if (crypto_pwhash_argon2id_str_verify(u->password_hash.c_str(), password.data(), password.size()) != 0) {
        note_failure(ctx, p.username, client.address);
        audit_auth(ctx, "auth.password_check_failed", p.username, p.user_id, client, std::string("wrong ") + field);
        return std::unexpected(wrong_current_password(field));
    }
    return *u;
}

result<void> change_own_password(context& ctx, const principal& p, const std::string& current, const std::string& next,
                                          const client_info& client) {
    if (int wait = login_retry_after(ctx, p.username, client.address); wait > 0) {
        auto e = core::error{core::errc::rate_limited, "auth.rate_limited",
                             {"失败次数过多，请稍后再试", "Too many failed attempts; try again later"}, {}};
        e.retry_after = wait;
        return std::unexpected(e);
    }
    auto u = with_password(ctx, p, current, client, "current_password");
    if (!u) return std::unexpected(u.error());
    if (auto why = core::password_problem(next, u->username, u->display_name))
        return core::fail(core::errc::invalid_input, "user.weak_password", {"新密码不符合要求", "The new password is not accepted"},
                          {{"new_password", *why}});
    if (next == current)
        return core::fail(core::errc::invalid_input, "user.same_password", {"新密码不能与当前密码相同", "The new password must differ from the current one"},
                          {{"new_password", {"与当前密码相同", "same as the current password"}}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    storage::users::set_password(tx, p.user_id, hash_password(ctx, next), false);
    int ended = storage::sessions::remove_for_user(tx, p.user_id, p.session_id);
    tx.commit();
    forget_user(ctx, p.user_id);
    audit_auth(ctx, "auth.password_changed", p.username, p.user_id, client, std::to_string(ended) + " other session(s) ended");
    return {};
}

result<mfa_secret> mfa_setup(context& ctx, const principal& p) {
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto u = storage::users::get(tx, p.user_id);
    if (!u) return std::unexpected(unauthorized());
    if (u->totp_enabled)
        return core::fail(core::errc::conflict, "mfa.already_enabled",
                          {"双因素认证已启用；如需更换，请先关闭", "Two-factor authentication is on already; turn it off first to change it"});
    mfa_secret out;
    out.secret = new_totp_secret();
    out.otpauth_uri = otpauth_uri(ctx.cfg().mfa_issuer, u->username, out.secret);
    storage::users::set_totp(tx, p.user_id, out.secret, false);
    tx.commit();
    return out;
}

result<std::vector<std::string>> mfa_confirm(context& ctx, const principal& p, const std::string& code, const client_info& client) {
    std::optional<storage::user_row> u;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        u = storage::users::get(tx, p.user_id);
    }
    if (!u) return std::unexpected(unauthorized());
    if (u->totp_enabled) return core::fail(core::errc::conflict, "mfa.already_enabled", {"双因素认证已启用", "Two-factor authentication is on already"});
    if (u->totp_secret.empty())
        return core::fail(core::errc::conflict, "mfa.not_started", {"请先开始绑定", "Start the enrolment first"});
    auto step = totp_match(u->totp_secret, core::trim(code), totp_step(unix_seconds(ctx.now())));
    if (!step)
        return core::fail(core::errc::invalid_input, "mfa.bad_code", {"验证码不正确", "The code is wrong"},
                          {{"code", {"验证码不正确，请核对设备时间后重试", "wrong code; check the device's clock and try again"}}});
    std::vector<std::string> codes, hashes;
    for (int i = 0; i < 10; ++i) {
        unsigned char raw[7];
        randombytes_buf(raw, sizeof raw);
        auto b32 = base32_encode({reinterpret_cast<const char*>(raw), sizeof raw}).substr(0, 10);
        for (auto& c : b32) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto code_text = b32.substr(0, 5) + "-" + b32.substr(5);
        hashes.push_back(recovery_hash(code_text));
        codes.push_back(code_text);
    }
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        storage::users::set_totp(tx, p.user_id, u->totp_secret, true);
        storage::users::use_totp_step(tx, p.user_id, *step);
        storage::recovery_codes::replace(tx, p.user_id, hashes);
        tx.commit();
    }
    forget_user(ctx, p.user_id);
    audit_auth(ctx, "auth.mfa_enrolled", p.username, p.user_id, client);
    return codes;
}

result<void> mfa_disable(context& ctx, const principal& p, const std::string& password, const client_info& client) {
    if (std::any_of(ctx.cfg().mfa_required_roles.begin(), ctx.cfg().mfa_required_roles.end(), [&](role r) { return p.has(r); }))
        return core::fail(core::errc::forbidden, "mfa.required",
                          {"您的角色要求双因素认证，不能关闭", "Your role requires two-factor authentication; it cannot be turned off"});
    if (auto u = with_password(ctx, p, password, client, "password"); !u) return std::unexpected(u.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    storage::users::set_totp(tx, p.user_id, "", false);
    storage::recovery_codes::replace(tx, p.user_id, {});
    tx.commit();
    forget_user(ctx, p.user_id);
    audit_auth(ctx, "auth.mfa_disabled", p.username, p.user_id, client);
    return {};
}

result<std::vector<storage::session_row>> own_sessions(context& ctx, const principal& p) {
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto rows = storage::sessions::for_user(tx, p.user_id);
    auto now = iso(ctx.now()), idle_cutoff = iso(ctx.now() - std::chrono::minutes(ctx.cfg().idle_minutes));
    std::erase_if(rows, [&](auto& s) { return s.expires_at <= now || s.last_seen_at < idle_cutoff; });
    return rows;
}

result<void> end_own_session(context& ctx, const principal& p, std::int64_t session_id, const client_info& client) {
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    if (!storage::sessions::remove_one(tx, p.user_id, session_id))
        return core::fail(core::errc::not_found, "session.not_found", {"会话不存在或已结束", "No such session, or it has ended"});
    tx.commit();
    forget_user(ctx, p.user_id);
    audit_auth(ctx, "auth.session_ended", p.username, p.user_id, client, "session " + std::to_string(session_id));
    return {};
}

result<int> revoke_user_sessions(context& ctx, const principal& p, std::int64_t user_id, const client_info& client) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto u = storage::users::get(tx, user_id);
    if (!u) return core::fail(core::errc::not_found, "user.not_found", {"用户不存在", "No such user"});
    int ended = storage::sessions::remove_for_user(tx, user_id);
    tx.commit();
    forget_user(ctx, user_id);
    audit_auth(ctx, "auth.sessions_revoked", p.username, user_id, client, u->username + ": " + std::to_string(ended) + (ended == 1 ? " session" : " sessions"));
    return ended;
}

namespace {
std::optional<core::error> password_problem(const std::string& password, const std::string& username, const std::string& display_name) {
    if (auto why = core::password_problem(password, username, display_name))
        return core::error{core::errc::invalid_input, "user.weak_password", {"密码不符合要求", "The password is not accepted"},
                           {{"password", *why}}};
    return std::nullopt;
}
}  // namespace

result<std::int64_t> add_user(context& ctx, const std::string& actor, const std::string& username,
                                       const std::string& display_name, const std::string& password,
                                       const std::vector<role>& roles, std::optional<std::int64_t> engineer_id,
                                       std::optional<std::int64_t> org_unit_id) {
    if (username.empty() || core::char_count(username) > 64 || username.find_first_of(" \t\r\n") != std::string::npos ||
        core::text_problem(username, 64))
        return core::fail(core::errc::invalid_input, "user.bad_name",
                          {"用户名不能为空、不能含空白或控制字符，最长 64 字符", "The user name must be 1–64 characters without spaces or control characters"},
                          {{"username", {"用户名无效", "invalid user name"}}});
    if (auto why = core::text_problem(display_name, 100))
        return core::fail(core::errc::invalid_input, "user.invalid", {"账号信息有误", "The account is invalid"}, {{"display_name", *why}});
    if (auto p = password_problem(password, username, display_name)) return std::unexpected(*p);
    if (roles.empty())
        return core::fail(core::errc::invalid_input, "user.no_role", {"至少需要一个角色", "At least one role is required"},
                          {{"roles", {"至少需要一个角色", "at least one role"}}});
    storage::user_row u;
    u.username = username;
    u.display_name = display_name.empty() ? username : display_name;
    u.password_hash = hash_password(ctx, password);
    u.roles = roles;
    u.engineer_id = engineer_id;
    u.org_unit_id = org_unit_id;
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    if (storage::users::find(tx, username))
        return core::fail(core::errc::conflict, "user.exists", {"用户名已存在：" + username, "User name already exists: " + username},
                          {{"username", {"用户名已存在", "already exists"}}});
    auto id = storage::users::insert(tx, u, ctx.now_iso());
    u.id = id;
    ctx.audit(tx, actor, "user.create", "user", std::to_string(id), "{}", boost::json::serialize(to_json(u)));
    tx.commit();
    return id;
}

result<void> reset_password(context& ctx, const std::string& actor, const std::string& username, const std::string& password,
                                    bool must_change) {
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto u = storage::users::find(tx, username);
    if (!u) return core::fail(core::errc::not_found, "user.not_found", {"用户不存在：" + username, "No such user: " + username});
    if (auto p = password_problem(password, u->username, u->display_name)) return std::unexpected(*p);
    storage::users::set_password(tx, u->id, hash_password(ctx, password), must_change);
    int ended = storage::sessions::remove_for_user(tx, u->id);
    ctx.audit(tx, actor, "user.reset_password", "user", std::to_string(u->id), "{}",
          boost::json::serialize(boost::json::object{{"must_change_password", must_change}, {"sessions_ended", ended}}));
    tx.commit();
    forget_user(ctx, u->id);
    return {};
}

result<storage::user_page> list_users(context& ctx, const principal& p, const storage::user_filter& f) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    if (auto why = core::text_problem(f.q, 100))
        return core::fail(core::errc::invalid_input, "request.invalid_query", {"查询参数无效", "Invalid query parameters"}, {{"q", *why}});
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::users::page(tx, f);
}

namespace {
// 12 characters from an alphabet without look-alikes (0/O, 1/l/I): about 70 bits, typed from paper easily.
std::string one_time_password() {
    static constexpr std::string_view alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    std::string out;
    for (int i = 0; i < 12; ++i) out += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    return out;
}
}  // namespace

result<account_batch> create_engineer_accounts(context& ctx, const principal& p, const std::vector<std::int64_t>& ids) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    if (ids.empty() || ids.size() > max_account_batch)
        return core::fail(core::errc::invalid_input, "user.batch_size",
                          {"一次为 1–" + std::to_string(max_account_batch) + " 名工程师创建账号",
                           "Create accounts for 1–" + std::to_string(max_account_batch) + " engineers at a time"},
                          {{"engineer_ids", {"数量超出范围", "too many or none"}}});
    struct todo {
        core::engineer e;
        std::string password, hash;
    };
    std::vector<todo> make;
    std::vector<std::vector<std::string>> skipped{{"工号", "姓名", "组织单元", "原因"}};
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        std::vector<core::field_error> missing;
        for (auto id : ids) {
            auto e = storage::engineers::get(tx, id);
            if (!e) {
                missing.push_back({"engineer_ids", {"工程师不存在：" + std::to_string(id), "no engineer " + std::to_string(id)}});
                continue;
            }
            auto skip = [&](const std::string& why) { skipped.push_back({e->employee_no, e->name, e->org_unit_name, why}); };
            if (e->status != "active") skip("已离职");
            else if (auto u = storage::users::username_of_engineer(tx, id)) skip("已有账号：" + *u);
            else if (storage::users::find(tx, e->employee_no)) skip("用户名已被其他账号占用：" + e->employee_no);
            else make.push_back({std::move(*e), one_time_password(), {}});
        }
        if (!missing.empty())
            return core::fail(core::errc::invalid_input, "user.invalid", {"所选工程师有误", "The chosen engineers are invalid"}, missing);
    }
    // The hashes take most of the time: two threads, outside any transaction.
    {
        std::atomic<std::size_t> next{0};
        std::exception_ptr failed;  // from the other thread, rethrown here (a thread must not end in an exception)
        auto work = [&] {
            for (std::size_t i; (i = next++) < make.size();) make[i].hash = hash_password(ctx, make[i].password);
        };
        std::thread other([&] {
            try {
                work();
            } catch (...) {
                failed = std::current_exception();
                next = make.size();
            }
        });
        try {
            work();
        } catch (...) {
            next = make.size();
            other.join();
            throw;
        }
        other.join();
        if (failed) std::rethrow_exception(failed);
    }
    std::vector<std::vector<std::string>> sheet{{"工号", "姓名", "组织单元", "用户名", "一次性密码"}};
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    for (auto& m : make) {
        // Checked again inside the write: another administrator may have made one meanwhile.
        if (storage::users::username_of_engineer(tx, m.e.id) || storage::users::find(tx, m.e.employee_no)) {
            skipped.push_back({m.e.employee_no, m.e.name, m.e.org_unit_name, "已有账号"});
            continue;
        }
        storage::user_row u;
        u.username = m.e.employee_no;
        u.display_name = m.e.name;
        u.password_hash = m.hash;
        u.roles = {role::engineer};
        u.engineer_id = m.e.id;
        u.id = storage::users::insert(tx, u, ctx.now_iso());
        storage::users::set_password(tx, u.id, m.hash, true);
        u.must_change_password = true;
        ctx.audit(tx, p.username, "user.create", "user", std::to_string(u.id), "{}", boost::json::serialize(to_json(u)));
        sheet.push_back({m.e.employee_no, m.e.name, m.e.org_unit_name, u.username, m.password});
    }
    tx.commit();
    engineers_changed(ctx);  // the engineer list's account filter
    account_batch out;
    out.created = static_cast<int>(sheet.size()) - 1;
    out.skipped = static_cast<int>(skipped.size()) - 1;
    out.xlsx = documents::write_xlsx({{"账号", [&](const documents::row_sink& w) { for (auto& r : sheet) w(r); }},
                                      {"未创建", [&](const documents::row_sink& w) { for (auto& r : skipped) w(r); }}});
    return out;
}

result<storage::user_row> create_user(context& ctx, const principal& p, const new_user& in) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    std::vector<role> roles;
    for (auto& r : in.roles) {
        if (auto x = core::role_from(r)) roles.push_back(*x);
        else errs.push_back({"roles", {"未知角色：" + r, "unknown role: " + r}});
    }
    std::optional<std::int64_t> engineer, unit;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
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
    auto id = add_user(ctx, p.username, in.username, in.display_name, in.password, roles, engineer, unit);
    if (!id) return std::unexpected(id.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return *storage::users::get(tx, *id);
}

result<storage::user_row> update_user(context& ctx, const principal& p, std::int64_t user_id, const user_change& in) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    std::vector<role> roles;
    for (auto& r : in.roles) {
        if (auto x = core::role_from(r)) {
            if (std::find(roles.begin(), roles.end(), *x) == roles.end()) roles.push_back(*x);
        } else errs.push_back({"roles", {"未知角色：" + r, "unknown role: " + r}});
    }
    if (in.roles.empty()) errs.push_back({"roles", {"至少选择一个角色", "choose at least one role"}});
    auto name = core::trim(in.display_name);
    if (auto why = core::text_problem(name, 100)) errs.push_back({"display_name", *why});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto u = storage::users::get(tx, user_id);
    if (!u) return core::fail(core::errc::not_found, "user.not_found", {"用户不存在", "No such user"});
    auto has = [&](role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
    if (has(role::engineer) && !u->engineer_id)
        errs.push_back({"roles", {"该账号未关联工号，不能设为工程师", "the account is linked to no engineer, so it cannot be an engineer"}});
    if (has(role::manager) && !u->org_unit_id)
        errs.push_back({"roles", {"该账号没有所辖组织单元，不能设为主管", "the account has no org unit, so it cannot be a manager"}});
    if (user_id == p.user_id && !in.active) errs.push_back({"active", {"不能停用自己的账号", "you cannot disable your own account"}});
    if (user_id == p.user_id && !has(role::admin) && p.has(role::admin))
        errs.push_back({"roles", {"不能取消自己的管理员角色", "you cannot remove your own administrator role"}});
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "user.invalid", {"账号信息有误", "The account is invalid"}, errs);
    bool was_admin = u->active && std::find(u->roles.begin(), u->roles.end(), role::admin) != u->roles.end();
    if (was_admin && !(in.active && has(role::admin))) {
        if (storage::users::active_admins(tx) <= 1)
            return core::fail(core::errc::conflict, "user.last_admin", {"至少要保留一个启用的管理员账号", "At least one active administrator must remain"});
    }
    auto image = [](const std::string& name, const std::vector<role>& rs, bool active) {
        boost::json::array a;
        for (auto r : rs) a.push_back(boost::json::value(std::string(core::to_string(r))));
        return boost::json::serialize(boost::json::object{{"display_name", name}, {"roles", a}, {"disabled", !active}});
    };
    storage::users::update(tx, user_id, name.empty() ? u->display_name : name, roles, in.active);
    int ended = in.active ? 0 : storage::sessions::remove_for_user(tx, user_id);
    ctx.audit(tx, p.username, in.active == u->active ? "user.update" : in.active ? "user.enable" : "user.disable", "user", std::to_string(user_id),
          image(u->display_name, u->roles, u->active), image(name.empty() ? u->display_name : name, roles, in.active));
    auto after = storage::users::get(tx, user_id);
    tx.commit();
    if (ended || roles != u->roles) forget_user(ctx, user_id);  // cached sessions see the change at once
    return *after;
}

result<void> set_password(context& ctx, const principal& p, std::int64_t user_id, const std::string& password) {
    if (auto c = check(p, perm::users_manage); !c) return std::unexpected(c.error());
    std::string username;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        auto u = storage::users::get(tx, user_id);
        if (!u) return core::fail(core::errc::not_found, "user.not_found", {"用户不存在", "No such user"});
        username = u->username;
    }
    return reset_password(ctx, p.username, username, password);
}

std::optional<std::string> ensure_admin(context& ctx) {
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        if (storage::users::count(tx) > 0) return std::nullopt;
    }
    std::string password = random_token(12);
    auto id = add_user(ctx, "system", "admin", "系统管理员 Administrator", password, {role::admin}, std::nullopt, std::nullopt);
    if (!id) return std::nullopt;
    // A one-time password: the administrator chooses their own at the first sign-in.
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    if (auto u = storage::users::get(tx, *id)) storage::users::set_password(tx, *id, u->password_hash, true);
    tx.commit();
    return password;
}

}  // namespace skillgrade::app
