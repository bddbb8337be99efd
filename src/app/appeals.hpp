// appeals.hpp
// Appeals against one's own published result within the notice period, and HR's decision on them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/appeals.hpp"

namespace skillgrade::app {

result<storage::appeal_row> appeal(context&, const principal&, std::int64_t application_id, const std::string& reason);
result<std::vector<storage::appeal_row>> list_appeals(context&, const principal&, std::int64_t cycle_id);
// Uphold, or amend one component score (audited) and re-evaluate the cycle.
struct appeal_resolution {
    std::string decision;  // uphold | amend
    std::string note;
    std::string component;
    std::optional<std::int64_t> score;
};
result<storage::appeal_row> resolve_appeal(context&, const principal&, std::int64_t appeal_id, const appeal_resolution&);

}  // namespace skillgrade::app
