#include "http/edge.hpp"

#include <charconv>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "core/text.hpp"

namespace skillgrade::http {

std::optional<target> parse_target(std::string_view raw) {
    auto u = boost::urls::parse_origin_form(raw);
    if (!u) return std::nullopt;
    target t;
    t.raw_path = std::string(u->encoded_path());
    t.path = u->path();
    for (unsigned char c : t.path)
        if (c < 0x20 || c == 0x7F) return std::nullopt;
    if (!core::is_utf8(t.path)) return std::nullopt;
    for (auto p : u->params()) t.query.emplace_back(p.key, p.value);
    return t;
}

std::optional<std::int64_t> parse_integer(std::string_view s, std::int64_t min, std::int64_t max) {
    std::string_view digits = s;
    if (!digits.empty() && digits.front() == '-') {
        if (min >= 0) return std::nullopt;
        digits.remove_prefix(1);
    }
    if (digits.empty() || digits.size() > 19 || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    if (digits.size() > 1 && digits.front() == '0') return std::nullopt;
    if (digits != s && digits == "0") return std::nullopt;  // "-0"
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || v < min || v > max) return std::nullopt;
    return v;
}

std::optional<std::int64_t> parse_id(std::string_view s) {
    return parse_integer(s, 1, INT64_MAX);
}

std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name) {
    // RFC 6265 §4.2.1: cookie-pair *( ";" SP cookie-pair ); be lenient about spaces and tabs.
    while (!header.empty()) {
        auto end = header.find(';');
        auto pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        auto first = pair.find_first_not_of(" \t");
        if (first == std::string_view::npos) continue;
        pair.remove_prefix(first);
        auto eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        auto key = pair.substr(0, eq);
        while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
        if (key != name) continue;
        auto value = pair.substr(eq + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        return value;
    }
    return std::nullopt;
}

}  // namespace skillgrade::http
