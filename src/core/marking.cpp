#include "core/marking.hpp"

#include <cstdlib>

namespace skillgrade::core {

namespace {
std::int64_t mean(std::int64_t a, std::int64_t b) { return (a + b + 1) / 2; }
}  // namespace

std::int64_t discrepancy_threshold(const marking_rule& r, std::int64_t max_points) {
    return max_points * r.discrepancy_percent / 100;
}

settlement settle(const marking_rule& r, std::int64_t max_points, const std::vector<std::int64_t>& marks) {
    if (marks.empty()) return {1, std::nullopt, false};
    if (!r.double_marking) return {0, marks[0], false};
    if (marks.size() == 1) return {2, std::nullopt, false};
    auto a = marks[0], b = marks[1];
    if (std::llabs(a - b) <= discrepancy_threshold(r, max_points)) return {0, mean(a, b), false};
    if (marks.size() == 2) return {3, std::nullopt, true};
    auto c = marks[2];
    auto ac = std::llabs(a - c), bc = std::llabs(b - c), ab = std::llabs(a - b);
    // The third marker's pairs first: a tie between them goes to the higher of a and b.
    std::int64_t best = ac < bc ? mean(a, c) : bc < ac ? mean(b, c) : mean(std::max(a, b), c);
    if (ab < std::min(ac, bc)) best = mean(a, b);
    return {0, best, true};
}

}  // namespace skillgrade::core
