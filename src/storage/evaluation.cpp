// Evaluation at any size: the reviewed applications and their training streamed in batches, results
// written in batches, and the ranking done by the database (a window function), so memory stays flat
// however many applications a cycle has.
#include <soci/soci.h>

#include <atomic>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/scheme.hpp"
#include "storage/evaluation.hpp"
#include "storage/org_units.hpp"
#include "storage/sql_util.hpp"

namespace skillgrade::storage {
namespace {
using detail::kBatch;
using detail::sqlite_rows;

// PostgreSQL: a server-side cursor, read kBatch rows at a time by re-running one prepared FETCH;
// libpq would otherwise hold a statement's whole result in the client, however large the cycle.
// The query's parameters are numbers from this file, written into the text.
class pg_cursor {
public:
    pg_cursor(unit_of_work& tx, const std::string& query) : tx_(tx), name_("evaluation_" + std::to_string(++serial())) {
        tx_.sql() << "DECLARE " + name_ + " NO SCROLL CURSOR FOR " + query;
    }
    ~pg_cursor() {
        try {
            tx_.sql() << "CLOSE " + name_;
        } catch (...) {  // the transaction failed; it ends with the cursor
        }
    }
    pg_cursor(const pg_cursor&) = delete;
    pg_cursor& operator=(const pg_cursor&) = delete;
    std::string fetch() const { return "FETCH FORWARD " + std::to_string(kBatch) + " FROM " + name_; }

private:
    static std::atomic<long>& serial() {
        static std::atomic<long> n{0};
        return n;
    }
    unit_of_work& tx_;
    std::string name_;
};

// PostgreSQL: the index of the next row of a cursor's batch (`rows` is one of its vectors), fetching
// the next kBatch rows when the batch is used up (and the first ones on the first call); nullopt at
// the end.
template <class Batch, class Rows>
std::optional<std::size_t> next_row(Batch& p, Rows& rows) {
    if (p.at == rows.size()) {
        if (p.done) return std::nullopt;
        p.resize(kBatch);
        p.at = 0;
        p.done = !p.st->execute(true);
        if (p.done) {
            rows.clear();
            return std::nullopt;
        }
    }
    return p.at++;
}
}  // namespace

large_cache::large_cache(unit_of_work& tx, int megabytes) : tx_(tx) {
    if (tx_.kind() == engine::sqlite) tx_.sql() << "PRAGMA cache_size=-" + std::to_string(megabytes * 1024);
}

large_cache::~large_cache() {
    try {
        if (tx_.kind() == engine::sqlite) tx_.sql() << "PRAGMA cache_size=-2000";
    } catch (...) {  // the connection is going away anyway
    }
}

struct evaluation_cursor::impl {
    // SQLite: three streams in engineer order merged here — the open applications (their partial
    // index), the engineers (a range of the table itself) and the applications' scores — so that
    // each is read in order instead of looked up application by application.
    std::optional<sqlite_rows> lite, engineers, scores;
    bool more_engineers = false, more_scores = false;
    std::map<long long, std::string> paths;  // org unit id → path
    long long cycle, from, to;
    std::vector<long long> id, engineer, rank, current_rank;
    std::vector<std::string> status, override_reason, applied_at, path, career_start, hire_date, education, level_since;
    std::array<std::vector<long long>, 5> score;
    std::array<std::vector<soci::indicator>, 5> score_ind;
    std::optional<pg_cursor> cursor;
    std::optional<soci::statement> st;  // the cursor's FETCH
    std::size_t at = 0;
    bool done = false;
    void resize(std::size_t n) {
        for (auto* v : {&id, &engineer, &rank, &current_rank}) v->resize(n);
        for (auto* v : {&status, &override_reason, &applied_at, &path, &career_start, &hire_date, &education, &level_since}) v->resize(n);
        for (std::size_t k = 0; k < 5; ++k) {
            score[k].resize(n);
            score_ind[k].resize(n);
        }
    }
};

namespace {
// The status condition of the applications read, beside the partial index's own (not withdrawn).
std::string status_condition(applications_read which) {
    return which == applications_read::reviewed ? " AND a.status IN ('eligible', 'ineligible')" : "";
}
}  // namespace

evaluation_cursor::evaluation_cursor(unit_of_work& tx, std::int64_t cycle_id, std::int64_t from, std::int64_t to,
                                     applications_read which)
    : p_(std::make_unique<impl>()) {
    p_->cycle = cycle_id;
    p_->from = from;
    p_->to = to;
    auto& p = *p_;
    if (tx.kind() == engine::sqlite) {
        const std::string open = "a.cycle_id = ?1 AND a.status <> 'withdrawn'" + status_condition(which) +
                                 " AND a.engineer_id >= ?2 AND a.engineer_id < ?3";
        std::initializer_list<long long> range{p.cycle, p.from, p.to};
        // Named, so that the order never depends on the planner: the eligibility review writes each
        // application's status while it reads, and this index's key and condition do not move with it.
        p.lite.emplace(tx, "SELECT a.id, a.engineer_id, a.target_rank, a.status, a.override_reason, a.applied_at FROM applications a "
                           "INDEXED BY applications_open WHERE " + open + " ORDER BY a.engineer_id",
                       range);
        p.engineers.emplace(tx, "SELECT e.id, e.career_start, e.hire_date, e.education, e.current_rank, e.level_since, e.org_unit_id "
                                "FROM engineers e WHERE e.id >= ?2 AND e.id < ?3 AND e.id >= (SELECT MIN(a.engineer_id) FROM "
                                "applications a WHERE " + open + ") AND e.id <= (SELECT MAX(a.engineer_id) FROM applications a "
                                "WHERE " + open + ") ORDER BY e.id",
                            range);
        // Every open application's scores (the partial index alone, no visit to the table for the
        // status); those of applications not under review are skipped as the streams merge.
        p.scores.emplace(tx, "SELECT a.engineer_id, s.application_id, s.component, s.score, s.absent FROM applications a "
                             "INDEXED BY applications_open JOIN scores s ON s.application_id = a.id WHERE a.cycle_id = ?1 AND a.status <> 'withdrawn' AND "
                             "a.engineer_id >= ?2 AND a.engineer_id < ?3 ORDER BY a.engineer_id",
                         range);
        for (auto& u : org_units::list(tx)) p.paths[u.id] = u.path;
        p.more_engineers = p.engineers->step();
        p.more_scores = p.scores->step();
        return;
    }
    // PostgreSQL: one row per application with its scores as columns (core::component_kind order:
    // written, practical, interview, performance, review), fetched in batches.
    auto col = [](const char* kind) {
        return std::string("MAX(CASE WHEN s.component = '") + kind + "' AND s.absent = 0 THEN s.score END)";
    };
    std::string sql = "SELECT a.id, a.engineer_id, a.target_rank, a.status, a.override_reason, a.applied_at, o.path, "
                      "e.career_start, e.hire_date, e.education, e.current_rank, e.level_since, " +
                      col("written") + ", " + col("practical") + ", " + col("interview") + ", " + col("performance") + ", " +
                      col("review") +
                      " FROM applications a JOIN engineers e ON e.id = a.engineer_id JOIN org_units o ON o.id = e.org_unit_id "
                      "LEFT JOIN scores s ON s.application_id = a.id "
                      "WHERE a.cycle_id = " + std::to_string(p.cycle) + " AND a.status <> 'withdrawn'" + status_condition(which) +
                      " AND a.engineer_id >= " + std::to_string(p.from) + " AND a.engineer_id < " + std::to_string(p.to) +
                      " GROUP BY a.id, e.id, o.id ORDER BY a.engineer_id";
    p.cursor.emplace(tx, sql);
    p.resize(kBatch);
    p.st.emplace((tx.sql().prepare << p.cursor->fetch(), soci::into(p.id), soci::into(p.engineer), soci::into(p.rank),
                 soci::into(p.status), soci::into(p.override_reason), soci::into(p.applied_at), soci::into(p.path),
                 soci::into(p.career_start), soci::into(p.hire_date), soci::into(p.education), soci::into(p.current_rank),
                 soci::into(p.level_since), soci::into(p.score[0], p.score_ind[0]), soci::into(p.score[1], p.score_ind[1]),
                 soci::into(p.score[2], p.score_ind[2]), soci::into(p.score[3], p.score_ind[3]),
                 soci::into(p.score[4], p.score_ind[4])));
    p.at = p.id.size();  // the first batch is fetched by the first next()
}

evaluation_cursor::~evaluation_cursor() = default;

bool evaluation_cursor::next(evaluation_row& r) {
    auto& p = *p_;
    if (p.lite) {
        auto& q = *p.lite;
        if (!q.step()) return false;
        r.application_id = q.integer(0);
        r.engineer_id = q.integer(1);
        r.target_rank = static_cast<int>(q.integer(2));
        q.text(3, r.status);
        q.text(4, r.override_reason);
        q.text(5, r.applied_at);
        auto& e = *p.engineers;
        while (p.more_engineers && e.integer(0) < r.engineer_id) p.more_engineers = e.step();
        if (!p.more_engineers || e.integer(0) != r.engineer_id)
            throw std::runtime_error("evaluation: engineer " + std::to_string(r.engineer_id) + " not found");
        e.text(1, r.career_start);
        e.text(2, r.hire_date);
        e.text(3, r.education);
        r.current_rank = static_cast<int>(e.integer(4));
        e.text(5, r.level_since);
        auto path = p.paths.find(e.integer(6));
        r.org_path = path == p.paths.end() ? std::string() : path->second;
        r.scores.fill(std::nullopt);
        auto& sc = *p.scores;
        std::string component;
        while (p.more_scores && sc.integer(0) < r.engineer_id) p.more_scores = sc.step();
        for (; p.more_scores && sc.integer(1) == r.application_id; p.more_scores = sc.step()) {
            sc.text(2, component);
            auto kind = core::component_from(component);
            if (kind && !sc.null(3) && sc.integer(4) == 0) r.scores[static_cast<std::size_t>(*kind)] = sc.integer(3);
        }
        return true;
    }
    auto next = next_row(p, p.id);
    if (!next) return false;
    auto i = *next;
    r.application_id = p.id[i];
    r.engineer_id = p.engineer[i];
    r.target_rank = static_cast<int>(p.rank[i]);
    r.status.swap(p.status[i]);  // the batch is refilled before it is read again
    r.override_reason.swap(p.override_reason[i]);
    r.applied_at.swap(p.applied_at[i]);
    r.org_path.swap(p.path[i]);
    r.career_start.swap(p.career_start[i]);
    r.hire_date.swap(p.hire_date[i]);
    r.education.swap(p.education[i]);
    r.current_rank = static_cast<int>(p.current_rank[i]);
    r.level_since.swap(p.level_since[i]);
    for (std::size_t k = 0; k < 5; ++k)
        r.scores[k] = p.score_ind[k][i] == soci::i_ok ? std::optional<std::int64_t>(p.score[k][i]) : std::nullopt;
    return true;
}

struct training_cursor::impl {
    std::optional<sqlite_rows> lite;
    long long cycle, from, to;
    std::vector<long long> engineer, hours, passed;
    std::vector<std::string> course, on;
    std::optional<pg_cursor> cursor;
    std::optional<soci::statement> st;  // the cursor's FETCH
    std::size_t at = 0;
    bool done = false;
    void resize(std::size_t n) {
        engineer.resize(n);
        hours.resize(n);
        passed.resize(n);
        course.resize(n);
        on.resize(n);
    }
};

training_cursor::training_cursor(unit_of_work& tx, std::int64_t cycle_id, std::int64_t from, std::int64_t to,
                                 applications_read which)
    : p_(std::make_unique<impl>()) {
    auto& p = *p_;
    p.cycle = cycle_id;
    p.from = from;
    p.to = to;
    p.resize(kBatch);
    if (tx.kind() == engine::sqlite) {
        // The training table's own range in engineer order (its index), read in order; the caller skips
        // the engineers without an application as it merges.
        const std::string open = "a.cycle_id = ?1 AND a.status <> 'withdrawn'" + status_condition(which) +
                                 " AND a.engineer_id >= ?2 AND a.engineer_id < ?3";
        p.lite.emplace(tx, "SELECT t.engineer_id, t.course_code, t.hours, t.completed_on, t.passed FROM training_records t "
                           "WHERE t.engineer_id >= (SELECT MIN(a.engineer_id) FROM applications a WHERE " + open + ") AND "
                           "t.engineer_id <= (SELECT MAX(a.engineer_id) FROM applications a WHERE " + open + ") "
                           "ORDER BY t.engineer_id, t.completed_on",
                       std::initializer_list<long long>{p.cycle, p.from, p.to});
        return;
    }
    // The open applications in engineer order (their partial index) with each one's training in date order.
    p.cursor.emplace(tx, "SELECT t.engineer_id, t.course_code, t.hours, t.completed_on, t.passed FROM applications a "
                         "JOIN training_records t ON t.engineer_id = a.engineer_id WHERE a.cycle_id = " + std::to_string(p.cycle) +
                         " AND a.status <> 'withdrawn'" + status_condition(which) + " AND a.engineer_id >= " +
                         std::to_string(p.from) + " AND a.engineer_id < " + std::to_string(p.to) +
                         " ORDER BY a.engineer_id, t.completed_on");
    p.st.emplace((tx.sql().prepare << p.cursor->fetch(), soci::into(p.engineer), soci::into(p.course), soci::into(p.hours),
                  soci::into(p.on), soci::into(p.passed)));
    p.at = p.engineer.size();  // the first batch is fetched by the first next()
}

training_cursor::~training_cursor() = default;

bool training_cursor::next(training_row& r) {
    auto& p = *p_;
    if (p.lite) {
        auto& q = *p.lite;
        if (!q.step()) return false;
        r.engineer_id = q.integer(0);
        q.text(1, r.course_code);
        r.hours = static_cast<int>(q.integer(2));
        q.text(3, r.completed_on);
        r.passed = q.integer(4) != 0;
        return true;
    }
    auto next = next_row(p, p.engineer);
    if (!next) return false;
    auto i = *next;
    r.engineer_id = p.engineer[i];
    r.course_code.swap(p.course[i]);
    r.hours = static_cast<int>(p.hours[i]);
    r.completed_on.swap(p.on[i]);
    r.passed = p.passed[i] != 0;
    return true;
}

struct verdict_writer::impl {
    std::optional<soci::statement> st;
    long long id = 0;
    std::string status, verdict;
};

verdict_writer::verdict_writer(unit_of_work& tx) : p_(std::make_unique<impl>()) {
    p_->st.emplace((tx.sql().prepare << "UPDATE applications SET status = :s, verdict_json = :j, override_reason = '', "
                                        "version = version + 1 WHERE id = :id",
                    soci::use(p_->status), soci::use(p_->verdict), soci::use(p_->id)));
}

verdict_writer::~verdict_writer() = default;

void verdict_writer::set(std::int64_t application_id, const std::string& status, const std::string& verdict_json) {
    auto& p = *p_;
    p.id = application_id;
    p.status = status;
    p.verdict = verdict_json;
    p.st->execute(true);
}
}  // namespace skillgrade::storage
