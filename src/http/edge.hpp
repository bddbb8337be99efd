// edge.hpp
// What the server reads from a request before any handler runs, parsed strictly: the target
// (path and query), path ids, and the session cookie. Pure functions of the request's text, so
// that they are unit-tested and fuzzed without a server.
//
//   auto t = http::parse_target("/api/v1/engineers/7?page=2");   // path "/api/v1/engineers/7"
//   http::parse_id("07");                                         // nullopt: a leading zero
//   http::cookie_value("xsg_session=a; sg_session=b", "sg_session");  // "b"
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skillgrade::http {

// The session cookie's name; login, logout and every authenticated request read it through cookie_value.
inline constexpr std::string_view session_cookie = "sg_session";

struct target {
    std::string raw_path;  // as sent (percent-encoded), for matching ids and routes
    std::string path;      // percent-decoded, for the static-file table and messages
    std::vector<std::pair<std::string, std::string>> query;  // decoded keys and values, in order
};

// The origin-form target of a request ("/path?query"). nullopt when it is not one, or when the
// decoded path holds a NUL or another control character, or is not valid UTF-8.
std::optional<target> parse_target(std::string_view raw);

// A path id: a positive 64-bit decimal with no sign, leading zero, space or encoding.
std::optional<std::int64_t> parse_id(std::string_view);

// A decimal integer in [min, max]: an optional '-' (only when min < 0), digits, no leading zero,
// no '+', space or exponent.
std::optional<std::int64_t> parse_integer(std::string_view, std::int64_t min, std::int64_t max);

// The value of the cookie called exactly `name` in a Cookie header ("a=1; b=2"); the first one
// when it appears twice. Other cookies whose names merely end with `name` do not count.
std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name);

}  // namespace skillgrade::http
