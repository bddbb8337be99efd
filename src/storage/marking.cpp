// Marks and the answers waiting for them.
#include "storage/marking.hpp"

#include <soci/soci.h>

#include "storage/sql_util.hpp"

namespace skillgrade::storage::marking {
namespace {
using detail::first;

constexpr const char* kMark =
    "SELECT m.id, m.attempt_id, m.question_id, m.round, m.marker_id, m.points, m.comment, m.claimed_at, m.marked_at, "
    "s.blueprint_id, s.id FROM answer_marks m JOIN exam_attempts t ON t.id = m.attempt_id JOIN exam_sittings s ON s.id = t.sitting_id ";

template <class... Keys>
std::vector<mark_row> select_marks(unit_of_work& tx, const std::string& where, Keys... keys) {
    std::vector<mark_row> out;
    mark_row r;
    long long id = 0, attempt = 0, question = 0, marker = 0, points = 0, blueprint = 0, sitting = 0;
    soci::indicator ind = soci::i_null;
    soci::statement st(tx.sql());
    st.alloc();
    st.prepare(std::string(kMark) + where);
    (st.exchange(soci::use(keys)), ...);
    st.exchange(soci::into(id));
    st.exchange(soci::into(attempt));
    st.exchange(soci::into(question));
    st.exchange(soci::into(r.round));
    st.exchange(soci::into(marker));
    st.exchange(soci::into(points, ind));
    st.exchange(soci::into(r.comment));
    st.exchange(soci::into(r.claimed_at));
    st.exchange(soci::into(r.marked_at));
    st.exchange(soci::into(blueprint));
    st.exchange(soci::into(sitting));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.attempt_id = attempt;
        r.question_id = question;
        r.marker_id = marker;
        r.points = ind == soci::i_null ? std::nullopt : std::optional<std::int64_t>(points);
        r.blueprint_id = blueprint;
        r.sitting_id = sitting;
        out.push_back(r);
    }
    return out;
}

}  // namespace

void await_marker(unit_of_work& tx, std::int64_t attempt_id, std::int64_t question_id) { set_next_round(tx, attempt_id, question_id, 1); }

void set_next_round(unit_of_work& tx, std::int64_t attempt_id, std::int64_t question_id, int round) {
    long long a = attempt_id, q = question_id;
    tx.sql() << "UPDATE attempt_answers SET next_round = :r WHERE attempt_id = :a AND question_id = :q", soci::use(round), soci::use(a),
        soci::use(q);
}

std::optional<mark_row> mark(unit_of_work& tx, std::int64_t id) {
    long long k = id;
    return first(select_marks(tx, "WHERE m.id = :k", k));
}

std::vector<mark_row> marks_of(unit_of_work& tx, std::int64_t attempt_id, std::int64_t question_id) {
    long long a = attempt_id, q = question_id;
    return select_marks(tx, "WHERE m.attempt_id = :a AND m.question_id = :q ORDER BY m.round", a, q);
}

std::optional<mark_row> open_claim(unit_of_work& tx, std::int64_t blueprint_id, std::int64_t marker_id, const std::string& stale_before) {
    long long b = blueprint_id, u = marker_id;
    return first(select_marks(tx, "WHERE s.blueprint_id = :b AND m.marker_id = :u AND m.marked_at = '' AND m.claimed_at >= :st "
                                  "ORDER BY m.id LIMIT 1",
                              b, u, stale_before));
}

std::optional<waiting_answer> next_waiting(unit_of_work& tx, std::int64_t blueprint_id, std::int64_t marker_id, std::int64_t engineer_id,
                                           const std::string& stale_before) {
    long long b = blueprint_id, e = engineer_id, u = marker_id, u2 = marker_id, u3 = marker_id, attempt = 0, question = 0;
    int round = 0;
    soci::statement st =
        (tx.sql().prepare << "SELECT w.attempt_id, w.question_id, w.next_round FROM attempt_answers w "
                             "JOIN exam_attempts t ON t.id = w.attempt_id JOIN exam_sittings s ON s.id = t.sitting_id "
                             "WHERE w.next_round > 0 AND s.blueprint_id = :b AND t.engineer_id <> :e "
                             "AND NOT EXISTS (SELECT 1 FROM answer_marks m WHERE m.attempt_id = w.attempt_id AND m.question_id = w.question_id "
                             "AND m.marker_id = :u AND m.round <> w.next_round) "
                             "AND NOT EXISTS (SELECT 1 FROM answer_marks m WHERE m.attempt_id = w.attempt_id AND m.question_id = w.question_id "
                             "AND m.round = w.next_round AND m.marker_id <> :u2 AND (m.marked_at <> '' OR m.claimed_at >= :st)) "
                             "ORDER BY CASE WHEN EXISTS (SELECT 1 FROM marking_skips k WHERE k.attempt_id = w.attempt_id "
                             "AND k.question_id = w.question_id AND k.marker_id = :u3) THEN 1 ELSE 0 END, "
                             "w.next_round DESC, w.question_id, w.attempt_id LIMIT 1",
         soci::use(b), soci::use(e), soci::use(u), soci::use(u2), soci::use(stale_before), soci::use(u3), soci::into(attempt),
         soci::into(question), soci::into(round));
    st.execute(true);
    if (!st.got_data()) return std::nullopt;
    return waiting_answer{attempt, question, round};
}

std::int64_t claim(unit_of_work& tx, const waiting_answer& w, std::int64_t marker_id, const std::string& now, const std::string& stale_before) {
    long long a = w.attempt_id, q = w.question_id, u = marker_id, u2 = marker_id, id = 0;
    soci::statement st =
        (tx.sql().prepare << "INSERT INTO answer_marks (attempt_id, question_id, round, marker_id, claimed_at) VALUES (:a, :q, :r, :u, :at) "
                             "ON CONFLICT (attempt_id, question_id, round) DO UPDATE SET marker_id = excluded.marker_id, "
                             "claimed_at = excluded.claimed_at WHERE answer_marks.marked_at = '' "
                             "AND (answer_marks.claimed_at < :st OR answer_marks.marker_id = :u2) RETURNING id",
         soci::use(a), soci::use(q), soci::use(w.round), soci::use(u), soci::use(now), soci::use(stale_before), soci::use(u2),
         soci::into(id));
    st.execute(true);
    return st.got_data() ? id : 0;
}

void put_mark(unit_of_work& tx, std::int64_t id, std::int64_t points, const std::string& comment, const std::string& at) {
    long long k = id, p = points;
    tx.sql() << "UPDATE answer_marks SET points = :p, comment = :c, marked_at = :at WHERE id = :id", soci::use(p), soci::use(comment),
        soci::use(at), soci::use(k);
}

void release(unit_of_work& tx, const mark_row& m) {
    long long k = m.id, a = m.attempt_id, q = m.question_id, u = m.marker_id;
    tx.sql() << "DELETE FROM answer_marks WHERE id = :id AND marked_at = ''", soci::use(k);
    tx.sql() << "INSERT INTO marking_skips (attempt_id, question_id, marker_id) VALUES (:a, :q, :u) ON CONFLICT DO NOTHING", soci::use(a),
        soci::use(q), soci::use(u);
}

void drop_claims_except(unit_of_work& tx, std::int64_t attempt_id, std::int64_t question_id, int round) {
    long long a = attempt_id, q = question_id;
    tx.sql() << "DELETE FROM answer_marks WHERE attempt_id = :a AND question_id = :q AND marked_at = '' AND round <> :r", soci::use(a),
        soci::use(q), soci::use(round);
}

progress progress_of(unit_of_work& tx, std::int64_t blueprint_id) {
    progress p;
    long long b = blueprint_id, n = 0;
    int round = 0;
    const std::string answers = "FROM attempt_answers w JOIN exam_attempts t ON t.id = w.attempt_id JOIN exam_sittings s ON s.id = t.sitting_id "
                                "WHERE s.blueprint_id = :b ";
    {
        soci::statement st = (tx.sql().prepare << "SELECT w.next_round, COUNT(*) " + answers + "AND w.next_round > 0 GROUP BY w.next_round",
                              soci::use(b), soci::into(round), soci::into(n));
        st.execute();
        while (st.fetch()) (round == 1 ? p.waiting_first : round == 2 ? p.waiting_second : p.waiting_third) = static_cast<int>(n);
    }
    tx.sql() << "SELECT COUNT(*) " + answers +
                    "AND w.next_round = 0 AND EXISTS (SELECT 1 FROM answer_marks m WHERE m.attempt_id = w.attempt_id "
                    "AND m.question_id = w.question_id AND m.round = 1 AND m.marked_at <> '')",
        soci::use(b), soci::into(n);
    p.settled = static_cast<int>(n);
    tx.sql() << "SELECT COUNT(*) FROM answer_marks m JOIN exam_attempts t ON t.id = m.attempt_id JOIN exam_sittings s ON s.id = t.sitting_id "
                "WHERE s.blueprint_id = :b AND m.round = 3",
        soci::use(b), soci::into(n);
    p.discrepant = static_cast<int>(n);
    tx.sql() << "SELECT COUNT(*) FROM exam_attempts t JOIN exam_sittings s ON s.id = t.sitting_id "
                "WHERE s.blueprint_id = :b AND t.status = 'submitted' AND t.pending > 0",
        soci::use(b), soci::into(n);
    p.attempts_pending = static_cast<int>(n);
    return p;
}

std::vector<marker_load> workload(unit_of_work& tx, std::int64_t blueprint_id) {
    std::vector<marker_load> out;
    marker_load r;
    long long b = blueprint_id, user = 0, marked = 0, claimed = 0, third = 0, points = 0;
    soci::statement st =
        (tx.sql().prepare << "SELECT m.marker_id, u.display_name, SUM(CASE WHEN m.marked_at <> '' THEN 1 ELSE 0 END), "
                             "SUM(CASE WHEN m.marked_at = '' THEN 1 ELSE 0 END), SUM(CASE WHEN m.round = 3 AND m.marked_at <> '' THEN 1 ELSE 0 END), "
                             "COALESCE(SUM(m.points), 0) FROM answer_marks m JOIN exam_attempts t ON t.id = m.attempt_id "
                             "JOIN exam_sittings s ON s.id = t.sitting_id JOIN users u ON u.id = m.marker_id WHERE s.blueprint_id = :b "
                             "GROUP BY m.marker_id, u.display_name ORDER BY u.display_name, m.marker_id",
         soci::use(b), soci::into(user), soci::into(r.name), soci::into(marked), soci::into(claimed), soci::into(third), soci::into(points));
    st.execute();
    while (st.fetch()) {
        r.user_id = user;
        r.marked = static_cast<int>(marked);
        r.claimed = static_cast<int>(claimed);
        r.third = static_cast<int>(third);
        r.points = points;
        out.push_back(r);
    }
    return out;
}

std::vector<blueprint_waiting> waiting_by_blueprint(unit_of_work& tx) {
    std::vector<blueprint_waiting> out;
    long long b = 0, n = 0;
    soci::statement st = (tx.sql().prepare << "SELECT s.blueprint_id, COUNT(*) FROM attempt_answers w JOIN exam_attempts t ON t.id = w.attempt_id "
                                              "JOIN exam_sittings s ON s.id = t.sitting_id WHERE w.next_round > 0 "
                                              "GROUP BY s.blueprint_id ORDER BY s.blueprint_id",
                          soci::into(b), soci::into(n));
    st.execute();
    while (st.fetch()) out.push_back({b, static_cast<int>(n)});
    return out;
}

}  // namespace skillgrade::storage::marking
