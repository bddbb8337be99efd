// Evaluation cycles, their phases, and applications.
#include <soci/soci.h>

#include <functional>
#include <map>

#include <ranges>
#include <sstream>

#include "storage/repositories.hpp"

namespace skillgrade::storage {
namespace {
std::string join_ranks(const std::vector<int>& v) {
    std::string s;
    for (int r : v) s += (s.empty() ? "" : ",") + std::to_string(r);
    return s;
}
std::vector<int> split_ranks(const std::string& s) {
    std::vector<int> out;
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, ','))
        if (!part.empty()) out.push_back(std::stoi(part));
    return out;
}
}  // namespace

namespace cycles {
std::int64_t insert(unit_of_work& tx, const cycle_row& c) {
    long long id = 0, scheme = c.scheme_id;
    std::string ranks = join_ranks(c.open_ranks);
    tx.sql() << "INSERT INTO cycles (name, scheme_id, scheme_version, kind, status, open_ranks, cutoff_date, created_at, "
                "created_by) VALUES (:n, :s, :v, :k, :st, :r, :c, :at, :by) RETURNING id",
        soci::use(c.name), soci::use(scheme), soci::use(c.scheme_version), soci::use(c.kind), soci::use(c.status),
        soci::use(ranks), soci::use(c.cutoff_date), soci::use(c.created_at), soci::use(c.created_by), soci::into(id);
    for (auto& p : c.phases)
        tx.sql() << "INSERT INTO cycle_phases (cycle_id, phase, starts_on, ends_on, responsible_role) "
                    "VALUES (:c, :p, :s, :e, :r)",
            soci::use(id), soci::use(p.phase), soci::use(p.starts_on), soci::use(p.ends_on), soci::use(p.responsible_role);
    return id;
}

namespace {
std::vector<cycle_row> select(unit_of_work& tx, const std::string& where, long long id) {
    std::vector<cycle_row> out;
    cycle_row c;
    long long cid = 0, scheme = 0, version = 0;
    std::string ranks, fields;
    soci::statement st = (tx.sql().prepare << "SELECT id, name, scheme_id, scheme_version, kind, status, open_ranks, "
                                              "cutoff_date, version, created_at, created_by, notice_days, notice_ends_on, "
                                              "published_fields, certificate_pattern "
                                              "FROM cycles " + where + " ORDER BY id DESC",
                          soci::into(cid), soci::into(c.name), soci::into(scheme), soci::into(c.scheme_version),
                          soci::into(c.kind), soci::into(c.status), soci::into(ranks), soci::into(c.cutoff_date),
                          soci::into(version), soci::into(c.created_at), soci::into(c.created_by), soci::into(c.notice_days),
                          soci::into(c.notice_ends_on), soci::into(fields), soci::into(c.certificate_pattern));
    if (!where.empty()) st.exchange(soci::use(id, "id"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        c.id = cid;
        c.scheme_id = scheme;
        c.version = version;
        c.open_ranks = split_ranks(ranks);
        c.published_fields.clear();
        for (auto part : std::views::split(std::string_view(fields), ','))
            if (!part.empty()) c.published_fields.emplace_back(part.begin(), part.end());
        out.push_back(c);
    }
    for (auto& row : out) {
        phase_row p;
        long long rid = row.id;
        soci::statement ps = (tx.sql().prepare << "SELECT phase, starts_on, ends_on, responsible_role FROM cycle_phases "
                                                  "WHERE cycle_id = :c ORDER BY starts_on, phase",
                              soci::use(rid), soci::into(p.phase), soci::into(p.starts_on), soci::into(p.ends_on),
                              soci::into(p.responsible_role));
        ps.execute();
        while (ps.fetch()) row.phases.push_back(p);
        quota_row q;
        long long unit = 0;
        soci::indicator pi = soci::i_null, ni = soci::i_null;
        soci::statement qs = (tx.sql().prepare << "SELECT q.rank, q.kind, q.value, q.org_unit_id, o.path, o.name "
                                                  "FROM cycle_quotas q LEFT JOIN org_units o ON o.id = q.org_unit_id "
                                                  "WHERE q.cycle_id = :c ORDER BY q.rank, o.path",
                              soci::use(rid), soci::into(q.rank), soci::into(q.kind), soci::into(q.value), soci::into(unit),
                              soci::into(q.org_path, pi), soci::into(q.org_name, ni));
        qs.execute();
        while (qs.fetch()) {
            q.org_unit_id = unit;
            if (pi != soci::i_ok) q.org_path.clear();
            if (ni != soci::i_ok) q.org_name.clear();
            row.quotas.push_back(q);
        }
    }
    return out;
}
}  // namespace

std::vector<cycle_row> list(unit_of_work& tx) { return select(tx, "", 0); }

std::optional<cycle_row> get(unit_of_work& tx, std::int64_t id) {
    auto v = select(tx, "WHERE id = :id", id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

bool set_status(unit_of_work& tx, std::int64_t id, const std::string& status, std::int64_t version) {
    long long i = id, v = version;
    soci::statement st = (tx.sql().prepare << "UPDATE cycles SET status = :s, version = version + 1 WHERE id = :id AND "
                                              "version = :v",
                          soci::use(status), soci::use(i), soci::use(v));
    st.execute(true);
    return st.get_affected_rows() == 1;
}
void set_quota(unit_of_work& tx, std::int64_t id, const quota_row& q) {
    long long c = id, unit = q.org_unit_id;
    tx.sql() << "INSERT INTO cycle_quotas (cycle_id, rank, org_unit_id, kind, value) VALUES (:c, :r, :u, :k, :v) "
                "ON CONFLICT (cycle_id, rank, org_unit_id) DO UPDATE SET kind = excluded.kind, value = excluded.value",
        soci::use(c), soci::use(q.rank), soci::use(unit), soci::use(q.kind), soci::use(q.value);
}

bool set_settings(unit_of_work& tx, std::int64_t id, const std::vector<std::string>& published_fields,
                  const std::string& certificate_pattern, int notice_days, std::int64_t version) {
    long long i = id, v = version;
    std::string fields;
    for (auto& f : published_fields) fields += (fields.empty() ? "" : ",") + f;
    soci::statement st = (tx.sql().prepare << "UPDATE cycles SET published_fields = :f, certificate_pattern = :p, "
                                              "notice_days = :n, version = version + 1 WHERE id = :id AND version = :v",
                          soci::use(fields), soci::use(certificate_pattern), soci::use(notice_days), soci::use(i), soci::use(v));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void set_notice_end(unit_of_work& tx, std::int64_t id, const std::string& ends_on) {
    long long c = id;
    tx.sql() << "UPDATE cycles SET notice_ends_on = :e WHERE id = :c", soci::use(ends_on), soci::use(c);
}

void remove_quota(unit_of_work& tx, std::int64_t id, int rank, std::int64_t org_unit_id) {
    long long c = id, unit = org_unit_id;
    tx.sql() << "DELETE FROM cycle_quotas WHERE cycle_id = :c AND rank = :r AND org_unit_id = :u", soci::use(c), soci::use(rank),
        soci::use(unit);
}
}  // namespace cycles

namespace applications {
std::int64_t insert(unit_of_work& tx, const application_row& a) {
    long long id = 0, cycle = a.cycle_id, engineer = a.engineer_id;
    tx.sql() << "INSERT INTO applications (cycle_id, engineer_id, target_rank, status, nominated_by, applied_at) "
                "VALUES (:c, :e, :r, :s, :n, :at) RETURNING id",
        soci::use(cycle), soci::use(engineer), soci::use(a.target_rank), soci::use(a.status), soci::use(a.nominated_by),
        soci::use(a.applied_at), soci::into(id);
    return id;
}

namespace {
std::vector<application_row> select(unit_of_work& tx, const std::string& where, long long key, long long key2 = 0) {
    std::vector<application_row> out;
    application_row a;
    long long id = 0, cycle = 0, engineer = 0, version = 0;
    soci::statement st = (tx.sql().prepare << "SELECT a.id, a.cycle_id, a.engineer_id, e.employee_no, e.name, o.path, "
                                              "a.target_rank, a.status, a.nominated_by, a.applied_at, a.verdict_json, "
                                              "a.override_reason, a.version FROM applications a "
                                              "JOIN engineers e ON e.id = a.engineer_id "
                                              "JOIN org_units o ON o.id = e.org_unit_id " + where + " ORDER BY a.id",
                          soci::into(id), soci::into(cycle), soci::into(engineer), soci::into(a.employee_no),
                          soci::into(a.engineer_name), soci::into(a.org_path), soci::into(a.target_rank),
                          soci::into(a.status), soci::into(a.nominated_by), soci::into(a.applied_at),
                          soci::into(a.verdict_json), soci::into(a.override_reason), soci::into(version));
    st.exchange(soci::use(key, "k"));
    if (where.find(":k2") != std::string::npos) st.exchange(soci::use(key2, "k2"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        a.id = id;
        a.cycle_id = cycle;
        a.engineer_id = engineer;
        a.version = version;
        out.push_back(a);
    }
    return out;
}
}  // namespace

std::vector<application_row> list(unit_of_work& tx, std::int64_t cycle_id) {
    return select(tx, "WHERE a.cycle_id = :k", cycle_id);
}

application_counts counts(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, open = 0, eligible = 0;
    soci::indicator oi = soci::i_null, ei = soci::i_null;
    tx.sql() << "SELECT SUM(CASE WHEN status <> 'withdrawn' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'eligible' THEN 1 ELSE 0 END) "
                "FROM applications WHERE cycle_id = :c",
        soci::use(c), soci::into(open, oi), soci::into(eligible, ei);
    return {oi == soci::i_ok ? open : 0, ei == soci::i_ok ? eligible : 0};
}

std::vector<application_row> for_engineer(unit_of_work& tx, std::int64_t engineer_id) {
    return select(tx, "WHERE a.engineer_id = :k", engineer_id);
}

std::optional<application_row> get(unit_of_work& tx, std::int64_t id) {
    auto v = select(tx, "WHERE a.id = :k", id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::optional<application_row> open_for(unit_of_work& tx, std::int64_t cycle_id, std::int64_t engineer_id) {
    auto v = select(tx, "WHERE a.cycle_id = :k AND a.engineer_id = :k2 AND a.status <> 'withdrawn'", cycle_id, engineer_id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

void set_status(unit_of_work& tx, std::int64_t id, const std::string& status) {
    long long i = id;
    tx.sql() << "UPDATE applications SET status = :s, version = version + 1 WHERE id = :id", soci::use(status), soci::use(i);
}

void set_verdict(unit_of_work& tx, std::int64_t id, const std::string& status, const std::string& verdict_json,
                 const std::string& override_reason) {
    long long i = id;
    tx.sql() << "UPDATE applications SET status = :s, verdict_json = :j, override_reason = :o, version = version + 1 "
                "WHERE id = :id",
        soci::use(status), soci::use(verdict_json), soci::use(override_reason), soci::use(i);
}
}  // namespace applications

}  // namespace skillgrade::storage

namespace skillgrade::storage::training {

void insert(unit_of_work& tx, const std::vector<training_row>& rows, const std::string& now) {
    training_row r;
    long long engineer = 0;
    int passed = 0;
    soci::statement st = (tx.sql().prepare << "INSERT INTO training_records (engineer_id, course_code, hours, completed_on, "
                                              "passed, source, recorded_at) VALUES (:e, :c, :h, :d, :p, :s, :now)",
                          soci::use(engineer), soci::use(r.course_code), soci::use(r.hours), soci::use(r.completed_on),
                          soci::use(passed), soci::use(r.source), soci::use(now));
    for (auto& row : rows) {
        r = row;
        engineer = row.engineer_id;
        passed = row.passed ? 1 : 0;
        st.execute(true);
    }
}

std::vector<training_row> for_engineer(unit_of_work& tx, std::int64_t engineer_id) {
    std::vector<training_row> out;
    training_row r;
    long long id = 0, e = engineer_id;
    int passed = 0;
    soci::statement st = (tx.sql().prepare << "SELECT id, course_code, hours, completed_on, passed, source FROM "
                                              "training_records WHERE engineer_id = :e ORDER BY completed_on DESC, id DESC",
                          soci::use(e), soci::into(id), soci::into(r.course_code), soci::into(r.hours),
                          soci::into(r.completed_on), soci::into(passed), soci::into(r.source));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.engineer_id = engineer_id;
        r.passed = passed != 0;
        out.push_back(r);
    }
    return out;
}

}  // namespace skillgrade::storage::training

namespace skillgrade::storage::scores {

void put(unit_of_work& tx, const score_row& s) {
    long long app = s.application_id, value = s.score.value_or(0);
    soci::indicator ind = s.score ? soci::i_ok : soci::i_null;
    int absent = s.absent ? 1 : 0;
    // ON CONFLICT … DO UPDATE works on SQLite (3.24+) and PostgreSQL alike.
    tx.sql() << "INSERT INTO scores (application_id, component, score, absent, source, author, recorded_at) "
                "VALUES (:a, :c, :s, :ab, :src, :by, :at) ON CONFLICT (application_id, component) DO UPDATE SET "
                "score = excluded.score, absent = excluded.absent, source = excluded.source, author = excluded.author, "
                "recorded_at = excluded.recorded_at",
        soci::use(app), soci::use(s.component), soci::use(value, ind), soci::use(absent), soci::use(s.source),
        soci::use(s.author), soci::use(s.recorded_at);
}

namespace {
std::vector<score_row> select_scores(unit_of_work& tx, const std::string& where, long long key) {
    std::vector<score_row> out;
    score_row r;
    long long app = 0, value = 0;
    soci::indicator ind = soci::i_null;
    int absent = 0;
    soci::statement st = (tx.sql().prepare << "SELECT s.application_id, s.component, s.score, s.absent, s.source, s.author, "
                                              "s.recorded_at FROM scores s JOIN applications a ON a.id = s.application_id " +
                                                  where + " ORDER BY s.application_id, s.component",
                          soci::use(key), soci::into(app), soci::into(r.component), soci::into(value, ind), soci::into(absent),
                          soci::into(r.source), soci::into(r.author), soci::into(r.recorded_at));
    st.execute();
    while (st.fetch()) {
        r.application_id = app;
        r.score = ind == soci::i_ok ? std::optional<std::int64_t>(value) : std::nullopt;
        r.absent = absent != 0;
        out.push_back(r);
    }
    return out;
}
}  // namespace

std::vector<score_row> for_cycle(unit_of_work& tx, std::int64_t cycle_id) { return select_scores(tx, "WHERE a.cycle_id = :c", cycle_id); }

std::vector<score_row> for_application(unit_of_work& tx, std::int64_t application_id) {
    return select_scores(tx, "WHERE s.application_id = :c", application_id);
}

std::vector<std::string> locked(unit_of_work& tx, std::int64_t cycle_id) {
    std::vector<std::string> out;
    std::string comp;
    long long c = cycle_id;
    soci::statement st = (tx.sql().prepare << "SELECT component FROM score_locks WHERE cycle_id = :c ORDER BY component",
                          soci::use(c), soci::into(comp));
    st.execute();
    while (st.fetch()) out.push_back(comp);
    return out;
}

void lock(unit_of_work& tx, std::int64_t cycle_id, const std::string& component, const std::string& by, const std::string& at) {
    long long c = cycle_id;
    tx.sql() << "INSERT INTO score_locks (cycle_id, component, locked_by, locked_at) VALUES (:c, :comp, :by, :at) "
                "ON CONFLICT (cycle_id, component) DO NOTHING",
        soci::use(c), soci::use(component), soci::use(by), soci::use(at);
}

namespace {
// Streams the cycle's results (with `where` narrowing them) joined with their applications,
// engineers and quota groups, one row at a time.
void select_results(unit_of_work& tx, const std::string& where, long long c, long long app_key, const std::string& order,
                    const std::function<void(const result_row&)>& fn) {
    result_row r;
    long long app = 0, total = 0, tp = 0, tf = 0, applicants = 0;
    int passed = 0, selected = 0;
    soci::statement st = (tx.sql().prepare << "SELECT r.application_id, r.total, r.passed, r.rank, r.selected, r.outcome_json, "
                                              "r.evaluated_at, r.quota_group, r.tie_practical, r.tie_performance, a.target_rank, "
                                              "COALESCE(g.kind, 'none'), COALESCE(g.value, 0), COALESCE(g.org_unit, ''), COALESCE(g.applicants, 0), "
                                              "COALESCE(g.places, 0), e.employee_no, e.name, o.path FROM results r "
                                              "JOIN applications a ON a.id = r.application_id JOIN engineers e ON e.id = a.engineer_id "
                                              "JOIN org_units o ON o.id = e.org_unit_id LEFT JOIN result_groups g ON "
                                              "g.cycle_id = r.cycle_id AND g.quota_group = r.quota_group WHERE r.cycle_id = :c" + where +
                                                  " ORDER BY " + order,
                          soci::into(app), soci::into(total), soci::into(passed), soci::into(r.rank),
                          soci::into(selected), soci::into(r.outcome_json), soci::into(r.evaluated_at), soci::into(r.quota_group),
                          soci::into(tp), soci::into(tf), soci::into(r.target_rank), soci::into(r.quota_kind),
                          soci::into(r.quota_value), soci::into(r.quota_unit), soci::into(applicants), soci::into(r.quota_places),
                          soci::into(r.employee_no), soci::into(r.engineer_name), soci::into(r.org_path));
    st.exchange(soci::use(c, "c"));
    if (!where.empty()) st.exchange(soci::use(app_key, "a"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        r.application_id = app;
        r.cycle_id = c;
        r.total = total;
        r.passed = passed != 0;
        r.selected = selected != 0;
        r.tie_practical = tp;
        r.tie_performance = tf;
        r.quota_applicants = applicants;
        fn(r);
    }
}
constexpr const char* kListOrder = "a.target_rank, r.passed DESC, r.rank, r.application_id";
}  // namespace

std::vector<result_row> results(unit_of_work& tx, std::int64_t cycle_id) {
    std::vector<result_row> out;
    select_results(tx, "", cycle_id, 0, kListOrder, [&](const result_row& r) { out.push_back(r); });
    return out;
}

void each_result(unit_of_work& tx, std::int64_t cycle_id, const std::function<void(const result_row&)>& fn) {
    select_results(tx, "", cycle_id, 0, "r.application_id", fn);
}

std::optional<result_row> result_of(unit_of_work& tx, std::int64_t cycle_id, std::int64_t application_id) {
    std::optional<result_row> out;
    select_results(tx, " AND r.application_id = :a", cycle_id, application_id, kListOrder, [&](const result_row& r) { out = r; });
    return out;
}

}  // namespace skillgrade::storage::scores

namespace skillgrade::storage::votes {

void put(unit_of_work& tx, const vote_row& v) {
    long long app = v.application_id;
    tx.sql() << "INSERT INTO votes (application_id, member, vote, comment, voted_at) VALUES (:a, :m, :v, :c, :at) "
                "ON CONFLICT (application_id, member) DO UPDATE SET vote = excluded.vote, comment = excluded.comment, "
                "voted_at = excluded.voted_at",
        soci::use(app), soci::use(v.member), soci::use(v.vote), soci::use(v.comment), soci::use(v.voted_at);
}

namespace {
// Each application's votes counted (of a cycle, or of one application with `where`).
std::map<std::int64_t, vote_counts> select_counts(unit_of_work& tx, const std::string& where, long long key) {
    std::map<std::int64_t, vote_counts> out;
    long long app = 0;
    vote_counts n;
    soci::statement st = (tx.sql().prepare << "SELECT v.application_id, SUM(CASE WHEN v.vote = 'approve' THEN 1 ELSE 0 END), "
                                              "SUM(CASE WHEN v.vote = 'reject' THEN 1 ELSE 0 END), SUM(CASE WHEN v.vote NOT IN "
                                              "('approve', 'reject') THEN 1 ELSE 0 END) FROM votes v JOIN applications a ON "
                                              "a.id = v.application_id " + where + " GROUP BY v.application_id",
                          soci::use(key), soci::into(app), soci::into(n.approve), soci::into(n.reject), soci::into(n.defer));
    st.execute();
    while (st.fetch()) out[app] = n;
    return out;
}
}  // namespace

std::map<std::int64_t, vote_counts> counts(unit_of_work& tx, std::int64_t cycle_id) {
    return select_counts(tx, "WHERE a.cycle_id = :c", cycle_id);
}

vote_counts counts_for(unit_of_work& tx, std::int64_t application_id) {
    auto m = select_counts(tx, "WHERE v.application_id = :c", application_id);
    return m.empty() ? vote_counts{} : m.begin()->second;
}

}  // namespace skillgrade::storage::votes

namespace skillgrade::storage::certificates {

std::int64_t insert(unit_of_work& tx, const certificate_row& c) {
    long long id = 0, engineer = c.engineer_id, scheme = c.scheme_id, cycle = c.cycle_id.value_or(0);
    soci::indicator ci = c.cycle_id ? soci::i_ok : soci::i_null;
    tx.sql() << "INSERT INTO certificates (number, engineer_id, cycle_id, scheme_id, level_rank, issued_on, expires_on, status) "
                "VALUES (:n, :e, :c, :s, :r, :i, :x, :st) RETURNING id",
        soci::use(c.number), soci::use(engineer), soci::use(cycle, ci), soci::use(scheme), soci::use(c.level_rank),
        soci::use(c.issued_on), soci::use(c.expires_on), soci::use(c.status), soci::into(id);
    return id;
}

std::int64_t count_issued_in(unit_of_work& tx, const std::string& year) {
    long long n = 0;
    std::string like = year + "-%";
    tx.sql() << "SELECT COUNT(*) FROM certificates WHERE issued_on LIKE :y", soci::use(like), soci::into(n);
    return n;
}

std::vector<certificate_row> for_engineer(unit_of_work& tx, std::int64_t engineer_id) {
    std::vector<certificate_row> out;
    certificate_row r;
    long long id = 0, e = engineer_id, cycle = 0, scheme = 0;
    soci::indicator ci = soci::i_null;
    soci::statement st = (tx.sql().prepare << "SELECT id, number, cycle_id, scheme_id, level_rank, issued_on, expires_on, status "
                                              "FROM certificates WHERE engineer_id = :e ORDER BY issued_on DESC, id DESC",
                          soci::use(e), soci::into(id), soci::into(r.number), soci::into(cycle, ci), soci::into(scheme),
                          soci::into(r.level_rank), soci::into(r.issued_on), soci::into(r.expires_on), soci::into(r.status));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.engineer_id = engineer_id;
        r.cycle_id = ci == soci::i_ok ? std::optional<std::int64_t>(cycle) : std::nullopt;
        r.scheme_id = scheme;
        out.push_back(r);
    }
    return out;
}

void set_status(unit_of_work& tx, std::int64_t id, const std::string& status) {
    long long i = id;
    tx.sql() << "UPDATE certificates SET status = :s WHERE id = :id", soci::use(status), soci::use(i);
}

std::vector<expiring_row> expiring(unit_of_work& tx, const std::string& until) {
    std::vector<expiring_row> out;
    expiring_row r;
    long long id = 0, e = 0, scheme = 0, cycle = 0;
    soci::indicator ci = soci::i_null;
    soci::statement st = (tx.sql().prepare << "SELECT c.id, c.number, c.engineer_id, c.cycle_id, c.scheme_id, c.level_rank, "
                                              "c.issued_on, c.expires_on, c.status, e.employee_no, e.name, o.path "
                                              "FROM certificates c JOIN engineers e ON e.id = c.engineer_id "
                                              "JOIN org_units o ON o.id = e.org_unit_id "
                                              "WHERE c.status = 'valid' AND c.expires_on <= :u ORDER BY c.expires_on, c.id",
                          soci::use(until), soci::into(id), soci::into(r.certificate.number), soci::into(e),
                          soci::into(cycle, ci), soci::into(scheme), soci::into(r.certificate.level_rank),
                          soci::into(r.certificate.issued_on), soci::into(r.certificate.expires_on),
                          soci::into(r.certificate.status), soci::into(r.employee_no), soci::into(r.engineer_name),
                          soci::into(r.org_path));
    st.execute();
    while (st.fetch()) {
        r.certificate.id = id;
        r.certificate.engineer_id = e;
        r.certificate.scheme_id = scheme;
        r.certificate.cycle_id = ci == soci::i_ok ? std::optional<std::int64_t>(cycle) : std::nullopt;
        out.push_back(r);
    }
    return out;
}

}  // namespace skillgrade::storage::certificates

namespace skillgrade::storage::calendar {

std::vector<calendar_day> list(unit_of_work& tx) {
    std::vector<calendar_day> out;
    calendar_day d;
    soci::statement st = (tx.sql().prepare << "SELECT day, kind, name FROM calendar_days ORDER BY day", soci::into(d.day),
                          soci::into(d.kind), soci::into(d.name));
    st.execute();
    while (st.fetch()) out.push_back(d);
    return out;
}

void put(unit_of_work& tx, const calendar_day& d) {
    tx.sql() << "INSERT INTO calendar_days (day, kind, name) VALUES (:d, :k, :n) ON CONFLICT (day) DO UPDATE SET "
                "kind = excluded.kind, name = excluded.name",
        soci::use(d.day), soci::use(d.kind), soci::use(d.name);
}

void remove(unit_of_work& tx, const std::string& day) { tx.sql() << "DELETE FROM calendar_days WHERE day = :d", soci::use(day); }

}  // namespace skillgrade::storage::calendar

namespace skillgrade::storage::appeals {

std::int64_t insert(unit_of_work& tx, const appeal_row& a) {
    long long id = 0, app = a.application_id;
    tx.sql() << "INSERT INTO appeals (application_id, reason, status, created_at, created_by) VALUES (:a, :r, :s, :at, :by) "
                "RETURNING id",
        soci::use(app), soci::use(a.reason), soci::use(a.status), soci::use(a.created_at), soci::use(a.created_by),
        soci::into(id);
    return id;
}

namespace {
std::vector<appeal_row> select(unit_of_work& tx, const std::string& where, long long key) {
    std::vector<appeal_row> out;
    appeal_row a;
    long long id = 0, app = 0, engineer = 0;
    soci::statement st = (tx.sql().prepare << "SELECT p.id, p.application_id, p.reason, p.status, p.resolution, p.created_at, "
                                              "p.created_by, p.resolved_at, p.resolved_by, e.id, e.employee_no, e.name, a.target_rank "
                                              "FROM appeals p JOIN applications a ON a.id = p.application_id "
                                              "JOIN engineers e ON e.id = a.engineer_id " + where + " ORDER BY p.id",
                          soci::use(key), soci::into(id), soci::into(app), soci::into(a.reason), soci::into(a.status),
                          soci::into(a.resolution), soci::into(a.created_at), soci::into(a.created_by),
                          soci::into(a.resolved_at), soci::into(a.resolved_by), soci::into(engineer), soci::into(a.employee_no),
                          soci::into(a.engineer_name), soci::into(a.target_rank));
    st.execute();
    while (st.fetch()) {
        a.id = id;
        a.application_id = app;
        a.engineer_id = engineer;
        out.push_back(a);
    }
    return out;
}
}  // namespace

std::vector<appeal_row> for_cycle(unit_of_work& tx, std::int64_t cycle_id) { return select(tx, "WHERE a.cycle_id = :k", cycle_id); }

std::vector<appeal_row> for_application(unit_of_work& tx, std::int64_t application_id) {
    return select(tx, "WHERE p.application_id = :k", application_id);
}

std::optional<appeal_row> get(unit_of_work& tx, std::int64_t id) {
    auto v = select(tx, "WHERE p.id = :k", id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

void resolve(unit_of_work& tx, std::int64_t id, const std::string& status, const std::string& resolution,
             const std::string& by, const std::string& at) {
    long long i = id;
    tx.sql() << "UPDATE appeals SET status = :s, resolution = :r, resolved_by = :by, resolved_at = :at WHERE id = :id",
        soci::use(status), soci::use(resolution), soci::use(by), soci::use(at), soci::use(i);
}

}  // namespace skillgrade::storage::appeals

namespace skillgrade::storage::work {

// Counted by the database, so a home page costs the same for a cycle of ten or of a million.
std::map<std::string, std::int64_t> application_counts(unit_of_work& tx, std::int64_t cycle_id) {
    std::map<std::string, std::int64_t> out;
    long long c = cycle_id, n = 0;
    std::string status;
    soci::statement st = (tx.sql().prepare << "SELECT status, COUNT(*) FROM applications WHERE cycle_id = :c GROUP BY status",
                          soci::use(c), soci::into(status), soci::into(n));
    st.execute();
    while (st.fetch()) out[status] = n;
    return out;
}

std::map<int, std::int64_t> eligible_by_rank(unit_of_work& tx, std::int64_t cycle_id) {
    std::map<int, std::int64_t> out;
    long long c = cycle_id, n = 0;
    int rank = 0;
    soci::statement st = (tx.sql().prepare << "SELECT target_rank, COUNT(*) FROM applications WHERE cycle_id = :c AND "
                                              "status = 'eligible' GROUP BY target_rank",
                          soci::use(c), soci::into(rank), soci::into(n));
    st.execute();
    while (st.fetch()) out[rank] = n;
    return out;
}

std::map<std::pair<int, std::string>, std::int64_t> scored(unit_of_work& tx, std::int64_t cycle_id) {
    std::map<std::pair<int, std::string>, std::int64_t> out;
    long long c = cycle_id, n = 0;
    int rank = 0;
    std::string component;
    soci::statement st = (tx.sql().prepare << "SELECT a.target_rank, s.component, COUNT(*) FROM scores s JOIN applications a ON "
                                              "a.id = s.application_id WHERE a.cycle_id = :c AND a.status = 'eligible' AND "
                                              "(s.score IS NOT NULL OR s.absent = 1) GROUP BY a.target_rank, s.component",
                          soci::use(c), soci::into(rank), soci::into(component), soci::into(n));
    st.execute();
    while (st.fetch()) out[{rank, component}] = n;
    return out;
}

std::int64_t passed_selected(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM results WHERE cycle_id = :c AND passed = 1 AND selected = 1", soci::use(c), soci::into(n);
    return n;
}

std::int64_t voted_by(unit_of_work& tx, std::int64_t cycle_id, const std::string& member) {
    long long c = cycle_id, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM votes v JOIN results r ON r.application_id = v.application_id WHERE r.cycle_id = :c "
                "AND r.passed = 1 AND r.selected = 1 AND v.member = :m",
        soci::use(c), soci::use(member), soci::into(n);
    return n;
}

std::int64_t open_appeals(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM appeals p JOIN applications a ON a.id = p.application_id WHERE a.cycle_id = :c AND "
                "p.status = 'open'",
        soci::use(c), soci::into(n);
    return n;
}

}  // namespace skillgrade::storage::work

namespace skillgrade::storage::product_lines {

std::vector<product_line> list(unit_of_work& tx) {
    std::vector<product_line> out;
    product_line p;
    soci::statement st = (tx.sql().prepare << "SELECT name, name_en FROM product_lines ORDER BY position, name", soci::into(p.name),
                          soci::into(p.name_en));
    st.execute();
    while (st.fetch()) out.push_back(p);
    return out;
}

}  // namespace skillgrade::storage::product_lines
