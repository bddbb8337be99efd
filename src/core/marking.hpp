// marking.hpp
// Marking answers that need a person (阅卷): one or two independent marks per answer, a third when two
// differ by more than the blueprint's discrepancy threshold, and the settled mark. Pure: no I/O.
//
//   auto s = core::settle({true, 20}, 1000, {700, 400});   // s.next_round 3: they differ by 30 %
//   auto t = core::settle({true, 20}, 1000, {700, 400, 650}); // t.points 675: the two closest
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

namespace skillgrade::core {

struct marking_rule {
    bool double_marking = true;   // two markers mark each answer independently
    int discrepancy_percent = 20; // of the answer's points: two marks further apart call a third marker
    bool operator==(const marking_rule&) const = default;
};

struct settlement {
    int next_round = 0;                  // the round still to be marked (1, 2 or 3); 0 when settled
    std::optional<std::int64_t> points;  // the settled mark (hundredths) once next_round is 0
    bool discrepant = false;             // the first two marks were too far apart
};

// `marks` are the rounds marked so far, in order. Single marking settles on the first mark; double
// marking on the mean of the two when they are within the threshold (both inclusive), and otherwise
// on the mean of the two closest of the three (the third marker's pair preferred on a tie). Means
// are rounded half up to the hundredth.
settlement settle(const marking_rule&, std::int64_t max_points, const std::vector<std::int64_t>& marks);

// How far apart two marks may be before a third marker is called, in hundredths.
std::int64_t discrepancy_threshold(const marking_rule&, std::int64_t max_points);

}  // namespace skillgrade::core
