#include "core/eligibility.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

namespace skillgrade::core {
namespace {

std::string years_zh(int months) { return years_text(months).zh; }
std::string years_en(int months) { return years_text(months).en; }

// A shortfall in months as words: "1 年 2 个月" / "1 year 2 months".
text months_text(int months) {
    int y = months / 12, m = months % 12;
    text t;
    if (y) {
        t.zh += std::to_string(y) + " 年";
        t.en += std::to_string(y) + (y == 1 ? " year" : " years");
    }
    if (m || !y) {
        t.zh += (y ? " " : "") + std::to_string(m) + " 个月";
        t.en += (y ? " " : "") + std::to_string(m) + (m == 1 ? " month" : " months");
    }
    return t;
}

date months_before(date d, int months) {
    auto ym = std::chrono::year_month{d.year(), d.month()} - std::chrono::months{months};
    auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
    return date{ym.year(), ym.month(), std::min(d.day(), last.day())};
}

text course_name(const scheme& s, const std::string& code) {
    for (auto& c : s.courses)
        if (c.code == code) return c.name;
    return {code, code};
}

}  // namespace

namespace {

// Walks the level's paths and conditions in order. measure(path, condition, kind) gives each
// condition's measured value (kind 0 work, 1 at level, 2 education, 3 training, 4 course,
// 5 certificate): from the facts, or the value stored by an earlier review.
// Every explanation is a function of the scheme and these values alone, so a stored verdict of a
// few numbers is explained again word for word.
template <class Measure>
eligibility_result walk(const scheme& s, const level& target, bool explain, Measure&& measure) {
    eligibility_result out;
    std::size_t pi = 0;
    for (auto& p : target.eligibility) {
        path_result pr;
        std::size_t ci = 0;
        // words() gives the explanation and the gap; it runs only when the texts are wanted.
        auto add = [&](const char* kind, int value, bool met, auto words) {
            condition_result c{kind, met, {}, {}, value};
            if (explain) {
                auto [explanation, gap] = words();
                c.explanation = std::move(explanation);
                if (!met) c.gap = std::move(gap);
            }
            pr.conditions.push_back(std::move(c));
            ++ci;
        };
        if (p.work_months) {
            int have = measure(pi, ci, 0);
            int need = *p.work_months;
            bool met = have >= need;
            add("work_years", have, met, [&] {
                auto gap = months_text(need - have);
                return std::pair<text, text>{
                    {"累计工作 " + years_zh(have) + " " + (met ? "≥ " : "< ") + years_zh(need),
                     "work experience " + years_en(have) + " " + (met ? "≥ " : "< ") + years_en(need)},
                    {"还需工作 " + gap.zh, gap.en + " more of work experience"}};
            });
        }
        if (p.months_at_previous) {
            int need = *p.months_at_previous;
            int previous = target.rank - 1;
            int have = measure(pi, ci, 1);  // -1: not at the previous level
            bool at_previous = have >= 0;
            bool met = at_previous && have >= need;
            if (!at_previous) {
                add("years_at_level", have, false, [&] {
                    text prev = previous >= 1 && previous <= static_cast<int>(s.levels.size()) ? s.levels[previous - 1].label
                                                                                             : text{"上一级", "the previous level"};
                    return std::pair<text, text>{
                        {"当前等级不是" + prev.zh + "（需在该级任职 " + years_zh(need) + "）",
                         "the current level is not " + prev.en + " (" + years_en(need) + " there are required)"},
                        {"需先取得" + prev.zh, "first reach " + prev.en}};
                });
            } else {
                add("years_at_level", have, met, [&] {
                    auto gap = months_text(need - have);
                    return std::pair<text, text>{
                        {"本级任职 " + years_zh(have) + " " + (met ? "≥ " : "< ") + years_zh(need),
                         years_en(have) + " at the current level " + (met ? "≥ " : "< ") + years_en(need)},
                        {"本级任职还差 " + gap.zh, gap.en + " more at the current level"}};
                });
            }
        }
        if (p.min_education) {
            int have = measure(pi, ci, 2);
            auto edu = static_cast<education>(std::clamp(have, 0, static_cast<int>(education::doctor)));
            bool met = edu >= *p.min_education;
            add("education", have, met, [&] {
                return std::pair<text, text>{
                    {"学历 " + label(edu).zh + (met ? " ≥ " : " < ") + label(*p.min_education).zh,
                     "education " + label(edu).en + (met ? " ≥ " : " < ") + label(*p.min_education).en},
                    {"需要" + label(*p.min_education).zh + "及以上学历", "needs " + label(*p.min_education).en + " or higher"}};
            });
        }
        if (p.training_hours) {
            int have = measure(pi, ci, 3);
            int need = *p.training_hours;
            bool met = have >= need;
            add("training_hours", have, met, [&] {
                auto w = std::to_string(p.training_window_months);
                return std::pair<text, text>{
                    {"近 " + w + " 个月培训 " + std::to_string(have) + " 学时 " + (met ? "≥ " : "< ") + std::to_string(need) + " 学时",
                     std::to_string(have) + " training hours in the last " + w + " months " + (met ? "≥ " : "< ") +
                         std::to_string(need)},
                    {"还需培训 " + std::to_string(need - have) + " 学时", std::to_string(need - have) + " more training hours"}};
            });
        }
        for (auto& code : p.required_courses) {
            bool met = measure(pi, ci, 4) != 0;
            add("course", met ? 1 : 0, met, [&] {
                auto name = course_name(s, code);
                return std::pair<text, text>{
                    {std::string(met ? "已完成" : "未完成") + "课程《" + name.zh + "》",
                     std::string(met ? "completed" : "has not completed") + " the course \"" + name.en + "\""},
                    {"需完成课程《" + name.zh + "》", "complete the course \"" + name.en + "\""}};
            });
        }
        if (p.held_certificate) {
            const level* held = s.find_level(*p.held_certificate);
            int how = measure(pi, ci, 5);  // 0 none, 1 a certificate issued, 2 a level record
            bool by_level = how == 2;
            bool met = how != 0;
            add("certificate", how, met, [&] {
                text name = held ? held->label : text{*p.held_certificate, *p.held_certificate};
                if (by_level)
                    return std::pair<text, text>{{"已评定" + name.zh + "（等级记录，视同持证）",
                                                  "holds the " + name.en + " level (level record, counts as its certificate)"},
                                                 {}};
                return std::pair<text, text>{
                    {std::string(met ? "持有" : "未持有") + name.zh + "证书",
                     std::string(met ? "holds" : "does not hold") + " the " + name.en + " certificate"},
                    {"需取得" + name.zh + "证书", "obtain the " + name.en + " certificate"}};
            });
        }
        pr.met = std::all_of(pr.conditions.begin(), pr.conditions.end(), [](auto& c) { return c.met; });
        out.paths.push_back(std::move(pr));
        ++pi;
    }
    for (std::size_t i = 0; i < out.paths.size(); ++i)
        if (out.paths[i].met) {
            out.eligible = true;
            out.met_path = static_cast<int>(i);
            break;
        }
    if (!explain) {
        out.eligible = out.eligible || target.eligibility.empty();
    } else if (target.eligibility.empty()) {
        out.eligible = true;
        out.summary = {"该等级无申报条件", "this level has no eligibility conditions"};
    } else if (out.eligible) {
        text joined;
        for (auto& c : out.paths[out.met_path].conditions) {
            joined.zh += (joined.zh.empty() ? "" : "；") + c.explanation.zh;
            joined.en += (joined.en.empty() ? "" : "; ") + c.explanation.en;
        }
        auto n = std::to_string(out.met_path + 1);
        out.summary = {"满足路径 " + n + "：" + joined.zh, "meets path " + n + ": " + joined.en};
    } else {
        out.summary = {"未满足任何申报路径", "meets none of the eligibility paths"};
    }
    return out;
}

}  // namespace

eligibility_result evaluate_eligibility(const scheme& s, const level& target, const engineer_facts& f, date cutoff, bool explain) {
    // The condition being measured is found again from its path and position in the level.
    auto measure = [&](std::size_t pi, std::size_t ci, int which) -> int {
        auto& p = target.eligibility[pi];
        switch (which) {
            case 0: return std::max(0, months_between(f.career_start, cutoff));
            case 1: {
                bool at_previous = f.current_rank == target.rank - 1 && f.level_since;
                return at_previous ? std::max(0, months_between(*f.level_since, cutoff)) : -1;
            }
            case 2: return static_cast<int>(f.edu);
            case 3: {
                auto from = months_before(cutoff, p.training_window_months);
                int have = 0;
                for (auto& t : f.training)
                    if (t.on > from && t.on <= cutoff) have += t.hours;
                return have;
            }
            case 4: {
                // The courses come after the conditions before them in the path.
                std::size_t first = (p.work_months ? 1 : 0) + (p.months_at_previous ? 1 : 0) + (p.min_education ? 1 : 0) +
                                    (p.training_hours ? 1 : 0);
                auto& code = p.required_courses[ci - first];
                return std::any_of(f.training.begin(), f.training.end(),
                                   [&](auto& t) { return t.course_code == code && t.passed && t.on <= cutoff; })
                           ? 1
                           : 0;
            }
            default: {
                const level* held = s.find_level(*p.held_certificate);
                bool issued = std::find(f.certificates.begin(), f.certificates.end(), *p.held_certificate) != f.certificates.end();
                // A certificate issued by a cycle counts; so does a level recorded at or above it (initial grading or
                // an evaluation held before the system), which the explanation says in so many words.
                return issued ? 1 : held && f.current_rank >= held->rank ? 2 : 0;
            }
        }
    };
    return walk(s, target, explain, measure);
}

std::optional<eligibility_result> explain_eligibility(const scheme& s, const level& target,
                                                      const std::vector<std::vector<int>>& values) {
    if (values.size() != target.eligibility.size()) return std::nullopt;
    bool fits = true;
    auto measure = [&](std::size_t pi, std::size_t ci, int) -> int {
        if (ci >= values[pi].size()) {
            fits = false;
            return 0;
        }
        return values[pi][ci];
    };
    auto r = walk(s, target, true, measure);
    for (std::size_t i = 0; i < values.size() && fits; ++i) fits = values[i].size() == r.paths[i].conditions.size();
    if (!fits) return std::nullopt;
    return r;
}

std::vector<std::vector<int>> measured_values(const eligibility_result& r) {
    std::vector<std::vector<int>> out;
    for (auto& p : r.paths) {
        auto& v = out.emplace_back();
        for (auto& c : p.conditions) v.push_back(c.value);
    }
    return out;
}

}  // namespace skillgrade::core
