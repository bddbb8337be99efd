// training.hpp
// Engineers' training records.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct training_row {
    std::int64_t id = 0;
    std::int64_t engineer_id = 0;
    std::string course_code;
    int hours = 0;
    std::string completed_on;
    bool passed = false;
    std::string source;
};

namespace training {
void insert(unit_of_work&, const std::vector<training_row>&, const std::string& now);
std::vector<training_row> for_engineer(unit_of_work&, std::int64_t engineer_id);  // newest first
}  // namespace training

}  // namespace skillgrade::storage
