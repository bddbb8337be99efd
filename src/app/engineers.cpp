// Engineers: scoped listing, profile, create, edit, levels, import (all or nothing), export, next-level checklist.
#include "app/audit.hpp"
#include "app/engineers.hpp"

#include <map>
#include <set>
#include <boost/json.hpp>

#include "app/caches.hpp"
#include "app/evaluation.hpp"
#include "app/import_report.hpp"
#include "app/org.hpp"
#include "app/schemes.hpp"
#include "app/sheet.hpp"
#include "app/views.hpp"
#include "core/text.hpp"
#include "documents/tables.hpp"
#include "storage/engineers.hpp"
#include "storage/evaluation.hpp"
#include "storage/org_units.hpp"
#include "storage/schemes.hpp"
#include "storage/training.hpp"

namespace skillgrade::app {
namespace {

// The import/export columns; the template uses the Chinese headers, English ones are accepted too.
const sheet_column kColumns[] = {
    {"employee_no", {"工号", "Employee No."}, true},
    {"name", {"姓名", "Name"}, true},
    {"org_unit", {"组织单元编码", "Org unit code"}, true},
    {"hire_date", {"入职日期", "Hire date"}, true},
    {"career_start", {"参加工作日期", "Career start"}, true},
    {"education", {"学历", "Education"}, true},
    {"product_lines", {"产品线", "Product lines"}, false},
    {"phone", {"手机", "Phone"}, false},
    {"email", {"邮箱", "E-mail"}, false},
    {"status", {"状态", "Status"}, false},
    {"level", {"当前等级", "Level"}, false},
    {"level_since", {"等级起始日期", "Level since"}, false},
};

std::string normalise_status(const std::string& s) {
    auto t = core::trim(s);
    if (t.empty() || t == "在职" || t == "active") return "active";
    if (t == "离职" || t == "left") return "left";
    return t;
}

// Level cell: a rank number, a level code (L3) or label (高级售后工程师) of the default scheme.
std::optional<int> parse_level(const std::string& raw, const core::scheme& s) {
    auto t = core::trim(raw);
    if (t.empty() || t == "0" || t == "无") return 0;
    if (t.find_first_not_of("0123456789") == std::string::npos && t.size() < 3) return std::stoi(t);
    for (auto& l : s.levels)
        if (t == l.code || t == l.label.zh || t == l.label.en) return l.rank;
    return std::nullopt;
}


}  // namespace

void engineers_changed(context& ctx) { ++ctx.cache().generation; }

// The one role × field table for an engineer's contact details: phone and e-mail go to HR and
// admin, to the managers whose org subtree holds the engineer, and to the engineer; examiners,
// committee members and auditors see the record without them.
bool sees_contact(const principal& p, const core::engineer& e) {
    using core::role;
    if (p.has(role::admin) || p.has(role::hr)) return true;
    if (p.engineer_id && *p.engineer_id == e.id) return true;
    return p.has(role::manager) && !p.org_path.empty() && e.org_path.starts_with(p.org_path);
}

core::engineer minimised(const principal& p, core::engineer e) {
    if (!sees_contact(p, e)) {
        e.phone.clear();
        e.email.clear();
    }
    return e;
}

void scope(const principal& p, storage::engineer_filter& f) {
    using core::role;
    if (p.has(role::admin) || p.has(role::hr) || p.has(role::auditor) || p.has(role::examiner) || p.has(role::committee))
        return;
    if (p.has(role::manager)) {
        f.scope_path = p.org_path.empty() ? "/none/" : p.org_path;
        return;
    }
    f.scope_engineer = p.engineer_id.value_or(-1);
}

result<storage::engineer_page> list_engineers(context& ctx, const principal& p, storage::engineer_filter f) {
    if (auto c = check(p, perm::engineers_read); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    if (f.page < 1) errs.push_back({"page", {"页码应 ≥ 1", "page must be ≥ 1"}});
    if (f.page_size < 1 || f.page_size > 200) errs.push_back({"page_size", {"每页条数应为 1–200", "page_size must be 1–200"}});
    static const std::set<std::string> sorts{"employee_no", "name", "hire_date", "rank", "org_unit"};
    if (!sorts.count(f.sort.starts_with('-') ? f.sort.substr(1) : f.sort))
        errs.push_back({"sort", {"不支持的排序字段：" + f.sort, "unsupported sort: " + f.sort}});
    if (!f.status.empty() && f.status != "active" && f.status != "left")
        errs.push_back({"status", {"状态应为 active 或 left", "status must be active or left"}});
    if (!f.account.empty() && f.account != "none" && f.account != "yes")
        errs.push_back({"account", {"账号筛选应为 none 或 yes", "account must be none or yes"}});
    else if (!f.account.empty() && !check(p, perm::users_manage))
        errs.push_back({"account", {"只有管理员可按账号筛选", "only administrators filter by account"}});
    if (auto why = core::text_problem(f.q, 100)) errs.push_back({"q", *why});
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "request.invalid_query", {"查询参数无效", "Invalid query parameters"}, errs);
    scope(p, f);
    std::string key = f.q + '\x1f' + std::to_string(f.org_unit.value_or(0)) + '\x1f' + std::to_string(f.rank.value_or(-1)) +
                      '\x1f' + f.product_line + '\x1f' + f.status + '\x1f' + f.account + '\x1f' + f.scope_path + '\x1f' +
                      std::to_string(f.scope_engineer.value_or(0));
    auto generation = ctx.cache().generation.load();
    auto now = std::chrono::steady_clock::now();
    std::optional<std::int64_t> known;
    {
        std::lock_guard lock(ctx.cache().count_mutex);
        if (auto it = ctx.cache().counts.find(key);
            it != ctx.cache().counts.end() && it->second.generation == generation && now - it->second.at < count_ttl)
            known = it->second.total;
    }
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    f.known_units = known_units(ctx, tx);
    auto page = storage::engineers::list(tx, f, known);
    if (!known) {
        std::lock_guard lock(ctx.cache().count_mutex);
        if (ctx.cache().counts.size() > 1000) ctx.cache().counts.clear();
        ctx.cache().counts[key] = {page.total, generation, now};
    }
    for (auto& e : page.items) e = minimised(p, std::move(e));
    return page;
}

result<core::engineer> get_engineer(context& ctx, const principal& p, std::int64_t id) {
    if (auto c = check(p, perm::engineers_read); !c) return std::unexpected(c.error());
    storage::engineer_filter f;
    scope(p, f);
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto e = storage::engineers::get(tx, id);
    if (!e) return core::fail(core::errc::not_found, "engineer.not_found", {"工程师不存在：" + std::to_string(id), "No such engineer: " + std::to_string(id)});
    bool visible = (f.scope_path.empty() || e->org_path.starts_with(f.scope_path)) &&
                   (!f.scope_engineer || *f.scope_engineer == e->id);
    if (!visible)
        return core::fail(core::errc::forbidden, "engineer.out_of_scope",
                          {"无权查看该工程师的档案", "You may not view this engineer's profile"});
    return minimised(p, std::move(*e));
}

namespace {
// What validating records needs beyond them: the org units by code, and the employee numbers seen
// so far with their rows (an import's batches share it, so that a number repeated anywhere in the
// file is found).
struct resolving {
    std::map<std::string, std::int64_t> units;
    std::map<std::string, int> seen;
    explicit resolving(storage::unit_of_work& tx) {
        for (auto& u : storage::org_units::list(tx)) units[u.code] = u.id;
    }
};

// Validates records against each other and the database; resolves org units and education. With
// `known`, an employee number that exists is no error: it is put there with its engineer's id.
std::vector<core::field_error> resolve(storage::unit_of_work& tx, resolving& with, const std::vector<core::engineer_input>& inputs,
                                       const std::vector<int>& rows, core::date today, int max_rank,
                                       std::vector<storage::engineer_record>& out,
                                       std::map<std::string, std::int64_t>* known = nullptr) {
    std::vector<core::field_error> errs;
    std::vector<std::string> nos;
    for (auto& in : inputs) nos.push_back(in.employee_no);
    auto existing = storage::engineers::ids_by_employee_no(tx, nos);
    auto header = [](const std::string& field) -> std::string {
        for (auto& c : kColumns)
            if (field == c.key || (field == "rank" && std::string(c.key) == "level")) return c.header.zh;
        return field;
    };
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        auto& in = inputs[i];
        int row = rows.empty() ? 0 : rows[i];
        auto add = [&](core::field_error e) {
            e.row = row;
            e.column = header(e.field);
            errs.push_back(std::move(e));
        };
        for (auto& e : core::validate(in, today, max_rank)) add(e);
        storage::engineer_record r;
        r.in = in;
        if (!in.org_unit_code.empty()) {
            auto it = with.units.find(in.org_unit_code);
            if (it == with.units.end()) add({"org_unit", {"组织单元不存在：" + in.org_unit_code, "unknown org unit: " + in.org_unit_code}});
            else r.org_unit_id = it->second;
        }
        if (auto edu = core::education_from(in.education)) r.education_code = std::string(core::to_string(*edu));
        if (!in.employee_no.empty()) {
            auto [it, fresh] = with.seen.emplace(in.employee_no, row);
            if (!fresh)
                add({"employee_no", {"工号与第 " + std::to_string(it->second) + " 行重复", "duplicates the employee number in row " + std::to_string(it->second)}});
            else if (auto e = existing.find(in.employee_no); e != existing.end() && known) (*known)[in.employee_no] = e->second;
            else if (e != existing.end())
                add({"employee_no", {"工号已存在：" + in.employee_no, "employee number already exists: " + in.employee_no}});
        }
        if (r.in.rank == 0) r.in.level_since.clear();
        out.push_back(std::move(r));
    }
    return errs;
}
}  // namespace

core::engineer_facts facts_of(const core::engineer& e, const std::vector<storage::training_row>& training,
                              core::date fallback_start) {
    core::engineer_facts facts;
    for (auto& t : training)
        if (auto on = core::parse_date(t.completed_on)) facts.training.push_back({t.course_code, t.hours, *on, t.passed});
    facts.career_start = core::parse_date(e.career_start).value_or(fallback_start);
    facts.edu = core::education_from(e.education).value_or(core::education::none);
    facts.current_rank = e.current_rank;
    if (e.current_rank > 0) facts.level_since = core::parse_date(e.level_since);
    return facts;
}

applicant_facts::applicant_facts(storage::unit_of_work& tx, std::int64_t cycle_id, std::int64_t from, std::int64_t to,
                                 storage::applications_read which, core::date cutoff)
    : training_(tx, cycle_id, from, to, which), cutoff_(cutoff) {
    more_ = training_.next(next_);
}

core::engineer_facts applicant_facts::operator()(const storage::evaluation_row& r) {
    own_.clear();
    while (more_ && next_.engineer_id < r.engineer_id) more_ = training_.next(next_);
    while (more_ && next_.engineer_id == r.engineer_id) {
        own_.push_back(next_);
        more_ = training_.next(next_);
    }
    core::engineer e;
    e.career_start = r.career_start;
    e.education = r.education;
    e.current_rank = r.current_rank;
    e.level_since = r.level_since;
    return facts_of(e, own_, cutoff_);
}

result<next_level_view> next_level(context& ctx, const principal& p, std::int64_t id) {
    auto e = get_engineer(ctx, p, id);  // the same permission and scope as the profile
    if (!e) return std::unexpected(e.error());
    auto scheme = default_scheme(ctx);
    if (!scheme) return std::unexpected(scheme.error());
    next_level_view out;
    out.current_rank = e->current_rank;
    if (e->current_rank >= static_cast<int>(scheme->levels.size())) return out;
    out.target = scheme->levels[static_cast<std::size_t>(e->current_rank)];
    std::vector<storage::training_row> training;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        training = storage::training::for_engineer(tx, id);
    }
    out.result = core::evaluate_eligibility(*scheme, *out.target, facts_of(*e, training, ctx.today()), ctx.today());
    return out;
}

result<core::engineer> create_engineer(context& ctx, const principal& p, const core::engineer_input& in) {
    if (auto c = check(p, perm::engineers_write); !c) return std::unexpected(c.error());
    auto scheme = default_scheme(ctx);
    if (!scheme) return std::unexpected(scheme.error());
    std::int64_t id = 0;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        std::vector<storage::engineer_record> recs;
        resolving with(tx);
        auto errs = resolve(tx, with, {in}, {}, ctx.today(), static_cast<int>(scheme->levels.size()), recs);
        if (!errs.empty()) {
            bool dup = errs.size() == 1 && errs[0].message.en.starts_with("employee number already exists");
            for (auto& e : errs) { e.row = 0; e.column.clear(); }
            return core::fail(dup ? core::errc::conflict : core::errc::invalid_input, dup ? "engineer.duplicate" : "engineer.invalid",
                              dup ? core::text{"工号已存在", "Employee number already exists"} : core::text{"工程师信息有误", "The engineer record is invalid"},
                              errs);
        }
        id = storage::engineers::insert(tx, recs, "manual", p.username, ctx.now_iso()).front();
        auto e = storage::engineers::get(tx, id);
        ctx.audit(tx, p.username, "engineer.create", "engineer", std::to_string(id), "{}", boost::json::serialize(to_json(*e, true)));
        tx.commit();
        engineers_changed(ctx);
    }
    return get_engineer(ctx, p, id);
}

result<core::engineer> update_engineer(context& ctx, const principal& p, std::int64_t id, const core::engineer_input& input,
                                                std::int64_t version) {
    if (auto c = check(p, perm::engineers_write); !c) return std::unexpected(c.error());
    auto scheme = default_scheme(ctx);
    if (!scheme) return std::unexpected(scheme.error());
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        auto before = storage::engineers::get(tx, id);
        if (!before)
            return core::fail(core::errc::not_found, "engineer.not_found",
                              {"工程师不存在：" + std::to_string(id), "No such engineer: " + std::to_string(id)});
        core::engineer_input in = input;
        in.employee_no = before->employee_no;  // the employee number identifies the person: never edited
        in.rank = 0;                           // levels change through add_level only
        auto errs = core::validate(in, ctx.today(), static_cast<int>(scheme->levels.size()));
        storage::engineer_record rec;
        rec.in = in;
        if (auto edu = core::education_from(in.education)) rec.education_code = std::string(core::to_string(*edu));
        bool found = false;
        for (auto& u : storage::org_units::list(tx))
            if (u.code == in.org_unit_code) { rec.org_unit_id = u.id; found = true; }
        if (!found && !in.org_unit_code.empty())
            errs.push_back({"org_unit", {"组织单元不存在：" + in.org_unit_code, "unknown org unit: " + in.org_unit_code}});
        if (!errs.empty())
            return core::fail(core::errc::invalid_input, "engineer.invalid", {"工程师信息有误", "The engineer record is invalid"}, errs);
        if (!storage::engineers::update(tx, id, rec, version))
            return core::fail(core::errc::precondition_failed, "engineer.stale",
                              {"该档案已被他人修改，请刷新后再编辑", "Someone else changed this record; reload it and edit again"});
        auto after = storage::engineers::get(tx, id);
        ctx.audit(tx, p.username, "engineer.update", "engineer", std::to_string(id), boost::json::serialize(to_json(*before)),
              boost::json::serialize(to_json(*after)));
        tx.commit();
        engineers_changed(ctx);
    }
    return get_engineer(ctx, p, id);
}

result<core::engineer> add_level(context& ctx, const principal& p, std::int64_t id, int rank, const std::string& since,
                                          const std::string& note) {
    if (auto c = check(p, perm::engineers_write); !c) return std::unexpected(c.error());
    auto scheme = default_scheme(ctx);
    if (!scheme) return std::unexpected(scheme.error());
    std::vector<core::field_error> errs;
    int max_rank = static_cast<int>(scheme->levels.size());
    if (rank < 0 || rank > max_rank)
        errs.push_back({"rank", {"等级应在 0–" + std::to_string(max_rank) + " 之间", "level must be 0–" + std::to_string(max_rank)}});
    auto date = core::parse_date(since);
    if (!date) errs.push_back({"since", {"日期无效，应为 YYYY-MM-DD", "invalid date; use YYYY-MM-DD"}});
    else if (*date > ctx.today()) errs.push_back({"since", {"日期不能晚于今天", "the date cannot be in the future"}});
    if (core::trim(note).empty()) errs.push_back({"note", {"请填写调整原因", "a reason is required"}});
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "level.invalid", {"等级调整信息有误", "The level change is invalid"}, errs);
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        auto before = storage::engineers::get(tx, id);
        if (!before)
            return core::fail(core::errc::not_found, "engineer.not_found",
                              {"工程师不存在：" + std::to_string(id), "No such engineer: " + std::to_string(id)});
        if (since < before->hire_date)
            return core::fail(core::errc::invalid_input, "level.invalid", {"等级调整信息有误", "The level change is invalid"},
                              {{"since", {"日期不能早于入职日期 " + before->hire_date, "the date cannot be before the hire date " + before->hire_date}}});
        core::level_entry h{0, rank, since, "manual", core::trim(note), ctx.now_iso(), p.username};
        storage::engineers::add_level(tx, id, h);
        auto after = storage::engineers::get(tx, id);
        ctx.audit(tx, p.username, "engineer.level", "engineer", std::to_string(id), boost::json::serialize(to_json(*before, true)),
              boost::json::serialize(to_json(*after, true)));
        tx.commit();
        engineers_changed(ctx);
    }
    return get_engineer(ctx, p, id);
}

result<import_report> import_engineers(context& ctx, const principal& p, std::string_view bytes, bool dry_run, job_control* control) {
    if (auto c = check(p, perm::engineers_write); !c) return std::unexpected(c.error());
    auto scheme = default_scheme(ctx);
    if (!scheme) return std::unexpected(scheme.error());
    enum { employee_no, name, org_unit, hire_date, career_start, education, product_lines, phone, email, status, level, level_since };
    auto level_name = [&](int rank) {
        return rank >= 1 && rank <= static_cast<int>(scheme->levels.size()) ? scheme->levels[rank - 1].label
                                                                           : core::text{"未定级", "no level"};
    };
    auto joined = [](const std::vector<std::string>& v) {
        std::string s;
        for (auto& x : v) s += (s.empty() ? "" : "、") + x;
        return s;
    };
    import_report report;
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    resolving with(tx);
    std::map<std::int64_t, std::string> unit_codes;
    for (auto& [code, id] : with.units) unit_codes[id] = code;
    boost::json::array created_nos, updated_nos;
    auto now = ctx.now_iso();
    auto today = ctx.today();
    int max_rank = static_cast<int>(scheme->levels.size());

    // Batch by batch in the one unit of work: each is checked against the file so far and the
    // database, and written while the file has no error (a later error rolls every batch back).
    auto header = import_rows(bytes, kColumns, report, control, [&](const sheet_header& sheet, std::vector<sheet_row>& batch) {
        std::vector<core::engineer_input> inputs;
        std::vector<int> row_numbers;
        inputs.reserve(batch.size());
        for (auto& row : batch) {
            core::engineer_input in;
            in.employee_no = row.value(employee_no);
            in.name = row.value(name);
            in.org_unit_code = row.value(org_unit);
            in.hire_date = normalise_date(row.value(hire_date));
            in.career_start = normalise_date(row.value(career_start));
            in.education = row.value(education);
            in.product_lines = core::split_list(row.value(product_lines));
            in.phone = row.value(phone);
            in.email = row.value(email);
            in.status = normalise_status(row.value(status));
            if (auto lv = parse_level(row.value(level), *scheme)) in.rank = *lv;
            else report.add({"rank", {"未知等级：" + row.value(level), "unknown level: " + row.value(level)}, row.number, kColumns[level].header.zh});
            in.level_since = normalise_date(row.value(level_since));
            inputs.push_back(std::move(in));
            row_numbers.push_back(row.number);
        }
        std::vector<storage::engineer_record> recs;
        std::map<std::string, std::int64_t> known;
        for (auto& e : resolve(tx, with, inputs, row_numbers, today, max_rank, recs, &known)) report.add(std::move(e));

        // Known employee numbers update their engineer: the columns the file has, the level aside (a
        // level changes through the profile, with its date and reason).
        struct update {
            std::int64_t id, version;
            storage::engineer_record rec;
            core::engineer before;
        };
        std::vector<storage::engineer_record> fresh;
        std::vector<update> updates;
        for (std::size_t i = 0; i < recs.size(); ++i) {
            auto& rec = recs[i];
            auto k = known.find(rec.in.employee_no);
            if (k == known.end()) {
                fresh.push_back(std::move(rec));
                continue;
            }
            auto before = storage::engineers::get(tx, k->second);
            if (!before) continue;
            int row = row_numbers[i];
            if (sheet.present[level] && rec.in.rank != before->current_rank)
                report.add({"rank",
                            {"等级与档案不同（档案为" + level_name(before->current_rank).zh + "）；等级变更请在工程师档案中登记",
                             "the level differs from the record (" + level_name(before->current_rank).en +
                                 "); a level changes on the engineer's profile"},
                            row, kColumns[level].header.zh});
            // Columns the file does not have keep their stored values.
            auto keep = [&](std::size_t col, std::string& field, const std::string& stored) {
                if (!sheet.present[col]) field = stored;
            };
            keep(phone, rec.in.phone, before->phone);
            keep(email, rec.in.email, before->email);
            keep(status, rec.in.status, before->status);
            if (batch[i].value(status).empty()) rec.in.status = before->status;  // a blank status is no change
            if (!sheet.present[product_lines]) rec.in.product_lines = before->product_lines;
            std::string stored_lines = joined(before->product_lines), lines = joined(rec.in.product_lines);
            import_report::row_change change{row, rec.in.employee_no, rec.in.name, {}};
            auto diff = [&](std::size_t col, const std::string& was, const std::string& now) {
                if (was != now) change.fields.push_back({kColumns[col].key, kColumns[col].header.zh, was, now});
            };
            diff(name, before->name, rec.in.name);
            diff(org_unit, unit_codes[before->org_unit_id], rec.in.org_unit_code);
            diff(hire_date, before->hire_date, rec.in.hire_date);
            diff(career_start, before->career_start, rec.in.career_start);
            diff(education, before->education, rec.education_code);
            diff(product_lines, stored_lines, lines);
            diff(phone, before->phone, rec.in.phone);
            diff(email, before->email, rec.in.email);
            diff(status, before->status, rec.in.status);
            if (change.fields.empty()) {
                ++report.unchanged;
                continue;
            }
            ++report.updated;
            if (report.changes.size() < import_report::max_changes) report.changes.push_back(std::move(change));
            updates.push_back({k->second, before->version, std::move(rec), std::move(*before)});
        }
        report.created += static_cast<int>(fresh.size());
        if (report.failed() || dry_run) return;  // nothing more written: the unit of work rolls back
        storage::engineers::insert(tx, fresh, "import", p.username, now);
        for (auto& u : updates) {
            storage::engineers::update(tx, u.id, u.rec, u.version);  // same unit of work: the version is current
            auto after = storage::engineers::get(tx, u.id);
            ctx.audit(tx, p.username, "engineer.update", "engineer", std::to_string(u.id), boost::json::serialize(to_json(u.before)),
                      boost::json::serialize(to_json(*after)));
            updated_nos.push_back(boost::json::value(u.rec.in.employee_no));
        }
        for (auto& r : fresh) created_nos.push_back(boost::json::value(r.in.employee_no));
    });
    if (!header) return std::unexpected(header.error());
    std::stable_sort(report.errors.begin(), report.errors.end(), [](auto& a, auto& b) { return a.row < b.row; });
    if (report.failed()) return report;
    if (report.rows == 0)
        return core::fail(core::errc::invalid_input, "import.no_rows", {"文件中没有数据行", "The file has no data rows"});
    if (dry_run) return report;
    ctx.audit(tx, p.username, "engineer.import", "engineer", "import", "{}",
              boost::json::serialize(boost::json::object{{"count", report.created}, {"updated", report.updated}, {"unchanged", report.unchanged},
                                                         {"file_sha256", sha256_hex(bytes)}, {"employee_nos", created_nos},
                                                         {"updated_employee_nos", updated_nos}}));
    tx.commit();
    engineers_changed(ctx);
    report.imported = true;
    return report;
}

result<std::string> export_engineers(context& ctx, const principal& p, storage::engineer_filter f, job_control* control) {
    if (auto c = check(p, perm::engineers_export); !c) return std::unexpected(c.error());
    scope(p, f);
    auto scheme = default_scheme(ctx);
    documents::table t;
    std::vector<std::string> header;
    for (auto& c : kColumns) header.push_back(c.header.zh);
    t.rows.push_back(header);
    std::map<std::int64_t, std::string> unit_codes;
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    for (auto& u : storage::org_units::list(tx)) unit_codes[u.id] = u.code;
    std::int64_t done = 0;
    bool stopped = false;
    storage::engineers::scan(tx, f, [&](const core::engineer& full) {
        if (stopped) return;
        if (control && ++done % 2000 == 0 && !control->step(done, 0, "export")) stopped = true;
        auto e = minimised(p, full);
        std::string lines;
        for (auto& l : e.product_lines) lines += (lines.empty() ? "" : "、") + l;
        std::string level;
        if (e.current_rank > 0 && scheme && e.current_rank <= static_cast<int>(scheme->levels.size()))
            level = scheme->levels[e.current_rank - 1].label.zh;
        auto edu = core::education_from(e.education);
        t.rows.push_back({e.employee_no, e.name, unit_codes[e.org_unit_id], e.hire_date, e.career_start,
                          edu ? core::label(*edu).zh : e.education, lines, e.phone, e.email,
                          e.status == "left" ? "离职" : "在职", level, e.level_since});
    });
    if (stopped || (control && !control->step(done, done, "export"))) return std::unexpected(job_stopped());
    return documents::write_xlsx("工程师", t);
}

namespace {
boost::json::object filter_json(const storage::engineer_filter& f) {
    boost::json::object o{{"q", f.q}, {"product_line", f.product_line}, {"status", f.status}, {"account", f.account}, {"sort", f.sort}};
    if (f.org_unit) o["org_unit"] = *f.org_unit;
    if (f.rank) o["rank"] = *f.rank;
    return o;
}
storage::engineer_filter filter_of(const boost::json::object& o) {
    storage::engineer_filter f;
    f.q = o.at("q").as_string();
    f.product_line = o.at("product_line").as_string();
    f.status = o.at("status").as_string();
    f.account = o.at("account").as_string();
    f.sort = o.at("sort").as_string();
    if (auto* u = o.if_contains("org_unit")) f.org_unit = u->to_number<std::int64_t>();
    if (auto* r = o.if_contains("rank")) f.rank = r->to_number<int>();
    return f;
}
}  // namespace

result<storage::job_row> start_engineers_export(context& ctx, const principal& p, const storage::engineer_filter& f) {
    if (auto c = check(p, perm::engineers_export); !c) return std::unexpected(c.error());
    auto params = boost::json::serialize(filter_json(f));
    // The same filter by the same person while it runs: the same job (its file follows its owner's scope).
    return start_job(ctx, p, "engineers_export", params, "engineers_export:user:" + std::to_string(p.user_id) + ":" + params);
}

job_kind engineers_export_job() {
    return {"engineers_export", perm::engineers_export,
            [](context& ctx, const principal& owner, const std::string& params, job_control& control) -> result<std::string> {
                auto sheet = export_engineers(ctx, owner, filter_of(boost::json::parse(params).as_object()), &control);
                if (!sheet) return std::unexpected(sheet.error());
                if (auto a = attach_file(ctx, control, "engineers.xlsx", documents::xlsx_type, *sheet); !a) return std::unexpected(a.error());
                return boost::json::serialize(boost::json::object{{"bytes", sheet->size()}});
            }};
}

result<std::string> engineer_template(context& ctx, const principal& p) {
    if (auto c = check(p, perm::engineers_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    documents::table t, units, levels, education;
    std::vector<std::string> header;
    for (auto& c : kColumns) header.push_back(c.header.zh);
    t.rows.push_back(header);
    auto all = storage::org_units::list(tx);
    std::string unit = "HQ";
    for (auto& u : all)
        if (u.kind == "team") {
            unit = u.code;
            break;
        }
    if (unit == "HQ" && !all.empty()) unit = all.front().code;
    std::string number;
    for (int n = 1; n < 1000000 && number.empty(); ++n) {
        char no[16];
        std::snprintf(no, sizeof no, "S%06d", n);
        if (!storage::engineers::id_by_employee_no(tx, no)) number = no;
    }
    auto scheme = storage::schemes::default_scheme(tx);
    std::optional<core::scheme> parsed;
    if (scheme)
        if (auto v = storage::schemes::version(tx, scheme->id, 0))
            if (auto s = core::parse_scheme(v->source, scheme->code)) parsed = *s;
    std::string level = parsed && !parsed->levels.empty() ? parsed->levels.front().label.zh : "";
    t.rows.push_back({number, "张三", unit, "2020-03-01", "2018-07-01", "大专", "家用空调、冰箱", "13800000000", "zhangsan@example.com", "在职",
                      level, level.empty() ? "" : "2021-05-01"});
    units.rows.push_back({"组织单元编码", "名称", "类型"});
    for (auto& u : all) units.rows.push_back({u.code, u.name, u.kind});
    levels.rows.push_back({"当前等级（填名称或代码）", "代码", "English"});
    if (parsed)
        for (auto& l : parsed->levels) levels.rows.push_back({l.label.zh, l.code, l.label.en});
    education.rows.push_back({"学历", "English"});
    for (auto e : {core::education::junior_high, core::education::high_school, core::education::associate, core::education::bachelor,
                   core::education::master, core::education::doctor})
        education.rows.push_back({core::label(e).zh, core::label(e).en});
    return documents::write_xlsx({{"工程师", documents::rows_of(t)},
                                  {"组织单元", documents::rows_of(units)},
                                  {"等级", documents::rows_of(levels)},
                                  {"学历", documents::rows_of(education)}});
}

}  // namespace skillgrade::app
