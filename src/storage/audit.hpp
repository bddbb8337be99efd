// audit.hpp
// The audit log, a chain of rows each hashed with the previous one's hash.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct audit_row {
    std::int64_t id = 0;
    std::string at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash;
};

namespace audit {
// Locks the chain head (serialising writers) and returns {next id, previous hash}.
std::pair<std::int64_t, std::string> lock_head(unit_of_work&);
void append(unit_of_work&, const audit_row&);
struct page {
    std::vector<audit_row> items;
    std::int64_t total = 0;
};
struct filter {
    std::string entity, entity_id, actor, action;  // action "cycle." = every cycle.* code
    std::string from, to;                          // ISO instants: from ≤ at < to
};
page list(unit_of_work&, const filter&, int offset, int limit);
std::vector<std::string> actions(unit_of_work&);  // the distinct action codes recorded
// Streams every row in id order; stops when fn returns false.
void scan(unit_of_work&, const std::function<bool(const audit_row&)>& fn);
std::string head_hash(unit_of_work&);
}  // namespace audit

}  // namespace skillgrade::storage
