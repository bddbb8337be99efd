// problem.hpp
// RFC 9457 problem+json responses and JSON responses. The only place where an errc becomes an
// HTTP status.
//
//   return problem(ctx, result.error());
//   return json(ctx, status::ok, app::to_json(value));
#pragma once
#include <boost/json/value.hpp>

#include "core/error.hpp"
#include "http/router.hpp"

namespace skillgrade::http {

bhttp::status status_of(core::errc);
response problem(const request& req, const std::string& lang, const core::error& e);
response problem(const context& ctx, const core::error& e);
response json(const context& ctx, bhttp::status status, const boost::json::value& body);
response json(const request& req, bhttp::status status, const boost::json::value& body);
// The same with a body already written as JSON text.
response json_text(const context& ctx, bhttp::status status, std::string body);
response bytes(const context& ctx, std::string body, const std::string& content_type, const std::string& filename = "");
inline constexpr const char* xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// "en" when Accept-Language prefers English, else "zh".
std::string language_of(const request& req);

}  // namespace skillgrade::http
