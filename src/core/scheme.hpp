// scheme.hpp
// A skill-level scheme (技能等级方案): ordered levels (rank 1 = lowest) with their
// requirements, eligibility paths, assessment components and pass marks. Parsed from the
// declarative TOML format (schemes/*.toml) and validated as a whole. Pure: no I/O.
//
//   auto s = parse_scheme(toml_text, "company-5.toml");
//   if (!s) report(s.error());               // every problem, with file, level and field
//   for (auto& lv : s->levels) std::cout << lv.label.zh;
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skillgrade::core {

enum class difficulty { simple = 1, general, complex, difficult };  // 简单 一般 复杂 疑难
enum class education { none = 0, junior_high, high_school, associate, bachelor, master, doctor };
enum class component_kind { written, practical, interview, performance, review };

std::string_view to_string(difficulty);
std::string_view to_string(education);
std::string_view to_string(component_kind);
std::optional<difficulty> difficulty_from(std::string_view);
std::optional<education> education_from(std::string_view);  // accepts codes and Chinese labels
std::optional<component_kind> component_from(std::string_view);
const text& label(difficulty);
const text& label(education);
const text& label(component_kind);

// One all-of path of eligibility conditions; an unset field is not a condition.
struct eligibility_path {
    std::optional<int> work_months;             // cumulative years of work, in months
    std::optional<int> months_at_previous;      // years at the previous level, in months
    std::optional<education> min_education;
    std::optional<int> training_hours;          // within training_window_months
    int training_window_months = 12;
    std::vector<std::string> required_courses;  // course codes from the scheme's catalogue
    std::optional<std::string> held_certificate;  // a level code (this or another scheme's label)
    bool empty() const;
    bool operator==(const eligibility_path&) const = default;
};

struct component {
    component_kind kind{};
    int weight_pct = 0;          // percent of the weighted total
    std::int64_t pass_mark = 0;  // hundredths
    bool operator==(const component&) const = default;
};

struct level {
    int rank = 0;
    std::string code;
    text label;
    std::vector<text> basic_requirements;
    std::vector<text> skill_requirements;
    difficulty max_difficulty = difficulty::simple;
    std::vector<eligibility_path> eligibility;  // any-of
    std::vector<component> components;
    std::int64_t pass_mark = 6000;      // hundredths
    int validity_months = 36;
    std::int64_t monthly_allowance = 0;  // fen
    bool operator==(const level&) const = default;
};

struct course {
    std::string code;
    text name;
    bool operator==(const course&) const = default;
};

struct scheme {
    std::string code;
    text name;
    text description;
    std::vector<course> courses;
    std::vector<level> levels;  // ordered by rank
    int recertification_lower_by = 1;  // levels a holder goes down when not re-certified (0: the level stays)
    const level* find_level(std::string_view code) const;
};

// Parses and validates; on failure the error lists every problem found.
result<scheme> parse_scheme(std::string_view toml, std::string_view file_name);

// What changed from a to b, one entry per field ("levels[初级].pass_mark: 60.00 → 65.00").
struct scheme_change {
    std::string path;
    std::string before;
    std::string after;
};
std::vector<scheme_change> diff(const scheme& a, const scheme& b);

// Renders one eligibility path as a sentence, e.g. "累计工作 ≥ 2 年；学历 ≥ 大专".
text describe(const eligibility_path&, const scheme&);

}  // namespace skillgrade::core
