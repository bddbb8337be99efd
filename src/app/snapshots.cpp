// Webcam snapshots of the online exam: consent, the moments they are due, storing, showing to the
// proctors, deleting after the retention period.
#include "app/snapshots.hpp"

#include <boost/json.hpp>

#include "app/audit.hpp"
#include "app/exam_papers.hpp"
#include "core/images.hpp"

namespace skillgrade::app {
namespace js = boost::json;
using clock = std::chrono::system_clock;
using papers::own_attempt;

namespace {

core::error conflict(const char* slug, core::text title) { return core::error{core::errc::conflict, slug, std::move(title), {}}; }

// A number in [0, 1) from the attempt's seed and the snapshot's index (splitmix64).
double fraction(std::uint64_t seed, int k) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(k + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) / 9007199254740992.0;
}

// Proctors of the sitting and HR see an attempt's snapshots; anyone else gets a 404.
result<storage::attempt_row> watched_attempt(context& ctx, const principal& p, std::int64_t attempt_id) {
    std::optional<storage::attempt_row> a;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        a = storage::exams::attempt(tx, attempt_id);
    }
    if (!a || !get_sitting(ctx, p, a->sitting_id)) return std::unexpected(not_found("考试记录", "attempt", attempt_id));
    a->items.clear();
    return *a;
}

// The candidate's own attempt, still running, of a sitting that takes snapshots; and its sitting.
result<std::pair<std::optional<storage::attempt_row>, std::optional<storage::sitting_row>>> running(context& ctx, storage::unit_of_work& tx,
                                                                                                    const principal& p, std::int64_t attempt_id) {
    auto a = own_attempt(tx, p, attempt_id);
    if (!a) return std::unexpected(a.error());
    auto s = storage::exams::sitting(tx, a->sitting_id);
    if (s->snapshots <= 0)
        return std::unexpected(conflict("exam.no_snapshots", {"本场考试不抓拍照片", "This sitting takes no snapshots"}));
    auto deadline = parse_instant(a->deadline);
    if (a->status != "in_progress" || !deadline || ctx.now() > *deadline + papers::grace(ctx))
        return std::unexpected(conflict("exam.submitted", {"已交卷", "The attempt was submitted"}));
    return std::pair{std::optional(std::move(*a)), std::move(s)};
}

}  // namespace

snapshot_status snapshot_status_of(const context& ctx, const storage::attempt_row& a, const storage::sitting_row& s,
                                   const storage::snapshot_state& st) {
    snapshot_status out{s.snapshots, st.taken, st.consent, st.consent_at, std::nullopt, ctx.cfg().exam_snapshot_days};
    if (s.snapshots <= 0 || st.consent != "yes" || st.taken >= s.snapshots || a.status != "in_progress") return out;
    auto start = parse_instant(a.started_at), end = parse_instant(a.deadline);
    if (!start || !end || *end <= *start) return out;
    if (st.taken == 0) {  // at once: who is sitting the exam
        out.next_at = a.started_at;
        return out;
    }
    // The others one in each of the remaining parts of the time, away from their edges.
    auto slot = (*end - *start) / s.snapshots;
    auto at = *start + slot * st.taken +
              std::chrono::duration_cast<clock::duration>(slot * (0.15 + 0.7 * fraction(static_cast<std::uint64_t>(a.seed), st.taken)));
    out.next_at = iso(std::chrono::time_point_cast<std::chrono::seconds>(at));
    return out;
}

result<snapshot_status> set_snapshot_consent(context& ctx, const principal& p, std::int64_t attempt_id, bool consent) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto r = running(ctx, tx, p, attempt_id);
    if (!r) return std::unexpected(r.error());
    auto& [a, s] = *r;
    auto st = *storage::exams::snapshot_state_of(tx, a->id);
    std::string now = consent ? "yes" : "no";
    if (st.consent != now) {
        auto at = ctx.now_iso();
        storage::exams::set_consent(tx, a->id, now, at);
        ctx.audit(tx, p.username, "attempt.snapshot_consent", "attempt", std::to_string(a->id),
                  js::serialize(js::object{{"consent", st.consent}}), js::serialize(js::object{{"consent", now}}));
        st.consent = now;
        st.consent_at = at;
    }
    tx.commit();
    return snapshot_status_of(ctx, *a, *s, st);
}

result<snapshot_taken> take_snapshot(context& ctx, const principal& p, std::int64_t attempt_id, std::string_view jpeg) {
    if (auto c = check(p, perm::take_exam); !c) return std::unexpected(c.error());
    auto info = core::inspect_image(jpeg);
    if (!info || info->media_type != "image/jpeg" || jpeg.size() > kMaxSnapshotBytes)
        return std::unexpected(core::error{core::errc::invalid_input, "snapshot.invalid", {"照片无效", "The snapshot is invalid"},
                                           {{"file", info && info->media_type == "image/jpeg"
                                                         ? core::text{"照片应不超过 256 KB", "at most 256 KB"}
                                                         : core::text{"照片应为 JPEG 图片", "the snapshot is a JPEG picture"}}}});
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto r = running(ctx, tx, p, attempt_id);
    if (!r) return std::unexpected(r.error());
    auto& [a, s] = *r;
    auto st = *storage::exams::snapshot_state_of(tx, a->id);
    if (st.consent != "yes")
        return std::unexpected(conflict("exam.no_consent", {"考生未同意抓拍，照片未保存", "The candidate has not consented; the snapshot was not kept"}));
    if (st.taken >= s->snapshots)
        return std::unexpected(conflict("exam.snapshots_done", {"本场考试的抓拍已完成", "Every snapshot of this attempt is taken"}));
    storage::snapshot_row row{0, a->id, static_cast<std::int64_t>(jpeg.size()), ctx.now_iso(), info->width, info->height, to_base64(jpeg)};
    row.id = storage::exams::insert_snapshot(tx, row);
    tx.commit();
    row.data.clear();
    st.taken++;
    return snapshot_taken{row, snapshot_status_of(ctx, *a, *s, st)};
}

result<attempt_snapshot_list> attempt_snapshots(context& ctx, const principal& p, std::int64_t attempt_id) {
    auto a = watched_attempt(ctx, p, attempt_id);
    if (!a) return std::unexpected(a.error());
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto s = storage::exams::sitting(tx, a->sitting_id);
    attempt_snapshot_list out{snapshot_status_of(ctx, *a, *s, *storage::exams::snapshot_state_of(tx, a->id)),
                              storage::exams::snapshots_of(tx, a->id)};
    // Who looked at a candidate's pictures, and when.
    ctx.audit(tx, p.username, "attempt.snapshots_viewed", "attempt", std::to_string(a->id), "",
              js::serialize(js::object{{"snapshots", out.items.size()}}));
    tx.commit();
    return out;
}

result<image_file> snapshot_image(context& ctx, const principal& p, std::int64_t snapshot_id) {
    std::optional<storage::snapshot_row> r;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        r = storage::exams::snapshot(tx, snapshot_id);
    }
    if (!r || !watched_attempt(ctx, p, r->attempt_id)) return std::unexpected(not_found("照片", "snapshot", snapshot_id));
    return image_file{"image/jpeg", "", from_base64(r->data)};
}

int purge_snapshots(context& ctx) {
    auto before = iso(ctx.now() - std::chrono::hours(24) * ctx.cfg().exam_snapshot_days - papers::grace(ctx));
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    int n = storage::exams::purge_snapshots(tx, before);
    tx.commit();
    return n;
}

}  // namespace skillgrade::app
