#include <cstdio>
#include "core/text.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace skillgrade::core::passwords {
extern const std::pair<std::string_view, std::string_view> kEmbedded[];
extern const std::size_t kEmbeddedCount;
}  // namespace skillgrade::core::passwords

namespace skillgrade::core {
namespace {

// Decodes one code point at s[i]; false on invalid UTF-8 (overlong, surrogate, past U+10FFFF).
bool next_code_point(std::string_view s, std::size_t& i, char32_t& cp) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        cp = c;
        ++i;
        return true;
    }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || i + len > s.size()) return false;
    cp = c & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
        auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
    return true;
}

bool is_bidi_control(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || cp == 0x200E || cp == 0x200F;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

const std::unordered_set<std::string>& common_passwords() {
    static const std::unordered_set<std::string> set = [] {
        std::unordered_set<std::string> out;
        // The embedded file is a JSON array of strings: ["123456","password",…].
        std::string_view json = passwords::kEmbedded[0].second;
        std::size_t i = 0;
        while ((i = json.find('"', i)) != std::string_view::npos) {
            auto end = json.find('"', i + 1);
            if (end == std::string_view::npos) break;
            auto word = json.substr(i + 1, end - i - 1);
            if (char_count(word) >= kPasswordMinChars && word.find('\\') == std::string_view::npos) out.insert(lower_ascii(word));
            i = end + 1;
        }
        return out;
    }();
    return set;
}

}  // namespace

bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    char32_t cp;
    while (i < s.size())
        if (!next_code_point(s, i, cp)) return false;
    return true;
}

std::size_t char_count(std::string_view s) {
    std::size_t n = 0, i = 0;
    char32_t cp;
    while (i < s.size()) {
        if (!next_code_point(s, i, cp)) return s.size();
        ++n;
    }
    return n;
}

std::optional<text> text_problem(std::string_view s, std::size_t max_chars, text_kind kind) {
    std::size_t n = 0, i = 0;
    char32_t cp;
    while (i < s.size()) {
        if (!next_code_point(s, i, cp)) return text{"含有无效的字符编码（应为 UTF-8）", "contains invalid characters (not UTF-8)"};
        bool allowed_space = kind == text_kind::multiline && (cp == '\n' || cp == '\r' || cp == '\t');
        if ((cp < 0x20 && !allowed_space) || (cp >= 0x7F && cp <= 0x9F))
            return text{"不能含有控制字符", "must not contain control characters"};
        if (is_bidi_control(cp)) return text{"不能含有文字方向控制字符", "must not contain bidirectional control characters"};
        ++n;
    }
    if (n > max_chars)
        return text{"最长 " + std::to_string(max_chars) + " 个字符（现有 " + std::to_string(n) + " 个）",
                    "at most " + std::to_string(max_chars) + " characters (has " + std::to_string(n) + ")"};
    return std::nullopt;
}

std::size_t common_password_count() { return common_passwords().size(); }

std::optional<text> password_problem(std::string_view password, std::string_view username, std::string_view display_name) {
    if (!is_utf8(password)) return text{"含有无效的字符编码（应为 UTF-8）", "contains invalid characters (not UTF-8)"};
    auto n = char_count(password);
    if (n < kPasswordMinChars) return text{"密码至少 8 个字符", "at least 8 characters"};
    if (n > kPasswordMaxChars) return text{"密码最长 128 个字符", "at most 128 characters"};
    auto lower = lower_ascii(password);
    if (common_passwords().count(lower))
        return text{"这是常见密码，容易被猜中，请换一个", "this is a commonly used password that is easy to guess; choose another"};
    auto contains = [&](std::string_view word) { return char_count(word) >= 3 && lower.find(lower_ascii(word)) != std::string::npos; };
    if (contains(username)) return text{"密码不能包含用户名", "must not contain the user name"};
    std::size_t start = 0;
    while (start < display_name.size()) {
        auto end = display_name.find(' ', start);
        if (end == std::string_view::npos) end = display_name.size();
        if (contains(display_name.substr(start, end - start))) return text{"密码不能包含姓名", "must not contain your name"};
        start = end + 1;
    }
    return std::nullopt;
}

text years_text(int months) {
    std::string n;
    if (months % 12 == 0) n = std::to_string(months / 12);
    else {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", months / 12.0);
        n = buf;
    }
    return {n + " 年", n + (n == "1" ? " year" : " years")};
}

}  // namespace skillgrade::core
