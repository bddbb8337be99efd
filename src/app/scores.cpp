// Component scores and the comprehensive evaluation of a cycle.
#include <boost/json.hpp>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/service.hpp"
#include "app/sheet.hpp"
#include "app/views.hpp"
#include "core/evaluation.hpp"
#include "core/certificate.hpp"
#include "core/numbers.hpp"

namespace skillgrade::app {

core::result<core::scheme> cycle_scheme(storage::unit_of_work& tx, const storage::cycle_row& c) {
    auto v = storage::schemes::version(tx, c.scheme_id, c.scheme_version);
    if (!v) return core::fail(core::errc::internal, "cycle.scheme", {"批次的方案版本缺失", "The cycle's scheme version is missing"});
    return core::parse_scheme(v->source, "cycle");
}

namespace {

// Scores are entered during the assessments and may be amended (with audit) until the appeals close.
const std::set<std::string> kScoringPhases{"written_exam", "practical_test", "interview", "committee_review", "public_notice",
                                           "appeal"};

core::error not_found(const char* what_zh, const char* what_en, std::int64_t id) {
    return {core::errc::not_found, "request.not_found",
            {std::string(what_zh) + "不存在：" + std::to_string(id), std::string("No such ") + what_en + ": " + std::to_string(id)}, {}};
}


std::string score_json(const storage::score_row& s) {
    return boost::json::serialize(boost::json::object{
        {"component", s.component},
        {"score", s.score ? boost::json::value(core::format_hundredths(*s.score)) : boost::json::value(nullptr)},
        {"absent", s.absent}, {"source", s.source}});
}

}  // namespace

result<storage::score_row> service::set_score(const principal& p, std::int64_t application_id, const score_input& in) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::yes);
    auto row = set_score_in(tx, p, application_id, in);
    if (row) tx.commit();
    return row;
}

result<storage::score_row> service::set_score_in(storage::unit_of_work& tx, const principal& p, std::int64_t application_id,
                                                 const score_input& in) {
    std::vector<core::field_error> errs;
    if (in.absent && in.score) errs.push_back({"score", {"缺考时不能同时填写成绩", "an absent candidate has no score"}});
    if (!in.absent && !in.score) errs.push_back({"score", {"请填写成绩或标记缺考", "enter a score or mark absent"}});
    if (in.score && (*in.score < 0 || *in.score > 10000)) errs.push_back({"score", {"成绩应在 0–100 之间", "scores are 0–100"}});
    auto kind = core::component_from(in.component);
    if (!kind) errs.push_back({"component", {"未知考核项：" + in.component, "unknown component: " + in.component}});
    if (!errs.empty()) return core::fail(core::errc::invalid_input, "score.invalid", {"成绩信息有误", "The score is invalid"}, errs);
    auto a = storage::applications::get(tx, application_id);
    if (!a) return std::unexpected(not_found("申报", "application", application_id));
    auto c = storage::cycles::get(tx, a->cycle_id);
    if (!kScoringPhases.count(c->status))
        return core::fail(core::errc::conflict, "score.phase", {"当前阶段不能录入成绩", "Scores are entered during the assessment phases"});
    if (a->status != "eligible")
        return core::fail(core::errc::conflict, "score.not_eligible", {"该申报未通过基本条件审核", "The application is not eligible"});
    auto scheme = cycle_scheme(tx, *c);
    if (!scheme) return std::unexpected(scheme.error());
    auto& lv = scheme->levels[static_cast<std::size_t>(a->target_rank - 1)];
    if (std::none_of(lv.components.begin(), lv.components.end(), [&](auto& x) { return x.kind == *kind; }))
        return core::fail(core::errc::invalid_input, "score.invalid", {"成绩信息有误", "The score is invalid"},
                          {{"component", {"该等级不考核此项", "this level does not assess this component"}}});
    auto locks = storage::scores::locked(tx, c->id);
    bool locked = std::find(locks.begin(), locks.end(), in.component) != locks.end();
    if (locked && core::trim(in.reason).empty())
        return core::fail(core::errc::invalid_input, "score.locked", {"该考核项已锁定，修改需填写原因", "The component is locked; a change needs a reason"},
                          {{"reason", {"必填", "required"}}});
    std::string before = "{}";
    for (auto& s : storage::scores::for_application(tx, application_id))
        if (s.component == in.component) before = score_json(s);
    storage::score_row row{application_id, in.component, in.score, in.absent, in.source, p.username, now_iso()};
    storage::scores::put(tx, row);
    auto after = boost::json::parse(score_json(row)).as_object();
    if (locked) after["reason"] = core::trim(in.reason);
    audit(tx, p.username, locked ? "score.change_locked" : "score.set", "application", std::to_string(application_id), before,
          boost::json::serialize(after));
    return row;
}

result<import_report> service::import_scores(const principal& p, std::int64_t cycle_id, std::string_view bytes, bool dry_run) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    static const sheet_column kScores[] = {
        {"employee_no", {"工号", "Employee No."}, true},
        {"component", {"考核项", "Component"}, true},
        {"score", {"成绩", "Score"}, true},
    };
    auto sheet = read_sheet(bytes, kScores);
    if (!sheet) return std::unexpected(sheet.error());
    import_report report;
    report.errors = std::move(sheet->errors);
    if (!report.errors.empty()) return report;
    report.rows = static_cast<int>(sheet->rows.size());
    storage::unit_of_work tx(db_, storage::write::yes);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    if (!kScoringPhases.count(c->status))
        return core::fail(core::errc::conflict, "score.phase", {"当前阶段不能录入成绩", "Scores are entered during the assessment phases"});
    auto scheme = cycle_scheme(tx, *c);
    if (!scheme) return std::unexpected(scheme.error());
    std::map<std::string, storage::application_row> by_no;
    for (auto& a : storage::applications::list(tx, cycle_id))
        if (a.status == "eligible") by_no[a.employee_no] = a;
    auto locks = storage::scores::locked(tx, cycle_id);
    std::vector<storage::score_row> rows;
    std::set<std::pair<std::string, std::string>> seen;
    for (auto& row : sheet->rows) {
        auto err = [&](int col, std::string zh, std::string en) {
            report.errors.push_back({kScores[col].key, {std::move(zh), std::move(en)}, row.number, kScores[col].header.zh});
        };
        storage::score_row s{0, "", std::nullopt, false, "import", p.username, now_iso()};
        auto it = by_no.find(row.value(0));
        if (it == by_no.end()) err(0, "本批次没有该工号的有效申报：" + row.value(0), "no eligible application for " + row.value(0));
        else s.application_id = it->second.id;
        auto kind = core::component_from(row.value(1));
        if (!kind) err(1, "未知考核项：" + row.value(1), "unknown component: " + row.value(1));
        else {
            s.component = std::string(core::to_string(*kind));
            if (std::find(locks.begin(), locks.end(), s.component) != locks.end())
                err(1, "该考核项已锁定，不能批量导入", "the component is locked; imports cannot change it");
            if (it != by_no.end()) {
                auto& lv = scheme->levels[static_cast<std::size_t>(it->second.target_rank - 1)];
                if (std::none_of(lv.components.begin(), lv.components.end(), [&](auto& x) { return x.kind == *kind; }))
                    err(1, "该等级不考核此项", "this level does not assess this component");
            }
            if (!seen.insert({row.value(0), s.component}).second) err(1, "同一人同一考核项重复", "duplicate row for this person and component");
        }
        auto& v = row.value(2);
        if (v == "缺考" || v == "absent") s.absent = true;
        else if (auto h = core::parse_hundredths(v); h && *h >= 0 && *h <= 10000) s.score = *h;
        else err(2, "成绩应为 0–100（最多两位小数）或“缺考”", "score must be 0–100 (two decimals at most) or absent");
        rows.push_back(std::move(s));
    }
    if (!report.errors.empty() || dry_run) return report;
    for (auto& s : rows) storage::scores::put(tx, s);
    audit(tx, p.username, "score.import", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"count", rows.size()}, {"file_sha256", sha256_hex(bytes)}}));
    tx.commit();
    report.imported = true;
    return report;
}

result<void> service::lock_component(const principal& p, std::int64_t cycle_id, const std::string& component) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    if (!core::component_from(component))
        return core::fail(core::errc::invalid_input, "score.invalid", {"未知考核项：" + component, "unknown component: " + component},
                          {{"component", {"未知考核项", "unknown component"}}});
    storage::unit_of_work tx(db_, storage::write::yes);
    if (!storage::cycles::get(tx, cycle_id)) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    storage::scores::lock(tx, cycle_id, component, p.username, now_iso());
    audit(tx, p.username, "score.lock", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"component", component}}));
    tx.commit();
    return {};
}

result<std::vector<storage::score_row>> service::list_scores(const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    if (!storage::cycles::get(tx, cycle_id)) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    return storage::scores::for_cycle(tx, cycle_id);
}

result<std::vector<std::string>> service::list_locks(const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::scores_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    if (!storage::cycles::get(tx, cycle_id)) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    return storage::scores::locked(tx, cycle_id);
}

result<std::vector<result_view>> service::evaluate_cycle(const principal& p, std::int64_t cycle_id, bool dry_run) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::yes);
    auto out = evaluate_in(tx, p, cycle_id, dry_run, false);  // a request keeps to its own connection
    if (out && !dry_run) tx.commit();
    return out;
}

result<std::vector<result_view>> service::evaluate_in(storage::unit_of_work& tx, const principal& p, std::int64_t cycle_id,
                                                       bool dry_run, bool parallel) {
    auto run = evaluate_stream(tx, cycle_id, false, parallel, {});
    if (!run) return std::unexpected(run.error());
    if (!dry_run)
        audit(tx, p.username, "cycle.evaluate", "cycle", std::to_string(cycle_id), "{}",
              boost::json::serialize(boost::json::object{{"evaluated", run->evaluated}, {"passed", run->passed}, {"selected", run->selected}}));
    return with_votes(tx, cycle_id, explained_results(tx, cycle_id));
}

result<service::evaluation_run> service::run_evaluation(const principal& p, std::int64_t cycle_id, bool dry_run, std::int64_t limit,
                                                        const std::function<void(const storage::results::change&)>& on_change,
                                                        const progress_fn& progress) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::yes);
    bool first = storage::results::snapshot(tx, cycle_id) == 0;
    auto run = evaluate_stream(tx, cycle_id, true, true, progress);
    if (!run) return run;
    if (first) run->added = run->evaluated;  // nothing stored before: every result is new
    storage::results::changes(tx, cycle_id, first, limit, [&](const storage::results::change& ch) {
        if (!first) (ch.kind == '+' ? run->added : ch.kind == '-' ? run->removed : run->changed)++;
        if (on_change) on_change(ch);
    });
    if (dry_run) return run;  // rolled back with the unit of work
    audit(tx, p.username, "cycle.evaluate", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"evaluated", run->evaluated}, {"passed", run->passed}, {"selected", run->selected},
                                                     {"eligibility_moved", run->eligibility_moved}}));
    tx.commit();
    return run;
}

namespace {

// A stored result keeps only what the evaluation read (the component scores in hundredths, null when
// absent) and its quota group (kept once per group); the explanation is recomputed from the cycle's frozen scheme version
// when it is read, with the same core::evaluate, so it is what the evaluation saw.
std::string compact_outcome(const storage::evaluation_row& r) {
    std::string out = "{\"s\":[";
    for (std::size_t k = 0; k < r.scores.size(); ++k) {
        if (k) out += ',';
        out += r.scores[k] ? std::to_string(*r.scores[k]) : "null";
    }
    return out + "]}";
}

// The scores a compact stored result holds, or nullopt for an explanation stored whole.
std::optional<std::vector<core::component_score>> compact_scores(const boost::json::value& stored) {
    if (!stored.is_object() || !stored.as_object().contains("s") || !stored.as_object().at("s").is_array()) return std::nullopt;
    std::vector<core::component_score> scores;
    auto& s = stored.as_object().at("s").as_array();
    for (std::size_t k = 0; k < s.size(); ++k)
        if (s[k].is_int64()) scores.push_back({static_cast<core::component_kind>(k), s[k].as_int64()});
    return scores;
}

}  // namespace

std::optional<core::text> quota_line_reason(const storage::result_row& r) {
    if (!r.passed || r.selected) return std::nullopt;
    auto places = std::to_string(r.quota_places), rank = std::to_string(r.rank);
    return core::text{"名次 " + rank + " 在名额线（" + places + " 名）之外", "rank " + rank + " is below the quota line (" + places + " places)"};
}

core::evaluation_outcome stored_evaluation(const core::level& lv, const storage::result_row& r, bool explain) {
    boost::system::error_code ec;
    auto stored = boost::json::parse(r.outcome_json, ec);
    if (ec) return {};
    if (auto scores = compact_scores(stored)) {
        auto out = core::evaluate(lv, *scores, explain);
        if (auto line = explain ? quota_line_reason(r) : std::nullopt) out.reasons.push_back(std::move(*line));
        return out;
    }
    // An explanation stored whole: its components and reasons as written.
    core::evaluation_outcome out;
    out.total = r.total;
    out.passed = r.passed;
    auto* o = stored.if_object();
    if (auto* comps = o ? o->if_contains("components") : nullptr; comps && comps->is_array())
        for (auto& co : comps->as_array()) {
            auto* c = co.if_object();
            auto kind = c && c->contains("kind") && c->at("kind").is_string() ? core::component_from(std::string(c->at("kind").as_string()))
                                                                            : std::nullopt;
            if (!kind) continue;
            core::component_outcome x;
            x.kind = *kind;
            if (auto* v = c->if_contains("score"); v && v->is_number()) x.score = std::llround(v->to_number<double>() * 100.0);
            if (auto* v = c->if_contains("weight"); v && v->is_int64()) x.weight_pct = static_cast<int>(v->as_int64());
            if (auto* v = c->if_contains("pass_mark"); v && v->is_number()) x.pass_mark = std::llround(v->to_number<double>() * 100.0);
            if (auto* v = c->if_contains("passed"); v && v->is_bool()) x.passed = v->as_bool();
            out.components.push_back(x);
        }
    if (auto* rs = explain && o ? o->if_contains("reasons") : nullptr; rs && rs->is_array())
        for (auto& x : rs->as_array())
            if (auto* t = x.if_object(); t && t->contains("zh") && t->contains("en") && t->at("zh").is_string() && t->at("en").is_string())
                out.reasons.push_back({std::string(t->at("zh").as_string()), std::string(t->at("en").as_string())});
    if (auto line = explain ? quota_line_reason(r) : std::nullopt) out.reasons.push_back(std::move(*line));
    return out;
}

std::string explain_result(const core::level& lv, const storage::result_row& r) {
    auto outcome = stored_evaluation(lv, r);
    boost::json::array comps, reasons;
    for (auto& co : outcome.components)
        comps.push_back(boost::json::object{
            {"kind", core::to_string(co.kind)},
            {"score", co.score ? boost::json::value(static_cast<double>(*co.score) / 100.0) : boost::json::value(nullptr)},
            {"weight", co.weight_pct},
            {"pass_mark", static_cast<double>(co.pass_mark) / 100.0},
            {"passed", co.passed}});
    for (auto& why : outcome.reasons) reasons.push_back(to_json(why));
    boost::json::object quota{{"kind", r.quota_kind}, {"value", r.quota_value}, {"org_unit", r.quota_unit},
                              {"applicants", r.quota_applicants}, {"places", r.quota_places}};
    return boost::json::serialize(boost::json::object{{"components", comps}, {"reasons", reasons}, {"quota", quota}});
}

namespace {

// A bounded hand-over of result batches from the evaluating threads to the writing one.
class batches {
public:
    void put(std::vector<storage::result_row>&& b) {
        std::unique_lock lock(m_);
        room_.wait(lock, [&] { return q_.size() < 8 || failed_; });
        q_.push_back(std::move(b));
        ready_.notify_one();
    }
    // Blocks until a batch or the end; false at the end.
    bool take(std::vector<storage::result_row>& b) {
        std::unique_lock lock(m_);
        ready_.wait(lock, [&] { return !q_.empty() || open_ == 0; });
        if (q_.empty()) return false;
        b = std::move(q_.front());
        q_.pop_front();
        room_.notify_one();
        return true;
    }
    void open(int n) { open_ = n; }
    void close(std::exception_ptr e) {
        std::lock_guard lock(m_);
        if (e && !error_) error_ = e;
        if (e) failed_ = true;
        --open_;
        ready_.notify_all();
        room_.notify_all();
    }
    void fail() {  // the writer gave up: let the producers finish quickly
        std::lock_guard lock(m_);
        failed_ = true;
        room_.notify_all();
    }
    bool failed() {
        std::lock_guard lock(m_);
        return failed_;
    }
    std::exception_ptr error() {
        std::lock_guard lock(m_);
        return error_;
    }

private:
    std::mutex m_;
    std::condition_variable ready_, room_;
    std::deque<std::vector<storage::result_row>> q_;
    int open_ = 0;
    bool failed_ = false;
    std::exception_ptr error_;
};

}  // namespace

result<service::evaluation_run> service::evaluate_stream(storage::unit_of_work& tx, std::int64_t cycle_id, bool recheck,
                                                         bool parallel, const progress_fn& progress) {
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    if (!kScoringPhases.count(c->status))
        return core::fail(core::errc::conflict, "cycle.phase", {"当前阶段不能进行综合评定", "The evaluation runs during the assessment phases"});
    auto scheme = cycle_scheme(tx, *c);
    if (!scheme) return std::unexpected(scheme.error());
    // Quota groups: the level, or the deepest org unit of the level with its own quota. Every group is
    // known from the quotas before the applications stream past; their sizes are counted on the way.
    struct group {
        core::quota q;
        std::string unit;  // the unit's name; "" for the whole level
        std::atomic<std::int64_t> applicants = 0, passed = 0;
    };
    std::map<std::string, group> groups;
    auto quota_for = [&](int rank, const std::string& path) {
        const storage::quota_row* quota = nullptr;
        for (auto& q : c->quotas)
            if (q.rank == rank && (q.org_unit_id == 0 ? !quota : path.starts_with(q.org_path)) &&
                (!quota || q.org_path.size() >= quota->org_path.size()))
                quota = &q;
        return quota;
    };
    auto key_of = [](int rank, const storage::quota_row* q) {
        return std::to_string(rank) + (q && q->org_unit_id ? "/" + std::to_string(q->org_unit_id) : "");
    };
    for (auto& lv : scheme->levels) groups.try_emplace(key_of(lv.rank, quota_for(lv.rank, "")));
    for (auto& q : c->quotas) {
        auto& g = groups[key_of(q.rank, &q)];
        g.q = {q.kind == "percent" ? core::quota::kind::percent : core::quota::kind::count, q.value};
        g.unit = q.org_name;
    }
    // From here on the map is only looked up (and the atomic counts bumped), so the readers share it.

    evaluation_run run;
    auto reviewed = storage::results::reviewed_count(tx, cycle_id);
    auto cutoff = core::parse_date(c->cutoff_date).value_or(today());
    auto at = now_iso();
    std::atomic<std::int64_t> done = 0, evaluated = 0, passed = 0, moved = 0;
    std::mutex progress_mutex;
    // Evaluates the applicants with engineer ids in [from, to) read through `rtx`, handing results to `sink`.
    auto evaluate_range = [&](storage::unit_of_work& rtx, std::int64_t from, std::int64_t to, auto&& sink) {
        storage::evaluation_cursor apps(rtx, cycle_id, from, to);
        std::optional<applicant_facts> facts;
        if (recheck) facts.emplace(rtx, cycle_id, from, to, storage::applications_read::reviewed, cutoff);
        std::vector<core::component_score> scores;
        storage::evaluation_row r;
        while (apps.next(r)) {
            if (++done % 100000 == 0 && progress) {
                std::lock_guard lock(progress_mutex);
                progress(done, reviewed);
            }
            if (r.target_rank < 1 || r.target_rank > static_cast<int>(scheme->levels.size())) continue;
            auto& lv = scheme->levels[static_cast<std::size_t>(r.target_rank - 1)];
            if (facts) {  // the verdict at the cut-off now, against the stored review (overrides stand)
                auto verdict = core::evaluate_eligibility(*scheme, lv, (*facts)(r), cutoff, false);
                if (r.override_reason.empty() && verdict.eligible != (r.status == "eligible")) ++moved;
            }
            if (r.status != "eligible") continue;
            auto key = key_of(r.target_rank, quota_for(r.target_rank, r.org_path));
            auto& g = groups.at(key);  // every level and every unit quota has its group already
            scores.clear();
            for (std::size_t k = 0; k < r.scores.size(); ++k)
                if (r.scores[k]) scores.push_back({static_cast<core::component_kind>(k), r.scores[k]});
            auto outcome = core::evaluate(lv, scores, false);  // the reasons are worked out again when read
            auto tie = [&](core::component_kind k) { return r.scores[static_cast<std::size_t>(k)].value_or(0); };
            storage::result_row row{r.application_id, outcome.total, outcome.passed, 0, false, compact_outcome(r), at};
            row.quota_group = std::move(key);
            row.cycle_id = cycle_id;
            row.tie_practical = tie(core::component_kind::practical);
            row.tie_performance = tie(core::component_kind::performance);
            sink(std::move(row));
            ++evaluated;
            ++g.applicants;
            if (outcome.passed) {
                ++passed;
                ++g.passed;
            }
        }
    };
    storage::large_cache cache(tx, 8);
    storage::results::clear(tx, cycle_id);
    storage::results::writer out(tx);
    constexpr std::int64_t kAll = std::numeric_limits<std::int64_t>::max();
    // The readers take two more connections from the pool; with fewer they would wait on the writer.
    if (!parallel || reviewed < cfg_.parallel_evaluation_from || db_.pool_size() < 3) {
        evaluate_range(tx, 0, kAll, [&](storage::result_row&& row) { out.add(row); });
    } else {
        // Two readers, each on its own connection and core, over the two halves of the applicants;
        // this thread writes what they hand over. They read committed data only, which is why the
        // caller asks for this only when its unit of work has changed no input.
        auto mid = storage::results::middle_engineer(tx, cycle_id);
        batches q;
        q.open(2);
        auto reader = [&](std::int64_t from, std::int64_t to) {
            std::exception_ptr error;
            try {
                storage::unit_of_work rtx(db_, storage::write::no);
                storage::large_cache cache(rtx, 8);
                std::vector<storage::result_row> batch;
                evaluate_range(rtx, from, to, [&](storage::result_row&& row) {
                    if (q.failed()) throw std::runtime_error("evaluation stopped");
                    batch.push_back(std::move(row));
                    if (batch.size() == 2000) q.put(std::exchange(batch, {}));
                });
                if (!batch.empty()) q.put(std::move(batch));
            } catch (...) {
                error = std::current_exception();
            }
            q.close(error);
        };
        std::jthread first(reader, 0, mid), second(reader, mid, kAll);
        std::vector<storage::result_row> batch;
        try {
            while (q.take(batch))
                for (auto& row : batch) out.add(row);
        } catch (...) {
            q.fail();
            throw;
        }
        first.join();
        second.join();
        if (auto e = q.error()) std::rethrow_exception(e);
    }
    out.flush();
    std::vector<storage::result_group> sizes;
    for (auto& [key, g] : groups) {
        if (g.applicants == 0) continue;
        int places = core::places(g.q, static_cast<int>(g.applicants));
        sizes.push_back({key, g.q.type == core::quota::kind::none ? "none" : g.q.type == core::quota::kind::count ? "count" : "percent",
                         g.unit, g.q.value, g.applicants, places});
        run.selected += std::min<std::int64_t>(places, g.passed);
    }
    storage::results::save_groups(tx, cycle_id, sizes);
    storage::results::rank(tx, cycle_id);
    run.reviewed = done;
    run.evaluated = evaluated;
    run.passed = passed;
    run.eligibility_moved = moved;
    if (progress) progress(run.reviewed, reviewed);
    return run;
}

std::vector<storage::result_row> service::explained_results(storage::unit_of_work& tx, std::int64_t cycle_id) {
    auto rows = storage::scores::results(tx, cycle_id);
    if (!rows.empty())
        if (auto c = storage::cycles::get(tx, cycle_id))
            if (auto scheme = cycle_scheme(tx, *c))
                for (auto& r : rows)
                    if (r.target_rank >= 1 && r.target_rank <= static_cast<int>(scheme->levels.size()))
                        r.outcome_json = explain_result(scheme->levels[static_cast<std::size_t>(r.target_rank - 1)], r);
    return rows;
}

std::string decision_of(const storage::vote_counts& n) {
    auto d = core::decide(n.approve, n.reject, n.defer);
    return !d ? "" : *d == core::decision::approved ? "approved" : *d == core::decision::rejected ? "rejected" : "deferred";
}

namespace {
// A result with its committee's votes counted and the majority's decision.
result_view tally(storage::result_row row, const storage::vote_counts& n) {
    return result_view{std::move(row), n.approve, n.reject, n.defer, decision_of(n)};
}
}  // namespace

std::vector<result_view> service::with_votes(storage::unit_of_work& tx, std::int64_t cycle_id, std::vector<storage::result_row> rows) {
    auto counts = storage::votes::counts(tx, cycle_id);
    std::vector<result_view> out;
    out.reserve(rows.size());
    for (auto& r : rows) {
        auto n = counts.find(r.application_id);
        out.push_back(tally(std::move(r), n == counts.end() ? storage::vote_counts{} : n->second));
    }
    return out;
}

result_view service::with_votes(storage::unit_of_work& tx, storage::result_row row) {
    auto n = storage::votes::counts_for(tx, row.application_id);
    return tally(std::move(row), n);
}

result<storage::vote_row> service::vote(const principal& p, std::int64_t application_id, const std::string& vote,
                                        const std::string& comment) {
    if (auto c = check(p, perm::committee_vote); !c) return std::unexpected(c.error());
    if (vote != "approve" && vote != "reject" && vote != "defer")
        return core::fail(core::errc::invalid_input, "vote.invalid", {"表决应为 approve/reject/defer", "a vote is approve, reject or defer"},
                          {{"vote", {"应为 approve（同意）、reject（不同意）或 defer（暂缓）", "must be approve, reject or defer"}}});
    storage::unit_of_work tx(db_, storage::write::yes);
    auto a = storage::applications::get(tx, application_id);
    if (!a) return std::unexpected(not_found("申报", "application", application_id));
    auto c = storage::cycles::get(tx, a->cycle_id);
    if (c->status != "committee_review")
        return core::fail(core::errc::conflict, "vote.phase", {"只能在评审委员会评审阶段表决", "Votes are cast during the committee review"});
    auto r = storage::scores::result_of(tx, a->cycle_id, application_id);
    if (!r || !r->passed || !r->selected)
        return core::fail(core::errc::conflict, "vote.not_passed", {"该申报未通过综合评定", "The application did not pass the evaluation"});
    storage::vote_row v{application_id, p.username, vote, core::trim(comment), now_iso()};
    storage::votes::put(tx, v);
    audit(tx, p.username, "committee.vote", "application", std::to_string(application_id), "{}",
          boost::json::serialize(boost::json::object{{"vote", vote}, {"comment", v.comment}}));
    tx.commit();
    return v;
}

int service::certify(storage::unit_of_work& tx, const storage::cycle_row& c, const principal& p) {
    auto scheme = cycle_scheme(tx, c);
    if (!scheme) return 0;
    bool recert = c.kind == "recertification";
    std::set<std::int64_t> approved;
    for (auto& v : with_votes(tx, c.id, storage::scores::results(tx, c.id)))
        if (v.row.passed && v.row.selected && v.decision == "approved") approved.insert(v.row.application_id);
    auto day = today();
    auto year = static_cast<int>(day.year());
    auto serial = storage::certificates::count_issued_in(tx, std::to_string(year));
    auto source = "cycle:" + std::to_string(c.id);
    int issued = 0;
    for (auto& a : storage::applications::list(tx, c.id)) {
        if (a.status == "withdrawn" || a.status == "submitted") continue;
        bool pass = approved.count(a.id) > 0;
        std::optional<storage::certificate_row> held;  // a re-certification's certificate under review
        if (recert)
            for (auto& x : storage::certificates::for_engineer(tx, a.engineer_id))
                if (x.status == "valid" && x.level_rank == a.target_rank && !held) held = x;
        if (!pass) {
            if (!recert) continue;
            // Not re-certified: the certificate lapses and the level goes down as the scheme says.
            if (held) storage::certificates::set_status(tx, held->id, "lapsed");
            int lowered = std::max(0, a.target_rank - scheme->recertification_lower_by);
            auto e = storage::engineers::get(tx, a.engineer_id);
            if (e && e->current_rank == a.target_rank && lowered != a.target_rank) {
                core::level_entry h{0, lowered, core::format_date(day), source, c.name + "（复审未通过）", now_iso(), p.username};
                storage::engineers::add_level(tx, a.engineer_id, h);
            }
            audit(tx, p.username, "certificate.lapse", "engineer", std::to_string(a.engineer_id), "{}",
                  boost::json::serialize(boost::json::object{{"number", held ? held->number : ""}, {"level", lowered}}));
            continue;
        }
        auto& lv = scheme->levels[static_cast<std::size_t>(a.target_rank - 1)];
        if (held) storage::certificates::set_status(tx, held->id, "renewed");
        else {
            core::level_entry h{0, a.target_rank, core::format_date(day), source, c.name, now_iso(), p.username};
            storage::engineers::add_level(tx, a.engineer_id, h);
            for (auto& x : storage::certificates::for_engineer(tx, a.engineer_id))  // a promotion supersedes lower levels
                if (x.status == "valid" && x.level_rank < a.target_rank) storage::certificates::set_status(tx, x.id, "superseded");
        }
        storage::certificate_row cert;
        cert.number = core::format_number(c.certificate_pattern, year, a.target_rank, ++serial);
        cert.engineer_id = a.engineer_id;
        cert.cycle_id = c.id;
        cert.scheme_id = c.scheme_id;
        cert.level_rank = a.target_rank;
        cert.issued_on = core::format_date(day);
        cert.expires_on = core::format_date(core::expiry(day, lv.validity_months));
        cert.status = "valid";
        storage::certificates::insert(tx, cert);
        audit(tx, p.username, "certificate.issue", "engineer", std::to_string(a.engineer_id), "{}",
              boost::json::serialize(boost::json::object{{"number", cert.number}, {"level", a.target_rank},
                                                         {"expires_on", cert.expires_on},
                                                         {"renews", held ? held->number : ""}}));
        ++issued;
    }
    engineers_changed();
    return issued;
}

result<std::vector<storage::certificates::expiring_row>> service::expiring_certificates(const principal& p, int days) {
    if (auto c = check(p, perm::engineers_export); !c) return std::unexpected(c.error());
    if (days < 0 || days > 3650)
        return core::fail(core::errc::invalid_input, "request.invalid", {"天数应在 0–3650 之间", "days must be 0–3650"},
                          {{"days", {"天数应在 0–3650 之间", "days must be 0–3650"}}});
    storage::engineer_filter f;
    scope(p, f);
    auto until = core::format_date(core::date{std::chrono::sys_days{today()} + std::chrono::days{days}});
    storage::unit_of_work tx(db_, storage::write::no);
    std::vector<storage::certificates::expiring_row> out;
    for (auto& r : storage::certificates::expiring(tx, until))
        if (f.scope_path.empty() || r.org_path.starts_with(f.scope_path)) out.push_back(std::move(r));
    return out;
}

result<std::vector<storage::certificate_row>> service::list_certificates(const principal& p, std::int64_t engineer_id) {
    auto e = get_engineer(p, engineer_id);  // the same permission and scope as the profile
    if (!e) return std::unexpected(e.error());
    storage::unit_of_work tx(db_, storage::write::no);
    return storage::certificates::for_engineer(tx, engineer_id);
}

result<std::vector<result_view>> service::list_results(const principal& p, std::int64_t cycle_id) {
    if (auto c = check(p, perm::results_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(db_, storage::write::no);
    if (!storage::cycles::get(tx, cycle_id)) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    return with_votes(tx, cycle_id, explained_results(tx, cycle_id));
}

}  // namespace skillgrade::app
