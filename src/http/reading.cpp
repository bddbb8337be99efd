#include "http/reading.hpp"

#include <charconv>

#include "http/edge.hpp"

namespace skillgrade::http {
namespace js = boost::json;

core::error invalid_body(std::vector<core::field_error> errs) {
    return {core::errc::invalid_input, "request.invalid_body", {"请求内容有误", "The request body is invalid"}, std::move(errs)};
}

core::error invalid(std::string field, core::text msg) {
    return {core::errc::invalid_input, "request.invalid", {"请求参数无效", "Invalid request"}, {{std::move(field), std::move(msg)}}};
}

std::expected<std::int64_t, core::error> query_int(const context& ctx, const std::string& key, std::int64_t fallback,
                                                   std::int64_t min, std::int64_t max) {
    auto it = ctx.query.find(key);
    if (it == ctx.query.end() || it->second.empty()) return fallback;
    if (auto v = parse_integer(it->second, min, max)) return *v;
    auto range = std::to_string(min) + "–" + std::to_string(max);
    return std::unexpected(invalid(key, {key + " 应为 " + range + " 之间的整数", key + " must be an integer from " + range}));
}

std::string query(const context& ctx, const std::string& key) {
    auto it = ctx.query.find(key);
    return it == ctx.query.end() ? "" : it->second;
}

bool dry_run(const context& ctx) { return query(ctx, "dry_run") == "true" || query(ctx, "dry_run") == "1"; }

response with_etag(response res, std::int64_t version) {
    res.set(bhttp::field::etag, "\"" + std::to_string(version) + "\"");
    return res;
}

std::optional<std::int64_t> if_match(const context& ctx) {
    std::string tag(ctx.req[bhttp::field::if_match]);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    std::int64_t version = 0;
    auto [p, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
    if (tag.empty() || ec != std::errc{} || p != tag.data() + tag.size()) return std::nullopt;
    return version;
}

core::error missing_if_match() {
    return {core::errc::precondition_failed, "request.if_match",
            {"缺少 If-Match 版本号：请先读取再提交修改", "If-Match with the record's version is required"}, {}};
}

std::expected<js::object, core::error> parse_object(const context& ctx) {
    auto ct = ctx.req[bhttp::field::content_type];
    if (!ct.starts_with("application/json"))
        return std::unexpected(core::error{core::errc::unsupported_media, "request.content_type",
                                           {"请求体应为 application/json", "The request body must be application/json"}, {}});
    boost::system::error_code ec;
    auto v = js::parse(ctx.req.body(), ec);
    if (ec || !v.is_object())
        return std::unexpected(core::error{core::errc::malformed, "request.malformed_json",
                                           {"请求体不是合法的 JSON 对象", "The request body is not a valid JSON object"}, {}});
    return v.as_object();
}


}  // namespace skillgrade::http
