#include "core/scheme.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <toml++/toml.h>

#include "core/numbers.hpp"

namespace skillgrade::core {
namespace {

struct names {
    std::string_view code;
    text label;
};

const names kDifficulty[] = {{"simple", {"简单", "simple"}},
                             {"general", {"一般", "general"}},
                             {"complex", {"复杂", "complex"}},
                             {"difficult", {"疑难", "difficult"}}};
const names kEducation[] = {{"none", {"不限", "none"}},
                            {"junior_high", {"初中", "junior high school"}},
                            {"high_school", {"高中/中专", "high school / vocational school"}},
                            {"associate", {"大专", "associate degree"}},
                            {"bachelor", {"本科", "bachelor's degree"}},
                            {"master", {"硕士", "master's degree"}},
                            {"doctor", {"博士", "doctorate"}}};
const names kComponent[] = {{"written", {"笔试", "written exam"}},
                            {"practical", {"实际操作", "practical test"}},
                            {"interview", {"面试", "interview"}},
                            {"performance", {"日常工作表现", "daily performance"}},
                            {"review", {"综合评审", "comprehensive review"}}};

template <class E, std::size_t N>
std::optional<E> lookup(const names (&table)[N], std::string_view s, int offset) {
    for (std::size_t i = 0; i < N; ++i)
        if (table[i].code == s || table[i].label.zh == s || table[i].label.en == s)
            return static_cast<E>(static_cast<int>(i) + offset);
    return std::nullopt;
}


// Collects every problem of one file instead of stopping at the first.
class checker {
public:
    explicit checker(std::string_view file) : file_(file) {}
    void add(std::string field, std::string zh, std::string en) {
        errors_.push_back({std::move(field), {std::move(zh), std::move(en)}});
    }
    bool ok() const { return errors_.empty(); }
    error take() {
        return error{errc::invalid_input, "scheme.invalid",
                     {"方案文件 " + file_ + " 有 " + std::to_string(errors_.size()) + " 处错误",
                      "Scheme file " + file_ + " has " + std::to_string(errors_.size()) + (errors_.size() == 1 ? " error" : " errors")},
                     std::move(errors_)};
    }

private:
    std::string file_;
    std::vector<field_error> errors_;
};

std::optional<std::string> get_string(const toml::table& t, std::string_view key, const std::string& where,
                                      checker& c, bool required = true) {
    auto node = t.get(key);
    if (!node) {
        if (required) c.add(where + "." + std::string(key), "缺少必填字段", "required field is missing");
        return std::nullopt;
    }
    if (auto s = node->value<std::string>()) return *s;
    c.add(where + "." + std::string(key), "应为文本", "must be a string");
    return std::nullopt;
}

text get_text(const toml::table& t, std::string_view stem, const std::string& where, checker& c,
              bool required = true) {
    text out;
    if (auto zh = get_string(t, std::string(stem) + "_zh", where, c, required)) out.zh = *zh;
    if (auto en = get_string(t, std::string(stem) + "_en", where, c, required)) out.en = *en;
    return out;
}

// A number given as integer or decimal, converted to hundredths (at most two decimals).
std::optional<std::int64_t> get_hundredths(const toml::node& n, const std::string& field, checker& c) {
    if (auto i = n.value_exact<std::int64_t>()) return *i * 100;
    if (auto d = n.value_exact<double>()) {
        double x = *d * 100.0;
        if (std::isfinite(x) && std::fabs(x - std::round(x)) < 1e-6 && std::fabs(x) < 1e15)
            return static_cast<std::int64_t>(std::llround(x));
        c.add(field, "最多两位小数", "at most two decimal places");
        return std::nullopt;
    }
    c.add(field, "应为数字", "must be a number");
    return std::nullopt;
}

// Years (integer or decimal) converted to whole months.
std::optional<int> get_months(const toml::node& n, const std::string& field, checker& c) {
    double years = 0;
    if (auto i = n.value_exact<std::int64_t>()) years = static_cast<double>(*i);
    else if (auto d = n.value_exact<double>()) years = *d;
    else { c.add(field, "应为年数（数字）", "must be a number of years"); return std::nullopt; }
    double m = years * 12.0;
    if (!(m >= 0) || m > 12.0 * 80 || std::fabs(m - std::round(m)) > 1e-6) {
        c.add(field, "年数应在 0–80 之间且折合为整月", "years must be 0–80 and a whole number of months");
        return std::nullopt;
    }
    return static_cast<int>(std::lround(m));
}

std::vector<text> get_text_list(const toml::table& t, std::string_view key, const std::string& where,
                                checker& c) {
    std::vector<text> out;
    auto arr = t[key].as_array();
    std::string field = where + "." + std::string(key);
    if (!arr) {
        c.add(field, "缺少要求列表", "requirement list is missing");
        return out;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
        auto item = (*arr)[i].as_table();
        std::string f = field + "[" + std::to_string(i) + "]";
        if (!item) { c.add(f, "应为 { zh = …, en = … }", "must be { zh = …, en = … }"); continue; }
        text tx;
        if (auto zh = get_string(*item, "zh", f, c)) tx.zh = *zh;
        if (auto en = get_string(*item, "en", f, c)) tx.en = *en;
        if (tx.zh.empty() || tx.en.empty()) c.add(f, "中英文均不能为空", "both zh and en text are required");
        out.push_back(std::move(tx));
    }
    return out;
}

void check_unknown_keys(const toml::table& t, std::initializer_list<std::string_view> known,
                        const std::string& where, checker& c) {
    for (auto& [k, v] : t) {
        if (std::find(known.begin(), known.end(), k.str()) == known.end())
            c.add(where + "." + std::string(k.str()), "未知字段", "unknown field");
    }
}

eligibility_path parse_path(const toml::table& t, const std::string& where, checker& c) {
    eligibility_path p;
    check_unknown_keys(t, {"years_of_work", "years_at_previous_level", "education", "training_hours",
                           "training_window_months", "required_courses", "held_certificate"},
                       where, c);
    if (auto n = t.get("years_of_work")) p.work_months = get_months(*n, where + ".years_of_work", c);
    if (auto n = t.get("years_at_previous_level"))
        p.months_at_previous = get_months(*n, where + ".years_at_previous_level", c);
    if (auto s = get_string(t, "education", where, c, false)) {
        p.min_education = education_from(*s);
        if (!p.min_education)
            c.add(where + ".education", "未知学历：" + *s, "unknown education level: " + *s);
    }
    if (auto n = t.get("training_hours")) {
        auto h = n->value_exact<std::int64_t>();
        if (!h || *h < 0 || *h > 10000)
            c.add(where + ".training_hours", "学时应为 0–10000 的整数", "hours must be an integer 0–10000");
        else p.training_hours = static_cast<int>(*h);
    }
    if (auto n = t.get("training_window_months")) {
        auto m = n->value_exact<std::int64_t>();
        if (!m || *m < 1 || *m > 120)
            c.add(where + ".training_window_months", "应为 1–120 的整数", "must be an integer 1–120");
        else p.training_window_months = static_cast<int>(*m);
    }
    if (auto n = t.get("required_courses")) {
        auto arr = n->as_array();
        if (!arr) c.add(where + ".required_courses", "应为课程代码列表", "must be a list of course codes");
        else
            for (auto& e : *arr) {
                if (auto s = e.value<std::string>()) p.required_courses.push_back(*s);
                else c.add(where + ".required_courses", "课程代码应为文本", "course codes must be strings");
            }
    }
    if (auto s = get_string(t, "held_certificate", where, c, false)) p.held_certificate = *s;
    return p;
}

}  // namespace

std::string_view to_string(difficulty d) { return kDifficulty[static_cast<int>(d) - 1].code; }
std::string_view to_string(education e) { return kEducation[static_cast<int>(e)].code; }
std::string_view to_string(component_kind k) { return kComponent[static_cast<int>(k)].code; }
const text& label(difficulty d) { return kDifficulty[static_cast<int>(d) - 1].label; }
const text& label(education e) { return kEducation[static_cast<int>(e)].label; }
const text& label(component_kind k) { return kComponent[static_cast<int>(k)].label; }
std::optional<difficulty> difficulty_from(std::string_view s) { return lookup<difficulty>(kDifficulty, s, 1); }
std::optional<education> education_from(std::string_view s) {
    if (s == "高中" || s == "中专" || s == "技校") return education::high_school;
    return lookup<education>(kEducation, s, 0);
}
std::optional<component_kind> component_from(std::string_view s) { return lookup<component_kind>(kComponent, s, 0); }

bool eligibility_path::empty() const {
    return !work_months && !months_at_previous && !min_education && !training_hours &&
           required_courses.empty() && !held_certificate;
}

const level* scheme::find_level(std::string_view c) const {
    for (auto& l : levels)
        if (l.code == c) return &l;
    return nullptr;
}

result<scheme> parse_scheme(std::string_view source, std::string_view file_name) {
    checker c(file_name);
    toml::table root;
    try {
        root = toml::parse(source, file_name);
    } catch (const toml::parse_error& e) {
        auto where = "line " + std::to_string(e.source().begin.line) + ", column " +
                     std::to_string(e.source().begin.column);
        c.add(where, "TOML 语法错误：" + std::string(e.description()),
              "TOML syntax error: " + std::string(e.description()));
        return std::unexpected(c.take());
    }
    scheme s;
    check_unknown_keys(root, {"scheme", "courses", "levels"}, "", c);
    if (auto head = root["scheme"].as_table()) {
        check_unknown_keys(*head, {"code", "name_zh", "name_en", "description_zh", "description_en", "recertification_lower_by"},
                           "scheme", c);
        if (auto node = (*head)["recertification_lower_by"]) {
            auto v = node.value_exact<std::int64_t>();
            if (!v || *v < 0 || *v > 9)
                c.add("scheme.recertification_lower_by", "复审未通过降级数应为 0–9 的整数",
                      "recertification_lower_by must be a whole number 0–9");
            else s.recertification_lower_by = static_cast<int>(*v);
        }
        if (auto code = get_string(*head, "code", "scheme", c)) s.code = *code;
        s.name = get_text(*head, "name", "scheme", c);
        s.description = get_text(*head, "description", "scheme", c, false);
        if (!s.code.empty() && (s.code.size() > 64 || s.code.find_first_of(" /\\\"'") != std::string::npos))
            c.add("scheme.code", "代码不能含空格或斜杠，最长 64 字符", "code must have no spaces or slashes, at most 64 chars");
    } else {
        c.add("scheme", "缺少 [scheme] 段", "the [scheme] table is missing");
    }

    std::set<std::string> course_codes;
    if (auto arr = root["courses"].as_array()) {
        for (std::size_t i = 0; i < arr->size(); ++i) {
            std::string where = "courses[" + std::to_string(i) + "]";
            auto t = (*arr)[i].as_table();
            if (!t) { c.add(where, "应为表", "must be a table"); continue; }
            course co;
            if (auto code = get_string(*t, "code", where, c)) co.code = *code;
            co.name = get_text(*t, "name", where, c);
            if (!course_codes.insert(co.code).second)
                c.add(where + ".code", "课程代码重复：" + co.code, "duplicate course code: " + co.code);
            s.courses.push_back(std::move(co));
        }
    }

    auto levels = root["levels"].as_array();
    if (!levels || levels->empty()) {
        c.add("levels", "至少需要一个等级", "at least one level is required");
        return std::unexpected(c.take());
    }
    std::set<std::string> level_codes;
    for (std::size_t i = 0; i < levels->size(); ++i) {
        auto t = (*levels)[i].as_table();
        std::string where = "levels[" + std::to_string(i) + "]";
        if (!t) { c.add(where, "应为表", "must be a table"); continue; }
        level lv;
        if (auto code = get_string(*t, "code", where, c)) lv.code = *code;
        if (!lv.code.empty()) where = "levels[" + lv.code + "]";
        check_unknown_keys(*t, {"rank", "code", "name_zh", "name_en", "max_difficulty", "pass_mark", "validity_months",
                                "monthly_allowance", "basic_requirements", "skill_requirements", "eligibility",
                                "components"},
                           where, c);
        if (!lv.code.empty() && !level_codes.insert(lv.code).second)
            c.add(where + ".code", "等级代码重复", "duplicate level code");
        if (auto r = (*t)["rank"].value_exact<std::int64_t>()) lv.rank = static_cast<int>(*r);
        else c.add(where + ".rank", "缺少整数 rank", "rank must be an integer");
        lv.label = get_text(*t, "name", where, c);
        if (auto d = get_string(*t, "max_difficulty", where, c)) {
            if (auto v = difficulty_from(*d)) lv.max_difficulty = *v;
            else c.add(where + ".max_difficulty", "应为 simple/general/complex/difficult（简单/一般/复杂/疑难）",
                       "must be simple/general/complex/difficult");
        }
        if (auto n = t->get("pass_mark")) {
            if (auto v = get_hundredths(*n, where + ".pass_mark", c)) lv.pass_mark = *v;
        } else c.add(where + ".pass_mark", "缺少必填字段", "required field is missing");
        if (lv.pass_mark < 0 || lv.pass_mark > 10000)
            c.add(where + ".pass_mark", "及格线应在 0–100 之间", "pass mark must be between 0 and 100");
        if (auto v = (*t)["validity_months"].value_exact<std::int64_t>()) {
            lv.validity_months = static_cast<int>(*v);
            if (*v < 1 || *v > 240) c.add(where + ".validity_months", "有效期应为 1–240 个月", "validity must be 1–240 months");
        } else c.add(where + ".validity_months", "缺少整数月数", "validity_months must be an integer");
        if (auto n = t->get("monthly_allowance")) {
            if (auto v = get_hundredths(*n, where + ".monthly_allowance", c)) {
                lv.monthly_allowance = *v;
                if (*v < 0) c.add(where + ".monthly_allowance", "津贴不能为负", "allowance cannot be negative");
            }
        }
        lv.basic_requirements = get_text_list(*t, "basic_requirements", where, c);
        lv.skill_requirements = get_text_list(*t, "skill_requirements", where, c);

        if (auto arr = (*t)["eligibility"].as_array()) {
            for (std::size_t j = 0; j < arr->size(); ++j) {
                std::string pw = where + ".eligibility[" + std::to_string(j) + "]";
                auto pt = (*arr)[j].as_table();
                if (!pt) { c.add(pw, "应为表", "must be a table"); continue; }
                auto p = parse_path(*pt, pw, c);
                if (p.empty()) c.add(pw, "路径中没有任何条件", "the path has no condition");
                for (auto& code : p.required_courses)
                    if (!course_codes.count(code))
                        c.add(pw + ".required_courses", "未知课程：" + code, "unknown course: " + code);
                lv.eligibility.push_back(std::move(p));
            }
        }
        int weight_sum = 0;
        std::set<component_kind> kinds;
        if (auto arr = (*t)["components"].as_array()) {
            for (std::size_t j = 0; j < arr->size(); ++j) {
                std::string cw = where + ".components[" + std::to_string(j) + "]";
                auto ct = (*arr)[j].as_table();
                if (!ct) { c.add(cw, "应为表", "must be a table"); continue; }
                check_unknown_keys(*ct, {"kind", "weight", "pass_mark"}, cw, c);
                component comp;
                if (auto k = get_string(*ct, "kind", cw, c)) {
                    if (auto v = component_from(*k)) comp.kind = *v;
                    else c.add(cw + ".kind", "未知考核项：" + *k, "unknown component: " + *k);
                    if (!kinds.insert(comp.kind).second) c.add(cw + ".kind", "考核项重复", "duplicate component");
                }
                if (auto w = (*ct)["weight"].value_exact<std::int64_t>()) {
                    comp.weight_pct = static_cast<int>(*w);
                    if (*w < 0 || *w > 100) c.add(cw + ".weight", "权重应在 0–100 之间", "weight must be 0–100");
                } else c.add(cw + ".weight", "权重应为整数百分比", "weight must be an integer percent");
                if (auto n = ct->get("pass_mark")) {
                    if (auto v = get_hundredths(*n, cw + ".pass_mark", c)) comp.pass_mark = *v;
                    if (comp.pass_mark < 0 || comp.pass_mark > 10000)
                        c.add(cw + ".pass_mark", "及格线应在 0–100 之间", "pass mark must be between 0 and 100");
                }
                weight_sum += comp.weight_pct;
                lv.components.push_back(comp);
            }
        }
        if (lv.components.empty())
            c.add(where + ".components", "至少需要一个考核项", "at least one assessment component is required");
        else if (weight_sum != 100)
            c.add(where + ".components", "权重之和为 " + std::to_string(weight_sum) + "%，应为 100%",
                  "weights sum to " + std::to_string(weight_sum) + "%, must be 100%");
        s.levels.push_back(std::move(lv));
    }
    std::sort(s.levels.begin(), s.levels.end(), [](auto& a, auto& b) { return a.rank < b.rank; });
    for (std::size_t i = 0; i < s.levels.size(); ++i)
        if (s.levels[i].rank != static_cast<int>(i) + 1) {
            c.add("levels[" + s.levels[i].code + "].rank",
                  "等级 rank 应从 1 起连续，此处应为 " + std::to_string(i + 1),
                  "ranks must be contiguous from 1; expected " + std::to_string(i + 1));
            break;
        }
    for (auto& lv : s.levels)
        for (std::size_t j = 0; j < lv.eligibility.size(); ++j)
            if (auto& held = lv.eligibility[j].held_certificate; held && !s.find_level(*held))
                c.add("levels[" + lv.code + "].eligibility[" + std::to_string(j) + "].held_certificate",
                      "未知等级代码：" + *held, "unknown level code: " + *held);
    if (!c.ok()) return std::unexpected(c.take());
    return s;
}

text describe(const eligibility_path& p, const scheme& s) {
    std::vector<text> parts;
    if (p.work_months) parts.push_back({"累计工作 ≥ " + years_text(*p.work_months).zh,
                                        "work experience ≥ " + years_text(*p.work_months).en});
    if (p.months_at_previous)
        parts.push_back({"本级任职 ≥ " + years_text(*p.months_at_previous).zh,
                         "≥ " + years_text(*p.months_at_previous).en + " at the previous level"});
    if (p.min_education) parts.push_back({"学历 ≥ " + label(*p.min_education).zh,
                                          "education ≥ " + label(*p.min_education).en});
    if (p.training_hours)
        parts.push_back({"近 " + std::to_string(p.training_window_months) + " 个月培训 ≥ " +
                             std::to_string(*p.training_hours) + " 学时",
                         "≥ " + std::to_string(*p.training_hours) + " training hours in the last " +
                             std::to_string(p.training_window_months) + " months"});
    for (auto& code : p.required_courses) {
        text name{code, code};
        for (auto& co : s.courses)
            if (co.code == code) name = co.name;
        parts.push_back({"完成课程《" + name.zh + "》", "completed course \"" + name.en + "\""});
    }
    if (p.held_certificate) {
        text name{*p.held_certificate, *p.held_certificate};
        if (auto lv = s.find_level(*p.held_certificate)) name = lv->label;
        parts.push_back({"持有" + name.zh + "证书", "holds the " + name.en + " certificate"});
    }
    text out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) { out.zh += "；"; out.en += "; "; }
        out.zh += parts[i].zh;
        out.en += parts[i].en;
    }
    return out;
}

std::vector<scheme_change> diff(const scheme& a, const scheme& b) {
    std::vector<scheme_change> out;
    auto cmp = [&](const std::string& path, const std::string& x, const std::string& y) {
        if (x != y) out.push_back({path, x, y});
    };
    auto join = [](const std::vector<text>& v) {
        std::string s;
        for (auto& t : v) s += (s.empty() ? "" : "\n") + t.zh + " / " + t.en;
        return s;
    };
    auto paths = [](const level& l, const scheme& s) {
        std::string out;
        for (auto& p : l.eligibility) out += (out.empty() ? "" : "\n") + describe(p, s).zh;
        return out;
    };
    auto comps = [](const level& l) {
        std::string out;
        for (auto& c : l.components)
            out += (out.empty() ? "" : "；") + label(c.kind).zh + " " + std::to_string(c.weight_pct) + "% ≥ " +
                   format_hundredths(c.pass_mark);
        return out;
    };
    cmp("scheme.name", a.name.zh + " / " + a.name.en, b.name.zh + " / " + b.name.en);
    cmp("scheme.description", a.description.zh, b.description.zh);
    cmp("scheme.recertification_lower_by", std::to_string(a.recertification_lower_by), std::to_string(b.recertification_lower_by));
    std::map<int, const level*> la, lb;
    for (auto& l : a.levels) la[l.rank] = &l;
    for (auto& l : b.levels) lb[l.rank] = &l;
    for (int r = 1; r <= static_cast<int>(std::max(a.levels.size(), b.levels.size())); ++r) {
        std::string p = "levels[" + std::to_string(r) + "]";
        auto x = la.count(r) ? la[r] : nullptr;
        auto y = lb.count(r) ? lb[r] : nullptr;
        if (!x || !y) {
            cmp(p, x ? x->label.zh : "", y ? y->label.zh : "");
            continue;
        }
        cmp(p + ".code", x->code, y->code);
        cmp(p + ".name", x->label.zh + " / " + x->label.en, y->label.zh + " / " + y->label.en);
        cmp(p + ".basic_requirements", join(x->basic_requirements), join(y->basic_requirements));
        cmp(p + ".skill_requirements", join(x->skill_requirements), join(y->skill_requirements));
        cmp(p + ".max_difficulty", label(x->max_difficulty).zh, label(y->max_difficulty).zh);
        cmp(p + ".eligibility", paths(*x, a), paths(*y, b));
        cmp(p + ".components", comps(*x), comps(*y));
        cmp(p + ".pass_mark", format_hundredths(x->pass_mark), format_hundredths(y->pass_mark));
        cmp(p + ".validity_months", std::to_string(x->validity_months), std::to_string(y->validity_months));
        cmp(p + ".monthly_allowance", format_hundredths(x->monthly_allowance), format_hundredths(y->monthly_allowance));
    }
    return out;
}

}  // namespace skillgrade::core
