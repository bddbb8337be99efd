// cycles.hpp
// Evaluation cycles: planning, the phase timeline and its gates, quotas and settings.
#pragma once
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/cycles.hpp"

namespace skillgrade::app {

struct cycle_input {
    std::string name;
    std::int64_t scheme_id = 0;
    std::string kind = "promotion";
    std::vector<int> open_ranks;
    std::string cutoff_date;
    std::vector<storage::phase_row> phases;
};
result<storage::cycle_row> create_cycle(context&, const principal&, const cycle_input&);
result<std::vector<storage::cycle_row>> list_cycles(context&, const principal&);
result<storage::cycle_row> get_cycle(context&, const principal&, std::int64_t id);
// Moves the cycle one phase on, or one back with a reason; `version` guards against lost updates.
// Moving on out of the public notice before its last day needs `override_notice` and a reason (audited).
result<storage::cycle_row> transition_cycle(context&, const principal&, std::int64_t id, const std::string& to,
                                            const std::string& reason, std::int64_t version, bool override_notice = false);
// A quota: kind "count" or "percent" (of the applicants it covers), or "none" to remove it. Without an org
// unit it covers the level; with one (by code), the level's applicants in that unit's subtree, who are then
// ranked among themselves (the deepest unit with a quota takes an applicant).
struct quota_input {
    int rank = 0;
    std::string org_unit;
    std::string kind;
    int value = 0;
};
result<storage::cycle_row> set_quota(context&, const principal&, std::int64_t cycle_id, const quota_input&);
// Which fields the published list shows, the certificate-number pattern and the notice length in working days.
struct cycle_settings {
    std::vector<std::string> published_fields;
    std::string certificate_pattern;
    int notice_days = 5;
    std::optional<std::string> resit_rule;  // unchanged when not given
};
result<storage::cycle_row> update_cycle_settings(context&, const principal&, std::int64_t id, const cycle_settings&,
                                                 std::int64_t version);
// 404 cycle.not_found naming the id.
core::error cycle_not_found(std::int64_t id);
// Every field a published list may show, in display order.
const std::vector<std::string>& published_field_names();

}  // namespace skillgrade::app
