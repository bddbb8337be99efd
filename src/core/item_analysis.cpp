#include "core/item_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace skillgrade::core {
namespace {

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / static_cast<double>(v.size());
}
double variance(const std::vector<double>& v) {  // population
    double m = mean(v), s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return v.empty() ? 0 : s / static_cast<double>(v.size());
}
std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() < 2) return std::nullopt;
    double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 1e-12 || syy <= 1e-12) return std::nullopt;
    return sxy / std::sqrt(sxx * syy);
}

}  // namespace

std::vector<item_stats> analyse_items(const std::vector<candidate_responses>& cands, const std::vector<option_keys>& keys) {
    std::vector<double> totals(cands.size(), 0);
    for (std::size_t c = 0; c < cands.size(); ++c)
        for (auto& r : cands[c].items) totals[c] += r.score;
    // The upper and lower 27 % by total (ties by candidate), when there are at least two candidates.
    std::vector<std::size_t> order(cands.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
        return totals[a] != totals[b] ? totals[a] > totals[b] : cands[a].candidate < cands[b].candidate;
    });
    std::vector<int> group(cands.size(), 0);  // 1 upper, −1 lower
    if (cands.size() >= 2) {
        auto g = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(0.27 * static_cast<double>(cands.size()))));
        g = std::min(g, cands.size() / 2);
        for (std::size_t i = 0; i < g; ++i) {
            group[order[i]] = 1;
            group[order[cands.size() - 1 - i]] = -1;
        }
    }
    struct acc {
        double max = 1;
        std::vector<double> x, rest;
        double upper = 0, lower = 0;
        int n_upper = 0, n_lower = 0;
        std::map<std::string, int> chosen, chosen_upper, chosen_lower;
        bool choice = false;
    };
    std::map<std::int64_t, acc> by_item;
    for (std::size_t c = 0; c < cands.size(); ++c)
        for (auto& r : cands[c].items) {
            auto& a = by_item[r.item];
            a.max = r.max > 0 ? r.max : 1;
            a.x.push_back(r.score);
            a.rest.push_back(totals[c] - r.score);
            if (group[c] == 1) a.upper += r.score, ++a.n_upper;
            if (group[c] == -1) a.lower += r.score, ++a.n_lower;
            if (!r.chosen.empty()) a.choice = true;
            for (auto& k : std::set<std::string>(r.chosen.begin(), r.chosen.end())) {
                ++a.chosen[k];
                if (group[c] == 1) ++a.chosen_upper[k];
                if (group[c] == -1) ++a.chosen_lower[k];
            }
        }
    std::map<std::int64_t, const option_keys*> key_of;
    for (auto& k : keys) key_of[k.item] = &k;
    std::vector<item_stats> out;
    for (auto& [item, a] : by_item) {
        item_stats s;
        s.item = item;
        s.n = static_cast<int>(a.x.size());
        s.p = mean(a.x) / a.max;
        s.point_biserial = pearson(a.x, a.rest);
        if (a.n_upper && a.n_lower) s.upper_lower = (a.upper / a.n_upper - a.lower / a.n_lower) / a.max;
        auto k = key_of.find(item);
        if (a.choice || k != key_of.end()) {
            std::set<std::string> all;
            for (auto& [key, n] : a.chosen) all.insert(key);
            std::set<std::string> correct;
            if (k != key_of.end()) {
                all.insert(k->second->all.begin(), k->second->all.end());
                correct.insert(k->second->correct.begin(), k->second->correct.end());
            }
            for (auto& key : all) {
                option_share o{key, correct.count(key) > 0, 0, 0, 0};
                auto count = [&](const std::map<std::string, int>& m) {
                    auto it = m.find(key);
                    return it == m.end() ? 0 : it->second;
                };
                o.share = static_cast<double>(count(a.chosen)) / s.n;
                if (a.n_upper) o.upper = static_cast<double>(count(a.chosen_upper)) / a.n_upper;
                if (a.n_lower) o.lower = static_cast<double>(count(a.chosen_lower)) / a.n_lower;
                if (!o.correct && !correct.empty()) {
                    if (o.share < kWeakDistractor) s.flags.push_back("weak_distractor:" + key);
                    if (a.n_upper && a.n_lower && o.upper > o.lower) s.flags.push_back("reversed_distractor:" + key);
                }
                s.options.push_back(std::move(o));
            }
        }
        if (s.p < kTooHard) s.flags.insert(s.flags.begin(), "too_hard");
        if (s.p > kTooEasy) s.flags.insert(s.flags.begin(), "too_easy");
        if (s.point_biserial && *s.point_biserial < kWeakDiscrimination) s.flags.push_back("weak_discrimination");
        out.push_back(std::move(s));
    }
    return out;
}

reliability reliability_of(const std::vector<std::vector<double>>& scores, const std::vector<double>& max) {
    reliability r;
    r.items = static_cast<int>(max.size());
    r.candidates = static_cast<int>(scores.size());
    bool dichotomous = true;
    for (auto& row : scores)
        for (std::size_t i = 0; i < row.size() && i < max.size(); ++i)
            if (std::abs(row[i]) > 1e-9 && std::abs(row[i] - max[i]) > 1e-9) dichotomous = false;
    r.method = dichotomous ? "kr20" : "alpha";
    if (r.items < 2 || r.candidates < 2) return r;
    std::vector<double> totals;
    for (auto& row : scores) {
        double t = 0;
        for (double x : row) t += x;
        totals.push_back(t);
    }
    double var_total = variance(totals);
    if (var_total <= 1e-12) return r;
    double k = r.items;
    if (dichotomous) {
        // KR-20 on right (1) and wrong (0).
        double pq = 0;
        std::vector<double> counts(scores.size(), 0);
        for (std::size_t i = 0; i < max.size(); ++i) {
            double right = 0;
            for (std::size_t c = 0; c < scores.size(); ++c)
                if (std::abs(scores[c][i]) > 1e-9) right += 1, counts[c] += 1;
            double p = right / static_cast<double>(scores.size());
            pq += p * (1 - p);
        }
        double var_counts = variance(counts);
        if (var_counts <= 1e-12) return r;
        r.value = k / (k - 1) * (1 - pq / var_counts);
    } else {
        double sum_var = 0;
        for (std::size_t i = 0; i < max.size(); ++i) {
            std::vector<double> col;
            for (auto& row : scores) col.push_back(row[i]);
            sum_var += variance(col);
        }
        r.value = k / (k - 1) * (1 - sum_var / var_total);
    }
    r.sem = std::sqrt(var_total) * std::sqrt(std::max(0.0, 1 - *r.value));
    return r;
}

}  // namespace skillgrade::core
