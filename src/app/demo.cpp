#include "app/demo.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <random>

#include "app/accounts.hpp"
#include "app/appeals.hpp"
#include "app/applications.hpp"
#include "app/cycles.hpp"
#include "app/engineers.hpp"
#include "app/evaluation.hpp"
#include "app/import_report.hpp"
#include "app/notice.hpp"
#include "app/questions.hpp"
#include "app/schemes.hpp"
#include "app/scores.hpp"
#include "app/sheet.hpp"
#include "storage/accounts.hpp"
#include "storage/cycles.hpp"
#include "storage/engineers.hpp"
#include "storage/org_units.hpp"
#include "storage/training.hpp"

namespace skillgrade::app {
namespace {
const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
                           "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
                        "秀英", "华", "鹏", "辉", "刚", "建国", "志强", "海燕", "晓东", "俊杰", "文博", "子豪", "浩然",
                        "宇航", "嘉怡", "思远", "国庆", "春生", "立新", "永红", "卫东", "红梅", "建华", "小龙", "振宇"};
const char* kLines[] = {"家用空调", "冰箱", "洗衣机", "商用制冷", "热水器", "厨房电器", "中央空调"};
const char* kEducation[] = {"high_school", "high_school", "associate", "associate", "associate", "bachelor", "bachelor", "master"};
struct region {
    const char* code;
    const char* name;
    const char* centers[4][2];
};
const region kRegions[] = {
    {"EAST", "华东大区", {{"SH", "上海服务中心"}, {"HZ", "杭州服务中心"}, {"NJ", "南京服务中心"}, {"SZ", "苏州服务中心"}}},
    {"SOUTH", "华南大区", {{"GZ", "广州服务中心"}, {"SZN", "深圳服务中心"}, {"XM", "厦门服务中心"}, {"CS", "长沙服务中心"}}},
    {"NORTH", "华北大区", {{"BJ", "北京服务中心"}, {"TJ", "天津服务中心"}, {"JN", "济南服务中心"}, {"ZZ", "郑州服务中心"}}},
};

std::string date_str(int y, int m, int d) {
    return core::format_date(core::date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}});
}
}  // namespace

namespace demo_data {
extern const std::pair<std::string_view, std::string_view> kEmbedded[];  // demo/question-bank.csv
}

namespace {
principal as(const std::string& username, core::role r) {
    principal p;
    p.username = username;
    p.roles = {r};
    return p;
}

// Two cycles run through the real use cases: one closed (with certificates), one taking applications.
// `at(d)` moves the demo's clock to d days from today, so that each step happens within its phase and the
// notice period, the timeline, the audit trail and the certificates' dates agree.
result<void> demo_cycles(context& ctx, std::mt19937& rng, core::date day, const std::function<void(int)>& at) {
    auto hr = as("hr", core::role::hr);
    auto examiner = as("examiner", core::role::examiner);
    auto shift = [&](int days) { return core::format_date(core::date{std::chrono::sys_days{day} + std::chrono::days{days}}); };
    auto phases = [&](int start) {
        std::vector<storage::phase_row> out;
        const char* names[] = {"application", "eligibility_review", "written_exam", "practical_test", "interview",
                               "committee_review", "public_notice", "appeal", "certification"};
        const char* roles[] = {"engineer", "hr", "examiner", "examiner", "examiner", "committee", "hr", "hr", "hr"};
        for (int i = 0; i < 9; ++i) out.push_back({names[i], shift(start + i * 10), shift(start + i * 10 + 7), roles[i]});
        return out;
    };
    auto scheme = list_schemes(ctx, hr);
    if (!scheme) return std::unexpected(scheme.error());
    std::int64_t scheme_id = scheme->front().row.id;
    auto move = [&](std::int64_t id, const char* to) -> result<void> {
        auto c = get_cycle(ctx, hr, id);
        if (!c) return std::unexpected(c.error());
        auto r = transition_cycle(ctx, hr, id, to, "", c->version);
        if (!r) return std::unexpected(r.error());
        return {};
    };
    auto nominate = [&](std::int64_t cycle, int how_many) -> result<void> {
        storage::engineer_filter f;
        f.page_size = 200;
        f.status = "active";
        auto page = list_engineers(ctx, hr, f);
        if (!page) return std::unexpected(page.error());
        int n = 0;
        for (auto& e : page->items) {
            if (e.current_rank >= 5 || rng() % 4 != 0) continue;
            // Most applicants meet the conditions (they read their checklist first); a few apply regardless.
            auto next = next_level(ctx, hr, e.id);
            if (next && !next->result.eligible && rng() % 5 != 0) continue;
            if (auto a = apply(ctx, hr, cycle, e.id, e.current_rank + 1); !a) return std::unexpected(a.error());
            if (++n == how_many) break;
        }
        return {};
    };

    // The first half of the year: planned, reviewed, scored, voted, published and closed, each step in its phase.
    at(-122);
    auto closed = create_cycle(ctx, hr, {"2026 年度上半年晋级评定", scheme_id, "promotion", {1, 2, 3, 4, 5}, shift(-113), phases(-120)});
    if (!closed) return std::unexpected(closed.error());
    std::int64_t id = closed->id;
    at(-120);
    if (auto r = move(id, "application"); !r) return r;
    at(-117);
    if (auto r = nominate(id, 14); !r) return r;
    at(-110);
    if (auto r = move(id, "eligibility_review"); !r) return r;
    at(-109);
    if (auto r = review_eligibility(ctx, hr, id); !r) return std::unexpected(r.error());
    // The demo's cycles are small: every application is on one page.
    storage::cycle_list_filter all;
    all.page_size = 200;
    auto apps = list_applications(ctx, hr, id, all);
    if (!apps) return std::unexpected(apps.error());
    // The exception, as in life: one applicant whose missing hours are on a paper record HR checked.
    at(-106);
    for (auto& a : apps->items)
        if (a.status == "ineligible") {
            if (auto r = override_verdict(ctx, hr, a.id, true, "外训学时为纸质证明，已人工核验原件"); !r) return std::unexpected(r.error());
            break;
        }
    at(-100);
    if (auto r = move(id, "written_exam"); !r) return r;
    auto scheme_now = default_scheme(ctx);
    auto reviewed = list_applications(ctx, hr, id, all);
    if (!reviewed) return std::unexpected(reviewed.error());
    // Each candidate has a level of ability their scores scatter around: most pass, a few fall short.
    std::map<std::int64_t, int> ability;
    for (auto& a : reviewed->items) ability[a.id] = 58 + static_cast<int>(rng() % 35);
    int step = 0;
    for (auto kind : {"written", "practical", "interview", "performance"}) {
        at(-98 + 10 * step++);
        if (std::string(kind) == "practical") {
            if (auto r = move(id, "practical_test"); !r) return r;
        } else if (std::string(kind) == "interview") {
            if (auto r = move(id, "interview"); !r) return r;
        }
        for (auto& a : reviewed->items) {
            if (a.status != "eligible") continue;
            for (auto& c : scheme_now->levels[static_cast<std::size_t>(a.target_rank - 1)].components) {
                if (core::to_string(c.kind) != kind) continue;
                int points = std::clamp(ability[a.id] - 7 + static_cast<int>(rng() % 15), 35, 99);
                score_input s{kind, points * 100 + static_cast<std::int64_t>(rng() % 2) * 50, false, "", "demo"};
                if (auto r = set_score(ctx, examiner, a.id, s); !r) return std::unexpected(r.error());
            }
        }
    }
    at(-70);
    if (auto r = move(id, "committee_review"); !r) return r;
    at(-69);
    auto results = evaluate_cycle(ctx, hr, id, false);
    if (!results) return std::unexpected(results.error());
    at(-67);
    int voted = 0;
    for (auto& v : *results) {
        if (!v.row.passed || !v.row.selected) continue;
        bool split = voted++ == 1;  // one decision is 2 : 1
        for (auto member : {"committee", "committee.b", "committee.c"}) {
            bool against = split && std::string(member) == "committee.c";
            if (auto r = vote(ctx, as(member, core::role::committee), v.row.application_id, against ? "reject" : "approve",
                                  against ? "实操成绩刚过合格线，建议再积累一年" : "同意");
                !r)
                return std::unexpected(r.error());
        }
    }
    at(-60);
    if (auto r = move(id, "public_notice"); !r) return r;
    auto noticed = get_cycle(ctx, hr, id);
    if (!noticed) return std::unexpected(noticed.error());
    // One applicant who did not pass appeals during the notice; HR checks the papers and upholds the result.
    std::optional<std::int64_t> appeal_id;
    for (auto& v : *results)
        if (!v.row.passed) {
            auto a = std::find_if(reviewed->items.begin(), reviewed->items.end(), [&](auto& x) { return x.id == v.row.application_id; });
            if (a == reviewed->items.end()) continue;
            principal who = as(a->employee_no, core::role::engineer);
            who.engineer_id = a->engineer_id;
            at(-58);
            auto filed = appeal(ctx, who, a->id, "实际操作考核时设备故障，耽误了约十分钟，申请复核实操成绩。");
            if (!filed) return std::unexpected(filed.error());
            appeal_id = filed->id;
            break;
        }
    auto notice_end = core::parse_date(noticed->notice_ends_on);
    int after_notice = notice_end ? static_cast<int>((std::chrono::sys_days{*notice_end} - std::chrono::sys_days{day}).count()) + 1 : -50;
    at(std::max(-50, after_notice));
    if (auto r = move(id, "appeal"); !r) return r;
    if (appeal_id) {
        at(std::max(-48, after_notice + 1));
        if (auto r = resolve_appeal(ctx, hr, *appeal_id, {"uphold", "经核查考场记录，设备故障已按规定补时 10 分钟，成绩有效，维持原结果。", "", std::nullopt});
            !r)
            return std::unexpected(r.error());
    }
    at(-40);
    if (auto r = move(id, "certification"); !r) return r;
    at(-34);
    if (auto r = move(id, "closed"); !r) return r;

    // The second half: open for applications now.
    at(-7);
    auto open = create_cycle(ctx, hr, {"2026 年度下半年晋级评定", scheme_id, "promotion", {1, 2, 3, 4, 5}, shift(2), phases(-5)});
    if (!open) return std::unexpected(open.error());
    at(-5);
    if (auto r = move(open->id, "application"); !r) return r;
    at(0);
    return nominate(open->id, 5);
}
}  // namespace

result<std::vector<demo_account>> fill_demo(context& real, const std::string& password, unsigned seed, int count) {
    // The demo is written as it would have happened: its own clock starts four months ago and moves
    // forward step by step (`at`), so every record carries the date it would have had.
    using namespace std::chrono;
    auto offset = minutes(real.cfg().utc_offset_minutes);
    auto local_midnight = sys_time<system_clock::duration>{floor<days>(real.now() + offset)} - offset;
    system_clock::time_point sim = local_midnight - days{125} + hours{9};
    context ctx(real.db(), real.cfg(), [&sim] { return sim; });
    auto at = [&](int d) {
        auto t = local_midnight + days{d} + hours{10};
        if (t > sim) sim = t;  // the clock never runs backwards
        else sim += seconds{1};
    };
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        if (storage::engineers::count(tx) > 0 || !storage::org_units::list(tx).empty())
            return core::fail(core::errc::conflict, "demo.not_empty",
                              {"数据库中已有数据，演示数据只能写入新数据库", "The database already has data; demo data goes into a new database only"});
    }
    load_presets(ctx);
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto today = real.today();
    int this_year = static_cast<int>(today.year());
    std::int64_t east_id = 0;
    std::vector<std::pair<std::int64_t, std::string>> teams;
    std::vector<std::int64_t> engineer_ids;
    std::size_t account_engineer = 0;  // the demo engineer account
    std::vector<std::string> names;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        core::org_unit company{0, std::nullopt, "HQ", "总部 售后服务部", "company", "", std::nullopt};
        auto hq = storage::org_units::insert(tx, company);
        for (auto& r : kRegions) {
            auto rid = storage::org_units::insert(tx, {0, hq, std::string("R-") + r.code, r.name, "region", "", std::nullopt});
            if (std::string(r.code) == "EAST") east_id = rid;
            for (auto& c : r.centers) {
                std::string ccode = std::string("SC-") + r.code + "-" + c[0];
                auto cid = storage::org_units::insert(tx, {0, rid, ccode, c[1], "center", "", std::nullopt});
                for (int t = 1; t <= 2; ++t) {
                    std::string tname = std::string(c[1]).substr(0, std::string(c[1]).size() - std::string("服务中心").size()) +
                                        (t == 1 ? "一组" : "二组");
                    auto tid = storage::org_units::insert(tx, {0, cid, ccode + "-T" + std::to_string(t), tname, "team", "", std::nullopt});
                    teams.push_back({tid, ccode + "-T" + std::to_string(t)});
                }
            }
        }
        std::vector<storage::engineer_record> recs;
        for (int i = 0; i < count; ++i) {
            storage::engineer_record r;
            auto& in = r.in;
            char no[16];
            std::snprintf(no, sizeof no, "E%06d", 100001 + i);
            in.employee_no = no;
            in.name = std::string(kSurnames[pick(30)]) + kGiven[pick(40)];
            auto& team = teams[static_cast<std::size_t>(i) % teams.size()];
            r.org_unit_id = team.first;
            in.org_unit_code = team.second;
            int career_years = 1 + pick(20);
            int start_year = this_year - career_years;
            in.career_start = date_str(start_year, 1 + pick(12), 1 + pick(28));
            int hire_year = std::min(this_year - 1, start_year + pick(4));
            in.hire_date = date_str(hire_year, 1 + pick(12), 1 + pick(28));
            if (in.hire_date < in.career_start) in.hire_date = in.career_start;
            r.education_code = kEducation[pick(8)];
            in.education = r.education_code;
            int nlines = 1 + pick(3);
            for (int k = 0; k < nlines; ++k) {
                std::string l = kLines[pick(7)];
                if (std::find(in.product_lines.begin(), in.product_lines.end(), l) == in.product_lines.end())
                    in.product_lines.push_back(l);
            }
            in.phone = "13" + std::to_string(100000000 + static_cast<int>(rng() % 899999999));
            in.status = pick(25) == 0 ? "left" : "active";
            // Levels grow with years of work: roughly one level per 3–4 years, capped at 5.
            int rank = std::min(5, career_years / (3 + pick(2)) + (pick(3) == 0 ? 0 : 1));
            in.rank = 0;  // history is written below, level by level
            recs.push_back(r);
            recs.back().in.level_since = std::to_string(rank);  // carried to the loop below
        }
        std::vector<int> ranks;
        for (auto& r : recs) names.push_back(r.in.name + "（" + r.in.employee_no + "）");
        for (auto& r : recs) {
            ranks.push_back(std::stoi(r.in.level_since));
            r.in.level_since.clear();
        }
        // The first junior (level 1 or 2) in the eastern region, which the demo manager leads.
        for (std::size_t i = 0; i < ranks.size(); ++i)
            if (i % teams.size() < 8 && ranks[i] >= 1 && ranks[i] <= 2) {
                account_engineer = i;
                break;
            }
        engineer_ids = storage::engineers::insert(tx, recs, "demo", "demo", ctx.now_iso());
        auto scheme = default_scheme(ctx);
        auto days_from_today = [&](int d) { return core::format_date(core::date{std::chrono::sys_days{today} + std::chrono::days{d}}); };
        // A level's first listed route: its required courses and training hours.
        auto route = [&](int rank) -> const core::eligibility_path* {
            if (!scheme || rank < 1 || rank > static_cast<int>(scheme->levels.size())) return nullptr;
            auto& l = scheme->levels[static_cast<std::size_t>(rank - 1)];
            return l.eligibility.empty() ? nullptr : &l.eligibility.front();
        };
        std::vector<storage::training_row> training;
        for (std::size_t i = 0; i < recs.size(); ++i) {
            int start = std::stoi(recs[i].in.hire_date.substr(0, 4));
            int span = std::max(1, this_year - start);
            auto add_training = [&](const std::string& code, int hours, std::string on, bool passed) {
                if (on < recs[i].in.hire_date) on = recs[i].in.hire_date;
                training.push_back({0, engineer_ids[i], code, hours, on, passed, "demo"});
            };
            for (int rank = 1; rank <= ranks[i]; ++rank) {
                int y = std::min(this_year - 1, start + (span * (rank - 1)) / std::max(1, ranks[i]) + (rank == 1 ? 0 : 1));
                core::level_entry h{0, rank, date_str(y, 1 + pick(12), 1 + pick(28)),
                                    rank == 1 ? "initial" : "demo", rank == 1 ? "入职定级" : "年度评定", ctx.now_iso(), "demo"};
                if (h.since < recs[i].in.hire_date) h.since = recs[i].in.hire_date;
                storage::engineers::add_level(tx, engineer_ids[i], h);
                // The courses the level asked for, taken some months before it was reached.
                if (auto r = route(rank))
                    for (auto& code : r->required_courses) {
                        auto on = core::parse_date(h.since);
                        add_training(code, 8, core::format_date(core::date{std::chrono::sys_days{*on} - std::chrono::days{60 + pick(120)}}), true);
                    }
            }
            // Training towards the next level over the past year: most engineers keep up, some fall short on hours,
            // some have not taken (or not passed) the course the next level requires.
            auto next = route(ranks[i] + 1);
            if (!next || recs[i].in.status != "active") continue;
            int need = next->training_hours.value_or(16);
            bool keeps_up = pick(10) < 7;
            int hours = keeps_up ? need + 4 * pick(3) : std::max(0, need - 8 - 4 * pick(3));
            bool took_course = keeps_up ? pick(10) < 9 : pick(2) == 0;
            int d = -330;
            for (auto& code : next->required_courses) {
                if (!took_course) break;
                add_training(code, 8, days_from_today(d + pick(60)), pick(12) != 0);
                hours -= 8;
                d += 60;
            }
            // Refreshers: product updates and safety, in sessions of four or eight hours.
            const char* refreshers[] = {"PROD-101", "SAFE-101", "DIAG-201"};
            while (hours > 0) {
                int h = hours >= 8 ? 8 : 4;
                add_training(refreshers[pick(3)], h, days_from_today(-320 + pick(190)), true);
                hours -= h;
            }
        }
        storage::training::insert(tx, training, ctx.now_iso());
        ctx.audit(tx, "demo", "demo.fill", "database", "demo", "{}",
                  "{\"engineers\":" + std::to_string(recs.size()) + ",\"teams\":" + std::to_string(teams.size()) + "}");
        tx.commit();
    }
    std::vector<demo_account> accounts;
    auto add = [&](std::string user, std::string display, core::role r, std::optional<std::int64_t> eng,
                   std::optional<std::int64_t> org) -> result<void> {
        auto id = add_user(ctx, "demo", user, display, password, {r}, eng, org);
        if (!id && id.error().code != core::errc::conflict) return std::unexpected(id.error());
        accounts.push_back({user, std::string(core::to_string(r)), password});
        return {};
    };
    struct spec {
        const char* user;
        const char* display;
        core::role role;
    };
    for (auto s : {spec{"admin", "系统管理员", core::role::admin}, spec{"hr", "人力资源 周敏", core::role::hr},
                   spec{"examiner", "考评员 李强", core::role::examiner}, spec{"committee", "评审委员 王建国", core::role::committee},
                   spec{"committee.b", "评审委员 刘芳", core::role::committee},
                   spec{"committee.c", "评审委员 孙伟", core::role::committee}, spec{"auditor", "审计员 陈静", core::role::auditor}}) {
        if (auto r = add(s.user, s.display, s.role, std::nullopt, std::nullopt); !r) return std::unexpected(r.error());
    }
    if (auto r = add("manager", "华东大区经理 赵磊", core::role::manager, std::nullopt, east_id); !r) return std::unexpected(r.error());
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        if (auto m = storage::users::find(tx, "manager")) storage::org_units::set_manager(tx, east_id, m->id);
        tx.commit();
    }
    if (!engineer_ids.empty())
        if (auto r = add("engineer", "工程师 " + names[account_engineer], core::role::engineer, engineer_ids[account_engineer],
                         std::nullopt);
            !r)
            return std::unexpected(r.error());
    if (count >= 30)
        if (auto r = demo_cycles(ctx, rng, today, at); !r) return std::unexpected(r.error());
    // The question bank, through the same import as HR's sheets.
    auto bank = import_questions(ctx, as("hr", core::role::hr), demo_data::kEmbedded[0].second, false);
    if (!bank) return std::unexpected(bank.error());
    if (bank->failed())
        return core::fail(core::errc::invalid_input, "demo.question_bank", import_failed(bank->error_count), bank->errors);
    return accounts;
}

}  // namespace skillgrade::app
