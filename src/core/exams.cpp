#include "core/exams.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "core/numbers.hpp"
#include "core/text.hpp"

namespace skillgrade::core {
namespace {

std::string section_name(const blueprint_section& s, std::size_t i, bool en) {
    std::string n = en ? "Section " + std::to_string(i + 1) : "第 " + std::to_string(i + 1) + " 节";
    const std::string& t = en && !s.title.en.empty() ? s.title.en : s.title.zh;
    if (!t.empty()) n += en ? " (" + t + ")" : "（" + t + "）";
    return n;
}

template <class T>
void shuffle(std::vector<T>& v, draw_rng& rng) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

std::string shuffled_keys(const std::vector<std::string>& keys, const std::string& type, draw_rng& rng) {
    if (type != "single" && type != "multiple") return {};
    auto k = keys;
    shuffle(k, rng);
    std::string out;
    for (auto& x : k) out += x;
    return out;
}

// Pool indices by question id, so that the draw does not depend on the order the bank was read in.
std::vector<std::size_t> by_id(const std::vector<pool_question>& pool) {
    std::vector<std::size_t> idx(pool.size());
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return pool[a].question_id < pool[b].question_id; });
    return idx;
}

// Per section, the questions taken (least used first, ties by the generator); nullopt when one
// section cannot be filled from what the earlier ones left.
std::optional<std::vector<std::vector<std::size_t>>> select(const blueprint& bp, const std::vector<pool_question>& pool, const exposure& uses,
                                                            const std::set<std::int64_t>& seen, draw_rng& rng) {
    auto order = by_id(pool);
    std::vector<std::uint64_t> tie(pool.size());
    for (auto i : order) tie[i] = rng.next();
    std::vector<bool> taken(pool.size(), false);
    std::vector<std::vector<std::size_t>> out;
    for (auto& s : bp.sections) {
        std::vector<std::size_t> cand;
        for (auto i : order)
            if (!taken[i] && matches(s, bp.target_rank, pool[i])) cand.push_back(i);
        if (cand.size() < static_cast<std::size_t>(s.count)) return std::nullopt;
        auto used = [&](std::size_t i) {
            auto it = uses.find(pool[i].question_id);
            return it == uses.end() ? 0 : it->second;
        };
        auto was_seen = [&](std::size_t i) { return seen.count(pool[i].question_id) > 0; };
        std::partial_sort(cand.begin(), cand.begin() + s.count, cand.end(), [&](auto a, auto b) {
            if (was_seen(a) != was_seen(b)) return !was_seen(a);
            auto ua = used(a), ub = used(b);
            return ua != ub ? ua < ub : tie[a] < tie[b];
        });
        cand.resize(static_cast<std::size_t>(s.count));
        for (auto i : cand) taken[i] = true;
        out.push_back(std::move(cand));
    }
    return out;
}

}  // namespace

std::uint64_t draw_rng::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
std::uint64_t draw_rng::below(std::uint64_t n) {
    // Rejection keeps it uniform: drop the top values that would favour the small residues.
    std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    for (;;) {
        auto x = next();
        if (x < limit) return x % n;
    }
}

std::int64_t total_points(const blueprint& bp) {
    std::int64_t t = 0;
    for (auto& s : bp.sections) t += s.points * s.count;
    return t;
}

std::vector<field_error> validate(const blueprint& bp) {
    std::vector<field_error> errs;
    if (bp.target_rank < 1 || bp.target_rank > 5) errs.push_back({"target_rank", {"等级应为 1–5", "the level is 1–5"}});
    if (bp.sections.empty()) errs.push_back({"sections", {"至少需要一节", "at least one section"}});
    if (bp.sections.size() > 20) errs.push_back({"sections", {"最多 20 节", "at most 20 sections"}});
    if (bp.duration_minutes < 5 || bp.duration_minutes > 600)
        errs.push_back({"duration_minutes", {"考试时长应为 5–600 分钟", "the duration is 5–600 minutes"}});
    if (bp.marking.discrepancy_percent < 0 || bp.marking.discrepancy_percent > 100)
        errs.push_back({"discrepancy_percent", {"评分误差阈值应为 0–100（占该题分值的百分比）", "the discrepancy threshold is 0–100 (per cent of the question's points)"}});
    if (bp.pass_mark < 0 || bp.pass_mark > 10000) errs.push_back({"pass_mark", {"及格线应在 0–100 之间", "the pass mark is 0–100"}});
    for (std::size_t i = 0; i < bp.sections.size(); ++i) {
        auto& s = bp.sections[i];
        auto at = "sections[" + std::to_string(i) + "].";
        for (auto& t : s.types)
            if (!is_question_type(t)) errs.push_back({at + "types", {"未知题型：" + t, "unknown type: " + t}});
        if (s.count < 1 || s.count > 500) errs.push_back({at + "count", {"题数应为 1–500", "the count is 1–500"}});
        if (s.points < 1 || s.points > 10000) errs.push_back({at + "points", {"每题分值应在 0.01–100 之间", "points per question are 0.01–100"}});
        if (s.difficulty_min < 1 || s.difficulty_max > 5 || s.difficulty_min > s.difficulty_max)
            errs.push_back({at + "difficulty_min", {"难度范围应在 1–5 之间且下限不大于上限", "the difficulty range is within 1–5, lowest first"}});
        if (char_count(s.title.zh) > 60 || char_count(s.title.en) > 120)
            errs.push_back({at + "title", {"标题过长", "the title is too long"}});
    }
    if (errs.empty() && total_points(bp) != 10000) {
        auto t = format_hundredths(total_points(bp));
        errs.push_back({"sections", {"各节总分应为 100 分，现为 " + t + " 分", "the sections should total 100 points, not " + t}});
    }
    return errs;
}

bool matches(const blueprint_section& s, int target_rank, const pool_question& q) {
    if (!s.types.empty() && std::find(s.types.begin(), s.types.end(), q.type) == s.types.end()) return false;
    if (!s.product_line.empty() && s.product_line != q.product_line) return false;
    if (!s.knowledge_point.empty() && s.knowledge_point != q.knowledge_point) return false;
    if (q.difficulty < s.difficulty_min || q.difficulty > s.difficulty_max) return false;
    return std::find(q.ranks.begin(), q.ranks.end(), target_rank) != q.ranks.end();
}

std::vector<field_error> shortfalls(const blueprint& bp, const std::vector<pool_question>& pool) {
    std::vector<field_error> errs;
    std::vector<bool> taken(pool.size(), false);
    auto order = by_id(pool);
    for (std::size_t si = 0; si < bp.sections.size(); ++si) {
        auto& s = bp.sections[si];
        std::vector<std::size_t> cand;
        for (auto i : order)
            if (!taken[i] && matches(s, bp.target_rank, pool[i])) cand.push_back(i);
        auto have = static_cast<int>(cand.size());
        if (have < s.count) {
            auto lack = std::to_string(s.count - have), h = std::to_string(have), need = std::to_string(s.count);
            errs.push_back({"sections[" + std::to_string(si) + "].count",
                            {section_name(s, si, false) + "缺 " + lack + " 题：题库中符合条件的有 " + h + " 题，需要 " + need + " 题",
                             section_name(s, si, true) + " lacks " + lack + " questions: the bank has " + h + " that match, " + need +
                                 " are needed"}});
        }
        for (int k = 0; k < std::min(have, s.count); ++k) taken[cand[static_cast<std::size_t>(k)]] = true;
    }
    return errs;
}

std::optional<std::vector<paper_item>> draw_paper(const blueprint& bp, const std::vector<pool_question>& pool, const exposure& uses,
                                                  std::uint64_t seed, const std::set<std::int64_t>& seen) {
    draw_rng rng(seed);
    std::optional<std::vector<std::vector<std::size_t>>> chosen;
    if (bp.fixed) {
        draw_rng fixed(bp.seed);
        chosen = select(bp, pool, {}, seen, fixed);
    } else {
        chosen = select(bp, pool, uses, seen, rng);
    }
    if (!chosen) return std::nullopt;
    std::vector<paper_item> out;
    for (std::size_t si = 0; si < chosen->size(); ++si) {
        auto& s = bp.sections[si];
        auto picks = (*chosen)[si];
        shuffle(picks, rng);
        for (auto i : picks) {
            auto& q = pool[i];
            if (q.type != "case") {
                out.push_back({q.question_id, q.version_id, static_cast<int>(si), s.points, shuffled_keys(q.option_keys, q.type, rng), 0,
                               s.partial_credit});
                continue;
            }
            out.push_back({q.question_id, q.version_id, static_cast<int>(si), 0, "", 0, s.partial_credit});
            auto n = static_cast<std::int64_t>(q.part_ids.size());
            for (std::int64_t k = 0; k < n; ++k) {
                auto share = s.points * (k + 1) / n - s.points * k / n;
                auto uk = static_cast<std::size_t>(k);
                out.push_back({q.part_ids[uk], q.part_versions[uk], static_cast<int>(si), share,
                               shuffled_keys(q.part_option_keys[uk], q.part_types[uk], rng), q.question_id, s.partial_credit});
            }
        }
    }
    return out;
}

std::optional<text> check_answer(const question& q, const answer& a) {
    auto has_option = [&](const std::string& k) {
        return std::any_of(q.options.begin(), q.options.end(), [&](auto& o) { return o.key == k; });
    };
    if (q.type == "single") {
        if (a.values.size() > 1) return text{"单选题只能选一项", "a single-choice question takes one option"};
        if (!a.values.empty() && !has_option(a.values[0])) return text{"没有选项 " + a.values[0], "no option " + a.values[0]};
    } else if (q.type == "multiple") {
        std::set<std::string> seen;
        for (auto& v : a.values) {
            if (!has_option(v)) return text{"没有选项 " + v, "no option " + v};
            if (!seen.insert(v).second) return text{"选项 " + v + " 重复", "option " + v + " twice"};
        }
    } else if (q.type == "true_false") {
        if (a.values.size() > 1 || (!a.values.empty() && a.values[0] != "true" && a.values[0] != "false"))
            return text{"判断题的答案应为 true 或 false", "a true/false answer is true or false"};
    } else if (q.type == "fill_blank") {
        if (a.values.size() > q.blanks.size())
            return text{"本题只有 " + std::to_string(q.blanks.size()) + " 个空", "the question has " + std::to_string(q.blanks.size()) + " blanks"};
        for (auto& v : a.values)
            if (char_count(v) > 200) return text{"每空最多 200 字", "at most 200 characters per blank"};
    } else if (q.type == "short_answer") {
        if (a.values.size() > 1) return text{"简答题只有一个答案", "a short answer is one text"};
        if (!a.values.empty() && char_count(a.values[0]) > 5000) return text{"答案最多 5000 字", "at most 5,000 characters"};
    } else {
        return text{"案例题请回答其各小题", "answer the case's sub-questions"};
    }
    return std::nullopt;
}

bool is_resit_rule(const std::string& r) { return r == "latest" || r == "best" || r == "capped"; }

std::int64_t counted_score(const std::string& rule, std::optional<std::int64_t> first, std::int64_t resit, std::int64_t pass_mark) {
    if (rule == "best") return first ? std::max(*first, resit) : resit;
    if (rule == "capped") return std::min(resit, pass_mark);
    return resit;
}

mark_result mark(const question& q, const answer& a, std::int64_t points, bool partial_credit) {
    if (q.type == "short_answer") {
        // Nothing written (or only spaces): nothing for a marker, no points.
        bool blank = a.values.empty() || a.values[0].find_first_not_of(" \t\r\n") == std::string::npos;
        return {0, !blank};
    }
    if (q.type == "single" || q.type == "true_false")
        return {a.values.size() == 1 && !q.correct.empty() && a.values[0] == q.correct[0] ? points : 0, false};
    if (q.type == "multiple") {
        std::set<std::string> right(q.correct.begin(), q.correct.end()), chosen(a.values.begin(), a.values.end());
        if (chosen.empty() || right.empty()) return {0, false};
        for (auto& c : chosen)
            if (!right.count(c)) return {0, false};
        if (chosen.size() == right.size()) return {points, false};
        if (!partial_credit) return {0, false};
        return {points * static_cast<std::int64_t>(chosen.size()) / static_cast<std::int64_t>(right.size()), false};
    }
    if (q.type == "fill_blank") {
        auto n = static_cast<std::int64_t>(q.blanks.size());
        std::int64_t got = 0;
        for (std::int64_t i = 0; i < n; ++i) {
            auto ui = static_cast<std::size_t>(i);
            if (ui < a.values.size() && accepts(q.blanks[ui], a.values[ui], q.normalise)) got += points * (i + 1) / n - points * i / n;
        }
        return {got, false};
    }
    return {0, false};
}

}  // namespace skillgrade::core
