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

eligibility_result evaluate_eligibility(const scheme& s, const level& target, const engineer_facts& f, date cutoff, bool explain) {
    eligibility_result out;
    for (auto& p : target.eligibility) {
        path_result pr;
        // words() gives the explanation and the gap; it runs only when the texts are wanted.
        auto add = [&](const char* kind, bool met, auto words) {
            condition_result c{kind, met, {}, {}};
            if (explain) {
                auto [explanation, gap] = words();
                c.explanation = std::move(explanation);
                if (!met) c.gap = std::move(gap);
            }
            pr.conditions.push_back(std::move(c));
        };
        if (p.work_months) {
            int have = std::max(0, months_between(f.career_start, cutoff));
            int need = *p.work_months;
            bool met = have >= need;
            add("work_years", met, [&] {
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
            bool at_previous = f.current_rank == previous && f.level_since;
            int have = at_previous ? std::max(0, months_between(*f.level_since, cutoff)) : 0;
            bool met = at_previous && have >= need;
            if (!at_previous) {
                add("years_at_level", false, [&] {
                    text prev = previous >= 1 && previous <= static_cast<int>(s.levels.size()) ? s.levels[previous - 1].label
                                                                                             : text{"上一级", "the previous level"};
                    return std::pair<text, text>{
                        {"当前等级不是" + prev.zh + "（需在该级任职 " + years_zh(need) + "）",
                         "the current level is not " + prev.en + " (" + years_en(need) + " there are required)"},
                        {"需先取得" + prev.zh, "first reach " + prev.en}};
                });
            } else {
                add("years_at_level", met, [&] {
                    auto gap = months_text(need - have);
                    return std::pair<text, text>{
                        {"本级任职 " + years_zh(have) + " " + (met ? "≥ " : "< ") + years_zh(need),
                         years_en(have) + " at the current level " + (met ? "≥ " : "< ") + years_en(need)},
                        {"本级任职还差 " + gap.zh, gap.en + " more at the current level"}};
                });
            }
        }
        if (p.min_education) {
            bool met = f.edu >= *p.min_education;
            add("education", met, [&] {
                return std::pair<text, text>{
                    {"学历 " + label(f.edu).zh + (met ? " ≥ " : " < ") + label(*p.min_education).zh,
                     "education " + label(f.edu).en + (met ? " ≥ " : " < ") + label(*p.min_education).en},
                    {"需要" + label(*p.min_education).zh + "及以上学历", "needs " + label(*p.min_education).en + " or higher"}};
            });
        }
        if (p.training_hours) {
            auto from = months_before(cutoff, p.training_window_months);
            int have = 0;
            for (auto& t : f.training)
                if (t.on > from && t.on <= cutoff) have += t.hours;
            int need = *p.training_hours;
            bool met = have >= need;
            add("training_hours", met, [&] {
                auto w = std::to_string(p.training_window_months);
                return std::pair<text, text>{
                    {"近 " + w + " 个月培训 " + std::to_string(have) + " 学时 " + (met ? "≥ " : "< ") + std::to_string(need) + " 学时",
                     std::to_string(have) + " training hours in the last " + w + " months " + (met ? "≥ " : "< ") +
                         std::to_string(need)},
                    {"还需培训 " + std::to_string(need - have) + " 学时", std::to_string(need - have) + " more training hours"}};
            });
        }
        for (auto& code : p.required_courses) {
            bool met = std::any_of(f.training.begin(), f.training.end(),
                                   [&](auto& t) { return t.course_code == code && t.passed && t.on <= cutoff; });
            add("course", met, [&] {
                auto name = course_name(s, code);
                return std::pair<text, text>{
                    {std::string(met ? "已完成" : "未完成") + "课程《" + name.zh + "》",
                     std::string(met ? "completed" : "has not completed") + " the course \"" + name.en + "\""},
                    {"需完成课程《" + name.zh + "》", "complete the course \"" + name.en + "\""}};
            });
        }
        if (p.held_certificate) {
            const level* held = s.find_level(*p.held_certificate);
            // A certificate issued by a cycle counts; so does a level recorded at or above it (initial grading or
            // an evaluation held before the system), which the explanation says in so many words.
            bool issued = std::find(f.certificates.begin(), f.certificates.end(), *p.held_certificate) != f.certificates.end();
            bool by_level = !issued && held && f.current_rank >= held->rank;
            bool met = issued || by_level;
            add("certificate", met, [&] {
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

}  // namespace skillgrade::core
