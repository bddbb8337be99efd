// Evaluation at any size: the reviewed applications and their training streamed in batches, results
// written in batches, and the ranking done by the database (a window function), so memory stays flat
// however many applications a cycle has.
#include <soci/soci.h>

#include "storage/repositories.hpp"

namespace skillgrade::storage {
namespace {
constexpr std::size_t kBatch = 2000;
}

struct evaluation_cursor::impl {
    long long cycle;
    std::vector<long long> id, engineer, rank, current_rank;
    std::vector<std::string> status, override_reason, applied_at, path, career_start, hire_date, education, level_since;
    std::array<std::vector<long long>, 5> score;
    std::array<std::vector<soci::indicator>, 5> score_ind;
    std::optional<soci::statement> st;
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

evaluation_cursor::evaluation_cursor(unit_of_work& tx, std::int64_t cycle_id) : p_(std::make_unique<impl>()) {
    p_->cycle = cycle_id;
    p_->resize(kBatch);
    // The components in core::component_kind order: written, practical, interview, performance, review.
    auto col = [](const char* kind) {
        return std::string("MAX(CASE WHEN s.component = '") + kind + "' AND s.absent = 0 THEN s.score END)";
    };
    std::string sql = "SELECT a.id, a.engineer_id, a.target_rank, a.status, a.override_reason, a.applied_at, o.path, "
                      "e.career_start, e.hire_date, e.education, e.current_rank, e.level_since, " +
                      col("written") + ", " + col("practical") + ", " + col("interview") + ", " + col("performance") + ", " +
                      col("review") +
                      " FROM applications a JOIN engineers e ON e.id = a.engineer_id JOIN org_units o ON o.id = e.org_unit_id "
                      "LEFT JOIN scores s ON s.application_id = a.id "
                      "WHERE a.cycle_id = :c AND a.status IN ('eligible', 'ineligible') "
                      "GROUP BY a.id, e.id, o.id ORDER BY a.engineer_id";
    auto& p = *p_;
    p.st.emplace((tx.sql().prepare << sql, soci::use(p.cycle), soci::into(p.id), soci::into(p.engineer), soci::into(p.rank),
                 soci::into(p.status), soci::into(p.override_reason), soci::into(p.applied_at), soci::into(p.path),
                 soci::into(p.career_start), soci::into(p.hire_date), soci::into(p.education), soci::into(p.current_rank),
                 soci::into(p.level_since), soci::into(p.score[0], p.score_ind[0]), soci::into(p.score[1], p.score_ind[1]),
                 soci::into(p.score[2], p.score_ind[2]), soci::into(p.score[3], p.score_ind[3]),
                 soci::into(p.score[4], p.score_ind[4])));
    p.done = !p.st->execute(true);
    if (p.done) p.id.clear();
}

evaluation_cursor::~evaluation_cursor() = default;

bool evaluation_cursor::next(evaluation_row& r) {
    auto& p = *p_;
    if (p.at == p.id.size()) {
        if (p.done) return false;
        p.resize(kBatch);
        p.at = 0;
        if (!p.st->fetch()) {
            p.done = true;
            p.id.clear();
            return false;
        }
    }
    auto i = p.at++;
    r.application_id = p.id[i];
    r.engineer_id = p.engineer[i];
    r.target_rank = static_cast<int>(p.rank[i]);
    r.status = p.status[i];
    r.override_reason = p.override_reason[i];
    r.applied_at = p.applied_at[i];
    r.org_path = p.path[i];
    r.career_start = p.career_start[i];
    r.hire_date = p.hire_date[i];
    r.education = p.education[i];
    r.current_rank = static_cast<int>(p.current_rank[i]);
    r.level_since = p.level_since[i];
    for (std::size_t k = 0; k < 5; ++k)
        r.scores[k] = p.score_ind[k][i] == soci::i_ok ? std::optional<std::int64_t>(p.score[k][i]) : std::nullopt;
    return true;
}

struct training_cursor::impl {
    long long cycle;
    std::vector<long long> engineer, hours, passed;
    std::vector<std::string> course, on;
    std::optional<soci::statement> st;
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

training_cursor::training_cursor(unit_of_work& tx, std::int64_t cycle_id) : p_(std::make_unique<impl>()) {
    auto& p = *p_;
    p.cycle = cycle_id;
    p.resize(kBatch);
    p.st.emplace((tx.sql().prepare << "SELECT t.engineer_id, t.course_code, t.hours, t.completed_on, t.passed FROM training_records t "
                                     "WHERE t.engineer_id IN (SELECT engineer_id FROM applications WHERE cycle_id = :c AND "
                                     "status IN ('eligible', 'ineligible')) ORDER BY t.engineer_id, t.completed_on",
                 soci::use(p.cycle), soci::into(p.engineer), soci::into(p.course), soci::into(p.hours), soci::into(p.on),
                 soci::into(p.passed)));
    p.done = !p.st->execute(true);
    if (p.done) p.engineer.clear();
}

training_cursor::~training_cursor() = default;

bool training_cursor::next(training_row& r) {
    auto& p = *p_;
    if (p.at == p.engineer.size()) {
        if (p.done) return false;
        p.resize(kBatch);
        p.at = 0;
        if (!p.st->fetch()) {
            p.done = true;
            p.engineer.clear();
            return false;
        }
    }
    auto i = p.at++;
    r.engineer_id = p.engineer[i];
    r.course_code = p.course[i];
    r.hours = static_cast<int>(p.hours[i]);
    r.completed_on = p.on[i];
    r.passed = p.passed[i] != 0;
    return true;
}

namespace results {

std::vector<unit_count> eligible_by_unit(unit_of_work& tx, std::int64_t cycle_id) {
    std::vector<unit_count> out;
    unit_count u;
    long long c = cycle_id, n = 0;
    soci::statement st = (tx.sql().prepare << "SELECT a.target_rank, o.path, COUNT(*) FROM applications a JOIN engineers e ON "
                                              "e.id = a.engineer_id JOIN org_units o ON o.id = e.org_unit_id WHERE "
                                              "a.cycle_id = :c AND a.status = 'eligible' GROUP BY a.target_rank, o.path",
                          soci::use(c), soci::into(u.rank), soci::into(u.org_path), soci::into(n));
    st.execute();
    while (st.fetch()) {
        u.applicants = n;
        out.push_back(u);
    }
    return out;
}

std::int64_t reviewed_count(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM applications WHERE cycle_id = :c AND status IN ('eligible', 'ineligible')", soci::use(c),
        soci::into(n);
    return n;
}

void clear(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id;
    tx.sql() << "DELETE FROM results WHERE application_id IN (SELECT id FROM applications WHERE cycle_id = :c)", soci::use(c);
}

struct writer::impl {
    unit_of_work& tx;
    std::vector<long long> app, total, passed, rank, selected, places, practical, performance;
    std::vector<std::string> outcome, at, group;
    explicit impl(unit_of_work& t) : tx(t) {}
};

writer::writer(unit_of_work& tx) : p_(std::make_unique<impl>(tx)) {}
writer::~writer() = default;

void writer::add(const result_row& r) {
    auto& p = *p_;
    p.app.push_back(r.application_id);
    p.total.push_back(r.total);
    p.passed.push_back(r.passed ? 1 : 0);
    p.rank.push_back(r.rank);
    p.selected.push_back(r.selected ? 1 : 0);
    p.places.push_back(r.quota_places);
    p.practical.push_back(r.tie_practical);
    p.performance.push_back(r.tie_performance);
    p.outcome.push_back(r.outcome_json);
    p.at.push_back(r.evaluated_at);
    p.group.push_back(r.quota_group);
    if (p.app.size() >= kBatch) flush();
}

void writer::flush() {
    auto& p = *p_;
    if (p.app.empty()) return;
    p.tx.sql() << "INSERT INTO results (application_id, total, passed, rank, selected, outcome_json, evaluated_at, quota_group, "
                  "quota_places, tie_practical, tie_performance) VALUES (:a, :t, :p, :r, :s, :o, :at, :g, :q, :tp, :tf)",
        soci::use(p.app), soci::use(p.total), soci::use(p.passed), soci::use(p.rank), soci::use(p.selected), soci::use(p.outcome),
        soci::use(p.at), soci::use(p.group), soci::use(p.places), soci::use(p.practical), soci::use(p.performance);
    for (auto* v : {&p.app, &p.total, &p.passed, &p.rank, &p.selected, &p.places, &p.practical, &p.performance}) v->clear();
    for (auto* v : {&p.outcome, &p.at, &p.group}) v->clear();
}

void rank(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id;
    tx.sql() << "UPDATE results SET rank = x.rn, selected = CASE WHEN x.rn <= results.quota_places THEN 1 ELSE 0 END "
                "FROM (SELECT r.application_id AS id, ROW_NUMBER() OVER (PARTITION BY r.quota_group ORDER BY r.total DESC, "
                "r.tie_practical DESC, r.tie_performance DESC, a.applied_at, r.application_id) AS rn FROM results r "
                "JOIN applications a ON a.id = r.application_id WHERE a.cycle_id = :c AND r.passed = 1) x "
                "WHERE results.application_id = x.id",
        soci::use(c);
}

void snapshot(unit_of_work& tx, std::int64_t cycle_id) {
    long long c = cycle_id;
    tx.sql() << "DROP TABLE IF EXISTS results_before";
    tx.sql() << "CREATE TEMPORARY TABLE results_before (application_id BIGINT PRIMARY KEY, total BIGINT, passed INTEGER, "
                "rank INTEGER, selected INTEGER)";
    tx.sql() << "INSERT INTO results_before (application_id, total, passed, rank, selected) SELECT r.application_id, r.total, "
                "r.passed, r.rank, r.selected FROM results r JOIN applications a ON a.id = r.application_id WHERE a.cycle_id = :c",
        soci::use(c);
}

void changes(unit_of_work& tx, std::int64_t cycle_id, const std::function<void(const change&)>& fn) {
    long long c = cycle_id, app = 0, ot = 0, nt = 0;
    int had = 0, has = 0, op = 0, np = 0, orank = 0, nrank = 0, os = 0, ns = 0;
    // Changed or new (from the new results), then gone (in the copy only); absent sides read as zeros.
    soci::statement st = (tx.sql().prepare << "SELECT r.application_id, CASE WHEN b.application_id IS NULL THEN 0 ELSE 1 END, "
                                              "COALESCE(b.total, 0), COALESCE(b.passed, 0), COALESCE(b.rank, 0), "
                                              "COALESCE(b.selected, 0), 1, r.total, r.passed, r.rank, r.selected FROM results r "
                                              "JOIN applications a ON a.id = r.application_id LEFT JOIN results_before b ON "
                                              "b.application_id = r.application_id WHERE a.cycle_id = :c AND (b.application_id "
                                              "IS NULL OR b.total <> r.total OR b.passed <> r.passed OR b.rank <> r.rank OR "
                                              "b.selected <> r.selected) UNION ALL SELECT b.application_id, 1, b.total, b.passed, "
                                              "b.rank, b.selected, 0, 0, 0, 0, 0 FROM results_before b WHERE NOT EXISTS (SELECT 1 "
                                              "FROM results r WHERE r.application_id = b.application_id) ORDER BY 1",
                          soci::use(c), soci::into(app), soci::into(had), soci::into(ot), soci::into(op), soci::into(orank),
                          soci::into(os), soci::into(has), soci::into(nt), soci::into(np), soci::into(nrank), soci::into(ns));
    st.execute();
    while (st.fetch())
        fn({had == 0 ? '+' : has == 0 ? '-' : '~', app, ot, nt, op != 0, np != 0, orank, nrank, os != 0, ns != 0});
    tx.sql() << "DROP TABLE results_before";
}

}  // namespace results
}  // namespace skillgrade::storage
