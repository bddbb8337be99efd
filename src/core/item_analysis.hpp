// item_analysis.hpp
// Item analysis (试题分析) of a written exam: per question its difficulty p (mean score over the
// maximum), discrimination as the corrected point-biserial (the item against the rest of the test)
// and the upper-lower 27 % index, and its option distribution with weak and reversed distractors;
// per test the reliability (KR-20 for right/wrong items, Cronbach's α otherwise) with the standard
// error of measurement. Pure: no I/O.
//
//   auto items = core::analyse_items(candidates);
//   auto r = core::reliability_of(slot_scores, slot_max);   // r.method "kr20", r.value 0.71, r.sem 1.9
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillgrade::core {

// One answered (or left) question of one candidate.
struct item_response {
    std::int64_t item = 0;            // the question
    double score = 0, max = 1;        // points earned and possible
    std::vector<std::string> chosen;  // the options chosen (choice questions)
};
struct candidate_responses {
    std::int64_t candidate = 0;
    std::vector<item_response> items;
};

struct option_share {
    std::string key;
    bool correct = false;
    double share = 0;        // of the candidates who had the question
    double upper = 0, lower = 0;  // share within the upper and the lower 27 %
};

// Below, above and at these values a question is flagged.
inline constexpr double kTooHard = 0.2, kTooEasy = 0.9, kWeakDiscrimination = 0.2, kWeakDistractor = 0.05;

struct item_stats {
    std::int64_t item = 0;
    int n = 0;                                // candidates who had it
    double p = 0;                             // mean score / max
    std::optional<double> point_biserial;     // item vs rest of the test; none when either does not vary
    std::optional<double> upper_lower;        // (mean upper − mean lower) / max, upper and lower 27 % by total
    std::vector<option_share> options;        // choice questions: every option key seen or correct
    std::vector<std::string> flags;           // too_hard, too_easy, weak_discrimination, weak_distractor:B, reversed_distractor:C
};

// Per question, over the candidates who had it (papers may differ: each candidate's total is the sum
// of their own items). `keys` gives each choice question's correct options and every option, to show
// options nobody chose.
struct option_keys {
    std::int64_t item = 0;
    std::vector<std::string> all, correct;
};
std::vector<item_stats> analyse_items(const std::vector<candidate_responses>&, const std::vector<option_keys>& = {});

struct reliability {
    std::string method;            // kr20 (every item right or wrong) | alpha
    std::optional<double> value;   // none with fewer than 2 items or 2 candidates, or no variance
    std::optional<double> sem;     // σ_total · √(1 − value)
    int items = 0, candidates = 0;
};
// Over a complete matrix: scores[candidate][item], each item's maximum. Population variances.
reliability reliability_of(const std::vector<std::vector<double>>& scores, const std::vector<double>& max);

}  // namespace skillgrade::core
