// The hash-chained audit log: the writer every use case calls, the trail and its verification.
#include "app/audit.hpp"

#include <sodium.h>

#include <boost/json.hpp>

#include "core/text.hpp"
#include "storage/audit.hpp"

namespace skillgrade::app {
using core::role;
namespace {

std::string to_hex(const unsigned char* p, std::size_t n) {
    static const char* d = "0123456789abcdef";
    std::string s;
    s.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        s += d[p[i] >> 4];
        s += d[p[i] & 15];
    }
    return s;
}

}  // namespace

std::string sha256_hex(std::string_view s) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return to_hex(h, sizeof h);
}

std::string to_base64(std::string_view bytes) {
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    text.pop_back();  // the terminating NUL
    return text;
}

std::string from_base64(std::string_view text) {
    std::string out(text.size(), '\0');
    std::size_t n = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &n, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        throw std::runtime_error("not base64");
    out.resize(n);
    return out;
}

std::string audit_hash(const storage::audit_row& r) {
    std::string s = r.prev_hash;
    for (auto* f : {&r.at, &r.actor, &r.action, &r.entity, &r.entity_id, &r.before_json, &r.after_json}) {
        s += '\x1f';
        s += *f;
    }
    return sha256_hex(std::to_string(r.id) + '\x1f' + s);
}

void context::audit(storage::unit_of_work& tx, const std::string& actor, const std::string& action,
                    const std::string& entity, const std::string& entity_id, const std::string& before_json,
                    const std::string& after_json) {
    auto [id, prev] = storage::audit::lock_head(tx);
    storage::audit_row r{id, now_iso(), actor, action, entity, entity_id, before_json, after_json, prev, ""};
    r.hash = audit_hash(r);
    storage::audit::append(tx, r);
}

result<storage::audit::page> list_audit(context& ctx, const principal& p, const audit_query& q, int page, int page_size) {
    if (auto c = check(p, perm::audit_read); !c) return std::unexpected(c.error());
    page = std::max(page, 1);
    page_size = std::clamp(page_size, 1, 200);
    storage::audit::filter f{core::trim(q.entity), core::trim(q.entity_id), core::trim(q.actor), core::trim(q.action), "", ""};
    // A local calendar day starts at local midnight: the bounds are those instants in UTC.
    std::vector<core::field_error> errs;
    auto bound = [&](const std::string& day, int add_days, const char* field) -> std::string {
        if (day.empty()) return "";
        auto d = core::parse_date(day);
        if (!d) {
            errs.push_back({field, {"日期无效，应为 YYYY-MM-DD", "invalid date; use YYYY-MM-DD"}});
            return "";
        }
        auto t = std::chrono::sys_days{*d} + std::chrono::days{add_days} - std::chrono::minutes(ctx.cfg().utc_offset_minutes);
        return iso(std::chrono::time_point_cast<std::chrono::system_clock::duration>(t));
    };
    f.from = bound(q.from, 0, "from");
    f.to = bound(q.to, 1, "to");
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "audit.query", {"查询条件有误", "The query is invalid"}, errs);
    if (!f.from.empty() && !f.to.empty() && f.to <= f.from)
        return core::fail(core::errc::invalid_input, "audit.query", {"查询条件有误", "The query is invalid"},
                          {{"to", {"结束日期不能早于开始日期", "the end date is before the start date"}}});
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto out = storage::audit::list(tx, f, (page - 1) * page_size, page_size);
    // The records keep what was written (the chain hashes it); readers who may not see contact
    // details (auditors) get the images of engineer records without phone and e-mail.
    if (!p.has(role::admin) && !p.has(role::hr))
        for (auto& r : out.items)
            if (r.entity == "engineer")
                for (auto* image : {&r.before_json, &r.after_json}) {
                    boost::system::error_code ec;
                    auto v = boost::json::parse(*image, ec);
                    if (ec || !v.is_object()) continue;
                    auto& o = v.as_object();
                    if (o.erase("phone") + o.erase("email") > 0) *image = boost::json::serialize(v);
                }
    return out;
}

result<std::vector<std::string>> audit_actions(context& ctx, const principal& p) {
    if (auto c = check(p, perm::audit_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::audit::actions(tx);
}

result<audit_verdict> verify_audit(context& ctx, const principal& p) {
    if (auto c = check(p, perm::audit_read); !c) return std::unexpected(c.error());
    return verify_audit(ctx);
}

audit_verdict verify_audit(context& ctx) {
    audit_verdict v;
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::string prev(64, '0');
    std::int64_t expected = 1;
    storage::audit::scan(tx, [&](const storage::audit_row& r) {
        ++v.checked;
        std::string why;
        if (r.id != expected) why = "missing record(s) before id " + std::to_string(r.id);
        else if (r.prev_hash != prev) why = "prev_hash does not match the previous record";
        else if (audit_hash(r) != r.hash) why = "record content does not match its hash";
        if (!why.empty()) {
            v.ok = false;
            v.first_broken = r.id;
            v.reason = why;
            return false;
        }
        prev = r.hash;
        ++expected;
        return true;
    });
    if (v.ok && storage::audit::head_hash(tx) != prev) {
        v.ok = false;
        v.first_broken = expected;
        v.reason = "the newest record(s) were deleted (head hash differs)";
    }
    return v;
}

}  // namespace skillgrade::app
