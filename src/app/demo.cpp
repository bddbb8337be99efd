#include "app/demo.hpp"

#include <random>

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

namespace {
principal as(const std::string& username, core::role r) {
    principal p;
    p.username = username;
    p.roles = {r};
    return p;
}

// Two cycles run through the real use cases: one closed (with certificates), one taking applications.
result<void> demo_cycles(service& svc, std::mt19937& rng) {
    auto hr = as("hr", core::role::hr);
    auto examiner = as("examiner", core::role::examiner);
    auto day = svc.today();
    auto shift = [&](int days) { return core::format_date(core::date{std::chrono::sys_days{day} + std::chrono::days{days}}); };
    auto phases = [&](int start) {
        std::vector<storage::phase_row> out;
        const char* names[] = {"application", "eligibility_review", "written_exam", "practical_test", "interview",
                               "committee_review", "public_notice", "appeal", "certification"};
        const char* roles[] = {"engineer", "hr", "examiner", "examiner", "examiner", "committee", "hr", "hr", "hr"};
        for (int i = 0; i < 9; ++i) out.push_back({names[i], shift(start + i * 10), shift(start + i * 10 + 7), roles[i]});
        return out;
    };
    auto scheme = svc.list_schemes(hr);
    if (!scheme) return std::unexpected(scheme.error());
    std::int64_t scheme_id = scheme->front().row.id;
    auto move = [&](std::int64_t id, const char* to) -> result<void> {
        auto c = svc.get_cycle(hr, id);
        if (!c) return std::unexpected(c.error());
        auto r = svc.transition_cycle(hr, id, to, "", c->version);
        if (!r) return std::unexpected(r.error());
        return {};
    };
    auto nominate = [&](std::int64_t cycle, int how_many) -> result<void> {
        storage::engineer_filter f;
        f.page_size = 200;
        f.status = "active";
        auto page = svc.list_engineers(hr, f);
        if (!page) return std::unexpected(page.error());
        int n = 0;
        for (auto& e : page->items) {
            if (e.current_rank >= 5 || rng() % 4 != 0) continue;
            if (auto a = svc.apply(hr, cycle, e.id, e.current_rank + 1); !a) return std::unexpected(a.error());
            if (++n == how_many) break;
        }
        return {};
    };

    // The first half of the year: planned, reviewed, scored, voted, published and closed.
    auto closed = svc.create_cycle(hr, {"2026 年度上半年晋级评定", scheme_id, "promotion", {1, 2, 3, 4, 5}, shift(-100), phases(-120)});
    if (!closed) return std::unexpected(closed.error());
    std::int64_t id = closed->id;
    if (auto r = move(id, "application"); !r) return r;
    if (auto r = nominate(id, 12); !r) return r;
    if (auto r = move(id, "eligibility_review"); !r) return r;
    if (auto r = svc.review_eligibility(hr, id); !r) return std::unexpected(r.error());
    auto apps = svc.list_applications(hr, id);
    if (!apps) return std::unexpected(apps.error());
    for (auto& a : *apps)
        if (a.status == "ineligible")
            if (auto r = svc.override_verdict(hr, a.id, true, "培训记录为纸质档案，已人工核验"); !r) return std::unexpected(r.error());
    if (auto r = move(id, "written_exam"); !r) return r;
    auto scheme_now = svc.default_scheme();
    auto reviewed = svc.list_applications(hr, id);
    if (!reviewed) return std::unexpected(reviewed.error());
    for (auto& a : *reviewed) {
        for (auto& c : scheme_now->levels[static_cast<std::size_t>(a.target_rank - 1)].components) {
            service::score_input s{std::string(core::to_string(c.kind)), 5500 + static_cast<std::int64_t>(rng() % 4300), false, "", "demo"};
            if (auto r = svc.set_score(examiner, a.id, s); !r) return std::unexpected(r.error());
        }
    }
    for (auto to : {"practical_test", "interview", "committee_review"})
        if (auto r = move(id, to); !r) return r;
    auto results = svc.evaluate_cycle(hr, id, false);
    if (!results) return std::unexpected(results.error());
    for (auto& v : *results) {
        if (!v.row.passed || !v.row.selected) continue;
        for (auto member : {"committee", "committee.b", "committee.c"})
            if (auto r = svc.vote(as(member, core::role::committee), v.row.application_id, "approve", "同意"); !r)
                return std::unexpected(r.error());
    }
    for (auto to : {"public_notice", "appeal", "certification", "closed"})
        if (auto r = move(id, to); !r) return r;

    // The second half: open for applications now.
    auto open = svc.create_cycle(hr, {"2026 年度下半年晋级评定", scheme_id, "promotion", {1, 2, 3, 4, 5}, shift(20), phases(-5)});
    if (!open) return std::unexpected(open.error());
    if (auto r = move(open->id, "application"); !r) return r;
    return nominate(open->id, 5);
}
}  // namespace

result<std::vector<demo_account>> fill_demo(service& svc, const std::string& password, unsigned seed, int count) {
    {
        storage::unit_of_work tx(svc.db(), storage::write::no);
        if (storage::engineers::count(tx) > 0 || !storage::org_units::list(tx).empty())
            return core::fail(core::errc::conflict, "demo.not_empty",
                              {"数据库中已有数据，演示数据只能写入新数据库", "The database already has data; demo data goes into a new database only"});
    }
    svc.load_presets();
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto today = svc.today();
    int this_year = static_cast<int>(today.year());
    std::int64_t east_id = 0;
    std::vector<std::pair<std::int64_t, std::string>> teams;
    std::vector<std::int64_t> engineer_ids;
    std::size_t account_engineer = 0;  // the demo engineer account
    std::vector<std::string> names;
    {
        storage::unit_of_work tx(svc.db(), storage::write::yes);
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
        engineer_ids = storage::engineers::insert(tx, recs, "demo", "demo", svc.now_iso());
        for (std::size_t i = 0; i < recs.size(); ++i) {
            int start = std::stoi(recs[i].in.hire_date.substr(0, 4));
            int span = std::max(1, this_year - start);
            for (int rank = 1; rank <= ranks[i]; ++rank) {
                int y = std::min(this_year - 1, start + (span * (rank - 1)) / std::max(1, ranks[i]) + (rank == 1 ? 0 : 1));
                core::level_entry h{0, rank, date_str(y, 1 + pick(12), 1 + pick(28)),
                                    rank == 1 ? "initial" : "demo", rank == 1 ? "入职定级" : "年度评定", svc.now_iso(), "demo"};
                if (h.since < recs[i].in.hire_date) h.since = recs[i].in.hire_date;
                storage::engineers::add_level(tx, engineer_ids[i], h);
            }
        }
        svc.audit(tx, "demo", "demo.fill", "database", "demo", "{}",
                  "{\"engineers\":" + std::to_string(recs.size()) + ",\"teams\":" + std::to_string(teams.size()) + "}");
        tx.commit();
    }
    std::vector<demo_account> accounts;
    auto add = [&](std::string user, std::string display, core::role r, std::optional<std::int64_t> eng,
                   std::optional<std::int64_t> org) -> result<void> {
        auto id = svc.add_user("demo", user, display, password, {r}, eng, org);
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
        storage::unit_of_work tx(svc.db(), storage::write::yes);
        if (auto m = storage::users::find(tx, "manager")) storage::org_units::set_manager(tx, east_id, m->id);
        tx.commit();
    }
    if (!engineer_ids.empty())
        if (auto r = add("engineer", "工程师 " + names[account_engineer], core::role::engineer, engineer_ids[account_engineer],
                         std::nullopt);
            !r)
            return std::unexpected(r.error());
    if (count >= 30)
        if (auto r = demo_cycles(svc, rng); !r) return std::unexpected(r.error());
    return accounts;
}

}  // namespace skillgrade::app
