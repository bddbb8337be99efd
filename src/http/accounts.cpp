// Sign-in, sign-out and the session; one's own password, second factor and sessions; accounts (admin).
#include "app/accounts.hpp"
#include "http/edge.hpp"
#include "http/handlers.hpp"
#include "http/reading.hpp"
#include "storage/accounts.hpp"

namespace skillgrade::http {
namespace js = boost::json;
using st = bhttp::status;

namespace {

app::client_info client_of(const context& ctx) {
    return {ctx.client, std::string(ctx.req[bhttp::field::user_agent].substr(0, 300))};
}

std::string token_of(const context& ctx) {
    return std::string(cookie_value(ctx.req[bhttp::field::cookie], session_cookie).value_or(""));
}

std::string cookie(const context& ctx, const std::string& value, int max_age) {
    return std::string(session_cookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
           (ctx.app.cfg().secure_cookies ? "; Secure" : "");
}

// The session as it is now (after a change to the account), for the answer.
response session_now(context& ctx) {
    auto who = app::authenticate(ctx.app, token_of(ctx));
    if (!who) return problem(ctx, who.error());
    return json(ctx, st::ok, app::session_json(*who, ctx.app.cfg().utc_offset_minutes));
}

// Reads a body of string fields only (all required); the problem response when it is not one.
std::optional<response> read_strings(context& ctx, std::initializer_list<std::pair<const char*, std::string*>> fields,
                                     std::initializer_list<const char*> optional = {}) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    for (auto& [key, out] : fields) {
        bool required = std::find_if(optional.begin(), optional.end(), [&](const char* k) { return std::string_view(k) == key; }) ==
                        optional.end();
        *out = b.str(key, required);
    }
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    return std::nullopt;
}

}  // namespace

response me(context& ctx) { return json(ctx, st::ok, app::session_json(*ctx.who, ctx.app.cfg().utc_offset_minutes)); }

response login(context& ctx) {
    std::string username, password, otp;
    if (auto bad = read_strings(ctx, {{"username", &username}, {"password", &password}, {"otp", &otp}}, {"otp"})) return *bad;
    auto r = app::login(ctx.app, username, password, otp, client_of(ctx));
    if (!r) return problem(ctx, r.error());
    auto res = json(ctx, st::ok, app::session_json(r->who, ctx.app.cfg().utc_offset_minutes));
    res.set(bhttp::field::set_cookie, cookie(ctx, r->token, r->max_age_seconds));
    return res;
}

response logout(context& ctx) {
    app::logout(ctx.app, token_of(ctx), client_of(ctx));
    auto res = json(ctx, st::ok, js::object{{"ok", true}});
    res.set(bhttp::field::set_cookie, cookie(ctx, "", 0));
    return res;
}

response change_own_password(context& ctx) {
    std::string current, next;
    if (auto bad = read_strings(ctx, {{"current_password", &current}, {"new_password", &next}})) return *bad;
    auto r = app::change_own_password(ctx.app, *ctx.who, current, next, client_of(ctx));
    if (!r) return problem(ctx, r.error());
    return session_now(ctx);
}

response mfa_setup(context& ctx) {
    auto r = app::mfa_setup(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"secret", r->secret}, {"otpauth_uri", r->otpauth_uri}});
}

response mfa_confirm(context& ctx) {
    std::string code;
    if (auto bad = read_strings(ctx, {{"code", &code}})) return *bad;
    auto r = app::mfa_confirm(ctx.app, *ctx.who, code, client_of(ctx));
    if (!r) return problem(ctx, r.error());
    auto who = app::authenticate(ctx.app, token_of(ctx));
    if (!who) return problem(ctx, who.error());
    js::array codes;
    for (auto& c : *r) codes.emplace_back(c);
    return json(ctx, st::ok, js::object{{"recovery_codes", codes}, {"session", app::session_json(*who, ctx.app.cfg().utc_offset_minutes)}});
}

response mfa_disable(context& ctx) {
    std::string password;
    if (auto bad = read_strings(ctx, {{"password", &password}})) return *bad;
    auto r = app::mfa_disable(ctx.app, *ctx.who, password, client_of(ctx));
    if (!r) return problem(ctx, r.error());
    return session_now(ctx);
}

response list_own_sessions(context& ctx) {
    auto r = app::own_sessions(ctx.app, *ctx.who);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& s : *r) items.push_back(app::to_json(s, ctx.who->session_id));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", items.size()}});
}

response end_own_session(context& ctx) {
    auto r = app::end_own_session(ctx.app, *ctx.who, ctx.id("id"), client_of(ctx));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"ok", true}});
}

response revoke_user_sessions(context& ctx) {
    auto r = app::revoke_user_sessions(ctx.app, *ctx.who, ctx.id("id"), client_of(ctx));
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"ended", *r}});
}

response list_users(context& ctx) {
    static const std::set<std::string> known{"q", "role", "page", "page_size"};
    if (auto ok = only_known(ctx, known); !ok) return problem(ctx, ok.error());
    storage::user_filter f;
    f.q = query(ctx, "q");
    if (auto r = query(ctx, "role"); !r.empty()) {
        f.role = core::role_from(r);
        if (!f.role) return problem(ctx, invalid("role", {"未知角色：" + r, "unknown role: " + r}));
    }
    auto page = query_int(ctx, "page", 1, 1, 1000000), size = query_int(ctx, "page_size", 50, 1, 200);
    if (!page) return problem(ctx, page.error());
    if (!size) return problem(ctx, size.error());
    f.page = static_cast<int>(*page);
    f.page_size = static_cast<int>(*size);
    auto r = app::list_users(ctx.app, *ctx.who, f);
    if (!r) return problem(ctx, r.error());
    js::array items;
    for (auto& u : r->items) items.push_back(app::to_json(u));
    return json(ctx, st::ok, js::object{{"items", items}, {"total", r->total}, {"page", f.page}, {"page_size", f.page_size}});
}

response create_engineer_accounts(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto ids = b.ids("engineer_ids", app::max_account_batch);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::create_engineer_accounts(ctx.app, *ctx.who, ids);
    if (!r) return problem(ctx, r.error());
    auto res = bytes(ctx, std::move(r->xlsx), xlsx_type,
                     "accounts.xlsx");
    res.set("X-Accounts-Created", std::to_string(r->created));
    res.set("X-Accounts-Skipped", std::to_string(r->skipped));
    return res;
}

response create_user(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::new_user in;
    in.username = core::trim(b.str("username", true));
    in.display_name = core::trim(b.str("display_name", false));
    in.password = b.str("password", true);
    in.roles = b.strings("roles");
    in.engineer_no = core::trim(b.str("engineer_no", false));
    in.org_unit = core::trim(b.str("org_unit", false));
    auto errs = b.finish();
    if (!errs.empty())
        return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::create_user(ctx.app, *ctx.who, in);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::created, app::to_json(*r));
}

response update_user(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    app::user_change in;
    in.display_name = b.str("display_name", false);
    in.roles = b.strings("roles");
    in.active = b.boolean("active").value_or(true);
    auto errs = b.finish();
    if (!errs.empty()) return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::update_user(ctx.app, *ctx.who, ctx.id("id"), in);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, app::to_json(*r));
}

response set_password(context& ctx) {
    auto o = parse_object(ctx);
    if (!o) return problem(ctx, o.error());
    body_reader b(*o);
    auto password = b.str("password", true);
    auto errs = b.finish();
    if (!errs.empty())
        return problem(ctx, invalid_body(std::move(errs)));
    auto r = app::set_password(ctx.app, *ctx.who, ctx.id("id"), password);
    if (!r) return problem(ctx, r.error());
    return json(ctx, st::ok, js::object{{"ok", true}});
}

}  // namespace skillgrade::http
