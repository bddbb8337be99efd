// audit.hpp
// The hash-chained audit trail: reading it and verifying the chain (the writer is context::audit).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "storage/audit.hpp"

namespace skillgrade::app {

struct audit_verdict {
    bool ok = true;
    std::int64_t checked = 0;
    std::int64_t first_broken = 0;  // id of the first bad link
    std::string reason;
};

// The audit trail, newest first; `from`/`to` are local dates (YYYY-MM-DD, both included), the other
// fields exact (an action ending in '.' takes every code it begins).
struct audit_query {
    std::string entity, entity_id, actor, action, from, to;
};
result<storage::audit::page> list_audit(context&, const principal&, const audit_query&, int page, int page_size);
result<std::vector<std::string>> audit_actions(context&, const principal&);
result<audit_verdict> verify_audit(context&, const principal&);
audit_verdict verify_audit(context&);

// Chain hash of one audit record: SHA-256 over the previous hash and the record's fields.
std::string audit_hash(const storage::audit_row&);
std::string sha256_hex(std::string_view);
std::string to_base64(std::string_view);
std::string from_base64(std::string_view);  // throws on text that is not base64

}  // namespace skillgrade::app
