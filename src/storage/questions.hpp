// questions.hpp
// The question bank's versions: a page of current questions, one question with its case's
// sub-questions, its history, new versions, retiring.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/applications.hpp"  // list_page
#include "storage/database.hpp"

namespace skillgrade::storage {

// One version as stored; options, correct, blanks and rubric are JSON text (app/questions reads them).
struct question_row {
    std::int64_t id = 0;           // this version
    std::int64_t question_id = 0;  // every version of the question: its first version's id
    std::string code;
    int version = 1;
    std::string parent_code;
    int position = 0;
    std::string type, product_line, knowledge_point, ranks;  // ranks: "1,2"
    int difficulty = 3;
    std::string stem_zh, stem_en, options = "[]", correct = "[]", blanks = "[]", normalise, reference, rubric = "[]";
    std::string explanation_zh, explanation_en, stem_key;
    std::string images;  // the pictures' ids, "3,7"
    bool retired = false;
    std::string created_at, created_by;
};

struct question_filter {
    std::string q;  // stem or code contains
    std::string product_line, type, knowledge_point;
    std::optional<int> rank, difficulty;
    bool retired = false;  // the retired questions instead of those in use
    int page = 1, page_size = 20;
};

// A current question's code, product line and reduced stem, for near-duplicate checks.
struct stem_entry {
    std::string code, product_line, key;
};

namespace questions {
// Current top-level questions (a case's sub-questions come with their case), by code.
list_page<question_row> page(unit_of_work&, const question_filter&);
std::optional<question_row> current(unit_of_work&, const std::string& code);
std::optional<question_row> current_by_id(unit_of_work&, std::int64_t question_id);
std::vector<question_row> current_of(unit_of_work&, const std::vector<std::string>& codes);
std::vector<question_row> parts_of(unit_of_work&, const std::string& case_code);  // current, by position
std::vector<question_row> history(unit_of_work&, std::int64_t question_id);  // every version, newest first
// These versions (by their row ids), in no particular order: what papers were drawn with.
std::vector<question_row> versions(unit_of_work&, const std::vector<std::int64_t>& ids);
// Adds a version of the code's question (version = the current one's + 1, or 1: a new question)
// and makes it current; returns the question's id.
std::int64_t add_version(unit_of_work&, question_row);
void set_retired(unit_of_work&, const std::string& code, bool retired);
// Current questions not retired (sub-questions too), for near-duplicate checks.
std::vector<stem_entry> stems(unit_of_work&);

struct image_row {
    std::int64_t id = 0;
    std::string sha256, media_type;
    int width = 0, height = 0;
    std::int64_t size = 0;
    std::string data;  // base64
    std::string created_at, created_by;
};
// The id of the stored picture with this content (sha256), or of the new one.
std::int64_t put_image(unit_of_work&, const image_row&);
std::optional<image_row> image(unit_of_work&, std::int64_t id);
// Which of the ids name stored pictures.
std::vector<std::int64_t> existing_images(unit_of_work&, const std::vector<std::int64_t>& ids);
// Every current question (sub-questions right after their case), for the export.
void each_current(unit_of_work&, const std::function<void(const question_row&)>& fn);
// What changes whenever the current bank does (a version added, a question retired or restored).
std::string bank_stamp(unit_of_work&);
}  // namespace questions

}  // namespace skillgrade::storage
