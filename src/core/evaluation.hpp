// evaluation.hpp
// Comprehensive evaluation (综合评定) of applications under one level: the weighted total in
// hundredths (one half-up rounding), per-component gates (absent 缺考 is not zero), the overall
// pass mark, an optional quota filled by rank with fixed tie-breakers, and the committee's majority.
// Pure and deterministic: the same inputs give the same outcome, bit for bit.
//
//   auto out = evaluate(level, {{component_kind::written, 7250}, {component_kind::practical, std::nullopt}});
//   out.passed == false;  out.reasons[0].zh == "实际操作缺考"
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scheme.hpp"

namespace skillgrade::core {

struct component_score {
    component_kind kind{};
    std::optional<std::int64_t> score;  // hundredths 0..10000; nullopt = absent (缺考)
};

struct component_outcome {
    component_kind kind{};
    std::optional<std::int64_t> score;
    int weight_pct = 0;
    std::int64_t pass_mark = 0;
    bool passed = false;
};

struct evaluation_outcome {
    std::int64_t total = 0;  // weighted total, hundredths, rounded half-up once
    bool gates_passed = false;
    bool passed = false;     // gates and the overall pass mark
    std::vector<component_outcome> components;
    std::vector<text> reasons;  // why not passed
};

// Scores for components the level does not assess are ignored; a missing one counts as absent.
// explain = false leaves the reasons empty (the outcome is the same): for evaluating whole cycles.
evaluation_outcome evaluate(const level& lv, const std::vector<component_score>& scores, bool explain = true);

// ---- quota ---------------------------------------------------------------------------

struct quota {
    enum class kind { none, count, percent } type = kind::none;
    int value = 0;  // a count, or a percentage 0..100 of the applicants
};

struct candidate {
    std::int64_t id = 0;
    bool passed = false;          // evaluation passed
    std::int64_t total = 0;
    std::int64_t practical = 0;   // tie-breaker 1 (higher first)
    std::int64_t performance = 0; // tie-breaker 2 (higher first)
    std::string applied_at;       // tie-breaker 3 (earlier first, ISO 8601)
};

struct ranking {
    std::int64_t id = 0;
    int rank = 0;        // 1-based among passed candidates; 0 when not passed
    bool selected = false;
};

// How many places a quota leaves for `applicants`; a percentage rounds down.
int places(const quota& q, int applicants);
// Passed candidates ranked by total, then practical, performance, earlier application, id;
// the first `places` are selected. Output is in rank order, then the not-passed by id.
std::vector<ranking> rank_with_quota(std::vector<candidate> candidates, const quota& q);

// ---- committee -----------------------------------------------------------------------

enum class vote { approve, reject, defer };
enum class decision { approved, rejected, deferred };

// An odd number (≥ 3) of members; a majority of approve or reject decides, anything else defers.
// Returns nullopt when the panel size is not an odd number of at least 3.
std::optional<decision> decide(const std::vector<vote>& votes);
std::optional<decision> decide(int approve, int reject, int defer);  // the same from counted votes

}  // namespace skillgrade::core
