// service.hpp
// The use cases of skillgrade. One use case = one function: check the permission, open a
// unit of work, call core, write the audit record, commit. http and cli are thin callers.
//
//   app::service svc(db, cfg);
//   auto who = svc.authenticate(token);                  // a principal, or 401
//   auto page = svc.list_engineers(*who, filter);        // scoped to who may see what
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/cycle.hpp"
#include "core/eligibility.hpp"
#include "core/evaluation.hpp"
#include "core/error.hpp"
#include "core/people.hpp"
#include "core/scheme.hpp"
#include "storage/repositories.hpp"

namespace skillgrade::app {

using core::result;

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
};

enum class perm {
    public_,          // no session needed
    account,          // one's own account (password, second factor, sessions): also while a change is required
    authenticated,    // any signed-in user
    schemes_read,
    schemes_write,
    engineers_read,   // scoped: engineers see themselves, managers their org subtree
    engineers_write,
    engineers_export,
    org_read,
    org_write,
    audit_read,
    cycles_read,
    cycles_write,     // plan cycles, review eligibility (HR)
    scores_write,     // enter and import component scores (examiners, HR)
    results_read,     // evaluation results before publication (HR, committee, auditors)
    committee_vote,   // review committee members
    apply,            // an engineer for themself, a manager for their subtree, HR for anyone
    users_manage,
};
std::string_view to_string(perm);
// The roles that hold a permission (the one table of who may do what).
const std::vector<core::role>& roles_for(perm);

struct principal {
    std::int64_t user_id = 0;
    std::string username;
    std::string display_name;
    std::vector<core::role> roles;
    std::optional<std::int64_t> engineer_id;
    std::optional<std::int64_t> org_unit_id;
    std::string org_path;   // of org_unit_id, for manager scope
    std::string csrf_token;
    std::int64_t session_id = 0;
    bool must_change_password = false;   // an administrator's reset: change it before anything else
    bool mfa_enabled = false;
    bool mfa_enrolment_required = false; // the role requires a second factor not enrolled yet
    bool has(core::role r) const;
    bool may(perm p) const;
    // Why only the account routes answer for this session (403), or nullopt.
    std::optional<core::error> gate() const;
};

// Where a request came from, for sessions and the audit of sign-ins.
struct client_info {
    std::string address;
    std::string user_agent;
};

struct mfa_secret {
    std::string secret;       // base32, shown once
    std::string otpauth_uri;  // for the QR code
};

struct login_result {
    std::string token;  // raw session token for the cookie; only its hash is stored
    principal who;
    int max_age_seconds = 0;
};

struct scheme_summary {
    storage::scheme_row row;
    int levels = 0;
};
struct scheme_detail {
    storage::scheme_row row;
    storage::scheme_version_row version;
    std::vector<storage::scheme_version_row> versions;
    core::scheme scheme;
};

struct course_entry {
    std::int64_t scheme_id = 0;
    std::string scheme_code;
    core::text scheme_name;
    core::course course;
    std::vector<core::text> required_for;  // level labels whose eligibility names the course
};

// What is waiting in one cycle, for the home page of the role that asks.
struct cycle_work {
    storage::cycle_row cycle;
    std::optional<storage::phase_row> phase;  // the current phase as planned
    bool overdue = false;                     // the current phase's planned end has passed
    std::map<std::string, std::int64_t> applications;  // by status
    std::int64_t open_appeals = 0, undecided = 0, awaiting_my_vote = 0;
    std::vector<std::pair<std::string, std::int64_t>> scores_left;  // component -> eligible applications without it
};
struct home_view {
    std::vector<cycle_work> cycles;            // the cycles not closed that concern the caller's role
    std::optional<std::int64_t> expiring;      // certificates ending within 90 days, in scope
    std::optional<std::map<int, std::int64_t>> team;  // a manager's active engineers by level (0 = none)
};

struct import_report {
    bool imported = false;
    int rows = 0;  // data rows read
    std::vector<core::field_error> errors;
    // Engineer imports: a known employee number updates that engineer. What changes, field by field
    // (the first max_changes rows listed; the counts are whole).
    int created = 0, updated = 0, unchanged = 0;
    struct field_change {
        std::string field, column, before, after;
    };
    struct row_change {
        int row = 0;
        std::string employee_no, name;
        std::vector<field_change> fields;
    };
    std::vector<row_change> changes;
    static constexpr std::size_t max_changes = 200;
};

// What an engineer lacks for the next level of the default scheme, as of today.
struct next_level_view {
    int current_rank = 0;
    std::optional<core::level> target;  // none at the top level
    core::eligibility_result result;
};

// A stored result with the committee's votes so far and what they decide.
// What a stored result's evaluation saw — components (score, weight, gate) and, with `explain`, the
// reasons, the quota line included — worked out again from its scores with the cycle's frozen level
// (or read from an explanation stored whole by an earlier version).
core::evaluation_outcome stored_evaluation(const core::level&, const storage::result_row&, bool explain = true);
// The scheme version a cycle was planned under.
core::result<core::scheme> cycle_scheme(storage::unit_of_work&, const storage::cycle_row&);
// The same as the JSON explanation the API shows, with the result's quota group.
std::string explain_result(const core::level&, const storage::result_row&);
// "rank 7 is below the quota line (5 places)" for a result that passed but was not selected.
std::optional<core::text> quota_line_reason(const storage::result_row&);
// The committee's decision from its counted votes: approved | rejected | deferred, "" while the panel
// is not an odd number of at least three.
std::string decision_of(const storage::vote_counts&);

struct result_view {
    storage::result_row row;
    int approve = 0, reject = 0, defer = 0;
    std::string decision;  // approved | rejected | deferred | "" (no valid panel yet)
};

// An engineer's own record in one cycle; the outcome and scores once the cycle is published.
struct own_result {
    storage::cycle_row cycle;
    storage::application_row application;
    std::optional<storage::result_row> result;  // from the public notice on
    std::vector<storage::score_row> scores;     // from the public notice on
    std::string decision;
    std::vector<storage::appeal_row> appeals;   // the engineer's own, with their outcome
};

// One line of a published result list; the cycle's published_fields say which fields are shown
// (scores are hidden by default).
struct published_row {
    std::int64_t application_id = 0;
    std::string employee_no, engineer_name, org_unit;
    int target_rank = 0;
    bool passed = false;
    std::int64_t total = 0;
    int rank = 0;
};
struct published_list {
    std::vector<std::string> fields;  // the cycle's published_fields
    std::vector<published_row> rows;
};
// Every field a published list may show, in display order.
const std::vector<std::string>& published_field_names();

// Pass rates and score distributions of one evaluated cycle.
struct pass_rate {
    std::string key;  // level rank, org unit code or component kind
    core::text label;
    int candidates = 0, passed = 0;
};
struct histogram {
    std::string key;  // "total" or a component kind
    core::text label;
    std::vector<int> bins;  // ten 10-point bins: [0,10) … [90,100]
    int absent = 0;
};
struct cycle_report {
    int applications = 0, eligible = 0, evaluated = 0, passed = 0, approved = 0;  // passed: within the quota
    std::vector<pass_rate> by_level, by_org, by_component;
    std::vector<histogram> distributions;
};

struct audit_verdict {
    bool ok = true;
    std::int64_t checked = 0;
    std::int64_t first_broken = 0;  // id of the first bad link
    std::string reason;
};

class service {
public:
    using clock_fn = std::function<std::chrono::system_clock::time_point()>;
    service(storage::database& db, config cfg, clock_fn clock = {});

    storage::database& db() { return db_; }
    const config& cfg() const { return cfg_; }
    std::chrono::system_clock::time_point now() const { return clock_(); }
    std::string now_iso() const;
    core::date today() const;

    // ---- bootstrap (first start) ----
    // Loads the preset schemes (compiled in) when there is none yet. Returns how many.
    int load_presets();
    // Creates the admin account with a one-time password when there are no users.
    std::optional<std::string> ensure_admin();

    // ---- accounts ----
    // Signs in: the same work whether or not the user exists; throttled per user and address, per
    // address and overall (429 with a retry time); `otp` is a TOTP or recovery code when the user has
    // a second factor (401 auth.mfa_required without one). Every outcome is audited.
    result<login_result> login(const std::string& username, const std::string& password, const std::string& otp,
                               const client_info&);
    // A session's principal; one indexed read per call, so a session ended on any server ends here too.
    result<principal> authenticate(const std::string& token);
    void logout(const std::string& token, const client_info& = {});
    // One's own password (the current one required); every other session of the user ends.
    result<void> change_own_password(const principal&, const std::string& current, const std::string& next, const client_info&);
    result<mfa_secret> mfa_setup(const principal&);
    // Turns the second factor on with a code for the pending secret; answers ten recovery codes.
    result<std::vector<std::string>> mfa_confirm(const principal&, const std::string& code, const client_info&);
    result<void> mfa_disable(const principal&, const std::string& password, const client_info&);
    result<std::vector<storage::session_row>> own_sessions(const principal&);
    result<void> end_own_session(const principal&, std::int64_t session_id, const client_info&);
    // Ends every session of a user (admin); how many.
    result<int> revoke_user_sessions(const principal&, std::int64_t user_id, const client_info&);
    result<std::int64_t> add_user(const std::string& actor, const std::string& username, const std::string& display_name,
                                  const std::string& password, const std::vector<core::role>& roles,
                                  std::optional<std::int64_t> engineer_id, std::optional<std::int64_t> org_unit_id);
    // must_change: the user changes it at the next sign-in (an administrator's reset); every session ends.
    result<void> reset_password(const std::string& actor, const std::string& username, const std::string& password,
                                bool must_change = true);
    result<storage::user_page> list_users(const principal&, const storage::user_filter&);
    // An account made by an administrator: the engineer and org unit are given by their codes.
    struct new_user {
        std::string username, display_name, password;
        std::vector<std::string> roles;
        std::string engineer_no;  // links an engineer account to its engineer
        std::string org_unit;     // a manager's unit
    };
    result<storage::user_row> create_user(const principal&, const new_user&);
    // An administrator's reset: every session of the user ends, and the user must change it at the next sign-in.
    result<void> set_password(const principal&, std::int64_t user_id, const std::string& password);
    // Display name, roles, enabled or disabled (a disabled account is signed out everywhere). Nobody
    // disables their own account or drops their own administrator role; one active administrator remains.
    struct user_change {
        std::string display_name;
        std::vector<std::string> roles;
        bool active = true;
    };
    result<storage::user_row> update_user(const principal&, std::int64_t user_id, const user_change&);
    // Engineer accounts in bulk (at most max_account_batch engineers at a time): the user name is the
    // employee number, the password a one-time one that must be changed at the first sign-in. Engineers
    // who left, who have an account already or whose number is taken as a user name are skipped, with
    // the reason. The workbook is the hand-out sheet: 账号 (who got which password) and 未创建.
    static constexpr std::size_t max_account_batch = 100;
    struct account_batch {
        int created = 0, skipped = 0;
        std::string xlsx;
    };
    result<account_batch> create_engineer_accounts(const principal&, const std::vector<std::int64_t>& engineer_ids);
    std::string hash_password(const std::string& password) const;

    // ---- schemes ----
    result<std::vector<scheme_summary>> list_schemes(const principal&);
    result<scheme_detail> get_scheme(const principal&, std::int64_t id, int version = 0);
    // Imports a TOML file: a new scheme, or a new version of the scheme with the same code.
    result<scheme_detail> save_scheme(const principal&, const std::string& toml, const std::string& file_name,
                                      const std::string& note);
    result<std::vector<core::scheme_change>> diff_scheme(const principal&, std::int64_t id, int from, int to);
    result<std::string> export_scheme(const principal&, std::int64_t id, int version);
    result<core::scheme> default_scheme();

    // ---- organisation and engineers ----
    result<std::vector<core::org_unit>> list_org_units(const principal&);
    // Adds a unit under its parent (by code); the manager is an account's user name.
    result<core::org_unit> create_org_unit(const principal&, const core::org_unit& unit, const std::string& parent_code,
                                           const std::string& manager_username);
    result<storage::engineer_page> list_engineers(const principal&, storage::engineer_filter filter);
    result<core::engineer> get_engineer(const principal&, std::int64_t id);
    result<next_level_view> next_level(const principal&, std::int64_t id);
    result<core::engineer> create_engineer(const principal&, const core::engineer_input&);
    // Edits an engineer's record (not the employee number or level) when `version` is current;
    // a stale version is a precondition failure (412), so no edit is lost.
    result<core::engineer> update_engineer(const principal&, std::int64_t id, const core::engineer_input&,
                                           std::int64_t version);
    // Records a level change (promotion, correction, demotion) with its date and reason.
    result<core::engineer> add_level(const principal&, std::int64_t id, int rank, const std::string& since,
                                     const std::string& note);
    result<import_report> import_engineers(const principal&, std::string_view bytes, bool dry_run = false);
    result<std::string> export_engineers(const principal&, storage::engineer_filter filter);
    // The import template (.xlsx): Chinese headers, a sample row that imports as it is (an unused employee
    // number, a real team, the default scheme's first level), and sheets of the valid org codes, levels
    // and education values.
    result<std::string> engineer_template(const principal&);

    // ---- training records ----
    // Imports training records (.xlsx/.csv: 工号, 课程代码, 学时, 日期, 是否通过), every row or none.
    result<import_report> import_training(const principal&, std::string_view bytes, bool dry_run = false);
    result<std::vector<storage::training_row>> list_training(const principal&, std::int64_t engineer_id);
    // The course catalogue: every course of every scheme's latest version, with the levels that require it.
    result<std::vector<course_entry>> list_courses(const principal&);
    result<std::vector<storage::product_line>> list_product_lines(const principal&);
    // The training import template: the header, a row that imports as it is, and a sheet of course codes.
    result<std::string> training_template(const principal&);

    // ---- evaluation cycles ----
    struct cycle_input {
        std::string name;
        std::int64_t scheme_id = 0;
        std::string kind = "promotion";
        std::vector<int> open_ranks;
        std::string cutoff_date;
        std::vector<storage::phase_row> phases;
    };
    result<storage::cycle_row> create_cycle(const principal&, const cycle_input&);
    result<std::vector<storage::cycle_row>> list_cycles(const principal&);
    result<storage::cycle_row> get_cycle(const principal&, std::int64_t id);
    // Moves the cycle one phase on, or one back with a reason; `version` guards against lost updates.
    // Moving on out of the public notice before its last day needs `override_notice` and a reason (audited).
    result<storage::cycle_row> transition_cycle(const principal&, std::int64_t id, const std::string& to,
                                                const std::string& reason, std::int64_t version, bool override_notice = false);
    // A quota: kind "count" or "percent" (of the applicants it covers), or "none" to remove it. Without an org
    // unit it covers the level; with one (by code), the level's applicants in that unit's subtree, who are then
    // ranked among themselves (the deepest unit with a quota takes an applicant).
    struct quota_input {
        int rank = 0;
        std::string org_unit;
        std::string kind;
        int value = 0;
    };
    result<storage::cycle_row> set_quota(const principal&, std::int64_t cycle_id, const quota_input&);
    // Which fields the published list shows, the certificate-number pattern and the notice length in working days.
    struct cycle_settings {
        std::vector<std::string> published_fields;
        std::string certificate_pattern;
        int notice_days = 5;
    };
    result<storage::cycle_row> update_cycle_settings(const principal&, std::int64_t id, const cycle_settings&, std::int64_t version);
    // HR nominates in bulk by filter: active engineers in an org subtree, at a level, with at least
    // min_years of work at the cut-off. Each gets an application for the next level up (promotion) or
    // their own level (re-certification, holders of a certificate only); engineers who already have
    // one, or whose target level is not open, are counted and skipped. dry_run only counts.
    struct nomination_filter {
        std::string org_unit;  // code; "" = everyone in the caller's scope
        std::optional<int> rank;
        int min_years = 0;
    };
    struct nomination_report {
        int matched = 0, created = 0, already = 0, skipped = 0;  // skipped: no level to target in this cycle
        bool dry_run = false;
    };
    result<nomination_report> nominate(const principal&, std::int64_t cycle_id, const nomination_filter&, bool dry_run);
    result<storage::application_row> apply(const principal&, std::int64_t cycle_id, std::int64_t engineer_id,
                                           int target_rank);
    result<storage::application_row> withdraw(const principal&, std::int64_t application_id);
    result<std::vector<storage::application_row>> list_applications(const principal&, std::int64_t cycle_id);
    // Evaluates every open application's eligibility at the cycle's cut-off date (overrides stay).
    result<int> review_eligibility(const principal&, std::int64_t cycle_id);
    // Component scores (one interface for every source): hundredths 0..10000, or absent.
    // A locked component changes only with a reason; every change is audited.
    struct score_input {
        std::string component;
        std::optional<std::int64_t> score;
        bool absent = false;
        std::string reason;
        std::string source = "manual";
    };
    result<storage::score_row> set_score(const principal&, std::int64_t application_id, const score_input&);
    result<import_report> import_scores(const principal&, std::int64_t cycle_id, std::string_view bytes, bool dry_run = false);
    result<void> lock_component(const principal&, std::int64_t cycle_id, const std::string& component);
    result<std::vector<storage::score_row>> list_scores(const principal&, std::int64_t cycle_id);
    result<std::vector<std::string>> list_locks(const principal&, std::int64_t cycle_id);  // the locked components
    // The comprehensive evaluation of every eligible application: weighted totals, gates and the
    // ranking; the same inputs give the same results. Stored unless dry_run.
    result<std::vector<result_view>> evaluate_cycle(const principal&, std::int64_t cycle_id, bool dry_run);
    // The same evaluation for a cycle of any size, streamed so that memory does not grow with it: every
    // reviewed application's eligibility is also checked again at the cut-off (verdicts that moved since
    // the review, overrides aside, are counted), and each result that differs from the stored one is
    // passed to on_change. Stored unless dry_run. progress(done, total) is called now and then.
    struct evaluation_run {
        std::int64_t reviewed = 0, evaluated = 0, passed = 0, selected = 0, eligibility_moved = 0;
        std::int64_t added = 0, changed = 0, removed = 0;
    };
    using progress_fn = std::function<void(std::int64_t done, std::int64_t total)>;
    // limit: at most this many changes are passed on when every result is new.
    result<evaluation_run> run_evaluation(const principal&, std::int64_t cycle_id, bool dry_run, std::int64_t limit,
                                          const std::function<void(const storage::results::change&)>& on_change,
                                          const progress_fn& progress);
    result<std::vector<result_view>> list_results(const principal&, std::int64_t cycle_id);
    // Pass rates by level, org unit (below the top of the tree) and component, and score distributions.
    result<cycle_report> report(const principal&, std::int64_t cycle_id);
    // The results as an .xlsx sheet: applicant, level, scores, total, rank, quota line, votes, outcome.
    result<std::string> export_results(const principal&, std::int64_t cycle_id);
    // A committee member's vote (approve / reject / defer) on a passed application; repeats replace.
    result<storage::vote_row> vote(const principal&, std::int64_t application_id, const std::string& vote,
                                   const std::string& comment);
    // The working-day calendar: holidays on weekdays and make-up workdays on weekends (调休).
    result<std::vector<storage::calendar_day>> list_calendar(const principal&);
    result<storage::calendar_day> set_calendar_day(const principal&, const storage::calendar_day&);  // kind "none" removes

    // The public notice: the published list, and appeals against one's own result within the notice period.
    result<published_list> published(const principal&, std::int64_t cycle_id);
    // 我的等级: every cycle the engineer applied in, with their own published outcome and scores.
    result<std::vector<own_result>> own_results(const principal&, std::int64_t engineer_id);
    result<storage::appeal_row> appeal(const principal&, std::int64_t application_id, const std::string& reason);
    result<std::vector<storage::appeal_row>> list_appeals(const principal&, std::int64_t cycle_id);
    // Uphold, or amend one component score (audited) and re-evaluate the cycle.
    struct appeal_resolution {
        std::string decision;  // uphold | amend
        std::string note;
        std::string component;
        std::optional<std::int64_t> score;
    };
    result<storage::appeal_row> resolve_appeal(const principal&, std::int64_t appeal_id, const appeal_resolution&);
    // Valid certificates expiring within `days` (0–3650) of today, in the caller's scope: the list that
    // drives the next re-certification cycle.
    result<std::vector<storage::certificates::expiring_row>> expiring_certificates(const principal&, int days);
    result<std::vector<storage::certificate_row>> list_certificates(const principal&, std::int64_t engineer_id);
    result<storage::application_row> override_verdict(const principal&, std::int64_t application_id, bool eligible,
                                                      const std::string& reason);

    // ---- audit ----
    // The audit trail, newest first; `from`/`to` are local dates (YYYY-MM-DD, both included), the other
    // fields exact (an action ending in '.' takes every code it begins).
    struct audit_query {
        std::string entity, entity_id, actor, action, from, to;
    };
    result<storage::audit::page> list_audit(const principal&, const audit_query&, int page, int page_size);
    result<std::vector<std::string>> audit_actions(const principal&);
    result<audit_verdict> verify_audit(const principal&);
    // Each role's work at a glance (HR: cycles, overdue phases, reviews, appeals, decisions, expiring
    // certificates; examiner: scores left; committee: votes left; manager: the team by level).
    result<home_view> home(const principal&);
    audit_verdict verify_audit();
    // Appends one hash-chained record inside the caller's unit of work.
    void audit(storage::unit_of_work&, const std::string& actor, const std::string& action, const std::string& entity,
               const std::string& entity_id, const std::string& before_json, const std::string& after_json);

private:
    result<void> check(const principal&, perm) const;
    void scope(const principal&, storage::engineer_filter&) const;
    // Seconds until a sign-in from this user name and address may be tried again (0 = now).
    int login_retry_after(const std::string& username, const std::string& address);
    // Counts a failed sign-in; true when it reached a limit (a lockout, audited once).
    bool note_failure(const std::string& username, const std::string& address);
    void audit_auth(const std::string& action, const std::string& username, std::optional<std::int64_t> user_id,
                    const client_info&, const std::string& detail = "");
    bool verify_second_factor(const storage::user_row&, const std::string& code);
    // The signed-in user's record when `password` is theirs; else a field error on `field` (counted and audited).
    result<storage::user_row> with_password(const principal&, const std::string& password, const client_info&, const char* field);
    const std::string& dummy_hash();

    storage::database& db_;
    config cfg_;
    clock_fn clock_;
    // Totals of engineer-list filters: paging through one filter counts once. An entry is good
    // while no engineer was written through this process and for count_ttl at most (other
    // processes may write to the same database).
    struct cached_count {
        std::int64_t total;
        std::uint64_t generation;
        std::chrono::steady_clock::time_point at;
    };
    static constexpr std::chrono::seconds count_ttl{5};
    std::mutex count_mutex_;
    std::map<std::string, cached_count> counts_;
    std::atomic<std::uint64_t> generation_{0};
    void engineers_changed() { ++generation_; }
    std::vector<result_view> with_votes(storage::unit_of_work&, std::int64_t cycle_id, std::vector<storage::result_row>);
    result_view with_votes(storage::unit_of_work&, storage::result_row);  // one result, its votes read by themselves
    // The cycle's stored results with each explanation worked out from its scores and the cycle's scheme
    // version; only where the explanation is shown (the published list, the profile and closing read the
    // stored rows as they are).
    std::vector<storage::result_row> explained_results(storage::unit_of_work&, std::int64_t cycle_id);
    // The bodies of set_score and evaluate_cycle inside the caller's unit of work (permissions checked by the caller).
    result<storage::score_row> set_score_in(storage::unit_of_work&, const principal&, std::int64_t application_id,
                                            const score_input&);
    // parallel: see evaluate_stream; only when the unit of work has changed no input yet.
    result<std::vector<result_view>> evaluate_in(storage::unit_of_work&, const principal&, std::int64_t cycle_id, bool dry_run,
                                                 bool parallel);
    // Streams the reviewed applications once: evaluates the eligible, writes their results and lets the
    // database rank them (recheck: eligibility at the cut-off as well).
    // parallel: two reader threads on their own connections (committed data only) feed this one.
    result<evaluation_run> evaluate_stream(storage::unit_of_work&, std::int64_t cycle_id, bool recheck, bool parallel,
                                           const progress_fn&);
    // A cycle's results with their applications and scores, for the report and the export.
    struct report_data;
    result<report_data> load_report(storage::unit_of_work&, const principal&, std::int64_t cycle_id);
    // Closing a cycle: every passed, selected and approved application gets its new level and a certificate.
    int certify(storage::unit_of_work&, const storage::cycle_row&, const principal&);
    result<void> phase_gate(storage::unit_of_work&, const storage::cycle_row&, core::cycle_status from, core::cycle_status to,
                            bool override_notice, const std::string& reason);
    // Sessions checked against the database within session_recheck are trusted without a new
    // look-up; logout and password resets here drop them at once, elsewhere within session_recheck.
    struct cached_session {
        principal who;
        std::chrono::system_clock::time_point checked;
        std::string expires_at;
    };
    static constexpr std::chrono::seconds session_recheck{10};
    std::mutex session_mutex_;
    std::map<std::string, cached_session> sessions_;
    void forget_user(std::int64_t user_id);  // the cached principals of a user's sessions
    std::mutex login_mutex_;
    // Failed sign-ins by "u|name|address", "a|address" and "*", each within the window.
    std::map<std::string, std::vector<std::chrono::system_clock::time_point>> failures_;
    std::once_flag dummy_once_;
    std::string dummy_hash_;
};

// Who sees an engineer's phone and e-mail (the one role × field table): HR and admin, the engineer's
// managers (their org subtree) and the engineer themself; examiners, committee members and auditors
// see what their work needs, without them.
bool sees_contact(const principal&, const core::engineer&);
core::engineer minimised(const principal&, core::engineer);  // contact details emptied where not seen

// The facts the eligibility rules look at, from an engineer's record (training and certificates
// join them as their records arrive).
core::engineer_facts facts_of(const core::engineer&, const std::vector<storage::training_row>&, core::date fallback_start);

// The eligibility facts of each application a storage::evaluation_cursor streams, its training merged
// in from a storage::training_cursor over the same applications (both in engineer order); call it
// with the rows in the order the cursor gives them.
class applicant_facts {
public:
    applicant_facts(storage::unit_of_work&, std::int64_t cycle_id, std::int64_t from, std::int64_t to, storage::applications_read,
                    core::date cutoff);
    core::engineer_facts operator()(const storage::evaluation_row&);

private:
    storage::training_cursor training_;
    storage::training_row next_;
    bool more_ = false;
    std::vector<storage::training_row> own_;
    core::date cutoff_;
};

// Chain hash of one audit record: SHA-256 over the previous hash and the record's fields.
std::string audit_hash(const storage::audit_row&);
std::string sha256_hex(std::string_view);

}  // namespace skillgrade::app
