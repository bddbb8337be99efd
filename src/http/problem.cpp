#include "http/problem.hpp"

#include <boost/json.hpp>

namespace skillgrade::http {

bhttp::status status_of(core::errc c) {
    using s = bhttp::status;
    switch (c) {
        case core::errc::invalid_input: return s::unprocessable_entity;
        case core::errc::malformed: return s::bad_request;
        case core::errc::not_found: return s::not_found;
        case core::errc::conflict: return s::conflict;
        case core::errc::forbidden: return s::forbidden;
        case core::errc::unauthorized: return s::unauthorized;
        case core::errc::precondition_failed: return s::precondition_failed;
        case core::errc::too_large: return s::payload_too_large;
        case core::errc::unsupported_media: return s::unsupported_media_type;
        case core::errc::rate_limited: return s::too_many_requests;
        case core::errc::internal: return s::internal_server_error;
        case core::errc::method_not_allowed: return s::method_not_allowed;
        case core::errc::header_too_large: return s::request_header_fields_too_large;
        case core::errc::unavailable: return s::service_unavailable;
    }
    return s::internal_server_error;
}

std::string language_of(const request& req) {
    auto al = req[bhttp::field::accept_language];
    // The first listed language decides; Chinese is the default.
    if (al.size() >= 2 && (al.substr(0, 2) == "en" || al.substr(0, 2) == "EN")) return "en";
    return "zh";
}

response problem(const request& req, const std::string& lang, const core::error& e) {
    auto status = status_of(e.code);
    boost::json::array errors;
    for (auto& f : e.fields) {
        boost::json::object o{{"field", f.field}, {"message", f.message.in(lang)}};
        if (f.row) o["row"] = f.row;
        if (!f.column.empty()) o["column"] = f.column;
        errors.push_back(std::move(o));
    }
    boost::json::object body{{"type", "https://skillgrade.dev/problems/" + e.slug},
                             {"title", e.title.in(lang)},
                             {"status", static_cast<int>(status)},
                             {"code", e.slug},
                             {"detail", e.title.in(lang)}};
    if (!errors.empty()) body["errors"] = std::move(errors);
    response res{status, req.version()};
    res.set(bhttp::field::content_type, "application/problem+json");
    res.set(bhttp::field::content_language, lang == "en" ? "en-US" : "zh-CN");
    res.set(bhttp::field::cache_control, "no-store");
    if (e.retry_after > 0) res.set(bhttp::field::retry_after, std::to_string(e.retry_after));
    res.keep_alive(req.keep_alive());
    res.body() = boost::json::serialize(body);
    res.prepare_payload();
    return res;
}

response problem(const context& ctx, const core::error& e) { return problem(ctx.req, ctx.lang, e); }

namespace {
response json_of(const request& req, bhttp::status status, std::string body) {
    response res{status, req.version()};
    res.set(bhttp::field::content_type, "application/json");
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}
}  // namespace

response json(const context& ctx, bhttp::status status, const boost::json::value& body) {
    return json_of(ctx.req, status, boost::json::serialize(body));
}

response json(const request& req, bhttp::status status, const boost::json::value& body) {
    return json_of(req, status, boost::json::serialize(body));
}

response json_text(const context& ctx, bhttp::status status, std::string body) { return json_of(ctx.req, status, std::move(body)); }

response bytes(const context& ctx, std::string body, const std::string& content_type, const std::string& filename) {
    response res{bhttp::status::ok, ctx.req.version()};
    res.set(bhttp::field::content_type, content_type);
    res.set(bhttp::field::cache_control, "no-store");
    if (!filename.empty())
        res.set(bhttp::field::content_disposition, "attachment; filename=\"" + filename + "\"");
    res.keep_alive(ctx.req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

}  // namespace skillgrade::http
