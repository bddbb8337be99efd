#include "core/certificate.hpp"

#include <chrono>
#include <cstdio>

namespace skillgrade::core {
namespace {

// Walks a pattern: literal text goes to `lit`, each field to `field` (its name without braces).
// Returns false on an unclosed brace.
template <class Lit, class Field>
bool walk(std::string_view p, Lit lit, Field field) {
    while (!p.empty()) {
        auto open = p.find('{');
        lit(p.substr(0, open));
        if (open == std::string_view::npos) return true;
        auto close = p.find('}', open);
        if (close == std::string_view::npos) return false;
        field(p.substr(open + 1, close - open - 1));
        p.remove_prefix(close + 1);
    }
    return true;
}

bool printable(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x21 || c > 0x7e || c == '}') return false;
    return true;
}

}  // namespace

std::optional<text> check_number_pattern(std::string_view pattern) {
    if (pattern.empty() || pattern.size() > 64) return text{"编号规则应为 1–64 个字符", "the pattern must be 1–64 characters"};
    int serials = 0, years = 0;
    std::optional<text> bad;
    bool closed = walk(
        pattern,
        [&](std::string_view lit) {
            if (!printable(lit) && !bad) bad = text{"编号规则只能含字母、数字和符号（不含空格）", "the pattern may hold letters, digits and symbols (no spaces)"};
        },
        [&](std::string_view f) {
            if (f == "YYYY" || f == "YY") ++years;
            else if (f == "L") {
            } else if (f.size() == 3 && f.substr(0, 2) == "N:" && f[2] >= '1' && f[2] <= '9') ++serials;
            else if (!bad) bad = text{"未知字段 {" + std::string(f) + "}，可用 {YYYY} {YY} {L} {N:6}", "unknown field {" + std::string(f) + "}; use {YYYY} {YY} {L} {N:6}"};
        });
    if (!closed) return text{"编号规则的 { 没有配对的 }", "a { in the pattern has no }"};
    if (bad) return bad;
    if (serials != 1) return text{"编号规则须含一次流水号 {N:位数}", "the pattern needs the serial {N:digits} once"};
    if (years == 0) return text{"编号规则须含年份 {YYYY} 或 {YY}（流水号按年编排）", "the pattern needs the year {YYYY} or {YY} (serials run per year)"};
    return std::nullopt;
}

std::string format_number(std::string_view pattern, int year, int level, std::int64_t serial) {
    std::string out;
    walk(
        pattern, [&](std::string_view lit) { out += lit; },
        [&](std::string_view f) {
            char buf[32];
            if (f == "YYYY") std::snprintf(buf, sizeof buf, "%04d", year);
            else if (f == "YY") std::snprintf(buf, sizeof buf, "%02d", year % 100);
            else if (f == "L") std::snprintf(buf, sizeof buf, "%d", level);
            else if (f.starts_with("N:")) std::snprintf(buf, sizeof buf, "%0*lld", f[2] - '0', static_cast<long long>(serial));
            else buf[0] = '\0';
            out += buf;
        });
    return out;
}

date expiry(date issued, int months) {
    auto ym = std::chrono::year_month{issued.year(), issued.month()} + std::chrono::months{months};
    auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    date same{ym.year(), ym.month(), std::min(issued.day(), last)};
    return date{std::chrono::sys_days{same} - std::chrono::days{1}};
}

}  // namespace skillgrade::core
