#include "core/evaluation.hpp"

#include <algorithm>

#include "core/numbers.hpp"

namespace skillgrade::core {

evaluation_outcome evaluate(const level& lv, const std::vector<component_score>& scores, bool explain) {
    evaluation_outcome out;
    std::int64_t weighted = 0;  // hundredths × percent
    out.gates_passed = true;
    for (auto& c : lv.components) {
        component_outcome co{c.kind, std::nullopt, c.weight_pct, c.pass_mark, false};
        for (auto& s : scores)
            if (s.kind == c.kind) co.score = s.score;
        if (!co.score) {
            out.gates_passed = false;
            if (explain) out.reasons.push_back({label(c.kind).zh + "缺考", "absent from the " + label(c.kind).en});
        } else {
            weighted += *co.score * c.weight_pct;
            co.passed = *co.score >= c.pass_mark;
            if (!co.passed) {
                out.gates_passed = false;
                if (explain) out.reasons.push_back({label(c.kind).zh + " " + format_hundredths(*co.score) + " 低于及格线 " +
                                           format_hundredths(c.pass_mark),
                                       label(c.kind).en + " " + format_hundredths(*co.score) + " is below the pass mark " +
                                           format_hundredths(c.pass_mark)});
            }
        }
        out.components.push_back(co);
    }
    out.total = round_half_up(weighted, 100);
    bool over = out.total >= lv.pass_mark;
    if (!over && explain)
        out.reasons.push_back({"综合成绩 " + format_hundredths(out.total) + " 低于及格线 " + format_hundredths(lv.pass_mark),
                               "weighted total " + format_hundredths(out.total) + " is below the pass mark " +
                                   format_hundredths(lv.pass_mark)});
    out.passed = out.gates_passed && over;
    return out;
}

int places(const quota& q, int applicants) {
    switch (q.type) {
        case quota::kind::none: return applicants;
        case quota::kind::count: return std::max(0, q.value);
        case quota::kind::percent: return static_cast<int>(static_cast<std::int64_t>(applicants) * q.value / 100);
    }
    return applicants;
}

std::vector<ranking> rank_with_quota(std::vector<candidate> cs, const quota& q) {
    int limit = places(q, static_cast<int>(cs.size()));
    std::stable_sort(cs.begin(), cs.end(), [](const candidate& a, const candidate& b) {
        if (a.passed != b.passed) return a.passed;
        if (!a.passed) return a.id < b.id;
        if (a.total != b.total) return a.total > b.total;
        if (a.practical != b.practical) return a.practical > b.practical;
        if (a.performance != b.performance) return a.performance > b.performance;
        if (a.applied_at != b.applied_at) return a.applied_at < b.applied_at;
        return a.id < b.id;
    });
    std::vector<ranking> out;
    int rank = 0;
    for (auto& c : cs) {
        ranking r{c.id, 0, false};
        if (c.passed) {
            r.rank = ++rank;
            r.selected = rank <= limit;
        }
        out.push_back(r);
    }
    return out;
}

std::optional<decision> decide(const std::vector<vote>& votes) {
    auto approve = std::count(votes.begin(), votes.end(), vote::approve);
    auto reject = std::count(votes.begin(), votes.end(), vote::reject);
    return decide(static_cast<int>(approve), static_cast<int>(reject), static_cast<int>(votes.size() - approve - reject));
}

std::optional<decision> decide(int approve, int reject, int defer) {
    int n = approve + reject + defer;
    if (n < 3 || n % 2 == 0) return std::nullopt;
    if (approve * 2 > n) return decision::approved;
    if (reject * 2 > n) return decision::rejected;
    return decision::deferred;
}

}  // namespace skillgrade::core
