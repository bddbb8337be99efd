// Training records: imported from a sheet (all rows or none), counted by the eligibility rules.
#include <boost/json.hpp>
#include <map>

#include "app/service.hpp"
#include "app/sheet.hpp"
#include "app/views.hpp"

namespace skillgrade::app {
namespace {
const sheet_column kTraining[] = {
    {"employee_no", {"工号", "Employee No."}, true},
    {"course", {"课程代码", "Course code"}, true},
    {"hours", {"学时", "Hours"}, true},
    {"date", {"日期", "Date"}, true},
    {"passed", {"是否通过", "Passed"}, true},
};

std::optional<bool> yes_no(const std::string& v) {
    if (v == "是" || v == "通过" || v == "Y" || v == "y" || v == "yes" || v == "true" || v == "TRUE" || v == "1") return true;
    if (v == "否" || v == "未通过" || v == "N" || v == "n" || v == "no" || v == "false" || v == "FALSE" || v == "0") return false;
    return std::nullopt;
}
}  // namespace

result<import_report> service::import_training(const principal& p, std::string_view bytes, bool dry_run) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    auto sheet = read_sheet(bytes, kTraining);
    if (!sheet) return std::unexpected(sheet.error());
    import_report report;
    report.errors = std::move(sheet->errors);
    if (!report.errors.empty()) return report;
    report.rows = static_cast<int>(sheet->rows.size());
    if (sheet->rows.empty())
        return core::fail(core::errc::invalid_input, "import.no_rows", {"文件中没有数据行", "The file has no data rows"});
    storage::unit_of_work tx(db_, storage::write::yes);
    std::map<std::string, std::int64_t> ids;
    std::vector<storage::training_row> rows;
    auto day = today();
    for (auto& row : sheet->rows) {
        auto err = [&](int col, std::string zh, std::string en) {
            report.errors.push_back({kTraining[col].key, {std::move(zh), std::move(en)}, row.number, kTraining[col].header.zh});
        };
        storage::training_row r;
        r.source = "import";
        auto& no = row.value(0);
        auto it = ids.find(no);
        if (it == ids.end()) it = ids.emplace(no, storage::engineers::id_by_employee_no(tx, no).value_or(0)).first;
        if (!it->second) err(0, "工号不存在：" + no, "no engineer with number " + no);
        r.engineer_id = it->second;
        r.course_code = row.value(1);
        if (r.course_code.empty() || r.course_code.size() > 32) err(1, "课程代码不能为空，最长 32 字符", "course code must be 1–32 characters");
        auto& h = row.value(2);
        if (h.empty() || h.size() > 4 || h.find_first_not_of("0123456789") != std::string::npos || std::stoi(h) > 1000)
            err(2, "学时应为 0–1000 的整数", "hours must be a whole number 0–1000");
        else r.hours = std::stoi(h);
        r.completed_on = normalise_date(row.value(3));
        auto d = core::parse_date(r.completed_on);
        if (!d) err(3, "日期无效，应为 YYYY-MM-DD", "invalid date; use YYYY-MM-DD");
        else if (*d > day) err(3, "日期不能晚于今天", "the date cannot be in the future");
        if (auto passed = yes_no(row.value(4))) r.passed = *passed;
        else err(4, "是否通过应为 是/否", "passed must be yes or no");
        rows.push_back(std::move(r));
    }
    if (!report.errors.empty() || dry_run) return report;
    storage::training::insert(tx, rows, now_iso());
    audit(tx, p.username, "training.import", "training", "import", "{}",
          boost::json::serialize(boost::json::object{{"count", rows.size()}, {"file_sha256", sha256_hex(bytes)}}));
    tx.commit();
    report.imported = true;
    return report;
}

result<std::vector<storage::training_row>> service::list_training(const principal& p, std::int64_t engineer_id) {
    auto e = get_engineer(p, engineer_id);  // the same permission and scope as the profile
    if (!e) return std::unexpected(e.error());
    storage::unit_of_work tx(db_, storage::write::no);
    return storage::training::for_engineer(tx, engineer_id);
}

}  // namespace skillgrade::app
