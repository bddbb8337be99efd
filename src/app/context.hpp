// context.hpp
// What every use case shares: the database, the configuration, the clock and the audit writer.
// One context per process (or per test); the use cases are free functions of one feature each
// (accounts.hpp, engineers.hpp, cycles.hpp, …) taking it first.
//
//   app::context ctx(db, cfg);
//   auto who = app::authenticate(ctx, token);             // a principal, or 401
//   auto page = app::list_engineers(ctx, *who, filter);   // scoped to who may see what
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/principal.hpp"
#include "core/date.hpp"

namespace skillgrade::storage {
class database;
class unit_of_work;
}  // namespace skillgrade::storage

namespace skillgrade::app {

class group_commit;

struct config {
    int session_hours = 12;         // absolute session lifetime
    int idle_minutes = 30;          // idle timeout
    int utc_offset_minutes = 480;   // shown zone and "today" (Asia/Shanghai)
    int login_max_failures = 5;     // per user name and address, within login_window_minutes
    int login_max_failures_per_address = 30;   // across user names (password spraying)
    int login_max_failures_global = 1000;      // all addresses together
    int login_window_minutes = 15;
    std::vector<core::role> mfa_required_roles{core::role::admin};  // must enrol a second factor before anything else
    std::string mfa_issuer = "skillgrade";     // the name an authenticator app shows
    bool fast_password_hashing = false;  // tests only: the minimum Argon2id cost
    bool secure_cookies = false;         // mark the session cookie Secure (serving behind HTTPS)
    int parallel_evaluation_from = 20000;  // reviewed applications from which a whole-cycle evaluation reads on two threads
    int exam_save_grace_seconds = 30;     // saves reaching the server this long after an exam's deadline still count (made in time)
    int exam_sweep_seconds = 5;           // how often the server submits attempts whose time ran out
    int exam_snapshot_days = 30;          // webcam snapshots are deleted this long after their sitting closed
};

class context {
public:
    using clock_fn = std::function<std::chrono::system_clock::time_point()>;
    context(storage::database& db, config cfg, clock_fn clock = {});
    ~context();
    context(const context&) = delete;
    context& operator=(const context&) = delete;

    storage::database& db() { return db_; }
    const config& cfg() const { return cfg_; }
    std::chrono::system_clock::time_point now() const { return clock_(); }
    std::string now_iso() const;
    core::date today() const;  // in the configured zone

    // Appends one hash-chained audit record inside the caller's unit of work (audit.cpp).
    void audit(storage::unit_of_work&, const std::string& actor, const std::string& action, const std::string& entity,
               const std::string& entity_id, const std::string& before_json, const std::string& after_json);

    // What the features keep between requests (sessions checked recently, failed sign-ins, list
    // totals); defined in caches.hpp, which only the features that use it include.
    struct caches;
    caches& cache() { return *caches_; }

    // Durable writes acknowledged after a shared commit (group_commit.hpp); made at first use.
    group_commit& writes();

private:
    storage::database& db_;
    config cfg_;
    clock_fn clock_;
    std::unique_ptr<caches> caches_;
    std::once_flag writes_once_;
    std::unique_ptr<group_commit> writes_;
};

// 404 request.not_found: "评定批次不存在：7" / "No such cycle: 7".
core::error not_found(const char* what_zh, const char* what_en, std::int64_t id);

// An instant as the API writes it: UTC, "YYYY-MM-DDTHH:MM:SSZ".
std::string iso(std::chrono::system_clock::time_point);

}  // namespace skillgrade::app
