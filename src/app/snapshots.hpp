// snapshots.hpp
// Webcam snapshots during the online exam (监考抓拍), taken only with the candidate's consent: a
// sitting asks for a few, the first at the start and the others at random moments (fixed per
// attempt by its seed, so a reload does not draw new ones); the candidate answers the consent request first (and may withdraw it; each
// answer audited); the browser sends each snapshot as a JPEG; the sitting's proctors and HR see
// them (each look audited); they are deleted once the sitting has been closed for
// exam_snapshot_days. Facial images are sensitive personal information: nothing here analyses them.
//
//   app::set_snapshot_consent(ctx, engineer, attempt_id, true);
//   app::take_snapshot(ctx, engineer, attempt_id, jpeg_bytes);      // 201 with the next due time
//   app::attempt_snapshots(ctx, proctor, attempt_id);               // the list, without the pictures
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/exams.hpp"
#include "app/questions.hpp"
#include "storage/exams.hpp"

namespace skillgrade::app {

inline constexpr std::size_t kMaxSnapshotBytes = 256u << 10;

// The snapshot status of an attempt of the sitting, with the state as stored.
snapshot_status snapshot_status_of(const context&, const storage::attempt_row&, const storage::sitting_row&,
                                   const storage::snapshot_state&);

result<snapshot_status> set_snapshot_consent(context&, const principal&, std::int64_t attempt_id, bool consent);
struct snapshot_taken {
    storage::snapshot_row row;  // without the picture
    snapshot_status status;
};
result<snapshot_taken> take_snapshot(context&, const principal&, std::int64_t attempt_id, std::string_view jpeg);

struct attempt_snapshot_list {
    snapshot_status status;
    std::vector<storage::snapshot_row> items;  // without the pictures
};
// For the sitting's proctors and HR.
result<attempt_snapshot_list> attempt_snapshots(context&, const principal&, std::int64_t attempt_id);
result<image_file> snapshot_image(context&, const principal&, std::int64_t snapshot_id);

// Deletes the snapshots of sittings closed more than exam_snapshot_days ago; how many went.
int purge_snapshots(context&);

}  // namespace skillgrade::app
