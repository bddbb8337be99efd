// exams.hpp
// The online written exam's rules: a blueprint (sections with a filter, a count and points), drawing
// each candidate's paper from the bank to meet it exactly (seeded, so that it can be rebuilt; least-
// used questions first, so that no question is seen much more than its share), shuffling, and
// marking objective answers. Pure: no I/O.
//
//   auto gaps = core::shortfalls(bp, pool);            // "第 2 节 缺 3 题" when the bank cannot meet it
//   auto paper = core::draw_paper(bp, pool, uses, seed);
//   auto m = core::mark(q, answer, points, partial);   // points earned, or "needs a marker"
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/marking.hpp"
#include "core/questions.hpp"

namespace skillgrade::core {

struct blueprint_section {
    text title;
    std::vector<std::string> types;       // empty: any type
    std::string product_line;             // empty: any
    std::string knowledge_point;          // empty: any
    int difficulty_min = 1, difficulty_max = 5;
    int count = 0;
    std::int64_t points = 0;              // hundredths, per question (a case's split among its parts)
    bool partial_credit = false;          // multiple choice: some right options and no wrong one earn a share
    bool operator==(const blueprint_section&) const = default;
};

struct blueprint {
    int target_rank = 1;
    std::vector<blueprint_section> sections;
    int duration_minutes = 90;
    std::int64_t pass_mark = 6000;        // hundredths of the paper's 100
    bool fixed = false;                   // every candidate the same questions (in their own order)
    std::uint64_t seed = 0;               // a fixed paper's draw
    bool review_after_close = true;       // candidates see their answers beside the keys once the sitting closes
    marking_rule marking;                 // short answers: single or double marking, the discrepancy threshold
};
std::int64_t total_points(const blueprint&);
// The blueprint's own rules (sections, counts, points, difficulty ranges, duration), as field errors.
std::vector<field_error> validate(const blueprint&);

// A question the draw may take: a current, not retired, top-level question of the bank.
struct pool_question {
    std::int64_t question_id = 0, version_id = 0;
    std::string type, product_line, knowledge_point;
    std::vector<int> ranks;
    int difficulty = 3;
    std::vector<std::string> option_keys;             // single, multiple
    std::vector<std::int64_t> part_ids, part_versions; // case: its sub-questions' question and version ids
    std::vector<std::string> part_types;
    std::vector<std::vector<std::string>> part_option_keys;
};
bool matches(const blueprint_section&, int target_rank, const pool_question&);

// Each section the bank cannot fill: "第 2 节（多选题）缺 3 题：符合条件的 7 题，需要 10 题". Sections are
// filled in order from what earlier sections left, as the draw does.
std::vector<field_error> shortfalls(const blueprint&, const std::vector<pool_question>&);

// One question on a paper. A case is an item of no points followed by its parts (parent set).
struct paper_item {
    std::int64_t question_id = 0, version_id = 0;
    int section = 0;
    std::int64_t points = 0;              // hundredths
    std::string option_order;             // the option keys as shown, e.g. "CADB"; empty when none
    std::int64_t parent = 0;              // a case's part: the case's question id
    bool partial_credit = false;
    bool operator==(const paper_item&) const = default;
};

// How many papers of the blueprint each question (by question id) is already on.
using exposure = std::map<std::int64_t, int>;

// Draws a paper that meets the blueprint exactly: in each section the least-used matching questions
// (ties broken by the seed), then the section's questions and each question's options shuffled. The
// same blueprint, pool, exposure and seed give the same paper, on any platform. A fixed blueprint
// draws its questions with its own seed and no exposure, and shuffles them with the candidate's.
// nullopt when the bank cannot meet the blueprint (see shortfalls).
// `seen` (a resit's questions already put to the candidate) are drawn only where a section cannot
// be filled without them.
std::optional<std::vector<paper_item>> draw_paper(const blueprint&, const std::vector<pool_question>&, const exposure&,
                                                  std::uint64_t seed, const std::set<std::int64_t>& seen = {});

// A candidate's answer: single: one option key (none: unanswered); multiple: option keys;
// true_false: "true" or "false"; fill_blank: one text per blank; short_answer: one text.
struct answer {
    std::vector<std::string> values;
    bool operator==(const answer&) const = default;
};
// Why an answer cannot be saved for the question (an option it does not have, too many blanks, …).
std::optional<text> check_answer(const question&, const answer&);

struct mark_result {
    std::int64_t points = 0;   // hundredths
    bool needs_marker = false; // short answers are marked by examiners
};
// Objective marking: single and true/false all or nothing; multiple all or nothing, or with partial
// credit a share for each right option when no wrong one is chosen; fill-in a share per blank.
mark_result mark(const question&, const answer&, std::int64_t points, bool partial_credit);

// Which written score counts when a candidate sat a resit (补考): latest — the resit's; best — the
// higher of the two (the first may be none: absent); capped — the resit's, at most the pass mark.
bool is_resit_rule(const std::string&);
std::int64_t counted_score(const std::string& rule, std::optional<std::int64_t> first, std::int64_t resit, std::int64_t pass_mark);

// A small, portable generator (splitmix64): the same sequence for a seed everywhere.
class draw_rng {
public:
    explicit draw_rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n);  // uniform in [0, n)
private:
    std::uint64_t state_;
};

}  // namespace skillgrade::core
