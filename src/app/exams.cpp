// The online written exam: blueprints, sittings, attempts, durable answers, objective marking.
#include "app/exams.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>
#include <boost/json.hpp>

#include "app/caches.hpp"
#include "app/exam_papers.hpp"
#include "app/group_commit.hpp"
#include "app/questions.hpp"
#include "app/schemes.hpp"
#include "app/scores.hpp"
#include "app/snapshots.hpp"
#include "app/views.hpp"
#include "core/people.hpp"
#include "documents/tables.hpp"
#include "core/text.hpp"
#include "storage/applications.hpp"
#include "storage/accounts.hpp"
#include "storage/cycles.hpp"
#include "storage/marking.hpp"
#include "storage/questions.hpp"
#include "storage/scores.hpp"

namespace skillgrade::app {
namespace js = boost::json;
using clock = std::chrono::system_clock;
namespace papers {

// ---- stored forms ----

std::string sections_json(const std::vector<core::blueprint_section>& sections) {
    js::array a;
    for (auto& s : sections) a.push_back(to_json(s));
    return js::serialize(a);
}
std::vector<core::blueprint_section> sections_of(const std::string& text) {
    std::vector<core::blueprint_section> out;
    auto v = js::parse(text);
    for (auto& x : v.as_array()) {
        auto& o = x.as_object();
        core::blueprint_section s;
        s.title = {std::string(o.at("title").at("zh").as_string()), std::string(o.at("title").at("en").as_string())};
        for (auto& t : o.at("types").as_array()) s.types.emplace_back(t.as_string());
        s.product_line = o.at("product_line").as_string();
        s.knowledge_point = o.at("knowledge_point").as_string();
        s.difficulty_min = static_cast<int>(o.at("difficulty_min").as_int64());
        s.difficulty_max = static_cast<int>(o.at("difficulty_max").as_int64());
        s.count = static_cast<int>(o.at("count").as_int64());
        s.points = o.at("points").as_int64();
        s.partial_credit = o.at("partial_credit").as_bool();
        out.push_back(std::move(s));
    }
    return out;
}
core::blueprint blueprint_of(const storage::blueprint_row& r) {
    core::blueprint b;
    b.target_rank = r.target_rank;
    b.sections = sections_of(r.sections);
    b.duration_minutes = r.duration_minutes;
    b.pass_mark = r.pass_mark;
    b.fixed = r.fixed;
    b.seed = static_cast<std::uint64_t>(r.seed);
    b.review_after_close = r.review_after_close;
    b.marking = {r.double_marking, r.discrepancy_percent};
    return b;
}

std::string items_json(const std::vector<core::paper_item>& items) {
    js::array a;
    for (auto& i : items)
        a.push_back(js::object{{"q", i.question_id}, {"v", i.version_id}, {"s", i.section}, {"p", i.points},
                               {"o", i.option_order}, {"c", i.parent}, {"pc", i.partial_credit}});
    return js::serialize(a);
}
std::vector<core::paper_item> items_of(const std::string& text) {
    std::vector<core::paper_item> out;
    auto v = js::parse(text);
    for (auto& x : v.as_array()) {
        auto& o = x.as_object();
        out.push_back({o.at("q").as_int64(), o.at("v").as_int64(), static_cast<int>(o.at("s").as_int64()), o.at("p").as_int64(),
                       std::string(o.at("o").as_string()), o.at("c").as_int64(), o.at("pc").as_bool()});
    }
    return out;
}

std::string answer_json(const core::answer& a) {
    js::array v;
    for (auto& x : a.values) v.emplace_back(x);
    return js::serialize(v);
}
core::answer answer_of(const std::string& text) {
    core::answer a;
    auto v = js::parse(text);
    for (auto& x : v.as_array()) a.values.emplace_back(x.as_string());
    return a;
}

// Question versions are never changed once written, so this process keeps those it has read.
std::vector<std::shared_ptr<const core::question>> versions(context& ctx, storage::unit_of_work& tx, const std::vector<std::int64_t>& ids) {
    auto& c = ctx.cache();
    std::vector<std::shared_ptr<const core::question>> out(ids.size());
    std::vector<std::int64_t> missing;
    {
        std::lock_guard lock(c.exam_mutex);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            auto it = c.question_versions.find(ids[i]);
            if (it != c.question_versions.end()) out[i] = it->second;
            else missing.push_back(ids[i]);
        }
    }
    if (missing.empty()) return out;
    std::map<std::int64_t, std::shared_ptr<const core::question>> read;
    for (auto& r : storage::questions::versions(tx, missing)) read[r.id] = std::make_shared<const core::question>(from_row(r));
    std::lock_guard lock(c.exam_mutex);
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (!out[i]) {
            auto it = read.find(ids[i]);
            if (it == read.end()) throw std::runtime_error("question version missing: " + std::to_string(ids[i]));
            out[i] = c.question_versions.emplace(ids[i], it->second).first->second;
        }
    return out;
}

paper paper_of(context& ctx, storage::unit_of_work& tx, const storage::attempt_row& a) {
    paper out;
    out.items = items_of(a.items);
    std::vector<std::int64_t> ids;
    for (auto& i : out.items) ids.push_back(i.version_id);
    out.questions = versions(ctx, tx, ids);
    for (auto& w : storage::exams::answers(tx, a.id)) out.saved.emplace(w.question_id, std::move(w));
    return out;
}
core::answer paper::answer(std::size_t i) const {
    auto it = saved.find(items[i].question_id);
    return it == saved.end() ? core::answer{} : answer_of(it->second.answer);
}

// The attempt's score as the cycle's written score (source exam). It is entered only while the
// cycle takes scores (the attempt keeps its score either way); a locked component takes `reason`.
void record_written(context& ctx, storage::unit_of_work& tx, const storage::attempt_row& a, const std::string& reason) {
    if (!a.score) return;
    // With a resit, the cycle's rule decides which score counts: the regular sitting's (none when
    // absent) and the resit's, each once scored.
    auto s = storage::exams::sitting(tx, a.sitting_id);
    std::optional<std::int64_t> first, resit;
    bool sat_resit = false;
    for (auto& other : storage::exams::sittings_of(tx, s->cycle_id)) {
        if (other.blueprint_id != s->blueprint_id) continue;
        auto x = other.id == a.sitting_id ? std::optional<storage::attempt_row>(a) : storage::exams::attempt_of(tx, other.id, a.application_id);
        if (!x || x->status == "in_progress") continue;
        if (other.kind == "resit") sat_resit = true, resit = x->score;
        else first = x->score;
    }
    std::int64_t counted = *a.score;
    if (sat_resit) {
        if (!resit) return;  // the resit waits for its markers: the regular score stands meanwhile
        auto c = storage::cycles::get(tx, s->cycle_id);
        auto bp = storage::exams::blueprint(tx, s->blueprint_id);
        counted = core::counted_score(c->resit_rule, first, *resit, bp->pass_mark);
    }
    principal system;
    system.username = "system:exam";
    score_input in{"written", counted, false, reason, "exam"};
    (void)set_score_in(ctx, tx, system, a.application_id, in);
}

// The candidate's own attempt (another's is not found: ids are not to be probed).
result<storage::attempt_row> own_attempt(storage::unit_of_work& tx, const principal& p, std::int64_t id) {
    auto a = storage::exams::attempt(tx, id);
    if (!a || !p.engineer_id || a->engineer_id != *p.engineer_id) return std::unexpected(not_found("考试记录", "attempt", id));
    return *a;
}

std::chrono::seconds grace(const context& ctx) { return std::chrono::seconds(ctx.cfg().exam_save_grace_seconds); }

}  // namespace papers

namespace {
using namespace papers;

// ---- errors ----

core::error conflict(const char* slug, core::text title) { return core::error{core::errc::conflict, slug, std::move(title), {}}; }
core::error invalid(std::vector<core::field_error> errs, const char* slug = "exam.invalid") {
    return core::error{core::errc::invalid_input, slug, {"考试信息有误", "The exam data is invalid"}, std::move(errs)};
}

// ---- time ----

std::string state_of(const storage::sitting_row& s, const std::string& now) {
    if (now < s.opens_at) return "scheduled";
    if (now < s.closes_at) return "open";
    return "closed";
}

// The deadline of an attempt started at `started`: its duration plus any extra time, not past the
// sitting's close (which extra time moves on for that candidate).
std::string deadline_of(const storage::sitting_row& s, clock::time_point started, int extra_minutes) {
    auto end = started + std::chrono::minutes(s.duration_minutes);
    auto closes = parse_instant(s.closes_at);
    if (closes && *closes < end) end = *closes;
    return iso(end + std::chrono::minutes(extra_minutes));
}

// ---- the bank as papers see it ----

// The questions a paper may be drawn from: current, in use, top level (a case with its parts).
std::vector<core::pool_question> bank_pool(storage::unit_of_work& tx) {
    std::vector<core::pool_question> pool;
    std::map<std::string, std::size_t> cases;
    storage::questions::each_current(tx, [&](const storage::question_row& r) {
        auto q = from_row(r);
        std::vector<std::string> keys;
        for (auto& o : q.options) keys.push_back(o.key);
        if (!r.parent_code.empty()) {
            auto it = cases.find(r.parent_code);
            if (it == cases.end()) return;
            auto& c = pool[it->second];
            c.part_ids.push_back(r.question_id);
            c.part_versions.push_back(r.id);
            c.part_types.push_back(r.type);
            c.part_option_keys.push_back(std::move(keys));
            return;
        }
        if (r.type == "case") cases[r.code] = pool.size();
        pool.push_back({r.question_id, r.id, r.type, r.product_line, r.knowledge_point, q.ranks, q.difficulty, std::move(keys), {}, {}, {}, {}});
    });
    std::erase_if(pool, [](auto& q) { return q.type == "case" && q.part_ids.empty(); });
    return pool;
}

// The same, kept by this process while the bank's stamp stays (a start reads one small row, not the bank).
std::shared_ptr<const std::vector<core::pool_question>> cached_pool(context& ctx, storage::unit_of_work& tx) {
    auto stamp = storage::questions::bank_stamp(tx);
    auto& c = ctx.cache();
    {
        std::lock_guard lock(c.exam_mutex);
        if (c.bank_pool && c.bank_stamp == stamp) return c.bank_pool;
    }
    auto pool = std::make_shared<const std::vector<core::pool_question>>(bank_pool(tx));
    std::lock_guard lock(c.exam_mutex);
    c.bank_pool = pool;
    c.bank_stamp = stamp;
    return pool;
}

blueprint_view view_of(storage::unit_of_work& tx, const storage::blueprint_row& r, const std::vector<core::pool_question>& pool) {
    blueprint_view v{r, blueprint_of(r), {}, 0};
    v.shortfalls = core::shortfalls(v.blueprint, pool);
    v.papers = storage::exams::papers_of(tx, r.id);
    return v;
}

// The pass mark of the level's written exam under the cycle's scheme, or why there is none.
result<std::int64_t> written_pass_mark(storage::unit_of_work& tx, const storage::cycle_row& c, int rank) {
    auto scheme = cycle_scheme(tx, c);
    if (!scheme) return std::unexpected(scheme.error());
    if (rank < 1 || rank > static_cast<int>(scheme->levels.size()))
        return std::unexpected(invalid({{"target_rank", {"方案中没有该等级", "the scheme has no such level"}}}));
    for (auto& comp : scheme->levels[static_cast<std::size_t>(rank - 1)].components)
        if (comp.kind == core::component_kind::written) return comp.pass_mark;
    return std::unexpected(invalid({{"target_rank", {"该等级不考笔试", "this level has no written exam"}}}));
}

// ---- sittings ----

// The national ratio: one proctor per 15 candidates, and two in a room (one at least).
std::size_t proctors_needed(const storage::sitting_row& s) {
    auto need = static_cast<std::size_t>((s.candidates + 14) / 15);
    if (!s.room.empty()) need = std::max<std::size_t>(need, 2);
    return std::max<std::size_t>(need, 1);
}

core::text proctors_short(std::size_t need, std::size_t proctors) {
    return {"监考不足：需要 " + std::to_string(need) + " 名，已安排 " + std::to_string(proctors) + " 名（每 15 名考生至少 1 名，每个考场至少 2 名）",
            "Too few proctors: " + std::to_string(need) + " needed, " + std::to_string(proctors) + " assigned (one per 15 candidates, two per room)"};
}

std::vector<core::text> problems_of(const storage::sitting_row& s, std::size_t proctors) {
    std::vector<core::text> out;
    if (auto need = proctors_needed(s); proctors < need) out.push_back(proctors_short(need, proctors));
    if (s.candidates > s.capacity)
        out.push_back({"考生 " + std::to_string(s.candidates) + " 名，超过容量 " + std::to_string(s.capacity) + " 名",
                       std::to_string(s.candidates) + " candidates, over the capacity of " + std::to_string(s.capacity)});
    return out;
}

sitting_view sitting_view_of(context& ctx, storage::unit_of_work& tx, const storage::sitting_row& s) {
    sitting_view v{s, storage::exams::proctors(tx, s.id), {}, state_of(s, ctx.now_iso())};
    v.problems = problems_of(s, v.proctors.size());
    return v;
}

std::vector<core::field_error> check_sitting(const sitting_input& in) {
    std::vector<core::field_error> errs;
    auto name = core::trim(in.name);
    if (name.empty()) errs.push_back({"name", {"请填写场次名称", "the name is required"}});
    if (core::char_count(name) > 60) errs.push_back({"name", {"名称最多 60 字", "at most 60 characters"}});
    if (in.kind != "regular" && in.kind != "resit") errs.push_back({"kind", {"类型应为 regular 或 resit", "the kind is regular or resit"}});
    auto opens = parse_instant(in.opens_at), closes = parse_instant(in.closes_at);
    if (!opens) errs.push_back({"opens_at", {"开始时间格式应为 2026-12-03T09:00:00Z", "use an instant like 2026-12-03T09:00:00Z"}});
    if (!closes) errs.push_back({"closes_at", {"结束时间格式应为 2026-12-03T11:00:00Z", "use an instant like 2026-12-03T11:00:00Z"}});
    if (opens && closes && *closes <= *opens) errs.push_back({"closes_at", {"结束时间应晚于开始时间", "the sitting closes after it opens"}});
    if (in.duration_minutes && (*in.duration_minutes < 5 || *in.duration_minutes > 600))
        errs.push_back({"duration_minutes", {"考试时长应为 5–600 分钟", "the duration is 5–600 minutes"}});
    if (opens && closes && in.duration_minutes && *closes - *opens < std::chrono::minutes(*in.duration_minutes))
        errs.push_back({"closes_at", {"考试窗口短于考试时长", "the window is shorter than the duration"}});
    if (core::char_count(in.room) > 60) errs.push_back({"room", {"考场名称最多 60 字", "at most 60 characters"}});
    if (in.capacity < 1 || in.capacity > 100000) errs.push_back({"capacity", {"容量应为 1–100000", "the capacity is 1–100,000"}});
    if (in.focus_limit < 0 || in.focus_limit > 100) errs.push_back({"focus_limit", {"切屏次数上限应为 0–100", "the limit is 0–100"}});
    if (in.focus_action != "flag" && in.focus_action != "submit")
        errs.push_back({"focus_action", {"超限处理应为 flag 或 submit", "the action is flag or submit"}});
    if (in.snapshots < 0 || in.snapshots > 10) errs.push_back({"snapshots", {"抓拍次数应为 0–10", "0–10 snapshots"}});
    return errs;
}

result<storage::sitting_row> sitting_or_404(storage::unit_of_work& tx, std::int64_t id) {
    auto s = storage::exams::sitting(tx, id);
    if (!s) return std::unexpected(not_found("考试场次", "sitting", id));
    return *s;
}

// ---- attempts ----

// Marks the attempt's objective answers, stores their points and the attempt's end; a complete
// mark becomes the cycle's written score.
void finish(context& ctx, storage::unit_of_work& tx, storage::attempt_row& a, const std::string& by) {
    auto pp = paper_of(ctx, tx, a);
    auto& items = pp.items;
    std::int64_t total = 0;
    int pending = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& q = *pp.questions[i];
        if (q.type == "case") continue;
        auto it = pp.saved.find(items[i].question_id);
        auto m = core::mark(q, pp.answer(i), items[i].points, items[i].partial_credit);
        if (m.needs_marker) {
            ++pending;
            storage::marking::await_marker(tx, a.id, items[i].question_id);
            continue;
        }
        total += m.points;
        if (it != pp.saved.end()) storage::exams::set_points(tx, a.id, items[i].question_id, m.points);
    }
    a.status = "submitted";
    a.submitted_at = ctx.now_iso();
    a.submitted_by = by;
    a.pending = pending;
    a.score = pending ? std::nullopt : std::optional<std::int64_t>(total);
    storage::exams::finish_attempt(tx, a);
    record_written(ctx, tx, a, "");
}


bool overdue(const context& ctx, const storage::attempt_row& a, clock::time_point now) {
    auto d = parse_instant(a.deadline);
    return a.status == "in_progress" && d && now > *d + grace(ctx);
}

attempt_view attempt_view_of(context& ctx, storage::unit_of_work& tx, const storage::attempt_row& a, const storage::sitting_row& s) {
    attempt_view v{a, s, "", {}, storage::exams::answers(tx, a.id), ctx.now_iso()};
    if (auto c = storage::exams::candidate(tx, a.sitting_id, a.application_id)) v.candidate_no = c->candidate_no;
    if (s.snapshots > 0)
        if (auto st = storage::exams::snapshot_state_of(tx, a.id)) v.snapshots = snapshot_status_of(ctx, a, s, *st);
    if (a.status != "in_progress") return v;
    auto items = items_of(a.items);
    std::vector<std::int64_t> ids;
    for (auto& i : items) ids.push_back(i.version_id);
    auto qs = versions(ctx, tx, ids);
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto q = *qs[i];
        // The key, the scoring points and the explanation stay on the server.
        q.correct.clear();
        for (auto& b : q.blanks) b.clear();
        q.reference.clear();
        q.rubric.clear();
        q.explanation = {};
        std::vector<core::question_option> shown;
        for (char k : items[i].option_order)
            for (auto& o : q.options)
                if (o.key == std::string(1, k)) shown.push_back(o);
        if (!items[i].option_order.empty()) q.options = std::move(shown);
        v.questions.push_back({items[i], std::move(q)});
    }
    return v;
}

std::uint64_t new_seed() {
    static thread_local std::mt19937_64 gen{std::random_device{}()};
    return gen() >> 1;  // stored as a signed 64-bit number
}

}  // namespace

std::optional<clock::time_point> parse_instant(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.fff]Z
    if (s.size() < 20 || s.back() != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), se = num(17, 2);
    if (y < 1970 || mo < 1 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return std::nullopt;
    if (s.size() > 20) {
        if (s[19] != '.' || s.size() > 24 || s.size() == 21) return std::nullopt;
        for (std::size_t i = 20; i + 1 < s.size(); ++i)
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
    }
    std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)), std::chrono::day(static_cast<unsigned>(d))};
    if (!ymd.ok()) return std::nullopt;
    return clock::time_point(std::chrono::sys_days(ymd)) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(se);
}

// ---- blueprints ----

result<std::vector<blueprint_view>> list_blueprints(context& ctx, const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    if (!storage::cycles::get(tx, cycle_id)) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    auto pool = bank_pool(tx);
    std::vector<blueprint_view> out;
    for (auto& r : storage::exams::blueprints_of(tx, cycle_id)) out.push_back(view_of(tx, r, pool));
    return out;
}

result<blueprint_view> get_blueprint(context& ctx, const principal& p, std::int64_t id) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto r = storage::exams::blueprint(tx, id);
    if (!r) return std::unexpected(not_found("组卷规则", "blueprint", id));
    return view_of(tx, *r, bank_pool(tx));
}

result<blueprint_view> save_blueprint(context& ctx, const principal& p, std::int64_t cycle_id, core::blueprint bp,
                                      std::optional<int> expected_version) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    if (std::find(c->open_ranks.begin(), c->open_ranks.end(), bp.target_rank) == c->open_ranks.end())
        return std::unexpected(invalid({{"target_rank", {"本批次未开放该等级", "the cycle is not open for this level"}}}));
    auto pass = written_pass_mark(tx, *c, bp.target_rank);
    if (!pass) return std::unexpected(pass.error());
    bp.pass_mark = *pass;
    for (auto& s : bp.sections) {
        s.title = {core::trim(s.title.zh), core::trim(s.title.en)};
        s.product_line = core::trim(s.product_line);
        s.knowledge_point = core::trim(s.knowledge_point);
    }
    if (auto errs = core::validate(bp); !errs.empty()) return std::unexpected(invalid(std::move(errs), "blueprint.invalid"));
    auto pool = bank_pool(tx);
    if (auto gaps = core::shortfalls(bp, pool); !gaps.empty())
        return std::unexpected(core::error{core::errc::invalid_input, "blueprint.bank_short",
                                           {"题库中的题目不足以组卷", "The bank cannot fill the blueprint"}, std::move(gaps)});
    storage::blueprint_row row;
    std::string before = "{}";
    for (auto& existing : storage::exams::blueprints_of(tx, cycle_id))
        if (existing.target_rank == bp.target_rank) row = existing;
    if (row.id && !expected_version)
        return std::unexpected(conflict("blueprint.exists", {"该等级已有组卷规则，请编辑它", "The level has a blueprint already; edit it"}));
    if (!row.id && expected_version) return std::unexpected(not_found("组卷规则", "blueprint", 0));
    if (row.id) {
        if (view_of(tx, row, pool).papers > 0)
            return std::unexpected(conflict("blueprint.in_use", {"已按此规则生成试卷，不能再修改", "Papers were drawn from this blueprint; it can no longer change"}));
        before = row.sections;
    }
    row.cycle_id = cycle_id;
    row.target_rank = bp.target_rank;
    row.sections = sections_json(bp.sections);
    row.duration_minutes = bp.duration_minutes;
    row.pass_mark = bp.pass_mark;
    row.fixed = bp.fixed;
    if (bp.fixed && !row.seed) row.seed = static_cast<std::int64_t>(new_seed());
    row.review_after_close = bp.review_after_close;
    row.double_marking = bp.marking.double_marking;
    row.discrepancy_percent = bp.marking.discrepancy_percent;
    row.updated_at = ctx.now_iso();
    row.updated_by = p.username;
    if (row.id) {
        if (!storage::exams::update_blueprint(tx, row, *expected_version))
            return std::unexpected(core::error{core::errc::precondition_failed, "blueprint.stale",
                                               {"组卷规则已被他人修改，请刷新后重试", "The blueprint changed meanwhile; reload and retry"}, {}});
        ++row.version;
    } else {
        row.seed = static_cast<std::int64_t>(new_seed());
        row.id = storage::exams::insert_blueprint(tx, row);
    }
    ctx.audit(tx, p.username, before == "{}" ? "blueprint.create" : "blueprint.update", "blueprint", std::to_string(row.id), before == "{}" ? "{}" : before,
              row.sections);
    auto v = view_of(tx, row, pool);
    tx.commit();
    return v;
}

// ---- sittings ----

result<std::vector<sitting_view>> list_sittings(context& ctx, const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::exams_proctor); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::vector<sitting_view> out;
    for (auto& s : storage::exams::sittings_of(tx, cycle_id)) {
        auto v = sitting_view_of(ctx, tx, s);
        // A proctor who is not HR sees the sittings they watch.
        if (!p.may(perm::exams_manage) && std::find(v.proctors.begin(), v.proctors.end(), p.user_id) == v.proctors.end()) continue;
        out.push_back(std::move(v));
    }
    return out;
}

result<sitting_view> get_sitting(context& ctx, const principal& p, std::int64_t id) {
    if (auto c = check(p, perm::exams_proctor); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto s = sitting_or_404(tx, id);
    if (!s) return std::unexpected(s.error());
    auto v = sitting_view_of(ctx, tx, *s);
    if (!p.may(perm::exams_manage) && std::find(v.proctors.begin(), v.proctors.end(), p.user_id) == v.proctors.end())
        return std::unexpected(not_found("考试场次", "sitting", id));
    return v;
}

namespace {
// The input's fields on the sitting (its duration the blueprint's unless given); an error when the
// window is shorter than the exam.
std::optional<core::error> apply_sitting(storage::sitting_row& s, const sitting_input& in) {
    s.name = core::trim(in.name);
    s.opens_at = iso(*parse_instant(in.opens_at));
    s.closes_at = iso(*parse_instant(in.closes_at));
    if (in.duration_minutes) s.duration_minutes = *in.duration_minutes;
    s.room = core::trim(in.room);
    s.capacity = in.capacity;
    s.focus_limit = in.focus_limit;
    s.focus_action = in.focus_action;
    s.snapshots = in.snapshots;
    if (*parse_instant(s.closes_at) - *parse_instant(s.opens_at) < std::chrono::minutes(s.duration_minutes))
        return invalid({{"closes_at", {"考试窗口短于考试时长", "the window is shorter than the duration"}}}, "sitting.invalid");
    return std::nullopt;
}
std::string sitting_audit(const storage::sitting_row& s) {
    return js::serialize(js::object{{"name", s.name}, {"opens_at", s.opens_at}, {"closes_at", s.closes_at}, {"duration_minutes", s.duration_minutes}, {"room", s.room}});
}
}  // namespace

result<sitting_view> create_sitting(context& ctx, const principal& p, std::int64_t blueprint_id, const sitting_input& in) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    if (auto errs = check_sitting(in); !errs.empty()) return std::unexpected(invalid(std::move(errs), "sitting.invalid"));
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto bp = storage::exams::blueprint(tx, blueprint_id);
    if (!bp) return std::unexpected(invalid({{"blueprint_id", {"组卷规则不存在", "no such blueprint"}}}, "sitting.invalid"));
    storage::sitting_row s;
    s.blueprint_id = blueprint_id;
    s.kind = in.kind;
    s.duration_minutes = bp->duration_minutes;
    if (auto bad = apply_sitting(s, in)) return std::unexpected(*bad);
    s.created_at = ctx.now_iso();
    s.created_by = p.username;
    s.id = storage::exams::insert_sitting(tx, s);
    ctx.audit(tx, p.username, "sitting.create", "sitting", std::to_string(s.id), "{}", sitting_audit(s));
    auto row = storage::exams::sitting(tx, s.id);
    auto v = sitting_view_of(ctx, tx, *row);
    tx.commit();
    return v;
}

// The kind stays what the sitting was made as (a resit's candidates are chosen as a resit's).
result<sitting_view> update_sitting(context& ctx, const principal& p, std::int64_t id, const sitting_input& in, int expected_version) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    if (auto errs = check_sitting(in); !errs.empty()) return std::unexpected(invalid(std::move(errs), "sitting.invalid"));
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto s = sitting_or_404(tx, id);
    if (!s) return std::unexpected(s.error());
    auto before = sitting_audit(*s);
    if (auto bad = apply_sitting(*s, in)) return std::unexpected(*bad);
    if (!storage::exams::update_sitting(tx, *s, expected_version))
        return std::unexpected(core::error{core::errc::precondition_failed, "sitting.stale",
                                           {"场次已被他人修改，请刷新后重试", "The sitting changed meanwhile; reload and retry"}, {}});
    ctx.audit(tx, p.username, "sitting.update", "sitting", std::to_string(id), before, sitting_audit(*s));
    auto v = sitting_view_of(ctx, tx, *storage::exams::sitting(tx, id));
    tx.commit();
    return v;
}

result<std::vector<storage::user_row>> proctor_choices(context& ctx, const principal& p) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::map<std::int64_t, storage::user_row> out;
    for (auto role : {core::role::examiner, core::role::hr, core::role::admin})
        for (int page = 1;; ++page) {
            storage::user_filter f;
            f.role = role;
            f.page = page;
            f.page_size = 200;
            auto r = storage::users::page(tx, f);
            for (auto& u : r.items)
                if (u.active) out.emplace(u.id, u);
            if (static_cast<std::int64_t>(page) * 200 >= r.total) break;
        }
    std::vector<storage::user_row> v;
    for (auto& [id, u] : out) v.push_back(std::move(u));
    return v;
}

result<sitting_view> set_proctors(context& ctx, const principal& p, std::int64_t sitting_id, const std::vector<std::int64_t>& user_ids) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto s = sitting_or_404(tx, sitting_id);
    if (!s) return std::unexpected(s.error());
    std::vector<core::field_error> errs;
    std::set<std::int64_t> ids;
    for (std::size_t i = 0; i < user_ids.size(); ++i) {
        auto u = storage::users::get(tx, user_ids[i]);
        auto at = "user_ids[" + std::to_string(i) + "]";
        if (!u) errs.push_back({at, {"用户不存在：" + std::to_string(user_ids[i]), "no such user: " + std::to_string(user_ids[i])}});
        else if (!std::any_of(u->roles.begin(), u->roles.end(), [](auto r) { return r == core::role::examiner || r == core::role::hr || r == core::role::admin; }))
            errs.push_back({at, {u->display_name + " 不是考评员或人事，不能监考", u->display_name + " is not an examiner or HR and cannot proctor"}});
        else if (!ids.insert(user_ids[i]).second) errs.push_back({at, {"重复的监考", "listed twice"}});
    }
    if (auto need = proctors_needed(*s); errs.empty() && ids.size() < need) errs.push_back({"user_ids", proctors_short(need, ids.size())});
    if (!errs.empty()) return std::unexpected(invalid(std::move(errs), "sitting.proctors"));
    auto before = storage::exams::proctors(tx, sitting_id);
    storage::exams::set_proctors(tx, sitting_id, {ids.begin(), ids.end()});
    auto list = [](const std::vector<std::int64_t>& v) {
        js::array a;
        for (auto x : v) a.emplace_back(x);
        return js::serialize(js::object{{"proctors", a}});
    };
    ctx.audit(tx, p.username, "sitting.proctors", "sitting", std::to_string(sitting_id), list(before), list({ids.begin(), ids.end()}));
    auto v = sitting_view_of(ctx, tx, *s);
    tx.commit();
    return v;
}

namespace {
// The applications a resit of the blueprint is for: candidates of its regular sittings who failed
// (scored below the pass mark) or were absent (a closed sitting, never started).
std::set<std::int64_t> resit_due(context& ctx, storage::unit_of_work& tx, const storage::sitting_row& resit) {
    auto bp = storage::exams::blueprint(tx, resit.blueprint_id);
    auto now = ctx.now_iso();
    std::set<std::int64_t> out;
    for (auto& s : storage::exams::sittings_of(tx, resit.cycle_id)) {
        if (s.blueprint_id != resit.blueprint_id || s.kind == "resit") continue;
        bool closed = state_of(s, now) == "closed";
        for (auto& c : storage::exams::candidates(tx, s.id)) {
            auto a = storage::exams::attempt_of(tx, s.id, c.application_id);
            if (!a ? closed : a->status != "in_progress" && a->score && *a->score < bp->pass_mark) out.insert(c.application_id);
        }
    }
    return out;
}

// The questions put to the application in the blueprint's other sittings (a resit avoids them).
std::set<std::int64_t> seen_before(storage::unit_of_work& tx, const storage::sitting_row& s, std::int64_t application_id) {
    std::set<std::int64_t> out;
    for (auto& other : storage::exams::sittings_of(tx, s.cycle_id)) {
        if (other.blueprint_id != s.blueprint_id || other.id == s.id) continue;
        if (auto a = storage::exams::attempt_of(tx, other.id, application_id))
            for (auto& i : items_of(a->items))
                if (!i.parent) out.insert(i.question_id);
    }
    return out;
}
}  // namespace

result<int> add_candidates(context& ctx, const principal& p, std::int64_t sitting_id, const std::vector<std::int64_t>& application_ids) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto s = sitting_or_404(tx, sitting_id);
    if (!s) return std::unexpected(s.error());
    // Who is already in a sitting of this blueprint and kind.
    std::set<std::int64_t> placed;
    for (auto& other : storage::exams::sittings_of(tx, s->cycle_id))
        if (other.blueprint_id == s->blueprint_id && other.kind == s->kind)
            for (auto& c : storage::exams::candidates(tx, other.id)) placed.insert(c.application_id);
    std::vector<std::int64_t> adding;
    std::vector<core::field_error> errs;
    bool resit = s->kind == "resit";
    auto due = resit ? resit_due(ctx, tx, *s) : std::set<std::int64_t>{};
    if (application_ids.empty()) {
        for (auto& a : storage::applications::list(tx, s->cycle_id))
            if (a.status == "eligible" && a.target_rank == s->target_rank && !placed.count(a.id) && (!resit || due.count(a.id)))
                adding.push_back(a.id);
    } else {
        for (std::size_t i = 0; i < application_ids.size(); ++i) {
            auto at = "application_ids[" + std::to_string(i) + "]";
            auto a = storage::applications::get(tx, application_ids[i]);
            if (!a || a->cycle_id != s->cycle_id) errs.push_back({at, {"本批次没有此申报", "no such application in the cycle"}});
            else if (a->status != "eligible") errs.push_back({at, {a->engineer_name + " 的申报未通过基本条件审核", a->engineer_name + "'s application is not eligible"}});
            else if (a->target_rank != s->target_rank) errs.push_back({at, {a->engineer_name + " 申报的等级不是本场次的等级", a->engineer_name + " applies for another level"}});
            else if (placed.count(a->id)) errs.push_back({at, {a->engineer_name + " 已安排在本规则的场次中", a->engineer_name + " is in a sitting of this blueprint already"}});
            else if (resit && !due.count(a->id))
                errs.push_back({at, {a->engineer_name + " 未缺考也未不合格，不能补考", a->engineer_name + " neither failed nor was absent: no resit"}});
            else if (std::find(adding.begin(), adding.end(), a->id) == adding.end()) adding.push_back(a->id);
        }
    }
    if (s->candidates + static_cast<int>(adding.size()) > s->capacity)
        errs.push_back({"application_ids", {"超过场次容量：已有 " + std::to_string(s->candidates) + " 名，容量 " + std::to_string(s->capacity) + " 名",
                                            "over the capacity: " + std::to_string(s->candidates) + " of " + std::to_string(s->capacity) + " places taken"}});
    if (!errs.empty()) return std::unexpected(invalid(std::move(errs), "sitting.candidates"));
    // Candidate numbers: the sitting's id and a running number ("12-0007").
    int next = 0;
    for (auto& c : storage::exams::candidates(tx, sitting_id)) {
        auto dash = c.candidate_no.rfind('-');
        if (dash != std::string::npos) next = std::max(next, std::atoi(c.candidate_no.c_str() + dash + 1));
    }
    char buf[32];
    for (auto id : adding) {
        std::snprintf(buf, sizeof buf, "%lld-%04d", static_cast<long long>(sitting_id), ++next);
        storage::exams::add_candidate(tx, sitting_id, id, buf);
    }
    ctx.audit(tx, p.username, "sitting.candidates", "sitting", std::to_string(sitting_id), "{}",
              js::serialize(js::object{{"added", adding.size()}}));
    tx.commit();
    return static_cast<int>(adding.size());
}

result<void> remove_candidate(context& ctx, const principal& p, std::int64_t sitting_id, std::int64_t application_id) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    if (auto s = sitting_or_404(tx, sitting_id); !s) return std::unexpected(s.error());
    if (!storage::exams::candidate(tx, sitting_id, application_id)) return std::unexpected(not_found("考生", "candidate", application_id));
    if (storage::exams::attempt_of(tx, sitting_id, application_id))
        return std::unexpected(conflict("sitting.started", {"该考生已开始答题，不能移出", "The candidate has started; they stay"}));
    storage::exams::remove_candidate(tx, sitting_id, application_id);
    ctx.audit(tx, p.username, "sitting.candidate_remove", "sitting", std::to_string(sitting_id),
              js::serialize(js::object{{"application_id", application_id}}), "{}");
    tx.commit();
    return {};
}

result<std::vector<room_line>> sitting_room(context& ctx, const principal& p, std::int64_t sitting_id) {
    auto v = get_sitting(ctx, p, sitting_id);
    if (!v) return std::unexpected(v.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::map<std::int64_t, storage::attempt_row> attempts;
    for (auto& a : storage::exams::attempts_of(tx, sitting_id)) attempts.emplace(a.application_id, std::move(a));
    auto stats = storage::exams::answer_stats_of(tx, sitting_id);
    auto snapshots = v->row.snapshots > 0 ? storage::exams::snapshot_states(tx, sitting_id) : std::map<std::int64_t, storage::snapshot_state>{};
    std::vector<room_line> out;
    for (auto& c : storage::exams::candidates(tx, sitting_id)) {
        room_line line{c, std::nullopt, 0, "", {}};
        if (auto it = attempts.find(c.application_id); it != attempts.end()) {
            line.attempt = it->second;
            line.attempt->items.clear();
            if (auto sn = snapshots.find(it->second.id); sn != snapshots.end()) line.snapshots = sn->second;
            if (auto st = stats.find(it->second.id); st != stats.end()) {
                line.answered = st->second.answered;
                line.last_save = st->second.last_save;
            }
        }
        out.push_back(std::move(line));
    }
    return out;
}

result<void> extend_time(context& ctx, const principal& p, std::int64_t sitting_id, std::int64_t application_id, int minutes,
                         const std::string& reason) {
    auto v = get_sitting(ctx, p, sitting_id);
    if (!v) return std::unexpected(v.error());
    std::vector<core::field_error> errs;
    if (minutes < 1 || minutes > 120) errs.push_back({"minutes", {"延长时间应为 1–120 分钟", "1–120 minutes"}});
    if (core::trim(reason).empty()) errs.push_back({"reason", {"请填写延长原因", "a reason is required"}});
    if (!errs.empty()) return std::unexpected(invalid(std::move(errs)));
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto c = storage::exams::candidate(tx, sitting_id, application_id);
    if (!c) return std::unexpected(not_found("考生", "candidate", application_id));
    auto a = storage::exams::attempt_of(tx, sitting_id, application_id);
    if (a && a->status != "in_progress")
        return std::unexpected(conflict("exam.submitted", {"该考生已交卷", "The candidate has submitted"}));
    int extra = c->extra_minutes + minutes;
    storage::exams::set_extra_minutes(tx, sitting_id, application_id, extra);
    if (a) storage::exams::set_deadline(tx, a->id, deadline_of(v->row, *parse_instant(a->started_at), extra));
    ctx.audit(tx, p.username, "attempt.extend", "sitting", std::to_string(sitting_id),
              js::serialize(js::object{{"application_id", application_id}, {"extra_minutes", c->extra_minutes}}),
              js::serialize(js::object{{"application_id", application_id}, {"extra_minutes", extra}, {"reason", core::trim(reason)}}));
    tx.commit();
    return {};
}

// ---- attempts ----

result<attempt_view> start_attempt(context& ctx, const principal& p, std::int64_t sitting_id, const std::string& device, bool take_over) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    if (!p.engineer_id) return std::unexpected(not_found("考试场次", "sitting", sitting_id));
    if (device.empty() || device.size() > 64)
        return std::unexpected(invalid({{"device", {"缺少设备标识", "the device id is required (at most 64 characters)"}}}));
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto s = sitting_or_404(tx, sitting_id);
    if (!s) return std::unexpected(s.error());
    std::optional<storage::candidate_row> cand;
    for (auto& c : storage::exams::sittings_of_engineer(tx, *p.engineer_id))
        if (c.sitting_id == sitting_id) cand = c;
    if (!cand) return std::unexpected(not_found("考试场次", "sitting", sitting_id));
    auto now = ctx.now();
    auto a = storage::exams::attempt_of(tx, sitting_id, cand->application_id);
    if (!a) {
        auto state = state_of(*s, iso(now));
        if (state == "scheduled") return std::unexpected(conflict("exam.not_open", {"考试尚未开始：" + s->opens_at, "The sitting opens at " + s->opens_at}));
        if (state == "closed") return std::unexpected(conflict("exam.closed", {"考试已结束", "The sitting has closed"}));
        auto bp_row = storage::exams::blueprint(tx, s->blueprint_id);
        auto bp = blueprint_of(*bp_row);
        auto pool = cached_pool(ctx, tx);
        auto seed = new_seed();
        std::set<std::int64_t> seen;
        if (s->kind == "resit") {
            seen = seen_before(tx, *s, cand->application_id);
            // A fixed blueprint's resit is one paper too, drawn with a seed of its own.
            bp.seed ^= static_cast<std::uint64_t>(s->id) * 0x9E3779B97F4A7C15ull;
        }
        auto paper = core::draw_paper(bp, *pool, storage::exams::exposure(tx, bp_row->id), seed, seen);
        if (!paper)
            return std::unexpected(core::error{core::errc::conflict, "exam.bank_short", {"题库中的题目不足以组卷，请联系人事", "The bank cannot fill the paper; ask HR"},
                                               core::shortfalls(bp, *pool)});
        storage::attempt_row row;
        row.sitting_id = sitting_id;
        row.application_id = cand->application_id;
        row.engineer_id = *p.engineer_id;
        row.seed = static_cast<std::int64_t>(seed);
        row.items = items_json(*paper);
        row.started_at = iso(now);
        row.deadline = deadline_of(*s, now, cand->extra_minutes);
        row.device = device;
        row.id = storage::exams::insert_attempt(tx, row);
        if (row.id) {
            std::vector<std::int64_t> drawn;
            for (auto& i : *paper)
                if (!i.parent) drawn.push_back(i.question_id);
            storage::exams::add_exposure(tx, bp_row->id, drawn);
            a = row;
        } else {
            a = storage::exams::attempt_of(tx, sitting_id, cand->application_id);
        }
    } else if (overdue(ctx, *a, now)) {
        finish(ctx, tx, *a, "deadline");
    } else if (a->status == "in_progress" && a->device != device) {
        if (!take_over)
            return std::unexpected(conflict("exam.other_device", {"本场考试正在另一台设备上进行；确认后可在本设备继续，另一台设备将无法再保存",
                                                                  "The exam is open on another device; confirm to continue here, and the other one can no longer save"}));
        ctx.audit(tx, p.username, "attempt.take_over", "attempt", std::to_string(a->id), js::serialize(js::object{{"device", a->device}}),
                  js::serialize(js::object{{"device", device}}));
        storage::exams::set_device(tx, a->id, device);
        a->device = device;
    }
    auto v = attempt_view_of(ctx, tx, *a, *s);
    tx.commit();
    return v;
}

result<attempt_view> get_attempt(context& ctx, const principal& p, std::int64_t attempt_id) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto a = own_attempt(tx, p, attempt_id);
    if (!a) return std::unexpected(a.error());
    auto s = storage::exams::sitting(tx, a->sitting_id);
    if (overdue(ctx, *a, ctx.now())) finish(ctx, tx, *a, "deadline");
    auto v = attempt_view_of(ctx, tx, *a, *s);
    tx.commit();
    return v;
}

namespace {

core::error submitted_error() { return conflict("exam.submitted", {"已交卷，答案不能再修改", "The attempt was submitted; answers no longer change"}); }

// What a save may do given the attempt's state now: submitted, past the deadline (and grace), or
// taken over by another device is a 409.
std::optional<core::error> save_refused(const context& ctx, const std::string& status, const std::string& deadline,
                                        const std::string& device, const answer_input& in) {
    if (status != "in_progress") return submitted_error();
    auto d = parse_instant(deadline);
    if (!d || ctx.now() > *d + grace(ctx))
        return conflict("exam.deadline", {"考试时间已到，答案未保存", "Time is up; the answer was not saved"});
    if (!in.device.empty() && in.device != device)
        return conflict("exam.taken_over", {"本场考试已在另一台设备上继续，此设备不能再保存",
                                            "The exam continues on another device; this one can no longer save"});
    return std::nullopt;
}

// The attempt's paper, parsed once per process while its text stays the same.
std::shared_ptr<const std::vector<core::paper_item>> saved_paper(context& ctx, const storage::attempt_row& a) {
    auto& c = ctx.cache();
    {
        std::lock_guard lock(c.exam_mutex);
        auto it = c.papers.find(a.id);
        if (it != c.papers.end() && it->second.text_hash == std::hash<std::string>{}(a.items)) return it->second.items;
    }
    auto items = std::make_shared<const std::vector<core::paper_item>>(items_of(a.items));
    std::lock_guard lock(c.exam_mutex);
    if (c.papers.size() >= c.max_papers) c.papers.clear();
    c.papers[a.id] = {std::hash<std::string>{}(a.items), items, a.engineer_id};
    return items;
}

// Whether the answer fits the paper's question (404 when it is not on the paper, 422 when it does
// not fit its type): the row to write.
result<storage::answer_row> fitting(const std::vector<core::paper_item>& paper, std::int64_t attempt_id, std::int64_t question_id,
                                    const answer_input& in, const std::function<std::shared_ptr<const core::question>(std::int64_t)>& version) {
    auto item = std::find_if(paper.begin(), paper.end(), [&](auto& i) { return i.question_id == question_id; });
    if (item == paper.end()) return std::unexpected(not_found("试卷上的题目", "question on the paper", question_id));
    auto q = version(item->version_id);
    if (auto why = core::check_answer(*q, in.answer)) return std::unexpected(invalid({{"answer", *why}}, "exam.answer"));
    return storage::answer_row{attempt_id, question_id, in.seq, answer_json(in.answer), "", std::nullopt};
}

// The checks of check_save that never change while an attempt runs, from what this process holds
// (the attempt's owner and paper, the question's version), without the database; none when it does
// not hold them. The attempt's state is left to the write. A regrade moves a paper only to versions
// of the same type, options and blanks, so a paper held from before it checks the same.
std::optional<result<storage::answer_row>> check_save_held(context& ctx, const principal& p, std::int64_t attempt_id,
                                                           std::int64_t question_id, const answer_input& in) {
    auto& c = ctx.cache();
    std::shared_ptr<const std::vector<core::paper_item>> paper;
    std::map<std::int64_t, std::shared_ptr<const core::question>> held;
    {
        std::lock_guard lock(c.exam_mutex);
        auto it = c.papers.find(attempt_id);
        if (it == c.papers.end()) return std::nullopt;
        if (!p.engineer_id || it->second.engineer_id != *p.engineer_id) return result<storage::answer_row>(std::unexpected(not_found("考试记录", "attempt", attempt_id)));
        paper = it->second.items;
        for (auto& i : *paper)
            if (i.question_id == question_id)
                if (auto v = c.question_versions.find(i.version_id); v != c.question_versions.end()) held.emplace(i.version_id, v->second);
    }
    auto item = std::find_if(paper->begin(), paper->end(), [&](auto& i) { return i.question_id == question_id; });
    if (item != paper->end() && !held.count(item->version_id)) return std::nullopt;
    return fitting(*paper, attempt_id, question_id, in, [&](std::int64_t id) { return held.at(id); });
}

// Everything a save checks that does not change while the attempt runs (whose attempt, which
// question, whether the answer fits its type), and its state as read now: the row to write.
result<storage::answer_row> check_save(context& ctx, storage::unit_of_work& tx, const principal& p, std::int64_t attempt_id,
                                       std::int64_t question_id, const answer_input& in) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    if (in.seq < 1) return std::unexpected(invalid({{"seq", {"序号应为正整数", "the sequence number is a positive integer"}}}));
    auto a = own_attempt(tx, p, attempt_id);
    if (!a) return std::unexpected(a.error());
    if (auto no = save_refused(ctx, a->status, a->deadline, a->device, in)) return std::unexpected(*no);
    return fitting(*saved_paper(ctx, *a), attempt_id, question_id, in, [&](std::int64_t id) { return versions(ctx, tx, {id}).front(); });
}

// Writes the checked row unless, in this unit of work, the attempt no longer takes saves or a
// newer save is stored; a repeat of the stored save answers what is stored. One statement when it
// is written; the reason looked up when it is not.
result<storage::answer_row> write_save(context& ctx, storage::unit_of_work& tx, storage::answer_row row, const answer_input& in) {
    auto now = ctx.now();
    row.saved_at = iso(now);
    // Deadlines are whole seconds: not before the next whole second is not before now - grace.
    auto from = std::chrono::ceil<std::chrono::seconds>(now - grace(ctx));
    if (storage::exams::put_answer_if_newer(tx, row, in.device, iso(from))) return row;
    auto st = storage::exams::attempt_state_of(tx, row.attempt_id);
    if (!st) return std::unexpected(submitted_error());
    if (auto no = save_refused(ctx, st->status, st->deadline, st->device, in)) return std::unexpected(*no);
    if (auto old = storage::exams::answer(tx, row.attempt_id, row.question_id)) {
        if (row.seq == old->seq && old->answer == row.answer) return *old;  // a resend of what is stored
        if (row.seq <= old->seq)
            return std::unexpected(conflict("exam.stale", {"该答案已有更新的保存（序号 " + std::to_string(old->seq) + "）",
                                                           "A newer save of this answer is stored (sequence " + std::to_string(old->seq) + ")"}));
    }
    // Not reached while the statement and the checks above agree; written as the checks allow.
    storage::exams::put_answer(tx, row);
    return row;
}

}  // namespace

result<storage::answer_row> save_answer(context& ctx, const principal& p, std::int64_t attempt_id, std::int64_t question_id,
                                        const answer_input& in) {
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto row = check_save(ctx, tx, p, attempt_id, question_id, in);
    if (!row) return row;
    auto saved = write_save(ctx, tx, std::move(*row), in);
    if (saved) tx.commit();
    return saved;
}

void save_answer_durably(context& ctx, const principal& p, std::int64_t attempt_id, std::int64_t question_id, const answer_input& in,
                         std::function<void(result<storage::answer_row>)> done) {
    result<storage::answer_row> row = [&]() -> result<storage::answer_row> {
        if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
        if (in.seq < 1) return std::unexpected(invalid({{"seq", {"序号应为正整数", "the sequence number is a positive integer"}}}));
        if (auto held = check_save_held(ctx, p, attempt_id, question_id, in)) return std::move(*held);
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        return check_save(ctx, tx, p, attempt_id, question_id, in);
    }();
    if (!row) return done(std::move(row));
    auto out = std::make_shared<result<storage::answer_row>>(*row);
    ctx.writes().submit([&ctx, out, checked = std::move(*row), in](storage::unit_of_work& tx) { *out = write_save(ctx, tx, checked, in); },
                        [out, done = std::move(done)](bool committed) {
                            if (committed) return done(std::move(*out));
                            done(std::unexpected(core::error{core::errc::unavailable, "exam.not_saved",
                                                             {"答案未能保存，请重试", "The answer could not be saved; please try again"}, {}}));
                        });
}

result<attempt_view> submit_attempt(context& ctx, const principal& p, std::int64_t attempt_id) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto a = own_attempt(tx, p, attempt_id);
    if (!a) return std::unexpected(a.error());
    if (a->status == "in_progress") {
        auto deadline = parse_instant(a->deadline);
        finish(ctx, tx, *a, deadline && ctx.now() >= *deadline ? "deadline" : "candidate");
    }
    auto v = attempt_view_of(ctx, tx, *a, *storage::exams::sitting(tx, a->sitting_id));
    tx.commit();
    return v;
}

result<storage::attempt_row> record_focus_loss(context& ctx, const principal& p, std::int64_t attempt_id, int seconds) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    if (seconds < 0 || seconds > 86400) return std::unexpected(invalid({{"seconds", {"时长应为 0–86400 秒", "0–86,400 seconds"}}}));
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto a = own_attempt(tx, p, attempt_id);
    if (!a) return std::unexpected(a.error());
    if (a->status != "in_progress") return std::unexpected(conflict("exam.submitted", {"已交卷", "The attempt was submitted"}));
    auto s = storage::exams::sitting(tx, a->sitting_id);
    bool over = s->focus_limit > 0 && a->focus_losses + 1 > s->focus_limit;
    storage::exams::add_focus_loss(tx, a->id, seconds, over && s->focus_action == "flag");
    auto now = *storage::exams::attempt(tx, a->id);
    if (over && s->focus_action == "submit") finish(ctx, tx, now, "focus");
    tx.commit();
    now.items.clear();
    return now;
}

int submit_overdue(context& ctx) {
    int done = 0;
    for (;;) {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        auto ids = storage::exams::overdue(tx, iso(ctx.now() - grace(ctx)), 200);
        for (auto id : ids) {
            auto a = storage::exams::attempt(tx, id);
            finish(ctx, tx, *a, "deadline");
        }
        tx.commit();
        done += static_cast<int>(ids.size());
        if (ids.size() < 200) break;
    }
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    for (auto sitting : storage::exams::closed_unmarked(tx, iso(ctx.now() - grace(ctx)))) {
        principal system;
        system.username = "system:exam";
        for (auto& c : storage::exams::candidates(tx, sitting)) {
            if (storage::exams::attempt_of(tx, sitting, c.application_id)) continue;
            auto scores = storage::scores::for_application(tx, c.application_id);
            if (std::any_of(scores.begin(), scores.end(), [](auto& x) { return x.component == "written"; })) continue;
            // Entered only while the cycle takes scores and the application is eligible.
            (void)set_score_in(ctx, tx, system, c.application_id, {"written", std::nullopt, true, "", "exam"});
        }
        storage::exams::mark_absences(tx, sitting);
    }
    tx.commit();
    return done;
}

result<exam_stats> sitting_stats(context& ctx, const principal& p, std::int64_t sitting_id) {
    if (auto c = check(p, perm::exams_manage); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    if (auto s = sitting_or_404(tx, sitting_id); !s) return std::unexpected(s.error());
    std::vector<core::candidate_responses> cands;
    std::vector<std::vector<double>> slots;
    std::vector<double> slot_max;
    std::map<std::int64_t, std::shared_ptr<const core::question>> seen;
    for (auto& a : storage::exams::attempts_of(tx, sitting_id)) {
        if (a.status != "submitted") continue;
        auto pp = paper_of(ctx, tx, a);
        auto& items = pp.items;
        auto& qs = pp.questions;
        auto& saved = pp.saved;
        core::candidate_responses c{a.application_id, {}};
        // Slots: each section's questions by id (a case with its parts as one), so that a fixed
        // paper's columns are its questions whatever order each candidate saw them in.
        std::map<std::pair<int, std::int64_t>, std::pair<double, double>> by_slot;
        bool complete = true;
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto& q = *qs[i];
            seen[items[i].question_id] = qs[i];
            auto& slot = by_slot[{items[i].section, items[i].parent ? items[i].parent : items[i].question_id}];
            if (q.type == "case") continue;
            auto it = saved.find(items[i].question_id);
            std::optional<std::int64_t> points = it == saved.end() ? std::optional<std::int64_t>(0) : it->second.points;
            if (!points && q.type != "short_answer") points = 0;  // saved, and marked as nothing (cleared)
            if (!points) {
                complete = false;  // waits for a marker
                continue;
            }
            core::item_response r{items[i].question_id, static_cast<double>(*points) / 100, static_cast<double>(items[i].points) / 100, {}};
            if ((q.type == "single" || q.type == "multiple") && it != saved.end()) r.chosen = answer_of(it->second.answer).values;
            c.items.push_back(std::move(r));
            slot.first += static_cast<double>(*points) / 100;
            slot.second += static_cast<double>(items[i].points) / 100;
        }
        std::vector<double> row, row_max;
        for (auto& [key, v] : by_slot) {
            row.push_back(v.first);
            row_max.push_back(v.second);
        }
        cands.push_back(std::move(c));
        if (!complete) continue;
        if (slot_max.empty()) slot_max = row_max;
        if (row.size() == slot_max.size()) slots.push_back(std::move(row));
    }
    std::vector<core::option_keys> keys;
    for (auto& [id, q] : seen)
        if (q->type == "single" || q->type == "multiple") {
            core::option_keys k{id, {}, q->correct};
            for (auto& o : q->options) k.all.push_back(o.key);
            keys.push_back(std::move(k));
        }
    exam_stats out;
    out.sitting_id = sitting_id;
    out.candidates = static_cast<int>(cands.size());
    for (auto& st : core::analyse_items(cands, keys)) {
        auto& q = *seen.at(st.item);
        out.items.push_back({std::move(st), q.code, q.type});
    }
    out.reliability = core::reliability_of(slots, slot_max);
    return out;
}

result<std::string> sitting_stats_xlsx(context& ctx, const principal& p, std::int64_t sitting_id, const std::string& lang) {
    auto st = sitting_stats(ctx, p, sitting_id);
    if (!st) return std::unexpected(st.error());
    bool zh = lang != "en";
    auto num = [](std::optional<double> v) {
        if (!v) return std::string();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3f", *v);
        return std::string(buf);
    };
    auto items = [&](const documents::row_sink& sink) {
        sink(zh ? std::vector<std::string>{"题目编号", "题型", "作答人数", "难度 p", "点二列相关（校正）", "高低分组区分度", "标记"}
                : std::vector<std::string>{"Code", "Type", "Candidates", "Difficulty p", "Point-biserial (corrected)", "Upper-lower index", "Flags"});
        for (auto& i : st->items) {
            std::string flags;
            for (auto& f : i.stats.flags) flags += (flags.empty() ? "" : ", ") + f;
            sink({i.code, i.type, std::to_string(i.stats.n), num(i.stats.p), num(i.stats.point_biserial), num(i.stats.upper_lower), flags});
        }
    };
    auto options = [&](const documents::row_sink& sink) {
        sink(zh ? std::vector<std::string>{"题目编号", "选项", "正确", "选择比例", "高分组 27%", "低分组 27%"}
                : std::vector<std::string>{"Code", "Option", "Correct", "Share", "Upper 27 %", "Lower 27 %"});
        for (auto& i : st->items)
            for (auto& o : i.stats.options)
                sink({i.code, o.key, o.correct ? (zh ? "是" : "yes") : "", num(o.share), num(o.upper), num(o.lower)});
    };
    auto reliability = [&](const documents::row_sink& sink) {
        auto& r = st->reliability;
        sink(zh ? std::vector<std::string>{"方法", "信度", "测量标准误", "题目槽位", "考生"}
                : std::vector<std::string>{"Method", "Reliability", "Standard error of measurement", "Item slots", "Candidates"});
        sink({r.method == "kr20" ? "KR-20" : (zh ? "Cronbach α" : "Cronbach's alpha"), num(r.value), num(r.sem), std::to_string(r.items),
              std::to_string(r.candidates)});
    };
    return documents::write_xlsx({{zh ? "试题" : "Items", items}, {zh ? "选项" : "Options", options}, {zh ? "信度" : "Reliability", reliability}});
}

result<std::vector<my_exam>> my_exams(context& ctx, const principal& p) {
    std::vector<my_exam> out;
    if (!p.engineer_id) return out;
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto now = ctx.now_iso();
    for (auto& c : storage::exams::sittings_of_engineer(tx, *p.engineer_id)) {
        auto s = storage::exams::sitting(tx, c.sitting_id);
        auto bp = storage::exams::blueprint(tx, s->blueprint_id);
        my_exam e{*s, c, storage::exams::attempt_of(tx, c.sitting_id, c.application_id), state_of(*s, now), false, bp->pass_mark};
        if (e.attempt) {
            e.attempt->items.clear();
            // The score shows once the sitting has closed.
            if (e.state != "closed") e.attempt->score.reset();
            e.passed = e.attempt->score && *e.attempt->score >= e.pass_mark;
        }
        out.push_back(std::move(e));
    }
    return out;
}

bool paper_shows_image(context& ctx, storage::unit_of_work& tx, const principal& p, std::int64_t image_id) {
    if (!p.engineer_id) return false;
    for (auto& c : storage::exams::sittings_of_engineer(tx, *p.engineer_id)) {
        auto a = storage::exams::attempt_of(tx, c.sitting_id, c.application_id);
        if (!a) continue;
        for (auto& q : paper_of(ctx, tx, *a).questions)
            if (std::find(q->images.begin(), q->images.end(), image_id) != q->images.end()) return true;
    }
    return false;
}

}  // namespace skillgrade::app
