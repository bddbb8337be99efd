// Background jobs: queueing with one active job per key, who sees them, cancelling, and the runner.
#include "app/jobs.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <sodium.h>
#include <stdexcept>
#include <thread>

#include "app/accounts.hpp"
#include "app/applications.hpp"
#include "app/audit.hpp"
#include "app/caches.hpp"
#include "app/engineers.hpp"
#include "app/evaluation.hpp"
#include "app/imports.hpp"
#include "app/reports.hpp"
#include "app/views.hpp"
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
    for (auto& f : e.fields) fields.push_back(to_json(f));
    return js::serialize(js::object{{"slug", e.slug}, {"title", js::object{{"zh", e.title.zh}, {"en", e.title.en}}}, {"errors", fields}});
}

// A job's files (what it works on, what it made) are kept as base64 text in parts of 1 MiB.
void to_parts(std::string_view bytes, const std::function<void(int, const std::string&)>& put) {
    constexpr std::size_t part = 768 * 1024;
    std::string text;
    int seq = 0;
    for (std::size_t at = 0; at < bytes.size() || seq == 0; at += part, ++seq) {
        auto from = std::min(at, bytes.size());
        auto n = std::min(part, bytes.size() - from);
        text = to_base64(bytes.substr(from, n));
        put(seq, text);
    }
}

void append_part(std::string& out, const std::string& text) { out += from_base64(text); }

}  // namespace

core::error job_stopped() {
    return {core::errc::conflict, "job.stopped", {"任务已停止，未写入任何数据", "The job was stopped; nothing was written"}, {}};
}

const std::vector<job_kind>& job_kinds() {
    static const std::vector<job_kind> kinds = [] {
        std::vector<job_kind> k{review_job(), evaluation_job(), replay_job(), results_export_job(), engineers_export_job()};
        for (auto& i : import_jobs()) k.push_back(std::move(i));
        return k;
    }();
    return kinds;
}

result<storage::job_row> start_job(context& ctx, const principal& p, const std::string& kind, const std::string& params,
                                   const std::string& dedupe_key, std::string_view input) {
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
    if (queued && !input.empty())
        to_parts(input, [&](int seq, const std::string& text) { storage::jobs::add_input_part(tx, row.id, seq, text); });
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
    auto summed_up = [](std::string& text) {
        if (text.empty()) return;
        boost::system::error_code ec;
        auto v = js::parse(text, ec);
        if (ec || !v.is_object()) return;
        auto& o = v.as_object();
        if (!o.contains("changes") && !o.contains("errors") && !o.contains("warnings")) return;
        o.erase("changes");
        o.erase("errors");
        o.erase("warnings");
        text = js::serialize(o);
    };
    for (auto& j : storage::jobs::recent(tx, 0, 200))
        if (may_see(p, j) && (j.state == "queued" || j.state == "running" || out.size() < 20)) {
            out.push_back(with_live(ctx, j));
            summed_up(out.back().result);
            summed_up(out.back().error);
        }
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

result<void> attach_file(context& ctx, const job_control& control, const std::string& name, const std::string& content_type,
                         const std::string& bytes) {
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    storage::jobs::clear_file(tx, control.job_id());
    to_parts(bytes, [&](int seq, const std::string& text) { storage::jobs::add_file_part(tx, control.job_id(), seq, text); });
    storage::jobs::set_file(tx, control.job_id(), name, content_type, static_cast<std::int64_t>(bytes.size()));
    tx.commit();
    return {};
}

result<job_download> job_file(context& ctx, const principal& p, std::int64_t id) {
    auto j = get_job(ctx, p, id);
    if (!j) return std::unexpected(j.error());
    if (j->file_name.empty() || (j->owner_id != p.user_id && !p.has(core::role::admin)))
        return std::unexpected(not_found("任务文件", "job file", id));
    job_download out{j->file_name, j->file_type, {}};
    out.bytes.reserve(static_cast<std::size_t>(j->file_size));
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    storage::jobs::each_file_part(tx, id, [&](const std::string& text) { append_part(out.bytes, text); });
    if (static_cast<std::int64_t>(out.bytes.size()) != j->file_size) throw std::runtime_error("job file is incomplete");
    return out;
}

std::string job_input(context& ctx, const job_control& control) {
    std::string out;
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    storage::jobs::each_input_part(tx, control.job_id(), [&](const std::string& text) { append_part(out, text); });
    return out;
}

// ---- the runner ----------------------------------------------------------------------------

struct job_runner::impl {
    context& ctx;
    job_runner_options opts;
    std::atomic<bool> stopping{false};
    storage::jobs::lease_holder leases;  // used by the one thread that runs jobs
    std::jthread thread;

    struct control final : job_control {
        impl& r;
        std::int64_t id;
        std::chrono::steady_clock::time_point written{};
        bool cancelled = false;
        control(impl& r, std::int64_t id) : r(r), id(id) {}
        std::int64_t job_id() const override { return id; }
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

    impl(context& c, job_runner_options o) : ctx(c), opts(o), leases(c.db()) {}

    std::optional<storage::job_row> claim() { return leases.claim(ctx.now_iso()); }

    void finish(const storage::job_row& j, const std::string& state, const std::string& result, const std::string& error) {
        // "queued": the runner is stopping, and the job runs again from the start next time.
        {
            storage::unit_of_work tx(ctx.db(), storage::write::yes);
            if (state != "queued") storage::jobs::progress(tx, j.id, j.done, j.total, j.phase, ctx.now_iso());
            storage::jobs::finish(tx, j.id, j.attempts, state, result, error, state == "queued" ? "" : ctx.now_iso());
            storage::jobs::forget_files(tx, iso(ctx.now() - std::chrono::days(7)));  // exports are kept a week
            tx.commit();
        }
        leases.release(j.id);
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
            std::optional<principal> owner;
            {
                storage::unit_of_work tx(ctx.db(), storage::write::no);
                if (auto user = storage::users::get(tx, j.owner_id); user && user->active) owner = principal_of(ctx, tx, *user);
            }
            if (!owner)
                out = core::fail(core::errc::forbidden, "job.owner_inactive", {"发起任务的账号已停用", "The account that started the job is disabled"});
            else if (auto k = kind_of(j.kind)) {
                if (!ctl.cancelled) out = k->work(ctx, *owner, j.params, ctl);
            }
        } catch (const std::exception& e) {
            out = core::fail(core::errc::internal, "job.crashed", {std::string("任务出错：") + e.what(), std::string("The job failed: ") + e.what()});
        }
        std::string state = ctl.cancelled ? "cancelled" : stopping ? "queued" : out ? "succeeded" : "failed";
        bool ended = state != "queued";  // queued again: no result and no error until it runs
        storage::job_row last = j;  // the progress it reached, kept with the ended job
        {
            std::lock_guard lock(ctx.cache().jobs_mutex);
            auto& live = ctx.cache().live_jobs[j.id];
            last.done = live.done;
            last.total = live.total;
            last.phase = live.phase;
        }
        finish(last, state, ended && out ? *out : "", ended && !out ? problem_json(out.error()) : "");
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
