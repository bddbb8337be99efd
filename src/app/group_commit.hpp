// group_commit.hpp
// Writes that must be durable before they are acknowledged, many to one commit. A caller hands in
// a write and what to do once it is committed; one writer thread takes every write waiting, runs
// them in one unit of work and commits once (one fsync for all of them), then calls each
// completion. While one batch commits, the next gathers. A write that throws takes the batch down
// with it; the others are then written again one by one, so that only the failing one fails.
//
//   ctx.writes().submit([&](storage::unit_of_work& tx) { storage::exams::put_answer(tx, row); },
//                       [](bool committed) { /* answer the client */ });
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace skillgrade::storage {
class database;
class unit_of_work;
}  // namespace skillgrade::storage

namespace skillgrade::app {

class group_commit {
public:
    using write_fn = std::function<void(storage::unit_of_work&)>;
    using done_fn = std::function<void(bool committed)>;

    explicit group_commit(storage::database& db, std::size_t max_batch = 512);
    ~group_commit();  // writes what is queued, then stops
    group_commit(const group_commit&) = delete;
    group_commit& operator=(const group_commit&) = delete;

    // Queues the write; `done` runs on the writer thread after the commit (true) or after the
    // write failed (false). The writer starts with the first write.
    void submit(write_fn write, done_fn done);
    // Blocks until every write submitted before it has been committed or has failed.
    void flush();

    struct counts {
        std::uint64_t writes = 0, commits = 0, failed = 0;
    };
    counts totals() const;

private:
    struct item {
        write_fn write;
        done_fn done;
    };
    void run();
    void write_batch(std::deque<item>& batch);

    storage::database& db_;
    std::size_t max_batch_;
    mutable std::mutex m_;
    std::condition_variable wake_, idle_;
    std::deque<item> queue_;
    bool busy_ = false, stopping_ = false;
    counts totals_;
    std::thread writer_;
};

}  // namespace skillgrade::app
