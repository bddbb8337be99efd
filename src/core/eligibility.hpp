// eligibility.hpp
// The eligibility rules engine (基本条件审核): a level's any-of paths of all-of conditions,
// evaluated on an engineer's facts at a cut-off date. Every condition explains itself and, when
// unmet, says what is missing, in Chinese and English. Pure: the cut-off date is passed in.
//
//   auto r = evaluate_eligibility(scheme, scheme.levels[2], facts, cutoff);
//   if (r.eligible) show(r.paths[r.met_path]); else for (auto& c : r.paths[0].conditions) c.gap;
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/scheme.hpp"

namespace skillgrade::core {

struct training_record {
    std::string course_code;
    int hours = 0;
    date on;
    bool passed = false;
};

// What the rules look at; whatever the records lack simply counts as not there.
struct engineer_facts {
    date career_start;
    education edu = education::none;
    int current_rank = 0;                 // in the scheme being evaluated (0 = none)
    std::optional<date> level_since;      // since when at current_rank
    std::vector<training_record> training;
    std::vector<std::string> certificates;  // level codes of valid certificates held
};

struct condition_result {
    std::string kind;  // work_years, years_at_level, education, training_hours, course, certificate
    bool met = false;
    text explanation;  // "累计工作 6.2 年 ≥ 6 年"
    text gap;          // "还需工作 10 个月" when unmet
    // What was measured, the explanation's one input beside the scheme: months of work or at the
    // previous level (-1: not at it), the education's ordinal, training hours, a course 1/0, a
    // certificate 0 none / 1 issued / 2 a level record.
    int value = 0;
};

struct path_result {
    bool met = false;
    std::vector<condition_result> conditions;
};

struct eligibility_result {
    bool eligible = false;
    int met_path = -1;  // index of the first path met
    std::vector<path_result> paths;
    text summary;       // "满足路径 2：…" or "未满足任何申报路径"
};

// explain = false leaves the explanations, gaps and summary empty (the verdicts are the same): for bulk re-checks.
eligibility_result evaluate_eligibility(const scheme& s, const level& target, const engineer_facts& facts, date cutoff,
                                        bool explain = true);

// A verdict stored as its measured values (one list per path, see condition_result::value) is
// explained again under the same scheme level, word for word as evaluate_eligibility wrote it;
// nullopt when the values do not fit the level's conditions.
//   auto v = measured_values(evaluate_eligibility(s, lv, facts, cutoff, false));
//   auto again = explain_eligibility(s, lv, v);   // == evaluate_eligibility(s, lv, facts, cutoff)
std::optional<eligibility_result> explain_eligibility(const scheme& s, const level& target,
                                                      const std::vector<std::vector<int>>& values);
std::vector<std::vector<int>> measured_values(const eligibility_result&);

}  // namespace skillgrade::core
