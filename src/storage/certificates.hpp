// certificates.hpp
// Certificates issued to engineers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct certificate_row {
    std::int64_t id = 0;
    std::string number;
    std::int64_t engineer_id = 0;
    std::optional<std::int64_t> cycle_id;
    std::int64_t scheme_id = 0;
    int level_rank = 0;
    std::string issued_on, expires_on, status;
};

namespace certificates {
std::int64_t insert(unit_of_work&, const certificate_row&);
std::int64_t count_issued_in(unit_of_work&, const std::string& year);  // for serial numbers
std::vector<certificate_row> for_engineer(unit_of_work&, std::int64_t engineer_id);
void set_status(unit_of_work&, std::int64_t id, const std::string& status);  // valid | renewed | lapsed | superseded
// Valid certificates whose validity ends on or before `until`, soonest first, with their holders.
struct expiring_row {
    certificate_row certificate;
    std::string employee_no, engineer_name, org_path;
};
std::vector<expiring_row> expiring(unit_of_work&, const std::string& until);
}  // namespace certificates

}  // namespace skillgrade::storage
