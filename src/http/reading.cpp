#include "http/reading.hpp"

#include <charconv>
#include <cmath>

#include "app/sheet.hpp"
#include "http/edge.hpp"

namespace skillgrade::http {
namespace js = boost::json;

core::error invalid_body(std::vector<core::field_error> errs) {
    return {core::errc::invalid_input, "request.invalid_body", {"请求内容有误", "The request body is invalid"}, std::move(errs)};
}

core::error invalid(std::string field, core::text msg) {
    return {core::errc::invalid_input, "request.invalid", {"请求参数无效", "Invalid request"}, {{std::move(field), std::move(msg)}}};
}

std::expected<void, core::error> only_known(const context& ctx, const std::set<std::string>& known) {
    for (auto& [k, v] : ctx.query)
        if (!known.count(k)) return std::unexpected(invalid(k, {"未知参数：" + k, "unknown parameter: " + k}));
    return {};
}

std::expected<std::int64_t, core::error> query_int(const context& ctx, const std::string& key, std::int64_t fallback,
                                                   std::int64_t min, std::int64_t max) {
    auto it = ctx.query.find(key);
    if (it == ctx.query.end() || it->second.empty()) return fallback;
    if (auto v = parse_integer(it->second, min, max)) return *v;
    auto range = std::to_string(min) + "–" + std::to_string(max);
    return std::unexpected(invalid(key, {key + " 应为 " + range + " 之间的整数", key + " must be an integer from " + range}));
}

std::expected<storage::cycle_list_filter, core::error> cycle_list_query(const context& ctx) {
    static const std::set<std::string> known{"q", "org_unit", "target_rank", "status", "outcome", "sort", "page", "page_size"};
    if (auto ok = only_known(ctx, known); !ok) return std::unexpected(ok.error());
    storage::cycle_list_filter f;
    f.q = query(ctx, "q");
    f.status = query(ctx, "status");
    f.outcome = query(ctx, "outcome");
    f.sort = query(ctx, "sort");
    auto page = query_int(ctx, "page", 1, 1, 1000000), size = query_int(ctx, "page_size", 20, 1, 200);
    auto org = query_int(ctx, "org_unit", 0, 1, INT32_MAX), rank = query_int(ctx, "target_rank", 0, 1, 20);
    for (auto* r : {&page, &size, &org, &rank})
        if (!*r) return std::unexpected(r->error());
    f.page = static_cast<int>(*page);
    f.page_size = static_cast<int>(*size);
    if (*org > 0) f.org_unit = *org;
    if (*rank > 0) f.target_rank = static_cast<int>(*rank);
    return f;
}

response page_of(const context& ctx, boost::json::array items, std::int64_t total, const storage::cycle_list_filter& f,
                 boost::json::object extra) {
    extra["items"] = std::move(items);
    extra["total"] = total;
    extra["page"] = f.page;
    extra["page_size"] = f.page_size;
    return json(ctx, bhttp::status::ok, std::move(extra));
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


// The uploaded file: the first file part of multipart/form-data, or the raw body.
std::expected<std::string_view, core::error> upload(const context& ctx) {
    std::string_view ct = ctx.req[bhttp::field::content_type];
    std::string_view body = ctx.req.body();
    if (!ct.starts_with("multipart/form-data")) return body;
    auto b = ct.find("boundary=");
    if (b == std::string_view::npos)
        return std::unexpected(core::error{core::errc::malformed, "request.multipart", {"multipart 缺少 boundary", "multipart body without boundary"}, {}});
    std::string boundary = "--" + std::string(ct.substr(b + 9));
    if (boundary.size() > 2 && boundary[2] == '"') boundary = "--" + boundary.substr(3, boundary.find('"', 3) - 3);
    std::size_t pos = 0;
    while ((pos = body.find(boundary, pos)) != std::string_view::npos) {
        pos += boundary.size();
        if (body.substr(pos, 2) == "--") break;
        auto head_end = body.find("\r\n\r\n", pos);
        if (head_end == std::string_view::npos) break;
        auto head = body.substr(pos, head_end - pos);
        auto data_start = head_end + 4;
        auto next = body.find("\r\n" + boundary, data_start);
        if (next == std::string_view::npos) break;
        if (head.find("filename=") != std::string_view::npos) return body.substr(data_start, next - data_start);
        pos = next;
    }
    return std::unexpected(core::error{core::errc::invalid_input, "import.no_file", {"请求中没有文件", "No file in the request"}, {}});
}

// A JSON number with at most two decimals, as hundredths.
std::optional<std::int64_t> hundredths(const js::value& v) {
    if (v.is_int64() && std::llabs(v.as_int64()) < 1'000'000'000) return v.as_int64() * 100;
    if (v.is_double()) {
        double x = v.as_double() * 100.0;
        if (std::isfinite(x) && std::fabs(x) < 1e11 && std::fabs(x - std::round(x)) < 1e-6) return std::llround(x);
    }
    return std::nullopt;
}

}  // namespace skillgrade::http
