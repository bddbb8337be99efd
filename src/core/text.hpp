// text.hpp
// What free text from people may hold, and how long it is: names, notes and reasons are valid
// UTF-8 without control characters (NUL, C0, DEL, C1) or bidirectional overrides, and their
// limits count characters (code points), not bytes. Pure.
//
//   if (auto why = core::text_problem(name, 100)) errs.push_back({"name", *why});
//   core::char_count("张三丰");   // 3
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace skillgrade::core {

// Valid UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool is_utf8(std::string_view);
// Code points in valid UTF-8 (bytes otherwise).
std::size_t char_count(std::string_view);

enum class text_kind {
    line,       // one line: no line breaks or tabs
    multiline,  // notes and reasons: line breaks and tabs allowed
};
// Why the text may not be stored, or nullopt. Empty text passes (required is the caller's check).
std::optional<text> text_problem(std::string_view, std::size_t max_chars, text_kind = text_kind::line);

// Why a new password is refused under ASVS 6.2, or nullopt: fewer than 8 or more than 128
// characters, one of the commonly used passwords (the zxcvbn list of about 49,000), or it contains
// the user name or a word of the display name (3 characters or more). No composition rules.
std::optional<text> password_problem(std::string_view password, std::string_view username, std::string_view display_name);
inline constexpr std::size_t kPasswordMinChars = 8, kPasswordMaxChars = 128;
// How many passwords the deny list holds (those long enough to be accepted otherwise).
std::size_t common_password_count();

// A span of months as years in both languages: 74 -> {"6.2 年", "6.2 years"}, 12 -> {"1 年", "1 year"}
// (whole years without a decimal).
text years_text(int months);

}  // namespace skillgrade::core
