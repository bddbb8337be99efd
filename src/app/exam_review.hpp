// exam_review.hpp
// What an engineer sees of their own exam once its sitting has closed: the score against the pass
// mark and each section's share, and — when the blueprint shows answers after the close — every
// question with their answer beside the key and the explanation; and the questions they got wrong
// across their exams as a review list (错题本).
//
//   auto r = app::review_attempt(ctx, engineer, attempt_id);   // r->questions empty: answers not shown
//   auto w = app::wrong_questions(ctx, engineer, 1, 20);
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/principal.hpp"
#include "core/exams.hpp"
#include "storage/applications.hpp"
#include "storage/exams.hpp"

namespace skillgrade::app {

struct review_question {
    core::paper_item item;
    core::question question;             // with its key and explanation
    core::answer answer;                 // what the candidate saved (empty: left out)
    std::optional<std::int64_t> points;  // earned, hundredths; none while a marker has not settled it
    core::text scenario;                 // a case's part: the case's stem
};
struct review_section {
    core::text title;
    std::int64_t earned = 0, max = 0;  // hundredths
    int questions = 0, full = 0;       // questions (a case as one), and those with full points (a case: every part)
};
struct attempt_review {
    storage::attempt_row attempt;
    storage::sitting_row sitting;
    std::string candidate_no;
    std::int64_t pass_mark = 0;
    bool passed = false;
    bool answers_shown = false;  // the blueprint shows answers and keys after the close
    std::vector<review_section> sections;
    std::vector<review_question> questions;  // empty unless answers_shown
};
// The signed-in engineer's attempt after its sitting closed (409 exam.not_closed before).
result<attempt_review> review_attempt(context&, const principal&, std::int64_t attempt_id);

struct wrong_question {
    std::int64_t attempt_id = 0;
    std::string sitting_name, closed_at;
    review_question q;
};
// The questions the signed-in engineer did not get full points for, in closed sittings that show
// answers, newest first and each question once (its latest attempt).
result<storage::list_page<wrong_question>> wrong_questions(context&, const principal&, int page, int page_size);

}  // namespace skillgrade::app
