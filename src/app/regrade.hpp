// regrade.hpp
// Regrading a blueprint's submitted papers after a key correction (重新判分): each objective
// question whose current version differs from the one on a paper (same type and options: only the
// key or the accepted answers changed) is marked again with the current version. A dry run lists
// every changed mark and score; the apply stores them with a reason (audited), moves each paper to
// the corrected version, updates the cycle's written scores and, when the cycle was evaluated,
// starts the evaluation again.
//
//   auto r = app::regrade(ctx, hr, blueprint_id, true, "");           // what would change
//   app::regrade(ctx, hr, blueprint_id, false, "第 12 题答案更正");       // apply
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/principal.hpp"
#include "core/error.hpp"

namespace skillgrade::app {

struct regrade_change {
    std::int64_t question_id = 0;
    std::string code;
    std::optional<std::int64_t> old_points, new_points;
};
struct regrade_line {
    std::int64_t attempt_id = 0, application_id = 0;
    std::string candidate_no, employee_no, name;
    std::optional<std::int64_t> old_score, new_score;  // none while answers wait for a marker
    std::vector<regrade_change> questions;
};
struct regrade_skip {
    std::int64_t question_id = 0;
    std::string code;
    core::text reason;  // why its new version cannot mark old papers
};
struct regrade_report {
    std::int64_t blueprint_id = 0;
    bool applied = false;
    int attempts = 0;                      // submitted attempts checked
    std::vector<regrade_line> changes;     // attempts whose marks change
    std::vector<regrade_skip> skipped;
    std::optional<std::int64_t> evaluation_job;  // started again after the apply
};
result<regrade_report> regrade(context&, const principal&, std::int64_t blueprint_id, bool dry_run, const std::string& reason);

}  // namespace skillgrade::app
