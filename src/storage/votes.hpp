// votes.hpp
// Members' votes on applications.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct vote_row {
    std::int64_t application_id = 0;
    std::string member, vote, comment, voted_at;
};
struct vote_counts {
    int approve = 0, reject = 0, defer = 0;
};

namespace votes {
void put(unit_of_work&, const vote_row&);  // a member's repeated vote replaces the earlier one
// Each application's votes counted: for a cycle's applications, or for one application.
std::map<std::int64_t, vote_counts> counts(unit_of_work&, std::int64_t cycle_id);
vote_counts counts_for(unit_of_work&, std::int64_t application_id);
}  // namespace votes

}  // namespace skillgrade::storage
