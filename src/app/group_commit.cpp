#include "app/group_commit.hpp"

#include <spdlog/spdlog.h>

#include "storage/database.hpp"

namespace skillgrade::app {

group_commit::group_commit(storage::database& db, std::size_t max_batch) : db_(db), max_batch_(max_batch ? max_batch : 1) {}

group_commit::~group_commit() {
    {
        std::lock_guard lock(m_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (writer_.joinable()) writer_.join();
}

void group_commit::submit(write_fn write, done_fn done) {
    {
        std::lock_guard lock(m_);
        queue_.push_back({std::move(write), std::move(done)});
        if (!writer_.joinable()) writer_ = std::thread([this] { run(); });
    }
    wake_.notify_one();
}

void group_commit::flush() {
    std::unique_lock lock(m_);
    idle_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

group_commit::counts group_commit::totals() const {
    std::lock_guard lock(m_);
    return totals_;
}

void group_commit::run() {
    std::unique_lock lock(m_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left
        std::deque<item> batch;
        while (!queue_.empty() && batch.size() < max_batch_) {
            batch.push_back(std::move(queue_.front()));
            queue_.pop_front();
        }
        busy_ = true;
        lock.unlock();
        write_batch(batch);
        lock.lock();
        busy_ = false;
        if (queue_.empty()) idle_.notify_all();
    }
}

namespace {
void tell(const group_commit::done_fn& done, bool committed) {
    try {
        done(committed);
    } catch (const std::exception& e) {
        spdlog::error("event=group_commit_completion_failed error=\"{}\"", e.what());
    }
}
}  // namespace

void group_commit::write_batch(std::deque<item>& batch) {
    auto finish = [&](bool committed, std::size_t n, std::size_t commits) {
        std::lock_guard lock(m_);
        totals_.writes += committed ? n : 0;
        totals_.failed += committed ? 0 : n;
        totals_.commits += commits;
    };
    try {
        storage::unit_of_work tx(db_, storage::write::yes);
        for (auto& i : batch) i.write(tx);
        tx.commit();
        finish(true, batch.size(), 1);
        for (auto& i : batch) tell(i.done, true);
        return;
    } catch (const std::exception& e) {
        if (batch.size() == 1) {
            spdlog::error("event=group_commit_failed writes=1 error=\"{}\"", e.what());
            finish(false, 1, 0);
            tell(batch.front().done, false);
            return;
        }
        spdlog::warn("event=group_commit_retry writes={} error=\"{}\"", batch.size(), e.what());
    }
    // One of them failed: each again on its own, so that only the failing one fails.
    for (auto& i : batch) {
        bool ok = false;
        try {
            storage::unit_of_work tx(db_, storage::write::yes);
            i.write(tx);
            tx.commit();
            ok = true;
        } catch (const std::exception& e) {
            spdlog::error("event=group_commit_failed writes=1 error=\"{}\"", e.what());
        }
        finish(ok, 1, ok ? 1 : 0);
        tell(i.done, ok);
    }
}

}  // namespace skillgrade::app
