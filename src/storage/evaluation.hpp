// evaluation.hpp
// Evaluation at any size: streamed in, ranked by the database.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "storage/database.hpp"
#include "storage/training.hpp"

namespace skillgrade::storage {

// One reviewed application with everything eligibility and evaluation read.
struct evaluation_row {
    std::int64_t application_id = 0, engineer_id = 0;
    int target_rank = 0;
    std::string status, override_reason, applied_at, org_path;
    std::string career_start, hire_date, education, level_since;
    int current_rank = 0;
    std::array<std::optional<std::int64_t>, 5> scores;  // by core::component_kind; nullopt = absent or not entered
};

// A larger SQLite page cache for one unit of work's connection while it reads or writes a whole cycle
// (the pages of the lookups stay in memory instead of being read again); the default comes back after.
class large_cache {
public:
    large_cache(unit_of_work&, int megabytes);
    ~large_cache();
private:
    unit_of_work& tx_;
};

// Which of a cycle's applications a cursor reads: those reviewed (eligible or ineligible; the
// evaluation), or every one not withdrawn (the eligibility review).
enum class applications_read { reviewed, open };

// The applications of a cycle whose engineer id is in [from, to), in engineer order, fetched in batches.
class evaluation_cursor {
public:
    evaluation_cursor(unit_of_work&, std::int64_t cycle_id, std::int64_t from, std::int64_t to,
                      applications_read = applications_read::reviewed);
    ~evaluation_cursor();
    bool next(evaluation_row&);
private:
    struct impl;
    std::unique_ptr<impl> p_;
};

// The training records of a cycle's applicants (engineer id in [from, to)) in engineer order, in date
// order for each (on SQLite also those of the engineers in between who did not apply: the caller
// skips them).
class training_cursor {
public:
    training_cursor(unit_of_work&, std::int64_t cycle_id, std::int64_t from, std::int64_t to,
                    applications_read = applications_read::reviewed);
    ~training_cursor();
    bool next(training_row&);
private:
    struct impl;
    std::unique_ptr<impl> p_;
};

// Writes eligibility verdicts application by application through one prepared statement.
class verdict_writer {
public:
    explicit verdict_writer(unit_of_work&);
    ~verdict_writer();
    void set(std::int64_t application_id, const std::string& status, const std::string& verdict_json);
private:
    struct impl;
    std::unique_ptr<impl> p_;
};

}  // namespace skillgrade::storage
