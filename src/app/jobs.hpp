// jobs.hpp
// Background jobs: long work (the eligibility review, the evaluation) is queued by a request that
// answers at once, and run by the job runner with its progress, a result or an error. Jobs are
// idempotent: one that dies with its process (kill -9) is queued again and run from the start, and
// its work writes in one unit of work, so the data equals an uninterrupted run.
//
//   auto j = app::start_review(ctx, hr, cycle_id);     // the job (the same one for a second caller)
//   app::job_runner runner(ctx);  runner.start();      // serve: one runner thread
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "storage/jobs.hpp"

namespace skillgrade::app {

// What a job's work reports as it goes. step() answers false when the job is to stop (cancelled, or
// the runner is shutting down): the work then returns without committing.
class job_control {
public:
    virtual ~job_control() = default;
    virtual bool step(std::int64_t done, std::int64_t total, std::string_view phase) = 0;
    virtual std::int64_t job_id() const = 0;
};

// A job's work keeps a file for its owner to download (an export): stored with the job, in parts.
result<void> attach_file(context&, const job_control&, const std::string& name, const std::string& content_type,
                         const std::string& bytes);
struct job_download {
    std::string name, content_type, bytes;
};
// The file a job made: its owner's and administrators' only (what an export holds follows its
// owner's scope); 404 for anyone else, or when the job made none (or it was dropped after a week).
result<job_download> job_file(context&, const principal&, std::int64_t id);

// What a job's work answers when step() said stop: 409 job.stopped (nothing was written).
core::error job_stopped();

// One kind of job: the permission a caller needs to start, see or cancel it, and its work, which
// answers a JSON summary (or an error) and runs as the principal who started it.
struct job_kind {
    std::string name;
    perm permission;
    std::function<result<std::string>(context&, const principal& owner, const std::string& params, job_control&)> work;
};
const std::vector<job_kind>& job_kinds();

// Queues a job of `kind` (validated by the caller), or answers the one queued or running with the same
// dedupe key, so that two people starting the same work get the same job. `input`, when given, is
// the file the job works on (an upload), stored with the job as it is queued.
result<storage::job_row> start_job(context&, const principal&, const std::string& kind, const std::string& params,
                                   const std::string& dedupe_key, std::string_view input = {});
// The file the running job works on (what start_job was given).
std::string job_input(context&, const job_control&);
// A job as its viewers see it (the live progress of one running in this process included); 404 for
// anyone else (its owner, administrators and holders of its kind's permission see it).
result<storage::job_row> get_job(context&, const principal&, std::int64_t id);
// The recent jobs the caller may see, newest first (every active one and the latest finished). The
// list is polled every second while a job runs, so each job's result and error are summed up there:
// the lists they carry (an import's changes and row errors) are left to GET of the one job.
result<std::vector<storage::job_row>> list_jobs(context&, const principal&);
// A queued job ends at once; a running one stops at its next step and rolls back. 409 once ended.
result<storage::job_row> cancel_job(context&, const principal&, std::int64_t id);

struct job_runner_options {
    std::chrono::milliseconds poll{500};          // how often the table is looked at when idle
    std::chrono::milliseconds progress_every{250};
};
// Runs queued jobs one at a time on its own thread. On SQLite it is the only runner (a job left
// running by a process that died is queued again at start); on PostgreSQL several servers each run
// one, a job is taken by exactly one of them, and one whose runner died is taken over at once (see
// storage::jobs::lease_holder).
class job_runner {
public:
    explicit job_runner(context&, job_runner_options = {});
    ~job_runner();  // stops: a running job is asked to stop, and is queued again at the next start
    void start();
    void stop();
    // Runs queued jobs in this thread until none is left (the CLI and tests); how many ran.
    int drain();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace skillgrade::app
