#include "core/people.hpp"

#include "core/text.hpp"

#include "core/scheme.hpp"

namespace skillgrade::core {
namespace {
struct role_name {
    role r;
    std::string_view code;
    text label;
};
const role_name kRoles[] = {
    {role::admin, "admin", {"系统管理员", "Administrator"}},
    {role::hr, "hr", {"人力资源", "HR"}},
    {role::examiner, "examiner", {"考评员", "Examiner"}},
    {role::committee, "committee", {"评审委员", "Committee member"}},
    {role::manager, "manager", {"主管", "Manager"}},
    {role::engineer, "engineer", {"工程师", "Engineer"}},
    {role::auditor, "auditor", {"审计员", "Auditor"}},
};

bool plausible_email(std::string_view e) {
    auto at = e.find('@');
    return at != std::string_view::npos && at > 0 && e.find('.', at) != std::string_view::npos &&
           e.back() != '.' && e.find(' ') == std::string_view::npos;
}
bool plausible_phone(std::string_view p) {
    if (p.size() < 5 || p.size() > 20) return false;
    for (char c : p)
        if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ')) return false;
    return true;
}
}  // namespace

std::string_view to_string(role r) { return kRoles[static_cast<int>(r)].code; }
const text& label(role r) { return kRoles[static_cast<int>(r)].label; }
std::optional<role> role_from(std::string_view s) {
    for (auto& x : kRoles)
        if (x.code == s) return x.r;
    return std::nullopt;
}

std::string trim(std::string_view s) {
    auto is_space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    // Full-width space (U+3000) at either end.
    while (s.starts_with("\u3000")) s.remove_prefix(3);
    while (s.ends_with("\u3000")) s.remove_suffix(3);
    return std::string(s);
}

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        auto t = trim(cur);
        if (!t.empty()) out.push_back(t);
        cur.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == ',' || s[i] == ';' || s[i] == '|') { flush(); ++i; continue; }
        if (s.substr(i).starts_with("、") || s.substr(i).starts_with("，") || s.substr(i).starts_with("；")) {
            flush();
            i += 3;
            continue;
        }
        cur += s[i++];
    }
    flush();
    return out;
}

std::vector<field_error> validate(const engineer_input& in, date today, int max_rank) {
    std::vector<field_error> errs;
    auto add = [&](std::string field, std::string zh, std::string en) {
        errs.push_back({std::move(field), {std::move(zh), std::move(en)}});
    };
    if (in.employee_no.empty()) add("employee_no", "工号不能为空", "employee number is required");
    else if (auto why = text_problem(in.employee_no, 32)) errs.push_back({"employee_no", *why});
    if (in.name.empty()) add("name", "姓名不能为空", "name is required");
    else if (auto why = text_problem(in.name, 100)) errs.push_back({"name", *why});
    if (in.org_unit_code.empty()) add("org_unit", "组织单元不能为空", "org unit is required");
    auto hire = parse_date(in.hire_date);
    if (!hire) add("hire_date", "入职日期无效，应为 YYYY-MM-DD", "hire date is invalid; use YYYY-MM-DD");
    else if (*hire > today) add("hire_date", "入职日期不能晚于今天", "hire date cannot be in the future");
    auto start = parse_date(in.career_start);
    if (!start) add("career_start", "参加工作日期无效，应为 YYYY-MM-DD", "career start date is invalid; use YYYY-MM-DD");
    else if (*start > today) add("career_start", "参加工作日期不能晚于今天", "career start cannot be in the future");
    else if (hire && *start > *hire)
        add("career_start", "参加工作日期不能晚于入职日期", "career start cannot be after the hire date");
    if (!education_from(in.education))
        add("education", "学历无效：" + in.education + "（初中/高中/中专/大专/本科/硕士/博士）",
            "unknown education: " + in.education);
    if (!in.phone.empty() && !plausible_phone(in.phone)) add("phone", "手机号格式无效", "phone number is invalid");
    if (!in.email.empty() && !plausible_email(in.email)) add("email", "邮箱格式无效", "e-mail address is invalid");
    if (in.status != "active" && in.status != "left")
        add("status", "状态应为 在职(active) 或 离职(left)", "status must be active or left");
    if (in.rank < 0 || in.rank > max_rank)
        add("rank", "等级应在 0–" + std::to_string(max_rank) + " 之间", "level must be 0–" + std::to_string(max_rank));
    if (in.rank > 0) {
        auto since = parse_date(in.level_since);
        if (!since) add("level_since", "等级起始日期无效，应为 YYYY-MM-DD", "level date is invalid; use YYYY-MM-DD");
        else if (*since > today) add("level_since", "等级起始日期不能晚于今天", "level date cannot be in the future");
    }
    return errs;
}

}  // namespace skillgrade::core
