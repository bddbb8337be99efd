// exam_papers.hpp
// Inside the exam feature: how papers, answers and blueprints are stored as JSON, the question
// versions a paper was drawn with (cached per process), and an attempt's score becoming the
// cycle's written score. Shared by exams.cpp and marking.cpp; not for other features.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/exams.hpp"
#include "storage/exams.hpp"

namespace skillgrade::app::papers {

std::string sections_json(const std::vector<core::blueprint_section>&);
std::vector<core::blueprint_section> sections_of(const std::string& text);
core::blueprint blueprint_of(const storage::blueprint_row&);
std::string items_json(const std::vector<core::paper_item>&);
std::vector<core::paper_item> items_of(const std::string& text);
std::string answer_json(const core::answer&);
core::answer answer_of(const std::string& text);
// The question versions by id, in the order asked.
std::vector<std::shared_ptr<const core::question>> versions(context&, storage::unit_of_work&, const std::vector<std::int64_t>& ids);
// An attempt's paper with the question versions it was drawn with (in the paper's order) and its
// saved answers by question id.
struct paper {
    std::vector<core::paper_item> items;
    std::vector<std::shared_ptr<const core::question>> questions;
    std::map<std::int64_t, storage::answer_row> saved;
    // The saved answer to the paper's i-th question (none saved: an empty answer).
    core::answer answer(std::size_t i) const;
};
paper paper_of(context&, storage::unit_of_work&, const storage::attempt_row&);
// A scored attempt's score as the cycle's written score (source exam), while the cycle takes
// scores; a locked component takes `reason`.
void record_written(context&, storage::unit_of_work&, const storage::attempt_row&, const std::string& reason);
// The signed-in candidate's own attempt (another's is a 404 as for one that does not exist).
result<storage::attempt_row> own_attempt(storage::unit_of_work&, const principal&, std::int64_t id);
// How long after its deadline an attempt still takes saves made in time.
std::chrono::seconds grace(const context&);

}  // namespace skillgrade::app::papers
