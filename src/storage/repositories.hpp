// repositories.hpp
// Every SQL statement of skillgrade lives behind these functions; each takes the unit of
// work it runs in and returns domain values. Explicit columns, bound parameters, both engines.
//
//   unit_of_work tx(db, write::no);
//   auto page = engineers::list(tx, filter);   // {items, total}
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/people.hpp"
#include "storage/accounts.hpp"
#include "storage/database.hpp"

namespace skillgrade::storage {

// ---- audit ----------------------------------------------------------------------------
struct audit_row {
    std::int64_t id = 0;
    std::string at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash;
};

namespace audit {
// Locks the chain head (serialising writers) and returns {next id, previous hash}.
std::pair<std::int64_t, std::string> lock_head(unit_of_work&);
void append(unit_of_work&, const audit_row&);
struct page {
    std::vector<audit_row> items;
    std::int64_t total = 0;
};
struct filter {
    std::string entity, entity_id, actor, action;  // action "cycle." = every cycle.* code
    std::string from, to;                          // ISO instants: from ≤ at < to
};
page list(unit_of_work&, const filter&, int offset, int limit);
std::vector<std::string> actions(unit_of_work&);  // the distinct action codes recorded
// Streams every row in id order; stops when fn returns false.
void scan(unit_of_work&, const std::function<bool(const audit_row&)>& fn);
std::string head_hash(unit_of_work&);
}  // namespace audit

// ---- organisation ---------------------------------------------------------------------
namespace org_units {
std::vector<core::org_unit> list(unit_of_work&);
std::optional<core::org_unit> get(unit_of_work&, std::int64_t id);
std::int64_t insert(unit_of_work&, const core::org_unit&);  // fills path from parent
void set_manager(unit_of_work&, std::int64_t id, std::int64_t user_id);
}  // namespace org_units

// ---- schemes --------------------------------------------------------------------------
struct scheme_row {
    std::int64_t id = 0;
    std::string code, name_zh, name_en;
    bool is_default = false;
    int latest_version = 0;
};
struct scheme_version_row {
    std::int64_t id = 0;
    std::int64_t scheme_id = 0;
    int version = 0;
    std::string source, note, created_at, created_by;
    bool in_use = false;
};

namespace schemes {
std::vector<scheme_row> list(unit_of_work&);
std::optional<scheme_row> get(unit_of_work&, std::int64_t id);
std::optional<scheme_row> find(unit_of_work&, const std::string& code);
std::optional<scheme_row> default_scheme(unit_of_work&);
std::int64_t insert(unit_of_work&, const scheme_row&, const std::string& now);
void rename(unit_of_work&, std::int64_t id, const std::string& zh, const std::string& en);
std::vector<scheme_version_row> versions(unit_of_work&, std::int64_t scheme_id);  // newest first, no source
std::optional<scheme_version_row> version(unit_of_work&, std::int64_t scheme_id, int version);  // 0 = latest
std::int64_t add_version(unit_of_work&, const scheme_version_row&);
void mark_in_use(unit_of_work&, std::int64_t version_id);
}  // namespace schemes

// ---- engineers ------------------------------------------------------------------------
struct engineer_filter {
    std::string q;                     // name or employee number contains
    std::optional<std::int64_t> org_unit;  // subtree of this unit
    std::optional<int> rank;
    std::string product_line;
    std::string status;                // "", active, left
    std::string account;               // "", none (no account yet), yes
    std::string sort = "employee_no";  // column, "-" prefix for descending
    int page = 1;
    int page_size = 20;
    // Scope imposed by the caller's role: a path prefix and/or one engineer.
    std::string scope_path;
    std::optional<std::int64_t> scope_engineer;
};
struct engineer_page {
    std::vector<core::engineer> items;
    std::int64_t total = 0;
};

// A validated, resolved record ready to be written.
struct engineer_record {
    core::engineer_input in;
    std::int64_t org_unit_id = 0;
    std::string education_code;
};

namespace engineers {
// known_total skips the count (the caller already knows it for this filter).
engineer_page list(unit_of_work&, const engineer_filter&, std::optional<std::int64_t> known_total = std::nullopt);
// Streams every engineer matching the filter (no paging) in sort order.
void scan(unit_of_work&, const engineer_filter&, const std::function<void(const core::engineer&)>& fn);
std::optional<core::engineer> get(unit_of_work&, std::int64_t id);  // with history
std::optional<std::int64_t> id_by_employee_no(unit_of_work&, const std::string& no);
// Which of these employee numbers already exist.
std::vector<std::string> existing_employee_nos(unit_of_work&, const std::vector<std::string>& nos);
// Inserts records (and their first level-history entries) in the caller's transaction.
std::vector<std::int64_t> insert(unit_of_work&, const std::vector<engineer_record>&, const std::string& source,
                                 const std::string& actor, const std::string& now);
void add_level(unit_of_work&, std::int64_t engineer_id, const core::level_entry&);
// Writes the editable fields when the stored version is still `version`; false when it is not.
bool update(unit_of_work&, std::int64_t id, const engineer_record&, std::int64_t version);
std::int64_t count(unit_of_work&);
// Writes the sort key of every name that has none; how many.
std::int64_t fill_name_keys(unit_of_work&);
}  // namespace engineers

// ---- training ----------------------------------------------------------------------------
struct training_row {
    std::int64_t id = 0;
    std::int64_t engineer_id = 0;
    std::string course_code;
    int hours = 0;
    std::string completed_on;
    bool passed = false;
    std::string source;
};

namespace training {
void insert(unit_of_work&, const std::vector<training_row>&, const std::string& now);
std::vector<training_row> for_engineer(unit_of_work&, std::int64_t engineer_id);  // newest first
}  // namespace training

// ---- cycles and applications --------------------------------------------------------------
struct phase_row {
    std::string phase;  // a cycle_status code
    std::string starts_on, ends_on;
    std::string responsible_role;
};
struct quota_row {
    int rank = 0;
    std::string kind;  // count | percent
    int value = 0;
    std::int64_t org_unit_id = 0;     // 0: the whole level; else the applicants in this unit's subtree
    std::string org_path, org_name;   // joined from the unit
};
struct cycle_row {
    std::int64_t id = 0;
    std::string name;
    std::int64_t scheme_id = 0;
    int scheme_version = 0;
    std::string kind;    // promotion | recertification
    std::string status;  // a cycle_status code
    std::vector<int> open_ranks;
    std::string cutoff_date;
    std::int64_t version = 1;
    std::string created_at, created_by;
    std::vector<phase_row> phases;
    std::vector<quota_row> quotas;
    int notice_days = 5;
    std::string notice_ends_on;  // set when the public notice starts
    std::vector<std::string> published_fields;  // what the published list shows
    std::string certificate_pattern;            // see core::number_pattern
};
struct application_row {
    std::int64_t id = 0;
    std::int64_t cycle_id = 0;
    std::int64_t engineer_id = 0;
    std::string employee_no, engineer_name, org_path;  // joined for lists
    int target_rank = 0;
    std::string status;  // submitted | withdrawn | eligible | ineligible
    std::string nominated_by, applied_at;
    std::string verdict_json, override_reason;
    std::int64_t version = 1;
};

namespace cycles {
std::int64_t insert(unit_of_work&, const cycle_row&);
std::vector<cycle_row> list(unit_of_work&);
std::optional<cycle_row> get(unit_of_work&, std::int64_t id);
// Moves the status when the stored version is still `version`; false when it is not.
bool set_status(unit_of_work&, std::int64_t id, const std::string& status, std::int64_t version);
void set_quota(unit_of_work&, std::int64_t id, const quota_row&);  // replaces the level's (and unit's) quota
void remove_quota(unit_of_work&, std::int64_t id, int rank, std::int64_t org_unit_id);
// Saves the settings when the stored version is still `version` (and moves it on); false when it is not.
bool set_settings(unit_of_work&, std::int64_t id, const std::vector<std::string>& published_fields,
                  const std::string& certificate_pattern, int notice_days, std::int64_t version);
void set_notice_end(unit_of_work&, std::int64_t id, const std::string& ends_on);
}  // namespace cycles

namespace applications {
std::int64_t insert(unit_of_work&, const application_row&);
std::vector<application_row> list(unit_of_work&, std::int64_t cycle_id);
std::vector<application_row> for_engineer(unit_of_work&, std::int64_t engineer_id);  // in every cycle
struct application_counts {
    std::int64_t open = 0, eligible = 0;  // not withdrawn; found eligible
};
application_counts counts(unit_of_work&, std::int64_t cycle_id);
std::optional<application_row> get(unit_of_work&, std::int64_t id);
std::optional<application_row> open_for(unit_of_work&, std::int64_t cycle_id, std::int64_t engineer_id);
void set_status(unit_of_work&, std::int64_t id, const std::string& status);
void set_verdict(unit_of_work&, std::int64_t id, const std::string& status, const std::string& verdict_json,
                 const std::string& override_reason);
}  // namespace applications

struct score_row {
    std::int64_t application_id = 0;
    std::string component;
    std::optional<std::int64_t> score;  // hundredths; nullopt when absent or not entered
    bool absent = false;
    std::string source, author, recorded_at;
};
struct result_row {
    std::int64_t application_id = 0;
    std::int64_t total = 0;
    bool passed = false;
    int rank = 0;
    bool selected = false;
    std::string outcome_json, evaluated_at;
    std::string quota_group;  // the level, or the level within one org unit with its own quota
    std::int64_t tie_practical = 0, tie_performance = 0;
    std::int64_t cycle_id = 0;
    // Read with the result: the application's level and its quota group.
    int target_rank = 0;
    std::string quota_kind, quota_unit;
    int quota_value = 0, quota_places = 0;
    std::int64_t quota_applicants = 0;
    std::string employee_no, engineer_name, org_path;  // the applicant
};
// A quota group of an evaluated cycle: its quota, how many eligible applicants it had and its places.
struct result_group {
    std::string quota_group, kind, org_unit;
    int value = 0;
    std::int64_t applicants = 0;
    int places = 0;
};

namespace scores {
void put(unit_of_work&, const score_row&);  // insert or replace
std::vector<score_row> for_cycle(unit_of_work&, std::int64_t cycle_id);
std::vector<score_row> for_application(unit_of_work&, std::int64_t application_id);
std::vector<std::string> locked(unit_of_work&, std::int64_t cycle_id);
void lock(unit_of_work&, std::int64_t cycle_id, const std::string& component, const std::string& by, const std::string& at);
std::vector<result_row> results(unit_of_work&, std::int64_t cycle_id);
std::optional<result_row> result_of(unit_of_work&, std::int64_t cycle_id, std::int64_t application_id);
// Streams the cycle's results one at a time in application order, which needs no sort, so memory does
// not grow with the cycle.
void each_result(unit_of_work&, std::int64_t cycle_id, const std::function<void(const result_row&)>&);
}  // namespace scores

// ---- evaluation at any size: streamed in, ranked by the database ----------------------------
// One reviewed application with everything eligibility and evaluation read.
struct evaluation_row {
    std::int64_t application_id = 0, engineer_id = 0;
    int target_rank = 0;
    std::string status, override_reason, applied_at, org_path;
    std::string career_start, hire_date, education, level_since;
    int current_rank = 0;
    std::array<std::optional<std::int64_t>, 5> scores;  // by core::component_kind; nullopt = absent or not entered
};

// A larger SQLite page cache for one unit of work's connection while it reads or writes a whole cycle
// (the pages of the lookups stay in memory instead of being read again); the default comes back after.
class large_cache {
public:
    large_cache(unit_of_work&, int megabytes);
    ~large_cache();
private:
    unit_of_work& tx_;
};

// Which of a cycle's applications a cursor reads: those reviewed (eligible or ineligible; the
// evaluation), or every one not withdrawn (the eligibility review).
enum class applications_read { reviewed, open };

// The applications of a cycle whose engineer id is in [from, to), in engineer order, fetched in batches.
class evaluation_cursor {
public:
    evaluation_cursor(unit_of_work&, std::int64_t cycle_id, std::int64_t from, std::int64_t to,
                      applications_read = applications_read::reviewed);
    ~evaluation_cursor();
    bool next(evaluation_row&);
private:
    struct impl;
    std::unique_ptr<impl> p_;
};

// The training records of a cycle's applicants (engineer id in [from, to)) in engineer order, in date
// order for each (on SQLite also those of the engineers in between who did not apply: the caller
// skips them).
class training_cursor {
public:
    training_cursor(unit_of_work&, std::int64_t cycle_id, std::int64_t from, std::int64_t to,
                    applications_read = applications_read::reviewed);
    ~training_cursor();
    bool next(training_row&);
private:
    struct impl;
    std::unique_ptr<impl> p_;
};

// Writes eligibility verdicts application by application through one prepared statement.
class verdict_writer {
public:
    explicit verdict_writer(unit_of_work&);
    ~verdict_writer();
    void set(std::int64_t application_id, const std::string& status, const std::string& verdict_json);
private:
    struct impl;
    std::unique_ptr<impl> p_;
};

namespace results {
std::int64_t reviewed_count(unit_of_work&, std::int64_t cycle_id);
// The engineer id halfway between the lowest and the highest of the cycle's applicants.
std::int64_t middle_engineer(unit_of_work&, std::int64_t cycle_id);
void clear(unit_of_work&, std::int64_t cycle_id);  // results and groups
void save_groups(unit_of_work&, std::int64_t cycle_id, const std::vector<result_group>&);
// Appends results, buffered; flush() writes what is left.
class writer {
public:
    explicit writer(unit_of_work&);
    ~writer();
    void add(const result_row&);
    void flush();
private:
    struct impl;
    std::unique_ptr<impl> p_;
};
// Ranks the passed results within their quota groups by total, practical, performance, earlier
// application and id, and selects the first `places` of each group.
void rank(unit_of_work&, std::int64_t cycle_id);
// Keeps a copy of the cycle's results to compare with after a new evaluation; changes() streams
// the differences by application id: '+' new, '-' gone, '~' changed (with the earlier values).
std::int64_t snapshot(unit_of_work&, std::int64_t cycle_id);  // how many results were kept
struct change {
    char kind = '~';
    std::int64_t application_id = 0;
    std::int64_t old_total = 0, new_total = 0;
    bool old_passed = false, new_passed = false;
    int old_rank = 0, new_rank = 0;
    bool old_selected = false, new_selected = false;
};
// With an empty snapshot every result is new: then only the first `limit` are streamed.
void changes(unit_of_work&, std::int64_t cycle_id, bool snapshot_empty, std::int64_t limit,
             const std::function<void(const change&)>& fn);
}  // namespace results

struct vote_row {
    std::int64_t application_id = 0;
    std::string member, vote, comment, voted_at;
};
struct vote_counts {
    int approve = 0, reject = 0, defer = 0;
};
struct certificate_row {
    std::int64_t id = 0;
    std::string number;
    std::int64_t engineer_id = 0;
    std::optional<std::int64_t> cycle_id;
    std::int64_t scheme_id = 0;
    int level_rank = 0;
    std::string issued_on, expires_on, status;
};

struct calendar_day {
    std::string day, kind, name;
};
struct appeal_row {
    std::int64_t id = 0;
    std::int64_t application_id = 0;
    std::string reason, status, resolution, created_at, created_by, resolved_at, resolved_by;
    // Read with the appeal: whose application it is and for which level.
    std::int64_t engineer_id = 0;
    std::string employee_no, engineer_name;
    int target_rank = 0;
};

struct product_line {
    std::string name, name_en;  // the name engineers carry (Chinese) and its English label
};
namespace product_lines {
std::vector<product_line> list(unit_of_work&);
}  // namespace product_lines

namespace calendar {
std::vector<calendar_day> list(unit_of_work&);
void put(unit_of_work&, const calendar_day&);  // insert or replace
void remove(unit_of_work&, const std::string& day);
}  // namespace calendar

namespace appeals {
std::int64_t insert(unit_of_work&, const appeal_row&);
std::vector<appeal_row> for_cycle(unit_of_work&, std::int64_t cycle_id);
std::vector<appeal_row> for_application(unit_of_work&, std::int64_t application_id);
std::optional<appeal_row> get(unit_of_work&, std::int64_t id);
void resolve(unit_of_work&, std::int64_t id, const std::string& status, const std::string& resolution,
             const std::string& by, const std::string& at);
}  // namespace appeals

// What is left to do in a cycle, counted by the database (the home page of each role).
namespace work {
std::map<std::string, std::int64_t> application_counts(unit_of_work&, std::int64_t cycle_id);  // status -> count
std::map<int, std::int64_t> eligible_by_rank(unit_of_work&, std::int64_t cycle_id);
// (level, component) -> eligible applications with that score entered (or marked absent)
std::map<std::pair<int, std::string>, std::int64_t> scored(unit_of_work&, std::int64_t cycle_id);
std::int64_t passed_selected(unit_of_work&, std::int64_t cycle_id);
std::int64_t voted_by(unit_of_work&, std::int64_t cycle_id, const std::string& member);  // among passed_selected
std::int64_t open_appeals(unit_of_work&, std::int64_t cycle_id);
}  // namespace work

namespace votes {
void put(unit_of_work&, const vote_row&);  // a member's repeated vote replaces the earlier one
// Each application's votes counted: for a cycle's applications, or for one application.
std::map<std::int64_t, vote_counts> counts(unit_of_work&, std::int64_t cycle_id);
vote_counts counts_for(unit_of_work&, std::int64_t application_id);
}  // namespace votes

namespace certificates {
std::int64_t insert(unit_of_work&, const certificate_row&);
std::int64_t count_issued_in(unit_of_work&, const std::string& year);  // for serial numbers
std::vector<certificate_row> for_engineer(unit_of_work&, std::int64_t engineer_id);
void set_status(unit_of_work&, std::int64_t id, const std::string& status);  // valid | renewed | lapsed | superseded
// Valid certificates whose validity ends on or before `until`, soonest first, with their holders.
struct expiring_row {
    certificate_row certificate;
    std::string employee_no, engineer_name, org_path;
};
std::vector<expiring_row> expiring(unit_of_work&, const std::string& until);
}  // namespace certificates

}  // namespace skillgrade::storage
