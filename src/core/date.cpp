#include "core/date.hpp"

#include <charconv>
#include <cstdio>

namespace skillgrade::core {

std::optional<date> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
        int v = 0;
        auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, v);
        if (ec != std::errc{} || p != s.data() + pos + len) return std::nullopt;
        return v;
    };
    auto y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (!y || !m || !d || *y < 1900 || *y > 2200) return std::nullopt;
    date out{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
             std::chrono::day{static_cast<unsigned>(*d)}};
    if (!out.ok()) return std::nullopt;
    return out;
}

std::string format_date(date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

int months_between(date a, date b) {
    int m = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
            (static_cast<int>(static_cast<unsigned>(b.month())) - static_cast<int>(static_cast<unsigned>(a.month())));
    if (m > 0 && b.day() < a.day()) --m;
    if (m < 0 && b.day() > a.day()) ++m;
    return m;
}

}  // namespace skillgrade::core
