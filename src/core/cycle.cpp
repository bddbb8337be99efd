#include "core/cycle.hpp"

#include <chrono>

namespace skillgrade::core {
namespace {
struct status_name {
    cycle_status s;
    std::string_view code;
    text label;
};
const status_name kStatuses[] = {
    {cycle_status::draft, "draft", {"草稿", "draft"}},
    {cycle_status::application, "application", {"申报", "application"}},
    {cycle_status::eligibility_review, "eligibility_review", {"基本条件审核", "eligibility review"}},
    {cycle_status::written_exam, "written_exam", {"笔试", "written exam"}},
    {cycle_status::practical_test, "practical_test", {"实际操作考核", "practical test"}},
    {cycle_status::interview, "interview", {"面试", "interview"}},
    {cycle_status::committee_review, "committee_review", {"评审委员会评审", "committee review"}},
    {cycle_status::public_notice, "public_notice", {"公示", "public notice"}},
    {cycle_status::appeal, "appeal", {"申诉处理", "appeals"}},
    {cycle_status::certification, "certification", {"等级认证", "certification"}},
    {cycle_status::closed, "closed", {"已结束", "closed"}},
};
}  // namespace

std::string_view to_string(cycle_status s) { return kStatuses[static_cast<int>(s)].code; }
const text& label(cycle_status s) { return kStatuses[static_cast<int>(s)].label; }
std::optional<cycle_status> cycle_status_from(std::string_view s) {
    for (auto& x : kStatuses)
        if (x.code == s) return x.s;
    return std::nullopt;
}

result<cycle_status> transition(cycle_status from, cycle_status to, std::string_view reason) {
    int a = static_cast<int>(from), b = static_cast<int>(to);
    if (b == a + 1) return to;
    if (b == a - 1 && from != cycle_status::closed) {
        if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
            return fail(errc::invalid_input, "cycle.reason_required",
                        {"退回上一阶段需填写原因", "Going back a phase needs a written reason"},
                        {{"reason", {"必填", "required"}}});
        return to;
    }
    return fail(errc::conflict, "cycle.transition",
                {"不能从“" + label(from).zh + "”直接转到“" + label(to).zh + "”",
                 "Cannot move from " + label(from).en + " to " + label(to).en});
}

bool work_calendar::is_working_day(date d) const {
    if (workdays.count(d)) return true;
    if (holidays.count(d)) return false;
    std::chrono::weekday wd{std::chrono::sys_days{d}};
    return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

date add_working_days(date start, int days, const work_calendar& cal) {
    auto d = std::chrono::sys_days{start};
    while (days > 0) {
        d += std::chrono::days{1};
        if (cal.is_working_day(date{d})) --days;
    }
    return date{d};
}

}  // namespace skillgrade::core
