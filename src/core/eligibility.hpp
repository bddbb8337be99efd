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

}  // namespace skillgrade::core
