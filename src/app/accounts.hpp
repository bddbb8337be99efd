// accounts.hpp
// Sign-in, sessions, the second factor, and the accounts administrators manage.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/accounts.hpp"

namespace skillgrade::app {

struct mfa_secret {
    std::string secret;       // base32, shown once
    std::string otpauth_uri;  // for the QR code
};

struct login_result {
    std::string token;  // raw session token for the cookie; only its hash is stored
    principal who;
    int max_age_seconds = 0;
};

// Creates the admin account with a one-time password when there are no users (first start).
std::optional<std::string> ensure_admin(context&);
// Signs in: the same work whether or not the user exists; throttled per user and address, per
// address and overall (429 with a retry time); `otp` is a TOTP or recovery code when the user has
// a second factor (401 auth.mfa_required without one). Every outcome is audited.
result<login_result> login(context&, const std::string& username, const std::string& password, const std::string& otp,
                           const client_info&);
// A session's principal; one indexed read per call, so a session ended on any server ends here too.
result<principal> authenticate(context&, const std::string& token);
// The principal of a user account as read in `tx` (its roles, engineer, org unit and its path).
principal principal_of(context&, storage::unit_of_work& tx, const storage::user_row&);
void logout(context&, const std::string& token, const client_info& = {});
// One's own password (the current one required); every other session of the user ends.
result<void> change_own_password(context&, const principal&, const std::string& current, const std::string& next,
                                 const client_info&);
result<mfa_secret> mfa_setup(context&, const principal&);
// Turns the second factor on with a code for the pending secret; answers ten recovery codes.
result<std::vector<std::string>> mfa_confirm(context&, const principal&, const std::string& code, const client_info&);
result<void> mfa_disable(context&, const principal&, const std::string& password, const client_info&);
result<std::vector<storage::session_row>> own_sessions(context&, const principal&);
result<void> end_own_session(context&, const principal&, std::int64_t session_id, const client_info&);
// Ends every session of a user (admin); how many.
result<int> revoke_user_sessions(context&, const principal&, std::int64_t user_id, const client_info&);
result<std::int64_t> add_user(context&, const std::string& actor, const std::string& username, const std::string& display_name,
                              const std::string& password, const std::vector<core::role>& roles,
                              std::optional<std::int64_t> engineer_id, std::optional<std::int64_t> org_unit_id);
// must_change: the user changes it at the next sign-in (an administrator's reset); every session ends.
result<void> reset_password(context&, const std::string& actor, const std::string& username, const std::string& password,
                            bool must_change = true);
result<storage::user_page> list_users(context&, const principal&, const storage::user_filter&);
// An account made by an administrator: the engineer and org unit are given by their codes.
struct new_user {
    std::string username, display_name, password;
    std::vector<std::string> roles;
    std::string engineer_no;  // links an engineer account to its engineer
    std::string org_unit;     // a manager's unit
};
result<storage::user_row> create_user(context&, const principal&, const new_user&);
// An administrator's reset: every session of the user ends, and the user must change it at the next sign-in.
result<void> set_password(context&, const principal&, std::int64_t user_id, const std::string& password);
// Display name, roles, enabled or disabled (a disabled account is signed out everywhere). Nobody
// disables their own account or drops their own administrator role; one active administrator remains.
struct user_change {
    std::string display_name;
    std::vector<std::string> roles;
    bool active = true;
};
result<storage::user_row> update_user(context&, const principal&, std::int64_t user_id, const user_change&);
// Engineer accounts in bulk (at most max_account_batch engineers at a time): the user name is the
// employee number, the password a one-time one that must be changed at the first sign-in. Engineers
// who left, who have an account already or whose number is taken as a user name are skipped, with
// the reason. The workbook is the hand-out sheet: 账号 (who got which password) and 未创建.
inline constexpr std::size_t max_account_batch = 100;
struct account_batch {
    int created = 0, skipped = 0;
    std::string xlsx;
};
result<account_batch> create_engineer_accounts(context&, const principal&, const std::vector<std::int64_t>& engineer_ids);
std::string hash_password(context&, const std::string& password);

}  // namespace skillgrade::app
