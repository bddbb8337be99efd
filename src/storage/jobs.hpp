// jobs.hpp
// The job table: long work queued by a request and run by a job runner, with its progress, result
// and error. One active job (queued or running) per dedupe key.
#pragma once
#include <cstdint>
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
};

namespace jobs {
// Queues a job unless one with the same dedupe key is queued or running; answers that one, and
// whether it was queued now.
std::pair<job_row, bool> enqueue(unit_of_work&, const job_row&);
std::optional<job_row> get(unit_of_work&, std::int64_t id);
// The jobs of one owner (0: everyone's), newest first: every active one and the latest finished.
std::vector<job_row> recent(unit_of_work&, std::int64_t owner_id, int limit);
// Takes the oldest queued job, or a running one whose heartbeat is older than stale_before (its
// runner died), and marks it running (FOR UPDATE SKIP LOCKED on PostgreSQL, so that runners on
// several servers never take the same job).
std::optional<job_row> claim(unit_of_work&, const std::string& now, const std::string& stale_before);
// Every running job back to queued (a single runner starting: what was running died with it).
int requeue_running(unit_of_work&);
// Progress and heartbeat; answers whether a cancel was requested.
bool progress(unit_of_work&, std::int64_t id, std::int64_t done, std::int64_t total, const std::string& phase,
              const std::string& now);
// Ends a running job: succeeded (result), failed (error) or cancelled.
void finish(unit_of_work&, std::int64_t id, const std::string& state, const std::string& result, const std::string& error,
            const std::string& now);
// A queued job is cancelled at once; a running one is asked to stop. False when it had ended.
bool request_cancel(unit_of_work&, std::int64_t id, const std::string& now);
}  // namespace jobs

}  // namespace skillgrade::storage
