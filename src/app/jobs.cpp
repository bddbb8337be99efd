// Background jobs: queueing with one active job per key, who sees them, cancelling, and the runner.
#include "app/jobs.hpp"

#include <boost/json.hpp>
#include <stdexcept>
#include <thread>

#include "app/applications.hpp"
#include "app/caches.hpp"
#include "app/evaluation.hpp"
#include "storage/accounts.hpp"
#include "storage/database.hpp"

namespace skillgrade::app {
namespace {
namespace js = boost::json;

const job_kind* kind_of(const std::string& name) {
    for (auto& k : job_kinds())
        if (k.name == name) return &k;
    return nullptr;
}

bool may_see(const principal& p, const storage::job_row& j) {
    if (p.user_id == j.owner_id || p.has(core::role::admin)) return true;
    auto k = kind_of(j.kind);
    return k && p.may(k->permission);
}

// The progress of a job running in this process, over what the table says.
storage::job_row with_live(context& ctx, storage::job_row j) {
    auto& c = ctx.cache();
    std::lock_guard lock(c.jobs_mutex);
    if (auto it = c.live_jobs.find(j.id); it != c.live_jobs.end() && j.state == "running") {
        j.done = it->second.done;
        j.total = it->second.total;
        j.phase = it->second.phase;
        j.cancel_requested = j.cancel_requested || it->second.cancel;
    }
    return j;
}

std::string problem_json(const core::error& e) {
    js::array fields;
    for (auto& f : e.fields) fields.push_back(js::object{{"field", f.field}, {"message", js::object{{"zh", f.message.zh}, {"en", f.message.en}}}});
    return js::serialize(js::object{{"slug", e.slug}, {"title", js::object{{"zh", e.title.zh}, {"en", e.title.en}}}, {"errors", fields}});
}

}  // namespace

core::error job_stopped() {
    return {core::errc::conflict, "job.stopped", {"任务已停止，未写入任何数据", "The job was stopped; nothing was written"}, {}};
}

const std::vector<job_kind>& job_kinds() {
    static const std::vector<job_kind> kinds{review_job(), evaluation_job(), replay_job()};
    return kinds;
}

result<storage::job_row> start_job(context& ctx, const principal& p, const std::string& kind, const std::string& params,
                                   const std::string& dedupe_key) {
    auto k = kind_of(kind);
    if (!k) throw std::logic_error("unknown job kind " + kind);
    if (auto c = check(p, k->permission); !c) return std::unexpected(c.error());
    storage::job_row j;
    j.kind = kind;
    j.dedupe_key = dedupe_key;
    j.params = params;
    j.owner_id = p.user_id;
    j.owner = p.username;
    j.created_at = ctx.now_iso();
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto [row, queued] = storage::jobs::enqueue(tx, j);
    tx.commit();
    if (queued) {
        std::lock_guard lock(ctx.cache().jobs_mutex);
        ++ctx.cache().jobs_queued;
        ctx.cache().jobs_wake.notify_all();
    }
    return with_live(ctx, row);
}

result<storage::job_row> get_job(context& ctx, const principal& p, std::int64_t id) {
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto j = storage::jobs::get(tx, id);
    if (!j || !may_see(p, *j)) return std::unexpected(not_found("任务", "job", id));
    return with_live(ctx, *j);
}

result<std::vector<storage::job_row>> list_jobs(context& ctx, const principal& p) {
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::vector<storage::job_row> out;
    for (auto& j : storage::jobs::recent(tx, 0, 200))
        if (may_see(p, j) && (j.state == "queued" || j.state == "running" || out.size() < 20)) out.push_back(with_live(ctx, j));
    return out;
}

result<storage::job_row> cancel_job(context& ctx, const principal& p, std::int64_t id) {
    auto j = get_job(ctx, p, id);
    if (!j) return j;
    if (j->state != "queued" && j->state != "running")
        return core::fail(core::errc::conflict, "job.ended", {"任务已结束，无法取消", "The job has ended; it cannot be cancelled"});
    {
        // Running here: the runner sees the request at the job's next step, without waiting for the
        // job's unit of work (on SQLite it holds the write lock).
        auto& c = ctx.cache();
        std::lock_guard lock(c.jobs_mutex);
        if (auto it = c.live_jobs.find(id); it != c.live_jobs.end()) {
            it->second.cancel = true;
            auto out = *j;
            out.cancel_requested = true;
            return out;
        }
    }
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    storage::jobs::request_cancel(tx, id, ctx.now_iso());
    tx.commit();
    return get_job(ctx, p, id);
}

// ---- the runner ----------------------------------------------------------------------------

struct job_runner::impl {
    context& ctx;
    job_runner_options opts;
    std::atomic<bool> stopping{false};
    std::jthread thread;

    struct control final : job_control {
        impl& r;
        std::int64_t id;
        std::chrono::steady_clock::time_point written{};
        bool cancelled = false;
        control(impl& r, std::int64_t id) : r(r), id(id) {}
        bool step(std::int64_t done, std::int64_t total, std::string_view phase) override {
            auto& c = r.ctx.cache();
            {
                std::lock_guard lock(c.jobs_mutex);
                auto& live = c.live_jobs[id];
                live.done = done;
                live.total = total;
                live.phase = phase;
                cancelled = cancelled || live.cancel;
            }
            // On PostgreSQL the progress (and heartbeat) reaches the table for the other servers, and a
            // cancel asked there comes back; on SQLite the job's own unit of work holds the write lock,
            // so the progress stays in memory and the one runner's process answers for it.
            auto now = std::chrono::steady_clock::now();
            if (r.ctx.db().kind() == storage::engine::postgresql && now - written >= r.opts.progress_every) {
                written = now;
                storage::unit_of_work tx(r.ctx.db(), storage::write::yes);
                cancelled = storage::jobs::progress(tx, id, done, total, std::string(phase), r.ctx.now_iso()) || cancelled;
                tx.commit();
            }
            return !cancelled && !r.stopping;
        }
    };

    impl(context& c, job_runner_options o) : ctx(c), opts(o) {}

    std::optional<storage::job_row> claim() {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        auto stale = iso(ctx.now() - opts.stale);
        auto j = storage::jobs::claim(tx, ctx.now_iso(), stale);
        tx.commit();
        return j;
    }

    void finish(std::int64_t id, const std::string& state, const std::string& result, const std::string& error) {
        // "queued": the runner is stopping, and the job runs again from the start next time.
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        storage::jobs::finish(tx, id, state, result, error, state == "queued" ? "" : ctx.now_iso());
        tx.commit();
    }

    void run(const storage::job_row& j) {
        {
            std::lock_guard lock(ctx.cache().jobs_mutex);
            ctx.cache().live_jobs[j.id] = {j.done, j.total, j.phase, j.cancel_requested};
        }
        control ctl(*this, j.id);
        ctl.cancelled = j.cancel_requested;
        result<std::string> out = core::fail(core::errc::internal, "job.unknown_kind", {"未知的任务类型", "Unknown job kind"});
        try {
            std::optional<storage::user_row> user;
            {
                storage::unit_of_work tx(ctx.db(), storage::write::no);
                user = storage::users::get(tx, j.owner_id);
            }
            if (!user || !user->active)
                out = core::fail(core::errc::forbidden, "job.owner_inactive", {"发起任务的账号已停用", "The account that started the job is disabled"});
            else if (auto k = kind_of(j.kind)) {
                principal owner;
                owner.user_id = user->id;
                owner.username = user->username;
                owner.display_name = user->display_name;
                owner.roles = user->roles;
                owner.engineer_id = user->engineer_id;
                owner.org_unit_id = user->org_unit_id;
                if (!ctl.cancelled) out = k->work(ctx, owner, j.params, ctl);
            }
        } catch (const std::exception& e) {
            out = core::fail(core::errc::internal, "job.crashed", {std::string("任务出错：") + e.what(), std::string("The job failed: ") + e.what()});
        }
        std::string state = ctl.cancelled ? "cancelled" : stopping ? "queued" : out ? "succeeded" : "failed";
        bool ended = state != "queued";  // queued again: no result and no error until it runs
        finish(j.id, state, ended && out ? *out : "", ended && !out ? problem_json(out.error()) : "");
        std::lock_guard lock(ctx.cache().jobs_mutex);
        ctx.cache().live_jobs.erase(j.id);
    }

    bool run_one() {
        auto j = claim();
        if (!j) return false;
        run(*j);
        return true;
    }
};

job_runner::job_runner(context& ctx, job_runner_options o) : impl_(std::make_unique<impl>(ctx, o)) {}

job_runner::~job_runner() { stop(); }

void job_runner::start() {
    auto& r = *impl_;
    if (r.ctx.db().kind() == storage::engine::sqlite) {
        // The only runner: what is marked running died with an earlier process.
        storage::unit_of_work tx(r.ctx.db(), storage::write::yes);
        storage::jobs::requeue_running(tx);
        tx.commit();
    }
    r.thread = std::jthread([&r](std::stop_token st) {
        while (!st.stop_requested()) {
            bool ran = false;
            try {
                ran = r.run_one();
            } catch (const std::exception&) {
                ran = false;  // the database was unreachable: try again after the poll interval
            }
            if (ran) continue;
            auto& c = r.ctx.cache();
            std::unique_lock lock(c.jobs_mutex);
            auto seen = c.jobs_queued;
            c.jobs_wake.wait_for(lock, r.opts.poll, [&] { return st.stop_requested() || c.jobs_queued != seen; });
        }
    });
}

void job_runner::stop() {
    auto& r = *impl_;
    if (!r.thread.joinable()) return;
    r.stopping = true;
    r.thread.request_stop();
    r.ctx.cache().jobs_wake.notify_all();
    r.thread.join();
}

int job_runner::drain() {
    int n = 0;
    while (impl_->run_one()) ++n;
    return n;
}

}  // namespace skillgrade::app
