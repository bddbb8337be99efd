// Jobs: queue, claim, progress, finish.
#include "storage/jobs.hpp"

#include <soci/soci.h>

namespace skillgrade::storage::jobs {
namespace {

const char* kColumns =
    "id, kind, dedupe_key, params, owner_id, owner, state, done, total, phase, result, error, cancel_requested, attempts, "
    "created_at, started_at, finished_at, heartbeat_at, file_name, file_type, file_size";

struct reader {
    job_row r;
    int cancel = 0;
    void bind(soci::statement& st) {
        st.exchange(soci::into(r.id));
        st.exchange(soci::into(r.kind));
        st.exchange(soci::into(r.dedupe_key));
        st.exchange(soci::into(r.params));
        st.exchange(soci::into(r.owner_id));
        st.exchange(soci::into(r.owner));
        st.exchange(soci::into(r.state));
        st.exchange(soci::into(r.done));
        st.exchange(soci::into(r.total));
        st.exchange(soci::into(r.phase));
        st.exchange(soci::into(r.result));
        st.exchange(soci::into(r.error));
        st.exchange(soci::into(cancel));
        st.exchange(soci::into(r.attempts));
        st.exchange(soci::into(r.created_at));
        st.exchange(soci::into(r.started_at));
        st.exchange(soci::into(r.finished_at));
        st.exchange(soci::into(r.heartbeat_at));
        st.exchange(soci::into(r.file_name));
        st.exchange(soci::into(r.file_type));
        st.exchange(soci::into(r.file_size));
    }
    job_row row() {
        r.cancel_requested = cancel != 0;
        return r;
    }
};

std::optional<job_row> one(unit_of_work& tx, const std::string& where, std::int64_t id) {
    reader rd;
    soci::statement st(tx.sql());
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + " FROM jobs WHERE " + where);
    rd.bind(st);
    st.exchange(soci::use(id));
    st.define_and_bind();
    st.execute();
    if (!st.fetch()) return std::nullopt;
    return rd.row();
}

std::optional<job_row> active_with_key(unit_of_work& tx, const std::string& key) {
    std::int64_t id = 0;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT id FROM jobs WHERE dedupe_key = :k AND state IN ('queued', 'running')", soci::use(key), soci::into(id, ind);
    if (ind != soci::i_ok) return std::nullopt;
    return get(tx, id);
}

// A job's parts of one table (its input, its file), in order.
void each_part(unit_of_work& tx, const char* table, std::int64_t id, const std::function<void(const std::string&)>& fn) {
    std::string part;
    soci::statement st = (tx.sql().prepare << "SELECT data FROM " << table << " WHERE job_id = :id ORDER BY seq", soci::use(id),
                          soci::into(part));
    st.execute();
    while (st.fetch()) fn(part);
}

// What a job worked on goes once it has ended (a job queued again keeps it for its next run).
void drop_ended_input(unit_of_work& tx, std::int64_t id) {
    tx.sql() << "DELETE FROM job_input_parts WHERE job_id = :id AND EXISTS (SELECT 1 FROM jobs WHERE id = :id2 AND "
                "state IN ('succeeded', 'failed', 'cancelled'))",
        soci::use(id), soci::use(id);
}
}  // namespace

std::pair<job_row, bool> enqueue(unit_of_work& tx, const job_row& j) {
    if (auto existing = active_with_key(tx, j.dedupe_key)) return {*existing, false};
    std::int64_t id = 0;
    tx.sql() << "INSERT INTO jobs (kind, dedupe_key, params, owner_id, owner, state, created_at) "
                "VALUES (:k, :d, :p, :oi, :o, 'queued', :c) RETURNING id",
        soci::use(j.kind), soci::use(j.dedupe_key), soci::use(j.params), soci::use(j.owner_id), soci::use(j.owner),
        soci::use(j.created_at), soci::into(id);
    return {*get(tx, id), true};
}

std::optional<job_row> get(unit_of_work& tx, std::int64_t id) { return one(tx, "id = :id", id); }

std::vector<job_row> recent(unit_of_work& tx, std::int64_t owner_id, int limit) {
    std::vector<job_row> out;
    reader rd;
    soci::statement st(tx.sql());
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + " FROM jobs WHERE (:o1 = 0 OR owner_id = :o2) ORDER BY id DESC LIMIT :n");
    rd.bind(st);
    st.exchange(soci::use(owner_id));
    st.exchange(soci::use(owner_id));
    st.exchange(soci::use(limit));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(rd.row());
    return out;
}

namespace {
// Marks a picked job running: one more attempt, the start time of its first run.
void mark_running(soci::session& sql, std::int64_t id, const std::string& now) {
    sql << "UPDATE jobs SET state = 'running', attempts = attempts + 1, heartbeat_at = :now, "
           "started_at = CASE WHEN started_at = '' THEN :now2 ELSE started_at END WHERE id = :id",
        soci::use(now), soci::use(now), soci::use(id);
}
// The advisory lock namespace of jobs (the two-key form: this number and the job's id).
constexpr int lock_space = 7310;
}  // namespace

std::optional<job_row> claim(unit_of_work& tx, const std::string& now) {
    std::int64_t id = 0;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1", soci::into(id, ind);
    if (ind != soci::i_ok) return std::nullopt;
    mark_running(tx.sql(), id, now);
    return get(tx, id);
}

lease_holder::lease_holder(database& db) : db_(db) {}

lease_holder::~lease_holder() = default;  // closing the connection gives up every lock it held

std::optional<job_row> lease_holder::claim(const std::string& now) {
    if (db_.kind() == engine::sqlite) {
        unit_of_work tx(db_, write::yes);
        auto j = jobs::claim(tx, now);
        tx.commit();
        return j;
    }
    if (!own_) own_ = db_.own_session();  // at the first claim, and again after the connection failed
    auto& sql = *own_;
    sql << "BEGIN";
    try {
        // Candidates no other claim is looking at; a running one whose lock another runner holds is
        // alive and skipped.
        std::vector<std::int64_t> ids(20);
        sql << "SELECT id FROM jobs WHERE state IN ('queued', 'running') ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED",
            soci::into(ids);
        for (auto id : ids) {
            int got = 0;
            sql << "SELECT CASE WHEN pg_try_advisory_lock(:space, CAST(:id AS integer)) THEN 1 ELSE 0 END", soci::use(lock_space),
                soci::use(id), soci::into(got);
            if (!got) continue;
            mark_running(sql, id, now);
            sql << "COMMIT";
            unit_of_work tx(db_, write::no);
            return get(tx, id);
        }
        sql << "COMMIT";
    } catch (...) {
        own_.reset();  // the locks this connection held (none while idle) end with it
        throw;
    }
    return std::nullopt;
}

void lease_holder::release(std::int64_t id) {
    if (!own_) return;
    int released = 0;
    *own_ << "SELECT CASE WHEN pg_advisory_unlock(:space, CAST(:id AS integer)) THEN 1 ELSE 0 END", soci::use(lock_space),
        soci::use(id), soci::into(released);
}

int requeue_running(unit_of_work& tx) {
    soci::statement st = (tx.sql().prepare << "UPDATE jobs SET state = 'queued' WHERE state = 'running'");
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

bool progress(unit_of_work& tx, std::int64_t id, std::int64_t done, std::int64_t total, const std::string& phase,
              const std::string& now) {
    tx.sql() << "UPDATE jobs SET done = :d, total = :t, phase = :p, heartbeat_at = :now WHERE id = :id", soci::use(done),
        soci::use(total), soci::use(phase), soci::use(now), soci::use(id);
    int cancel = 0;
    tx.sql() << "SELECT cancel_requested FROM jobs WHERE id = :id", soci::use(id), soci::into(cancel);
    return cancel != 0;
}

void finish(unit_of_work& tx, std::int64_t id, int attempt, const std::string& state, const std::string& result,
            const std::string& error, const std::string& now) {
    tx.sql() << "UPDATE jobs SET state = :s, result = :r, error = :e, finished_at = :now, heartbeat_at = :now2 "
                "WHERE id = :id AND attempts = :a",
        soci::use(state), soci::use(result), soci::use(error), soci::use(now), soci::use(now), soci::use(id), soci::use(attempt);
    drop_ended_input(tx, id);
}

void add_input_part(unit_of_work& tx, std::int64_t id, int seq, const std::string& data) {
    tx.sql() << "INSERT INTO job_input_parts (job_id, seq, data) VALUES (:id, :seq, :data)", soci::use(id), soci::use(seq),
        soci::use(data);
}

void each_input_part(unit_of_work& tx, std::int64_t id, const std::function<void(const std::string&)>& fn) {
    each_part(tx, "job_input_parts", id, fn);
}

void clear_file(unit_of_work& tx, std::int64_t id) {
    tx.sql() << "DELETE FROM job_file_parts WHERE job_id = :id", soci::use(id);
    tx.sql() << "UPDATE jobs SET file_name = '', file_type = '', file_size = 0 WHERE id = :id", soci::use(id);
}

void add_file_part(unit_of_work& tx, std::int64_t id, int seq, const std::string& data) {
    tx.sql() << "INSERT INTO job_file_parts (job_id, seq, data) VALUES (:id, :seq, :data)", soci::use(id), soci::use(seq),
        soci::use(data);
}

void set_file(unit_of_work& tx, std::int64_t id, const std::string& name, const std::string& type, std::int64_t size) {
    tx.sql() << "UPDATE jobs SET file_name = :n, file_type = :t, file_size = :s WHERE id = :id", soci::use(name), soci::use(type),
        soci::use(size), soci::use(id);
}

void each_file_part(unit_of_work& tx, std::int64_t id, const std::function<void(const std::string&)>& fn) {
    each_part(tx, "job_file_parts", id, fn);
}

int forget_files(unit_of_work& tx, const std::string& finished_before) {
    soci::statement parts = (tx.sql().prepare << "DELETE FROM job_file_parts WHERE job_id IN "
                                                 "(SELECT id FROM jobs WHERE file_name <> '' AND finished_at <> '' AND finished_at < :t)",
                             soci::use(finished_before));
    parts.execute(true);
    soci::statement files = (tx.sql().prepare << "UPDATE jobs SET file_name = '', file_type = '', file_size = 0 "
                                                 "WHERE file_name <> '' AND finished_at <> '' AND finished_at < :t",
                             soci::use(finished_before));
    files.execute(true);
    return static_cast<int>(files.get_affected_rows());
}

bool request_cancel(unit_of_work& tx, std::int64_t id, const std::string& now) {
    soci::statement queued = (tx.sql().prepare << "UPDATE jobs SET state = 'cancelled', finished_at = :now "
                                                  "WHERE id = :id AND state = 'queued'",
                              soci::use(now), soci::use(id));
    queued.execute(true);
    if (queued.get_affected_rows() > 0) {
        drop_ended_input(tx, id);
        return true;
    }
    soci::statement running =
        (tx.sql().prepare << "UPDATE jobs SET cancel_requested = 1 WHERE id = :id AND state = 'running'", soci::use(id));
    running.execute(true);
    return running.get_affected_rows() > 0;
}

}  // namespace skillgrade::storage::jobs
