#include "core/certificate.hpp"

#include <chrono>
#include <cstdio>

namespace skillgrade::core {

std::string certificate_number(const certificate_layout& l, int year, int level, std::int64_t serial) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c%04d%02d%06d%02d%01d%06lld", l.letter, l.body % 10000, l.province % 100, l.site % 1000000,
                  year % 100, level % 10, static_cast<long long>(serial % 1000000));
    return buf;
}

date expiry(date issued, int months) {
    auto ym = std::chrono::year_month{issued.year(), issued.month()} + std::chrono::months{months};
    auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    date same{ym.year(), ym.month(), std::min(issued.day(), last)};
    return date{std::chrono::sys_days{same} - std::chrono::days{1}};
}

}  // namespace skillgrade::core
