// caches.hpp
// What the features keep between requests in one process; included by context.cpp and the
// features that use it (accounts, engineers), nowhere else.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/people.hpp"
#include "core/exams.hpp"
#include "core/questions.hpp"

namespace skillgrade::app {

// Sessions checked against the database within session_recheck are trusted without a new
// look-up; logout and password resets here drop them at once, elsewhere within session_recheck.
inline constexpr std::chrono::seconds session_recheck{10};
// Totals of engineer-list filters: paging through one filter counts once. An entry is good
// while no engineer was written through this process and for count_ttl at most (other
// processes may write to the same database).
inline constexpr std::chrono::seconds count_ttl{5};
// The org units (app::known_units): read again after units_ttl, or at once after this process
// wrote engineers or units (the generation).
inline constexpr std::chrono::seconds units_ttl{5};

struct context::caches {
    // Question versions as papers show and mark them (a version never changes once written).
    std::mutex exam_mutex;
    std::map<std::int64_t, std::shared_ptr<const core::question>> question_versions;
    // The bank as papers are drawn from it, with the stamp of the bank it was read from.
    std::shared_ptr<const std::vector<core::pool_question>> bank_pool;
    std::string bank_stamp;
    // The papers of attempts being saved to, parsed, each with a digest of the text it was parsed
    // from (a paper read again is parsed again only when its text changed: a regrade moves it to
    // new versions of the same shape, so even a digest that collided would check the same).
    // Emptied when it holds max_papers.
    static constexpr std::size_t max_papers = 20000;
    struct parsed_paper {
        std::size_t text_hash = 0;
        std::shared_ptr<const std::vector<core::paper_item>> items;
        std::int64_t engineer_id = 0;  // whose attempt
    };
    std::map<std::int64_t, parsed_paper> papers;

    struct cached_count {
        std::int64_t total;
        std::uint64_t generation;
        std::chrono::steady_clock::time_point at;
    };
    std::mutex count_mutex;
    std::map<std::string, cached_count> counts;
    std::atomic<std::uint64_t> generation{0};

    std::mutex units_mutex;
    std::shared_ptr<const std::vector<core::org_unit>> units;
    std::chrono::steady_clock::time_point units_at;
    std::uint64_t units_generation = 0;

    struct cached_session {
        principal who;
        std::chrono::system_clock::time_point checked;
        std::string expires_at;
    };
    std::mutex session_mutex;
    std::map<std::string, cached_session> sessions;

    std::mutex login_mutex;
    // Failed sign-ins by "u|name|address", "a|address" and "*", each within the window.
    std::map<std::string, std::vector<std::chrono::system_clock::time_point>> failures;
    std::once_flag dummy_once;
    std::string dummy_hash;

    // The jobs running in this process: their progress as it is now (written to the table now and
    // then), and a cancel asked for here. start_job wakes the runner.
    struct live_job {
        std::int64_t done = 0, total = 0;
        std::string phase;
        bool cancel = false;
    };
    std::mutex jobs_mutex;
    std::map<std::int64_t, live_job> live_jobs;
    std::condition_variable jobs_wake;
    std::uint64_t jobs_queued = 0;  // bumped by start_job under jobs_mutex
};

}  // namespace skillgrade::app
