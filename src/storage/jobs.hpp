// jobs.hpp
// The job table: long work queued by a request and run by a job runner, with its progress, result
// and error. One active job (queued or running) per dedupe key.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct job_row {
    std::int64_t id = 0;
    std::string kind, dedupe_key, params;  // params: JSON
    std::int64_t owner_id = 0;
    std::string owner;   // user name of who started it
    std::string state;   // queued | running | succeeded | failed | cancelled
    std::int64_t done = 0, total = 0;
    std::string phase;   // a phase code the UI names in zh/en
    std::string result;  // JSON summary when succeeded
    std::string error;   // JSON problem when failed
    bool cancel_requested = false;
    int attempts = 0;
    std::string created_at, started_at, finished_at, heartbeat_at;
    std::string file_name, file_type;  // the file to download, when the job made one
    std::int64_t file_size = 0;
};

namespace jobs {
// Queues a job unless one with the same dedupe key is queued or running; answers that one, and
// whether it was queued now.
std::pair<job_row, bool> enqueue(unit_of_work&, const job_row&);
std::optional<job_row> get(unit_of_work&, std::int64_t id);
// The jobs of one owner (0: everyone's), newest first: every active one and the latest finished.
std::vector<job_row> recent(unit_of_work&, std::int64_t owner_id, int limit);
// Takes the oldest queued job and marks it running (the one runner of SQLite; PostgreSQL's runners
// claim through a lease_holder).
std::optional<job_row> claim(unit_of_work&, const std::string& now);
// Every running job back to queued (a single runner starting: what was running died with it).
int requeue_running(unit_of_work&);
// Progress and heartbeat; answers whether a cancel was requested.
bool progress(unit_of_work&, std::int64_t id, std::int64_t done, std::int64_t total, const std::string& phase,
              const std::string& now);
// Ends the run `attempt` of a job: succeeded (result), failed (error), cancelled, or queued again
// (the runner stops). A run that was taken over by another runner changes nothing.
void finish(unit_of_work&, std::int64_t id, int attempt, const std::string& state, const std::string& result,
            const std::string& error, const std::string& now);
// The file a job works on (an import's upload), in parts (base64 text), added in order in the unit
// of work that queues the job; dropped when the job ends.
void add_input_part(unit_of_work&, std::int64_t id, int seq, const std::string& data);
void each_input_part(unit_of_work&, std::int64_t id, const std::function<void(const std::string&)>&);
// A job's file: what an earlier run left is cleared, its parts (base64 text) are added in order,
// then its name, type and size make it downloadable.
void clear_file(unit_of_work&, std::int64_t id);
void add_file_part(unit_of_work&, std::int64_t id, int seq, const std::string& data);
void set_file(unit_of_work&, std::int64_t id, const std::string& name, const std::string& type, std::int64_t size);
void each_file_part(unit_of_work&, std::int64_t id, const std::function<void(const std::string&)>&);
// The files of jobs that ended before `finished_before` are dropped (the jobs stay); how many.
int forget_files(unit_of_work&, const std::string& finished_before);
// A queued job is cancelled at once; a running one is asked to stop. False when it had ended.
bool request_cancel(unit_of_work&, std::int64_t id, const std::string& now);

// What a runner holds while it runs a job. On PostgreSQL a connection of its own, outside the pool,
// takes a session-level advisory lock on each job it runs: a job marked running whose lock is free
// was left by a runner that died (its connection ended with its process) and is taken over at once,
// while one whose runner lives, however slow, is never taken twice. Claims skip locked rows (FOR
// UPDATE SKIP LOCKED), so that runners on several servers never take the same job. On SQLite it
// claims queued jobs through the pool (the one runner requeues what was running when it starts).
class lease_holder {
public:
    explicit lease_holder(database&);
    ~lease_holder();
    lease_holder(const lease_holder&) = delete;
    lease_holder& operator=(const lease_holder&) = delete;
    // The oldest job to run now, marked running (its attempts counted), and locked for this holder.
    std::optional<job_row> claim(const std::string& now);
    // The job ended (or is queued again): its lock is given up.
    void release(std::int64_t id);

private:
    database& db_;
    std::unique_ptr<soci::session> own_;  // PostgreSQL: opened at the first claim
};
}  // namespace jobs

}  // namespace skillgrade::storage
