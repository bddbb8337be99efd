// The comprehensive evaluation at any size, stored results and their explanations, the committee's votes.
#include "app/evaluation.hpp"

#include "app/applications.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <boost/json.hpp>

#include "app/engineers.hpp"
#include "app/schemes.hpp"
#include "app/scores.hpp"
#include "app/views.hpp"
#include "core/text.hpp"
#include "storage/applications.hpp"
#include "storage/cycles.hpp"
#include "storage/evaluation.hpp"
#include "storage/results.hpp"
#include "storage/scores.hpp"
#include "storage/votes.hpp"

namespace skillgrade::app {

result<std::vector<result_view>> evaluate_cycle(context& ctx, const principal& p, std::int64_t cycle_id, bool dry_run) {
    if (auto c = check(p, perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto out = evaluate_in(ctx, tx, p, cycle_id, dry_run, false);  // a request keeps to its own connection
    if (out && !dry_run) tx.commit();
    return out;
}

result<std::vector<result_view>> evaluate_in(context& ctx, storage::unit_of_work& tx, const principal& p, std::int64_t cycle_id,
                                                       bool dry_run, bool parallel) {
    auto run = evaluate_stream(ctx, tx, cycle_id, {}, parallel, {});
    if (!run) return std::unexpected(run.error());
    if (!dry_run)
        ctx.audit(tx, p.username, "cycle.evaluate", "cycle", std::to_string(cycle_id), "{}",
              boost::json::serialize(boost::json::object{{"evaluated", run->evaluated}, {"passed", run->passed}, {"selected", run->selected}}));
    return with_votes(tx, cycle_id, explained_results(tx, cycle_id));
}

namespace {
// Queues a job of `kind` over one cycle, one active per kind and cycle: 404 at once when the cycle is
// missing, and 409 when `assessment_only` and the cycle is not in an assessment phase.
result<storage::job_row> start_cycle_job(context& ctx, const principal& p, perm needed, const std::string& kind, std::int64_t cycle_id,
                                         bool assessment_only) {
    if (auto c = check(p, needed); !c) return std::unexpected(c.error());
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        auto c = storage::cycles::get(tx, cycle_id);
        if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
        if (assessment_only && !scoring_phase(c->status))
            return core::fail(core::errc::conflict, "cycle.phase", {"当前阶段不能进行综合评定", "The evaluation runs during the assessment phases"});
    }
    return start_job(ctx, p, kind, boost::json::serialize(boost::json::object{{"cycle_id", cycle_id}}),
                     kind + ":cycle:" + std::to_string(cycle_id));
}
}  // namespace

result<storage::job_row> start_evaluation(context& ctx, const principal& p, std::int64_t cycle_id) {
    return start_cycle_job(ctx, p, perm::cycles_write, "evaluation", cycle_id, true);
}

job_kind evaluation_job() {
    return {"evaluation", perm::cycles_write,
            [](context& ctx, const principal& owner, const std::string& params, job_control& control) -> result<std::string> {
                auto cycle_id = boost::json::parse(params).at("cycle_id").to_number<std::int64_t>();
                if (auto c = check(owner, perm::cycles_write); !c) return std::unexpected(c.error());
                storage::unit_of_work tx(ctx.db(), storage::write::yes);
                // Two reader threads when the cycle is large: nothing was written in this unit of work yet.
                auto run = evaluate_stream(ctx, tx, cycle_id, {}, true,
                                           [&](std::int64_t done, std::int64_t total) { return control.step(done, total, "evaluate"); });
                if (!run) return std::unexpected(run.error());
                ctx.audit(tx, owner.username, "cycle.evaluate", "cycle", std::to_string(cycle_id), "{}",
                          boost::json::serialize(boost::json::object{{"evaluated", run->evaluated}, {"passed", run->passed}, {"selected", run->selected}}));
                if (!control.step(run->reviewed, run->reviewed, "evaluate")) return std::unexpected(job_stopped());
                tx.commit();
                return boost::json::serialize(boost::json::object{
                    {"cycle_id", cycle_id}, {"evaluated", run->evaluated}, {"passed", run->passed}, {"selected", run->selected}});
            }};
}

namespace {
// Certification and closing: the evaluation can no longer run, and a replay uses the stored inputs.
bool past_assessment(const std::string& status) { return status == "certification" || status == "closed"; }
}  // namespace

result<evaluation_run> run_evaluation(context& ctx, const principal& p, std::int64_t cycle_id, bool dry_run, std::int64_t limit,
                                                        const std::function<void(const storage::results::change&)>& on_change,
                                                        const progress_fn& progress) {
    if (auto c = check(p, dry_run ? perm::results_read : perm::cycles_write); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto cycle = storage::cycles::get(tx, cycle_id);
    if (!cycle) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    bool as_stored = dry_run && past_assessment(cycle->status);
    bool first = storage::results::snapshot(tx, cycle_id) == 0;
    auto run = evaluate_stream(ctx, tx, cycle_id, {.any_phase = dry_run, .recheck = !as_stored, .stored_groups = as_stored}, true,
                               progress);
    if (!run) return run;
    run->as_stored = as_stored;
    if (first) run->added = run->evaluated;  // nothing stored before: every result is new
    storage::results::changes(tx, cycle_id, first, limit, [&](const storage::results::change& ch) {
        if (!first) (ch.kind == '+' ? run->added : ch.kind == '-' ? run->removed : run->changed)++;
        if (on_change) on_change(ch);
    });
    if (dry_run) return run;  // rolled back with the unit of work
    ctx.audit(tx, p.username, "cycle.evaluate", "cycle", std::to_string(cycle_id), "{}",
          boost::json::serialize(boost::json::object{{"evaluated", run->evaluated}, {"passed", run->passed}, {"selected", run->selected},
                                                     {"eligibility_moved", run->eligibility_moved}}));
    tx.commit();
    return run;
}

result<storage::job_row> start_replay(context& ctx, const principal& p, std::int64_t cycle_id) {
    return start_cycle_job(ctx, p, perm::results_read, "replay", cycle_id, false);
}

job_kind replay_job() {
    return {"replay", perm::results_read,
            [](context& ctx, const principal& owner, const std::string& params, job_control& control) -> result<std::string> {
                auto cycle_id = boost::json::parse(params).at("cycle_id").to_number<std::int64_t>();
                boost::json::array listed;
                auto outcome = [](bool passed, bool selected) { return !passed ? "not_passed" : selected ? "selected" : "below_quota"; };
                auto run = run_evaluation(
                    ctx, owner, cycle_id, true, kReplayListed,
                    [&](const storage::results::change& ch) {
                        if (static_cast<std::int64_t>(listed.size()) >= kReplayListed) return;
                        auto side = [&](bool present, std::int64_t total, bool passed, int rank, bool selected) -> boost::json::value {
                            if (!present) return nullptr;
                            return boost::json::object{{"outcome", outcome(passed, selected)},
                                                       {"total", static_cast<double>(total) / 100.0},
                                                       {"rank", rank}};
                        };
                        listed.push_back(boost::json::object{
                            {"application_id", ch.application_id}, {"employee_no", ch.employee_no}, {"engineer_name", ch.engineer_name},
                            {"kind", ch.kind == '+' ? "added" : ch.kind == '-' ? "removed" : "changed"},
                            {"stored", side(ch.kind != '+', ch.old_total, ch.old_passed, ch.old_rank, ch.old_selected)},
                            {"replayed", side(ch.kind != '-', ch.new_total, ch.new_passed, ch.new_rank, ch.new_selected)}});
                    },
                    [&](std::int64_t done, std::int64_t total) { return control.step(done, total, "replay"); });
                if (!run) return std::unexpected(run.error());
                return boost::json::serialize(boost::json::object{
                    {"cycle_id", cycle_id}, {"identical", run->differences() == 0}, {"evaluated", run->evaluated},
                    {"passed", run->passed}, {"selected", run->selected}, {"differences", run->differences()},
                    {"added", run->added}, {"changed", run->changed}, {"removed", run->removed}, {"as_stored", run->as_stored},
                    {"listed", listed}});
            }};
}

namespace {

// Thrown where progress answers false; evaluate_stream turns it into job.stopped.
struct stopped {};

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

result<evaluation_run> evaluate_stream(context& ctx, storage::unit_of_work& tx, std::int64_t cycle_id, const stream_options& opts,
                                                         bool parallel, const progress_fn& progress) {
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    if (!opts.any_phase && !scoring_phase(c->status))
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
    // The count is known: the bar shows it from the start (a stop asked already ends the run here).
    if (progress && !progress(0, reviewed)) return std::unexpected(job_stopped());
    auto cutoff = core::parse_date(c->cutoff_date).value_or(ctx.today());
    auto at = ctx.now_iso();
    std::atomic<std::int64_t> done = 0, evaluated = 0, passed = 0, moved = 0;
    std::mutex progress_mutex;
    // Evaluates the applicants with engineer ids in [from, to) read through `rtx`, handing results to `sink`.
    auto evaluate_range = [&](storage::unit_of_work& rtx, std::int64_t from, std::int64_t to, auto&& sink) {
        storage::evaluation_cursor apps(rtx, cycle_id, from, to);
        std::optional<applicant_facts> facts;
        if (opts.recheck) facts.emplace(rtx, cycle_id, from, to, storage::applications_read::reviewed, cutoff);
        std::vector<core::component_score> scores;
        storage::evaluation_row r;
        while (apps.next(r)) {
            if (++done % 2000 == 0 && progress) {
                std::lock_guard lock(progress_mutex);
                if (!progress(done, reviewed)) throw stopped{};
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
    try {
    if (!parallel || reviewed < ctx.cfg().parallel_evaluation_from || ctx.db().pool_size() < 3) {
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
                storage::unit_of_work rtx(ctx.db(), storage::write::no);
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
    } catch (const stopped&) {
        return std::unexpected(job_stopped());
    }
    out.flush();
    if (opts.stored_groups)  // back into the group each result was stored in, where the cycle still has it
        for (auto& m : storage::results::group_moves(tx, cycle_id)) {
            auto from = groups.find(m.from), to = groups.find(m.to);
            if (from == groups.end() || to == groups.end()) continue;
            storage::results::restore_group(tx, cycle_id, m);
            from->second.applicants -= m.applicants;
            from->second.passed -= m.passed;
            to->second.applicants += m.applicants;
            to->second.passed += m.passed;
        }
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
    if (progress) progress(run.reviewed, reviewed);  // the end: nothing left to stop
    return run;
}

std::vector<storage::result_row> explained_results(storage::unit_of_work& tx, std::int64_t cycle_id) {
    auto rows = storage::scores::results(tx, cycle_id);
    if (auto c = storage::cycles::get(tx, cycle_id)) explain_page(tx, *c, rows);
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

std::vector<result_view> with_votes(storage::unit_of_work& tx, std::int64_t cycle_id, std::vector<storage::result_row> rows) {
    auto counts = storage::votes::counts(tx, cycle_id);
    std::vector<result_view> out;
    out.reserve(rows.size());
    for (auto& r : rows) {
        auto n = counts.find(r.application_id);
        out.push_back(tally(std::move(r), n == counts.end() ? storage::vote_counts{} : n->second));
    }
    return out;
}

result_view with_votes(storage::unit_of_work& tx, storage::result_row row) {
    auto n = storage::votes::counts_for(tx, row.application_id);
    return tally(std::move(row), n);
}

result<storage::vote_row> vote(context& ctx, const principal& p, std::int64_t application_id, const std::string& vote,
                                        const std::string& comment) {
    if (auto c = check(p, perm::committee_vote); !c) return std::unexpected(c.error());
    if (vote != "approve" && vote != "reject" && vote != "defer")
        return core::fail(core::errc::invalid_input, "vote.invalid", {"表决应为 approve/reject/defer", "a vote is approve, reject or defer"},
                          {{"vote", {"应为 approve（同意）、reject（不同意）或 defer（暂缓）", "must be approve, reject or defer"}}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto a = storage::applications::get(tx, application_id);
    if (!a) return std::unexpected(not_found("申报", "application", application_id));
    auto c = storage::cycles::get(tx, a->cycle_id);
    if (c->status != "committee_review")
        return core::fail(core::errc::conflict, "vote.phase", {"只能在评审委员会评审阶段表决", "Votes are cast during the committee review"});
    auto r = storage::scores::result_of(tx, a->cycle_id, application_id);
    if (!r || !r->passed || !r->selected)
        return core::fail(core::errc::conflict, "vote.not_passed", {"该申报未通过综合评定", "The application did not pass the evaluation"});
    storage::vote_row v{application_id, p.username, vote, core::trim(comment), ctx.now_iso()};
    storage::votes::put(tx, v);
    ctx.audit(tx, p.username, "committee.vote", "application", std::to_string(application_id), "{}",
          boost::json::serialize(boost::json::object{{"vote", vote}, {"comment", v.comment}}));
    tx.commit();
    return v;
}

void explain_page(storage::unit_of_work& tx, const storage::cycle_row& c, std::vector<storage::result_row>& rows) {
    if (rows.empty()) return;
    if (auto scheme = cycle_scheme(tx, c))
        for (auto& r : rows)
            if (r.target_rank >= 1 && r.target_rank <= static_cast<int>(scheme->levels.size()))
                r.outcome_json = explain_result(scheme->levels[static_cast<std::size_t>(r.target_rank - 1)], r);
}

result<storage::list_page<result_view>> list_results(context& ctx, const principal& p, std::int64_t cycle_id,
                                                     storage::cycle_list_filter f) {
    if (auto c = check(p, perm::results_read); !c) return std::unexpected(c.error());
    f.cycle_id = cycle_id;
    if (auto e = check_list_query(f, true, storage::result_sort)) return std::unexpected(*e);
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto c = storage::cycles::get(tx, cycle_id);
    if (!c) return std::unexpected(not_found("评定批次", "cycle", cycle_id));
    auto page = storage::scores::results_page(tx, f);
    explain_page(tx, *c, page.items);
    storage::list_page<result_view> out{{}, page.total};
    for (auto& r : page.items) out.items.push_back(with_votes(tx, std::move(r)));
    return out;
}

}  // namespace skillgrade::app
