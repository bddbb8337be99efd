// Training records: imported from a sheet (all rows or none), counted by the eligibility rules.
#include "app/training.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <boost/json.hpp>

#include "app/audit.hpp"
#include "app/engineers.hpp"
#include "app/import_report.hpp"
#include "app/sheet.hpp"
#include "app/views.hpp"
#include "documents/tables.hpp"
#include "storage/engineers.hpp"
#include "storage/product_lines.hpp"
#include "storage/schemes.hpp"
#include "storage/training.hpp"

namespace skillgrade::app {
namespace {
const sheet_column kTraining[] = {
    {"employee_no", {"工号", "Employee No."}, true},
    {"course", {"课程代码", "Course code"}, true},
    {"hours", {"学时", "Hours"}, true},
    {"date", {"日期", "Date"}, true},
    {"passed", {"是否通过", "Passed"}, true},
};

// Every course of every scheme's latest version, in the schemes' order.
std::vector<course_entry> catalogue(storage::unit_of_work& tx) {
    std::vector<course_entry> out;
    for (auto& row : storage::schemes::list(tx)) {
        auto v = storage::schemes::version(tx, row.id, 0);
        if (!v) continue;
        auto s = core::parse_scheme(v->source, row.code);
        if (!s) continue;
        for (auto& c : s->courses) {
            course_entry e{row.id, row.code, {row.name_zh, row.name_en}, c, {}};
            for (auto& l : s->levels)
                if (std::any_of(l.eligibility.begin(), l.eligibility.end(), [&](auto& p) {
                        return std::find(p.required_courses.begin(), p.required_courses.end(), c.code) != p.required_courses.end();
                    }))
                    e.required_for.push_back(l.label);
            out.push_back(std::move(e));
        }
    }
    return out;
}

std::optional<bool> yes_no(const std::string& v) {
    if (v == "是" || v == "通过" || v == "Y" || v == "y" || v == "yes" || v == "true" || v == "TRUE" || v == "1") return true;
    if (v == "否" || v == "未通过" || v == "N" || v == "n" || v == "no" || v == "false" || v == "FALSE" || v == "0") return false;
    return std::nullopt;
}
}  // namespace

result<import_report> import_training(context& ctx, const principal& p, std::string_view bytes, bool dry_run, job_control* control) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    import_report report;
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    std::set<std::string> known;
    for (auto& c : catalogue(tx)) known.insert(c.course.code);
    std::map<std::string, std::int64_t> ids;
    std::vector<storage::training_row> rows;
    auto day = ctx.today();
    auto now = ctx.now_iso();
    auto header = import_rows(bytes, kTraining, report, control, [&](const sheet_header&, std::vector<sheet_row>& batch) {
        rows.clear();
        std::vector<std::string> unknown;
        for (auto& row : batch)
            if (!ids.count(row.value(0))) unknown.push_back(row.value(0));
        for (auto& [no, id] : storage::engineers::ids_by_employee_no(tx, unknown)) ids[no] = id;
        for (auto& row : batch) {
            auto err = [&](int col, std::string zh, std::string en) {
                report.add({kTraining[col].key, {std::move(zh), std::move(en)}, row.number, kTraining[col].header.zh});
            };
            storage::training_row r;
            r.source = "import";
            auto& no = row.value(0);
            auto it = ids.find(no);
            r.engineer_id = it == ids.end() ? 0 : it->second;
            if (!r.engineer_id) err(0, "工号不存在：" + no, "no engineer with number " + no);
            r.course_code = row.value(1);
            if (r.course_code.empty() || r.course_code.size() > 32) err(1, "课程代码不能为空，最长 32 字符", "course code must be 1–32 characters");
            else if (!known.count(r.course_code))
                err(1, "课程代码不在课程目录中：" + r.course_code, "the course code is not in the course catalogue: " + r.course_code);
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
        // Written as it goes, in the one unit of work: a later error rolls every row back.
        if (!report.failed() && !dry_run) storage::training::insert(tx, rows, now);
    });
    if (!header) return std::unexpected(header.error());
    if (report.failed()) return report;
    if (report.rows == 0)
        return core::fail(core::errc::invalid_input, "import.no_rows", {"文件中没有数据行", "The file has no data rows"});
    if (dry_run) return report;
    ctx.audit(tx, p.username, "training.import", "training", "import", "{}",
              boost::json::serialize(boost::json::object{{"count", report.rows}, {"file_sha256", sha256_hex(bytes)}}));
    tx.commit();
    report.imported = true;
    return report;
}

result<std::vector<storage::training_row>> list_training(context& ctx, const principal& p, std::int64_t engineer_id) {
    auto e = get_engineer(ctx, p, engineer_id);  // the same permission and scope as the profile
    if (!e) return std::unexpected(e.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::training::for_engineer(tx, engineer_id);
}

result<std::vector<course_entry>> list_courses(context& ctx, const principal& p) {
    if (auto c = check(p, perm::schemes_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return catalogue(tx);
}

result<std::vector<storage::product_line>> list_product_lines(context& ctx, const principal& p) {
    if (auto c = check(p, perm::engineers_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::product_lines::list(tx);
}

result<std::string> training_template(context& ctx, const principal& p) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto courses = catalogue(tx);
    documents::table t, codes;
    std::vector<std::string> header;
    for (auto& c : kTraining) header.push_back(c.header.zh);
    t.rows.push_back(header);
    // A sample row that imports as it is: a real engineer, a real course, a date in the past.
    storage::engineer_filter f;
    f.page_size = 1;
    f.status = "active";
    auto first = storage::engineers::list(tx, f);
    auto day = core::format_date(core::date{std::chrono::sys_days{ctx.today()} - std::chrono::days{1}});
    t.rows.push_back({first.items.empty() ? "E000001" : first.items.front().employee_no,
                      courses.empty() ? "SAFE-101" : courses.front().course.code, "8", day, "是"});
    codes.rows.push_back({"课程代码", "课程名称", "Course", "所属方案"});
    for (auto& c : courses) codes.rows.push_back({c.course.code, c.course.name.zh, c.course.name.en, c.scheme_name.zh});
    return documents::write_xlsx({{"培训记录", documents::rows_of(t)}, {"课程目录", documents::rows_of(codes)}});
}

}  // namespace skillgrade::app
