// error.hpp
// Protocol-neutral errors with text in both languages. Every layer returns these;
// http/problem.cpp is the only place where an errc becomes an HTTP status.
//
//   core::result<scheme> s = parse_scheme(text, "five.toml");
//   if (!s) for (auto& f : s.error().fields) std::cout << f.field << ": " << f.message.en;
#pragma once
#include <expected>
#include <string>
#include <vector>

namespace skillgrade::core {

// A user-visible string in Chinese and English.
struct text {
    std::string zh;
    std::string en;
    bool operator==(const text&) const = default;
    const std::string& in(std::string_view lang) const { return lang == "en" ? en : zh; }
};

enum class errc {
    invalid_input = 1,    // 422 (or 400 for malformed syntax)
    malformed,            // 400
    not_found,            // 404
    conflict,             // 409
    forbidden,            // 403
    unauthorized,         // 401
    precondition_failed,  // 412
    too_large,            // 413
    unsupported_media,    // 415
    rate_limited,         // 429
    internal,             // 500
    method_not_allowed,   // 405
    header_too_large,     // 431
    unavailable,          // 503 (a limit that frees up soon)
};

struct field_error {
    std::string field;  // e.g. "levels[2].components[0].weight" or "row 5 / 工号"
    text message;
    int row = 0;         // import reports: 1-based data row (0 = not a row error)
    std::string column;  // import reports: column header
};

struct error {
    errc code = errc::invalid_input;
    std::string slug;  // stable machine code, e.g. "scheme.invalid"
    text title;
    std::vector<field_error> fields;
    int retry_after = 0;  // seconds, for rate_limited and unavailable (0 = not said)
};

template <class T>
using result = std::expected<T, error>;

inline std::unexpected<error> fail(errc code, std::string slug, text title,
                                   std::vector<field_error> fields = {}) {
    return std::unexpected(error{code, std::move(slug), std::move(title), std::move(fields)});
}

}  // namespace skillgrade::core
