#include "core/numbers.hpp"

#include <charconv>
#include <cstdlib>

namespace skillgrade::core {

std::int64_t round_half_up(std::int64_t n, std::int64_t d) {
    if (d < 0) { n = -n; d = -d; }
    std::int64_t q = n / d, r = n % d;
    if (r < 0) r = -r;
    if (2 * r >= d) q += (n < 0 ? -1 : 1);
    return q;
}

std::optional<std::int64_t> parse_hundredths(std::string_view s) {
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; s.remove_prefix(1); }
    auto dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (whole.empty() || frac.size() > 2 || (dot != std::string_view::npos && frac.empty())) return std::nullopt;
    std::int64_t w = 0;
    auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), w);
    if (ec != std::errc{} || p != whole.data() + whole.size() || w > 100'000'000'000) return std::nullopt;
    std::int64_t f = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        f *= 10;
        if (i < frac.size()) {
            if (frac[i] < '0' || frac[i] > '9') return std::nullopt;
            f += frac[i] - '0';
        }
    }
    std::int64_t v = w * 100 + f;
    return neg ? -v : v;
}

std::string format_hundredths(std::int64_t v) {
    std::string sign = v < 0 ? "-" : "";
    std::int64_t a = std::llabs(v);
    std::string frac = std::to_string(a % 100);
    if (frac.size() < 2) frac.insert(0, "0");
    return sign + std::to_string(a / 100) + "." + frac;
}

}  // namespace skillgrade::core
