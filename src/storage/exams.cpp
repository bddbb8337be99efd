// Blueprints, sittings, candidates, attempts, answers and exposure.
#include "storage/exams.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "storage/sql_util.hpp"

namespace skillgrade::storage::exams {
namespace {

// ---- blueprints ----
constexpr const char* kBlueprint =
    "SELECT id, cycle_id, target_rank, sections, duration_minutes, pass_mark, fixed, seed, review_after_close, double_marking, "
    "discrepancy_percent, version, updated_at, updated_by FROM exam_blueprints ";
std::vector<blueprint_row> select_blueprints(unit_of_work& tx, const std::string& where, long long key) {
    std::vector<blueprint_row> out;
    blueprint_row r;
    long long id = 0, cycle = 0, pass = 0, seed = 0;
    int fixed = 0, review = 0, twice = 1;
    soci::statement st = (tx.sql().prepare << std::string(kBlueprint) + where, soci::use(key), soci::into(id), soci::into(cycle),
                          soci::into(r.target_rank), soci::into(r.sections), soci::into(r.duration_minutes), soci::into(pass),
                          soci::into(fixed), soci::into(seed), soci::into(review), soci::into(twice), soci::into(r.discrepancy_percent),
                          soci::into(r.version), soci::into(r.updated_at),
                          soci::into(r.updated_by));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.cycle_id = cycle;
        r.pass_mark = pass;
        r.seed = seed;
        r.fixed = fixed != 0;
        r.review_after_close = review != 0;
        r.double_marking = twice != 0;
        out.push_back(r);
    }
    return out;
}

// ---- sittings ----
constexpr const char* kSitting =
    "SELECT s.id, s.blueprint_id, s.name, s.kind, s.opens_at, s.closes_at, s.duration_minutes, s.room, s.capacity, s.focus_limit, "
    "s.focus_action, s.version, s.created_at, s.created_by, b.cycle_id, b.target_rank, "
    "(SELECT COUNT(*) FROM sitting_candidates c WHERE c.sitting_id = s.id), s.snapshots "
    "FROM exam_sittings s JOIN exam_blueprints b ON b.id = s.blueprint_id ";
std::vector<sitting_row> select_sittings(unit_of_work& tx, const std::string& where, long long key) {
    std::vector<sitting_row> out;
    sitting_row r;
    long long id = 0, bp = 0, cycle = 0, count = 0;
    soci::statement st = (tx.sql().prepare << std::string(kSitting) + where, soci::use(key), soci::into(id), soci::into(bp),
                          soci::into(r.name), soci::into(r.kind), soci::into(r.opens_at), soci::into(r.closes_at),
                          soci::into(r.duration_minutes), soci::into(r.room), soci::into(r.capacity), soci::into(r.focus_limit),
                          soci::into(r.focus_action), soci::into(r.version), soci::into(r.created_at), soci::into(r.created_by),
                          soci::into(cycle), soci::into(r.target_rank), soci::into(count), soci::into(r.snapshots));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.blueprint_id = bp;
        r.cycle_id = cycle;
        r.candidates = static_cast<int>(count);
        out.push_back(r);
    }
    return out;
}

// ---- candidates ----
constexpr const char* kCandidate =
    "SELECT c.sitting_id, c.application_id, c.candidate_no, c.extra_minutes, e.id, e.employee_no, e.name FROM sitting_candidates c "
    "JOIN applications a ON a.id = c.application_id JOIN engineers e ON e.id = a.engineer_id ";
template <class... Keys>
std::vector<candidate_row> select_candidates(unit_of_work& tx, const std::string& where, Keys... keys) {
    std::vector<candidate_row> out;
    candidate_row r;
    long long sitting = 0, app = 0, engineer = 0;
    long long ks[] = {static_cast<long long>(keys)...};
    auto st = tx.prepared(std::string(kCandidate) + where);
    for (auto& k : ks) st->exchange(soci::use(k));
    st->exchange(soci::into(sitting));
    st->exchange(soci::into(app));
    st->exchange(soci::into(r.candidate_no));
    st->exchange(soci::into(r.extra_minutes));
    st->exchange(soci::into(engineer));
    st->exchange(soci::into(r.employee_no));
    st->exchange(soci::into(r.engineer_name));
    st->define_and_bind();
    st->execute();
    while (st->fetch()) {
        r.sitting_id = sitting;
        r.application_id = app;
        r.engineer_id = engineer;
        out.push_back(r);
    }
    return out;
}

// ---- attempts ----
constexpr const char* kAttempt =
    "SELECT id, sitting_id, application_id, engineer_id, seed, items, started_at, deadline, device, status, submitted_at, submitted_by, score, "
    "pending, focus_losses, focus_seconds, flagged FROM exam_attempts ";
template <class... Keys>
std::vector<attempt_row> select_attempts(unit_of_work& tx, const std::string& where, Keys... keys) {
    std::vector<attempt_row> out;
    attempt_row r;
    long long id = 0, sitting = 0, app = 0, engineer = 0, seed = 0, score = 0;
    soci::indicator ind = soci::i_null;
    int flagged = 0;
    long long ks[] = {static_cast<long long>(keys)...};
    auto st = tx.prepared(std::string(kAttempt) + where);
    for (auto& k : ks) st->exchange(soci::use(k));
    st->exchange(soci::into(id));
    st->exchange(soci::into(sitting));
    st->exchange(soci::into(app));
    st->exchange(soci::into(engineer));
    st->exchange(soci::into(seed));
    st->exchange(soci::into(r.items));
    st->exchange(soci::into(r.started_at));
    st->exchange(soci::into(r.deadline));
    st->exchange(soci::into(r.device));
    st->exchange(soci::into(r.status));
    st->exchange(soci::into(r.submitted_at));
    st->exchange(soci::into(r.submitted_by));
    st->exchange(soci::into(score, ind));
    st->exchange(soci::into(r.pending));
    st->exchange(soci::into(r.focus_losses));
    st->exchange(soci::into(r.focus_seconds));
    st->exchange(soci::into(flagged));
    st->define_and_bind();
    st->execute();
    while (st->fetch()) {
        r.id = id;
        r.sitting_id = sitting;
        r.application_id = app;
        r.engineer_id = engineer;
        r.seed = seed;
        r.score = ind == soci::i_ok ? std::optional<std::int64_t>(score) : std::nullopt;
        r.flagged = flagged != 0;
        out.push_back(r);
    }
    return out;
}

std::vector<answer_row> select_answers(unit_of_work& tx, const std::string& where, long long attempt, long long question) {
    std::vector<answer_row> out;
    answer_row r;
    long long a = 0, q = 0, seq = 0, points = 0;
    soci::indicator ind = soci::i_null;
    auto st = tx.prepared("SELECT attempt_id, question_id, seq, answer, saved_at, points FROM attempt_answers " + where);
    st->exchange(soci::use(attempt));
    if (question) st->exchange(soci::use(question));
    st->exchange(soci::into(a));
    st->exchange(soci::into(q));
    st->exchange(soci::into(seq));
    st->exchange(soci::into(r.answer));
    st->exchange(soci::into(r.saved_at));
    st->exchange(soci::into(points, ind));
    st->define_and_bind();
    st->execute();
    while (st->fetch()) {
        r.attempt_id = a;
        r.question_id = q;
        r.seq = seq;
        r.points = ind == soci::i_ok ? std::optional<std::int64_t>(points) : std::nullopt;
        out.push_back(r);
    }
    return out;
}

using detail::first;

}  // namespace

std::int64_t insert_blueprint(unit_of_work& tx, const blueprint_row& b) {
    long long id = 0, cycle = b.cycle_id, pass = b.pass_mark, seed = b.seed;
    int fixed = b.fixed, review = b.review_after_close, twice = b.double_marking;
    tx.sql() << "INSERT INTO exam_blueprints (cycle_id, target_rank, sections, duration_minutes, pass_mark, fixed, seed, review_after_close, "
                "double_marking, discrepancy_percent, version, updated_at, updated_by) "
                "VALUES (:c, :r, :s, :d, :p, :f, :seed, :rv, :dm, :dp, 1, :at, :by) RETURNING id",
        soci::use(cycle), soci::use(b.target_rank), soci::use(b.sections), soci::use(b.duration_minutes), soci::use(pass),
        soci::use(fixed), soci::use(seed), soci::use(review), soci::use(twice), soci::use(b.discrepancy_percent), soci::use(b.updated_at),
        soci::use(b.updated_by), soci::into(id);
    return id;
}

bool update_blueprint(unit_of_work& tx, const blueprint_row& b, int expected) {
    long long id = b.id, pass = b.pass_mark, seed = b.seed;
    int fixed = b.fixed, review = b.review_after_close, twice = b.double_marking;
    soci::statement st = (tx.sql().prepare << "UPDATE exam_blueprints SET sections = :s, duration_minutes = :d, pass_mark = :p, fixed = :f, "
                                              "seed = :seed, review_after_close = :rv, double_marking = :dm, discrepancy_percent = :dp, "
                                              "version = version + 1, updated_at = :at, updated_by = :by WHERE id = :id AND version = :v",
                          soci::use(b.sections), soci::use(b.duration_minutes), soci::use(pass), soci::use(fixed), soci::use(seed),
                          soci::use(review), soci::use(twice), soci::use(b.discrepancy_percent), soci::use(b.updated_at), soci::use(b.updated_by), soci::use(id), soci::use(expected));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<blueprint_row> blueprint(unit_of_work& tx, std::int64_t id) { return first(select_blueprints(tx, "WHERE id = :k", id)); }
std::vector<blueprint_row> blueprints_of(unit_of_work& tx, std::int64_t cycle_id) {
    return select_blueprints(tx, "WHERE cycle_id = :k ORDER BY target_rank", cycle_id);
}

int papers_of(unit_of_work& tx, std::int64_t blueprint_id) {
    long long n = 0, id = blueprint_id;
    tx.sql() << "SELECT COUNT(*) FROM exam_attempts t JOIN exam_sittings s ON s.id = t.sitting_id WHERE s.blueprint_id = :b", soci::use(id),
        soci::into(n);
    return static_cast<int>(n);
}

std::int64_t insert_sitting(unit_of_work& tx, const sitting_row& s) {
    long long id = 0, bp = s.blueprint_id;
    tx.sql() << "INSERT INTO exam_sittings (blueprint_id, name, kind, opens_at, closes_at, duration_minutes, room, capacity, focus_limit, "
                "focus_action, snapshots, version, created_at, created_by) VALUES (:b, :n, :k, :o, :c, :d, :r, :cap, :fl, :fa, :sn, 1, :at, :by) "
                "RETURNING id",
        soci::use(bp), soci::use(s.name), soci::use(s.kind), soci::use(s.opens_at), soci::use(s.closes_at), soci::use(s.duration_minutes),
        soci::use(s.room), soci::use(s.capacity), soci::use(s.focus_limit), soci::use(s.focus_action), soci::use(s.snapshots),
        soci::use(s.created_at), soci::use(s.created_by), soci::into(id);
    return id;
}

bool update_sitting(unit_of_work& tx, const sitting_row& s, int expected) {
    long long id = s.id;
    soci::statement st = (tx.sql().prepare << "UPDATE exam_sittings SET name = :n, opens_at = :o, closes_at = :c, duration_minutes = :d, "
                                              "room = :r, capacity = :cap, focus_limit = :fl, focus_action = :fa, snapshots = :sn, "
                                              "version = version + 1 WHERE id = :id AND version = :v",
                          soci::use(s.name), soci::use(s.opens_at), soci::use(s.closes_at), soci::use(s.duration_minutes), soci::use(s.room),
                          soci::use(s.capacity), soci::use(s.focus_limit), soci::use(s.focus_action), soci::use(s.snapshots), soci::use(id),
                          soci::use(expected));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<sitting_row> sitting(unit_of_work& tx, std::int64_t id) { return first(select_sittings(tx, "WHERE s.id = :k", id)); }
std::vector<sitting_row> sittings_of(unit_of_work& tx, std::int64_t cycle_id) {
    return select_sittings(tx, "WHERE b.cycle_id = :k ORDER BY s.opens_at, s.id", cycle_id);
}

void set_proctors(unit_of_work& tx, std::int64_t sitting_id, const std::vector<std::int64_t>& user_ids) {
    long long s = sitting_id;
    tx.sql() << "DELETE FROM sitting_proctors WHERE sitting_id = :s", soci::use(s);
    for (auto u : user_ids) {
        long long uid = u;
        tx.sql() << "INSERT INTO sitting_proctors (sitting_id, user_id) VALUES (:s, :u)", soci::use(s), soci::use(uid);
    }
}

std::vector<std::int64_t> proctors(unit_of_work& tx, std::int64_t sitting_id) {
    std::vector<std::int64_t> out;
    long long s = sitting_id, u = 0;
    soci::statement st = (tx.sql().prepare << "SELECT user_id FROM sitting_proctors WHERE sitting_id = :s ORDER BY user_id", soci::use(s),
                          soci::into(u));
    st.execute();
    while (st.fetch()) out.push_back(u);
    return out;
}

void add_candidate(unit_of_work& tx, std::int64_t sitting_id, std::int64_t application_id, const std::string& candidate_no) {
    long long s = sitting_id, a = application_id;
    tx.sql() << "INSERT INTO sitting_candidates (sitting_id, application_id, candidate_no) VALUES (:s, :a, :n)", soci::use(s), soci::use(a),
        soci::use(candidate_no);
}
void remove_candidate(unit_of_work& tx, std::int64_t sitting_id, std::int64_t application_id) {
    long long s = sitting_id, a = application_id;
    tx.sql() << "DELETE FROM sitting_candidates WHERE sitting_id = :s AND application_id = :a", soci::use(s), soci::use(a);
}
std::vector<candidate_row> candidates(unit_of_work& tx, std::int64_t sitting_id) {
    return select_candidates(tx, "WHERE c.sitting_id = :s ORDER BY c.candidate_no", sitting_id);
}
std::optional<candidate_row> candidate(unit_of_work& tx, std::int64_t sitting_id, std::int64_t application_id) {
    return first(select_candidates(tx, "WHERE c.sitting_id = :s AND c.application_id = :a", sitting_id, application_id));
}
std::vector<candidate_row> sittings_of_engineer(unit_of_work& tx, std::int64_t engineer_id) {
    return select_candidates(tx, "WHERE a.engineer_id = :e AND a.status <> 'withdrawn' ORDER BY c.sitting_id", engineer_id);
}
void set_extra_minutes(unit_of_work& tx, std::int64_t sitting_id, std::int64_t application_id, int minutes) {
    long long s = sitting_id, a = application_id;
    tx.sql() << "UPDATE sitting_candidates SET extra_minutes = :m WHERE sitting_id = :s AND application_id = :a", soci::use(minutes),
        soci::use(s), soci::use(a);
}

std::int64_t insert_attempt(unit_of_work& tx, const attempt_row& a) {
    long long id = 0, s = a.sitting_id, app = a.application_id, engineer = a.engineer_id, seed = a.seed;
    soci::indicator ind = soci::i_null;
    tx.sql() << "INSERT INTO exam_attempts (sitting_id, application_id, engineer_id, seed, items, started_at, deadline, device, status) "
                "VALUES (:s, :a, :e, :seed, :i, :st, :d, :dev, :status) ON CONFLICT (sitting_id, application_id) DO NOTHING RETURNING id",
        soci::use(s), soci::use(app), soci::use(engineer), soci::use(seed), soci::use(a.items), soci::use(a.started_at),
        soci::use(a.deadline), soci::use(a.device), soci::use(a.status), soci::into(id, ind);
    return tx.sql().got_data() && ind == soci::i_ok ? id : 0;
}

std::optional<attempt_row> attempt(unit_of_work& tx, std::int64_t id) { return first(select_attempts(tx, "WHERE id = :k", id)); }
std::optional<attempt_row> attempt_of(unit_of_work& tx, std::int64_t sitting_id, std::int64_t application_id) {
    return first(select_attempts(tx, "WHERE sitting_id = :s AND application_id = :a", sitting_id, application_id));
}
std::vector<attempt_row> attempts_of(unit_of_work& tx, std::int64_t sitting_id) {
    return select_attempts(tx, "WHERE sitting_id = :s ORDER BY id", sitting_id);
}

void set_device(unit_of_work& tx, std::int64_t attempt_id, const std::string& device) {
    long long id = attempt_id;
    tx.sql() << "UPDATE exam_attempts SET device = :d WHERE id = :id", soci::use(device), soci::use(id);
}
void set_deadline(unit_of_work& tx, std::int64_t attempt_id, const std::string& deadline) {
    long long id = attempt_id;
    tx.sql() << "UPDATE exam_attempts SET deadline = :d WHERE id = :id", soci::use(deadline), soci::use(id);
}

void finish_attempt(unit_of_work& tx, const attempt_row& a) {
    long long id = a.id, score = a.score.value_or(0);
    soci::indicator ind = a.score ? soci::i_ok : soci::i_null;
    tx.sql() << "UPDATE exam_attempts SET status = :st, submitted_at = :at, submitted_by = :by, score = :sc, pending = :p WHERE id = :id",
        soci::use(a.status), soci::use(a.submitted_at), soci::use(a.submitted_by), soci::use(score, ind), soci::use(a.pending),
        soci::use(id);
}

void set_items(unit_of_work& tx, std::int64_t attempt_id, const std::string& items) {
    long long id = attempt_id;
    tx.sql() << "UPDATE exam_attempts SET items = :i WHERE id = :id", soci::use(items), soci::use(id);
}

int settle_one(unit_of_work& tx, std::int64_t attempt_id) {
    long long id = attempt_id;
    int pending = 0;
    tx.sql() << "UPDATE exam_attempts SET pending = pending - 1 WHERE id = :id AND pending > 0 RETURNING pending", soci::use(id),
        soci::into(pending);
    return pending;
}

std::int64_t points_total(unit_of_work& tx, std::int64_t attempt_id) {
    long long id = attempt_id, total = 0;
    tx.sql() << "SELECT COALESCE(SUM(points), 0) FROM attempt_answers WHERE attempt_id = :id", soci::use(id), soci::into(total);
    return total;
}

void set_score(unit_of_work& tx, std::int64_t attempt_id, std::optional<std::int64_t> score) {
    long long id = attempt_id, sc = score.value_or(0);
    soci::indicator ind = score ? soci::i_ok : soci::i_null;
    tx.sql() << "UPDATE exam_attempts SET score = :sc WHERE id = :id", soci::use(sc, ind), soci::use(id);
}

void add_focus_loss(unit_of_work& tx, std::int64_t attempt_id, int seconds, bool flag) {
    long long id = attempt_id;
    int f = flag ? 1 : 0;
    tx.sql() << "UPDATE exam_attempts SET focus_losses = focus_losses + 1, focus_seconds = focus_seconds + :s, "
                "flagged = CASE WHEN :f = 1 THEN 1 ELSE flagged END WHERE id = :id",
        soci::use(seconds), soci::use(f), soci::use(id);
}

std::vector<std::int64_t> overdue(unit_of_work& tx, const std::string& before, int limit) {
    std::vector<std::int64_t> out;
    long long id = 0;
    auto st = tx.prepared("SELECT id FROM exam_attempts WHERE status = 'in_progress' AND deadline < :d ORDER BY deadline LIMIT " +
                          std::to_string(limit));
    st->exchange(soci::use(before));
    st->exchange(soci::into(id));
    st->define_and_bind();
    st->execute();
    while (st->fetch()) out.push_back(id);
    return out;
}

std::map<std::int64_t, answer_stats> answer_stats_of(unit_of_work& tx, std::int64_t sitting_id) {
    std::map<std::int64_t, answer_stats> out;
    long long s = sitting_id, attempt = 0, n = 0;
    std::string last;
    soci::statement st = (tx.sql().prepare << "SELECT w.attempt_id, COUNT(*), MAX(w.saved_at) FROM attempt_answers w "
                                              "JOIN exam_attempts t ON t.id = w.attempt_id WHERE t.sitting_id = :s GROUP BY w.attempt_id",
                          soci::use(s), soci::into(attempt), soci::into(n), soci::into(last));
    st.execute();
    while (st.fetch()) out[attempt] = {static_cast<int>(n), last};
    return out;
}

std::vector<std::int64_t> closed_unmarked(unit_of_work& tx, const std::string& now) {
    std::vector<std::int64_t> out;
    long long id = 0;
    soci::statement st = (tx.sql().prepare << "SELECT id FROM exam_sittings WHERE absences_marked = 0 AND closes_at < :n ORDER BY id",
                          soci::use(now), soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

void mark_absences(unit_of_work& tx, std::int64_t sitting_id) {
    long long id = sitting_id;
    tx.sql() << "UPDATE exam_sittings SET absences_marked = 1 WHERE id = :id", soci::use(id);
}

std::optional<answer_row> answer(unit_of_work& tx, std::int64_t attempt_id, std::int64_t question_id) {
    return first(select_answers(tx, "WHERE attempt_id = :a AND question_id = :q", attempt_id, question_id));
}
std::vector<answer_row> answers(unit_of_work& tx, std::int64_t attempt_id) {
    return select_answers(tx, "WHERE attempt_id = :a ORDER BY question_id", attempt_id, 0);
}

// ---- snapshots ----
std::optional<snapshot_state> snapshot_state_of(unit_of_work& tx, std::int64_t attempt_id) {
    long long id = attempt_id;
    snapshot_state out;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT snapshot_consent, consent_at, (SELECT COUNT(*) FROM attempt_snapshots p WHERE p.attempt_id = a.id) "
                "FROM exam_attempts a WHERE a.id = :id",
        soci::use(id), soci::into(out.consent), soci::into(out.consent_at), soci::into(out.taken, ind);
    if (!tx.sql().got_data()) return std::nullopt;
    return out;
}
void set_consent(unit_of_work& tx, std::int64_t attempt_id, const std::string& consent, const std::string& at) {
    long long id = attempt_id;
    tx.sql() << "UPDATE exam_attempts SET snapshot_consent = :c, consent_at = :at WHERE id = :id", soci::use(consent), soci::use(at),
        soci::use(id);
}
std::int64_t insert_snapshot(unit_of_work& tx, const snapshot_row& r) {
    long long id = 0, a = r.attempt_id, size = r.size;
    tx.sql() << "INSERT INTO attempt_snapshots (attempt_id, taken_at, width, height, size, data) VALUES (:a, :t, :w, :h, :s, :d) RETURNING id",
        soci::use(a), soci::use(r.taken_at), soci::use(r.width), soci::use(r.height), soci::use(size), soci::use(r.data), soci::into(id);
    return id;
}
namespace {
std::vector<snapshot_row> select_snapshots(unit_of_work& tx, bool with_data, const std::string& where, long long key) {
    std::vector<snapshot_row> out;
    snapshot_row r;
    long long id = 0, a = 0, size = 0;
    soci::statement st = (tx.sql().prepare << std::string("SELECT id, attempt_id, taken_at, width, height, size, ") +
                                                  (with_data ? "data" : "''") + " FROM attempt_snapshots " + where,
                          soci::use(key), soci::into(id), soci::into(a), soci::into(r.taken_at), soci::into(r.width), soci::into(r.height),
                          soci::into(size), soci::into(r.data));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.attempt_id = a;
        r.size = size;
        out.push_back(r);
    }
    return out;
}
}  // namespace
std::vector<snapshot_row> snapshots_of(unit_of_work& tx, std::int64_t attempt_id) {
    return select_snapshots(tx, false, "WHERE attempt_id = :a ORDER BY id", attempt_id);
}
std::optional<snapshot_row> snapshot(unit_of_work& tx, std::int64_t id) { return first(select_snapshots(tx, true, "WHERE id = :k", id)); }
std::map<std::int64_t, snapshot_state> snapshot_states(unit_of_work& tx, std::int64_t sitting_id) {
    std::map<std::int64_t, snapshot_state> out;
    long long s = sitting_id, a = 0;
    snapshot_state r;
    soci::statement st = (tx.sql().prepare << "SELECT a.id, a.snapshot_consent, a.consent_at, COUNT(p.id) FROM exam_attempts a "
                                              "LEFT JOIN attempt_snapshots p ON p.attempt_id = a.id WHERE a.sitting_id = :s "
                                              "GROUP BY a.id, a.snapshot_consent, a.consent_at",
                          soci::use(s), soci::into(a), soci::into(r.consent), soci::into(r.consent_at), soci::into(r.taken));
    st.execute();
    while (st.fetch()) out[a] = r;
    return out;
}
int purge_snapshots(unit_of_work& tx, const std::string& closed_before) {
    // Driven from the snapshots kept (few: they go when their sitting is old), not from every attempt.
    soci::statement st = (tx.sql().prepare << "DELETE FROM attempt_snapshots WHERE attempt_id IN (SELECT p.attempt_id FROM attempt_snapshots p "
                                              "JOIN exam_attempts a ON a.id = p.attempt_id JOIN exam_sittings s ON s.id = a.sitting_id "
                                              "WHERE s.closes_at < :t)",
                          soci::use(closed_before));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

std::optional<attempt_state> attempt_state_of(unit_of_work& tx, std::int64_t attempt_id) {
    long long id = attempt_id;
    attempt_state out;
    auto st = tx.prepared("SELECT status, device, deadline FROM exam_attempts WHERE id = :id");
    st->exchange(soci::use(id));
    st->exchange(soci::into(out.status));
    st->exchange(soci::into(out.device));
    st->exchange(soci::into(out.deadline));
    st->define_and_bind();
    st->execute();
    if (!st->fetch()) return std::nullopt;
    return out;
}

bool put_answer_if_newer(unit_of_work& tx, const answer_row& a, const std::string& device, const std::string& deadline_from) {
    long long at = a.attempt_id, q = a.question_id, seq = a.seq;
    auto st = tx.prepared(
        "INSERT INTO attempt_answers (attempt_id, question_id, seq, answer, saved_at) "
        "SELECT id, :q, :s, :ans, :at FROM exam_attempts WHERE id = :a AND status = 'in_progress' AND (:d1 = '' OR device = :d2) "
        "AND deadline >= :from "
        "ON CONFLICT (attempt_id, question_id) DO UPDATE SET seq = excluded.seq, answer = excluded.answer, saved_at = excluded.saved_at "
        "WHERE attempt_answers.seq < excluded.seq");
    st->exchange(soci::use(q));
    st->exchange(soci::use(seq));
    st->exchange(soci::use(a.answer));
    st->exchange(soci::use(a.saved_at));
    st->exchange(soci::use(at));
    st->exchange(soci::use(device));
    st->exchange(soci::use(device));
    st->exchange(soci::use(deadline_from));
    st->define_and_bind();
    st->execute(true);
    return st->get_affected_rows() == 1;
}

void put_answer(unit_of_work& tx, const answer_row& a) {
    long long at = a.attempt_id, q = a.question_id, seq = a.seq;
    auto st = tx.prepared(
        "INSERT INTO attempt_answers (attempt_id, question_id, seq, answer, saved_at) VALUES (:a, :q, :s, :ans, :at) "
        "ON CONFLICT (attempt_id, question_id) DO UPDATE SET seq = excluded.seq, answer = excluded.answer, saved_at = excluded.saved_at");
    st->exchange(soci::use(at));
    st->exchange(soci::use(q));
    st->exchange(soci::use(seq));
    st->exchange(soci::use(a.answer));
    st->exchange(soci::use(a.saved_at));
    st->define_and_bind();
    st->execute(true);
}

void set_points(unit_of_work& tx, std::int64_t attempt_id, std::int64_t question_id, std::optional<std::int64_t> points) {
    long long a = attempt_id, q = question_id, p = points.value_or(0);
    soci::indicator ind = points ? soci::i_ok : soci::i_null;
    auto st = tx.prepared("UPDATE attempt_answers SET points = :p WHERE attempt_id = :a AND question_id = :q");
    st->exchange(soci::use(p, ind));
    st->exchange(soci::use(a));
    st->exchange(soci::use(q));
    st->define_and_bind();
    st->execute(true);
}

std::map<std::int64_t, int> exposure(unit_of_work& tx, std::int64_t blueprint_id) {
    std::map<std::int64_t, int> out;
    long long b = blueprint_id, q = 0;
    int uses = 0;
    auto st = tx.prepared("SELECT question_id, uses FROM question_exposure WHERE blueprint_id = :b");
    st->exchange(soci::use(b));
    st->exchange(soci::into(q));
    st->exchange(soci::into(uses));
    st->define_and_bind();
    st->execute();
    while (st->fetch()) out[q] = uses;
    return out;
}

void add_exposure(unit_of_work& tx, std::int64_t blueprint_id, const std::vector<std::int64_t>& question_ids) {
    long long b = blueprint_id;
    // In id order, so that starts running at once lock the rows in one order (on PostgreSQL two
    // papers sharing questions in different orders would otherwise deadlock).
    auto ids = question_ids;
    std::sort(ids.begin(), ids.end());
    for (auto id : ids) {
        long long q = id;
        auto st = tx.prepared("INSERT INTO question_exposure (blueprint_id, question_id, uses) VALUES (:b, :q, 1) "
                              "ON CONFLICT (blueprint_id, question_id) DO UPDATE SET uses = question_exposure.uses + 1");
        st->exchange(soci::use(b));
        st->exchange(soci::use(q));
        st->define_and_bind();
        st->execute(true);
    }
}

}  // namespace skillgrade::storage::exams
