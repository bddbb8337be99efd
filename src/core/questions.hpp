// questions.hpp
// The question bank (题库): a question's content and the rules it must meet, how a blank's answer is
// compared (trim, full-/half-width, case), and how alike two stems are (near-duplicate warnings).
// Pure: no I/O.
//
//   auto errs = core::validate(q);                       // empty when the question may be saved
//   core::accepts({"R32", "R-32"}, "ｒ３２", q.normalise);  // true: width and case folded
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skillgrade::core {

// single | multiple | true_false | fill_blank | short_answer | case (a scenario with sub-questions)
inline constexpr const char* kQuestionTypes[] = {"single", "multiple", "true_false", "fill_blank", "short_answer", "case"};
bool is_question_type(std::string_view);

struct question_option {
    std::string key;  // A, B, …
    text label;       // zh required, en optional
    bool operator==(const question_option&) const = default;
};
struct rubric_point {
    int points = 0;
    std::string text;
    bool operator==(const rubric_point&) const = default;
};
struct answer_normalisation {
    bool trim = true, width = true, fold_case = true;
    bool operator==(const answer_normalisation&) const = default;
};

struct question {
    std::int64_t id = 0;           // this version's row
    std::int64_t question_id = 0;  // every version's: the first version's id
    std::string code;        // names every version of the question
    int version = 1;
    std::string parent_code; // a case's sub-question: the case's code
    int position = 0;        // its place within the case
    std::string type;
    std::string product_line, knowledge_point;
    std::vector<int> ranks;  // the levels it is written for
    int difficulty = 3;      // 1–5
    text stem;
    std::vector<question_option> options;          // single, multiple
    std::vector<std::string> correct;              // single, multiple: option keys; true_false: "true" or "false"
    std::vector<std::vector<std::string>> blanks;  // fill_blank: the accepted answers of each blank
    answer_normalisation normalise;
    std::string reference;                          // short_answer: a model answer
    std::vector<rubric_point> rubric;               // short_answer: scoring points
    text explanation;                               // shown after the sitting closes
    std::vector<std::int64_t> images;               // pictures shown below the stem (at most 5)
    bool retired = false;
    std::string created_at, created_by;
};

// The same content (what a new version would change), ignoring ids, version and who wrote it.
bool same_content(const question&, const question&);

// Runs of three or more underscores in a stem: its blanks.
int blank_count(std::string_view stem);

// Every rule a question must meet, each as a field error (field names as the API's: "stem",
// "options[1]", "correct", "blanks[0]", …). Sub-questions of a case are checked on their own.
std::vector<field_error> validate(const question&);

// An answer as it is compared: trimmed, full-width forms (Ａ, １, 　, ，) folded to ASCII, ASCII
// letters lower-cased — each when the question asks for it.
std::string normalise_answer(std::string_view, const answer_normalisation&);
bool accepts(const std::vector<std::string>& accepted, std::string_view given, const answer_normalisation&);

// A stem reduced for comparison: letters and digits only (punctuation, spaces and blanks dropped),
// width folded, lower-cased.
std::string stem_key(std::string_view stem);
// How alike two reduced stems are, 0–1: the Dice coefficient of their character pairs.
double stem_similarity(std::string_view key_a, std::string_view key_b);
// From this similarity on, saving or importing a question warns of the existing one.
inline constexpr double kNearDuplicate = 0.85;

}  // namespace skillgrade::core
