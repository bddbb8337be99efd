// results.hpp
// The results of an evaluation: written in batches, ranked by the database, compared with the
// results before.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct result_row {
    std::int64_t application_id = 0;
    std::int64_t total = 0;
    bool passed = false;
    int rank = 0;
    bool selected = false;
    std::string outcome_json, evaluated_at;
    std::string quota_group;  // the level, or the level within one org unit with its own quota
    std::int64_t tie_practical = 0, tie_performance = 0;
    std::int64_t cycle_id = 0;
    // Read with the result: the application's level and its quota group.
    int target_rank = 0;
    std::string quota_kind, quota_unit;
    int quota_value = 0, quota_places = 0;
    std::int64_t quota_applicants = 0;
    std::string employee_no, engineer_name, org_path;  // the applicant
};
// A quota group of an evaluated cycle: its quota, how many eligible applicants it had and its places.
struct result_group {
    std::string quota_group, kind, org_unit;
    int value = 0;
    std::int64_t applicants = 0;
    int places = 0;
};

namespace results {
std::int64_t reviewed_count(unit_of_work&, std::int64_t cycle_id);
bool any(unit_of_work&, std::int64_t cycle_id);  // the cycle was evaluated
// The engineer id halfway between the lowest and the highest of the cycle's applicants.
std::int64_t middle_engineer(unit_of_work&, std::int64_t cycle_id);
void clear(unit_of_work&, std::int64_t cycle_id);  // results and groups
void save_groups(unit_of_work&, std::int64_t cycle_id, const std::vector<result_group>&);
// Appends results, buffered; flush() writes what is left.
class writer {
public:
    explicit writer(unit_of_work&);
    ~writer();
    void add(const result_row&);
    void flush();
private:
    struct impl;
    std::unique_ptr<impl> p_;
};
// Ranks the passed results within their quota groups by total, practical, performance, earlier
// application and id, and selects the first `places` of each group.
void rank(unit_of_work&, std::int64_t cycle_id);
// Keeps a copy of the cycle's results (their quota groups included) to compare with after a new
// evaluation; changes() streams the differences by application id: '+' new, '-' gone, '~' changed
// (with the earlier values).
std::int64_t snapshot(unit_of_work&, std::int64_t cycle_id);  // how many results were kept
// The new results whose quota group differs from the one the copy kept, counted by (group now, group kept).
struct group_move {
    std::string from, to;
    std::int64_t applicants = 0, passed = 0;
};
std::vector<group_move> group_moves(unit_of_work&, std::int64_t cycle_id);
// Puts the new results of group `from` that the copy kept in group `to` back into `to`.
void restore_group(unit_of_work&, std::int64_t cycle_id, const group_move&);
struct change {
    char kind = '~';
    std::int64_t application_id = 0;
    std::int64_t old_total = 0, new_total = 0;
    bool old_passed = false, new_passed = false;
    int old_rank = 0, new_rank = 0;
    bool old_selected = false, new_selected = false;
    std::string employee_no, engineer_name;  // the applicant
};
// With an empty snapshot every result is new: then only the first `limit` are streamed.
void changes(unit_of_work&, std::int64_t cycle_id, bool snapshot_empty, std::int64_t limit,
             const std::function<void(const change&)>& fn);
}  // namespace results

}  // namespace skillgrade::storage
