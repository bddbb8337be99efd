// schemes.hpp
// Schemes and their numbered versions (the source text of each).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct scheme_row {
    std::int64_t id = 0;
    std::string code, name_zh, name_en;
    bool is_default = false;
    int latest_version = 0;
};
struct scheme_version_row {
    std::int64_t id = 0;
    std::int64_t scheme_id = 0;
    int version = 0;
    std::string source, note, created_at, created_by;
    bool in_use = false;
};

namespace schemes {
std::vector<scheme_row> list(unit_of_work&);
std::optional<scheme_row> get(unit_of_work&, std::int64_t id);
std::optional<scheme_row> find(unit_of_work&, const std::string& code);
std::optional<scheme_row> default_scheme(unit_of_work&);
std::int64_t insert(unit_of_work&, const scheme_row&, const std::string& now);
void rename(unit_of_work&, std::int64_t id, const std::string& zh, const std::string& en);
std::vector<scheme_version_row> versions(unit_of_work&, std::int64_t scheme_id);  // newest first, no source
std::optional<scheme_version_row> version(unit_of_work&, std::int64_t scheme_id, int version);  // 0 = latest
std::int64_t add_version(unit_of_work&, const scheme_version_row&);
void mark_in_use(unit_of_work&, std::int64_t version_id);
}  // namespace schemes

}  // namespace skillgrade::storage
