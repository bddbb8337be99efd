// accounts.hpp
// The rows of accounts: users with their roles, second factor and recovery codes, and sessions
// (stored by the hash of their token, with the device and address they came from).
//
//   unit_of_work tx(db, write::no);
//   auto u = users::find(tx, "hr");                 // the account, its roles and its TOTP state
//   auto s = sessions::find(tx, token_hash);        // nullopt once ended anywhere
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/people.hpp"
#include "storage/database.hpp"

namespace skillgrade::storage {

struct user_row {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    std::string password_hash;
    std::optional<std::int64_t> engineer_id;
    std::optional<std::int64_t> org_unit_id;
    bool active = true;
    std::vector<core::role> roles;
    bool must_change_password = false;  // set by an administrator's reset
    std::string totp_secret;            // base32; pending until totp_enabled
    bool totp_enabled = false;
    std::int64_t totp_last_step = 0;    // the last time step accepted (a code is good once)
};

struct user_filter {
    std::string q;                   // user name or display name contains
    std::optional<core::role> role;  // holds this role
    int page = 1;
    int page_size = 50;
};
struct user_page {
    std::vector<user_row> items;  // by user name
    std::int64_t total = 0;
};

namespace users {
std::optional<user_row> find(unit_of_work&, const std::string& username);
std::optional<user_row> get(unit_of_work&, std::int64_t id);
user_page page(unit_of_work&, const user_filter&);
int active_admins(unit_of_work&);
// The account linked to an engineer, if there is one.
std::optional<std::string> username_of_engineer(unit_of_work&, std::int64_t engineer_id);
std::int64_t insert(unit_of_work&, const user_row&, const std::string& now);
void set_password(unit_of_work&, std::int64_t id, const std::string& hash, bool must_change);
// A new pending secret (enabled = false) or the confirmed one (enabled = true); "" turns it off.
void set_totp(unit_of_work&, std::int64_t id, const std::string& secret, bool enabled);
// Records the time step of an accepted code; false when that step (or a later one) was used already.
bool use_totp_step(unit_of_work&, std::int64_t id, std::int64_t step);
std::int64_t count(unit_of_work&);
// Display name, roles and whether the account may sign in.
void update(unit_of_work&, std::int64_t id, const std::string& display_name, const std::vector<core::role>& roles, bool active);
}  // namespace users

namespace recovery_codes {
void replace(unit_of_work&, std::int64_t user_id, const std::vector<std::string>& code_hashes);
// Marks an unused code as used; false when there is none with that hash.
bool use(unit_of_work&, std::int64_t user_id, const std::string& code_hash, const std::string& now);
int unused(unit_of_work&, std::int64_t user_id);
}  // namespace recovery_codes

struct session_row {
    std::int64_t id = 0;
    std::string token_hash;
    std::int64_t user_id = 0;
    std::string csrf_token;
    std::string created_at;
    std::string expires_at;
    std::string last_seen_at;
    std::string address;
    std::string user_agent;
};

namespace sessions {
std::int64_t insert(unit_of_work&, const session_row&, const std::string& now);
std::optional<session_row> find(unit_of_work&, const std::string& token_hash);
// The same read as one statement on a pooled connection outside any unit of work: what every
// request pays to learn that its session still exists.
std::optional<session_row> lookup(database&, const std::string& token_hash);
std::vector<session_row> for_user(unit_of_work&, std::int64_t user_id);  // newest first
void touch(unit_of_work&, const std::string& token_hash, const std::string& now);
void remove(unit_of_work&, const std::string& token_hash);
// One session of this user; false when the user has none with that id.
bool remove_one(unit_of_work&, std::int64_t user_id, std::int64_t id);
// Every session of the user but `keep_id` (0 = all); how many ended.
int remove_for_user(unit_of_work&, std::int64_t user_id, std::int64_t keep_id = 0);
void remove_expired(unit_of_work&, const std::string& now);
}  // namespace sessions

}  // namespace skillgrade::storage
