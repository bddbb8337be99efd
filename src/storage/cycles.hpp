// cycles.hpp
// Evaluation cycles with their phases, quotas and settings.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct phase_row {
    std::string phase;  // a cycle_status code
    std::string starts_on, ends_on;
    std::string responsible_role;
};
struct quota_row {
    int rank = 0;
    std::string kind;  // count | percent
    int value = 0;
    std::int64_t org_unit_id = 0;     // 0: the whole level; else the applicants in this unit's subtree
    std::string org_path, org_name;   // joined from the unit
};
struct cycle_row {
    std::int64_t id = 0;
    std::string name;
    std::int64_t scheme_id = 0;
    int scheme_version = 0;
    std::string kind;    // promotion | recertification
    std::string status;  // a cycle_status code
    std::vector<int> open_ranks;
    std::string cutoff_date;
    std::int64_t version = 1;
    std::string created_at, created_by;
    std::vector<phase_row> phases;
    std::vector<quota_row> quotas;
    int notice_days = 5;
    std::string notice_ends_on;  // set when the public notice starts
    std::vector<std::string> published_fields;  // what the published list shows
    std::string certificate_pattern;            // see core::number_pattern
    std::string resit_rule = "latest";          // which written score counts after a resit (core::counted_score)
};

namespace cycles {
std::int64_t insert(unit_of_work&, const cycle_row&);
std::vector<cycle_row> list(unit_of_work&);
std::optional<cycle_row> get(unit_of_work&, std::int64_t id);
// Moves the status when the stored version is still `version`; false when it is not.
bool set_status(unit_of_work&, std::int64_t id, const std::string& status, std::int64_t version);
void set_quota(unit_of_work&, std::int64_t id, const quota_row&);  // replaces the level's (and unit's) quota
void remove_quota(unit_of_work&, std::int64_t id, int rank, std::int64_t org_unit_id);
// Saves the settings when the stored version is still `version` (and moves it on); false when it is not.
bool set_settings(unit_of_work&, std::int64_t id, const std::vector<std::string>& published_fields,
                  const std::string& certificate_pattern, int notice_days, const std::string& resit_rule, std::int64_t version);
void set_notice_end(unit_of_work&, std::int64_t id, const std::string& ends_on);
}  // namespace cycles

}  // namespace skillgrade::storage
