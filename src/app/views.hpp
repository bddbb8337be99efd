// views.hpp
// Domain values as JSON, in one place: the API responses and the audit records' before/after
// images use the same shapes.
//
//   boost::json::value v = app::to_json(engineer);
#pragma once
#include <boost/json/value.hpp>

#include <cstdint>

// Forward declarations only: a change to one feature's header recompiles only what uses it.
namespace skillgrade::core {
struct text;
struct engineer;
struct org_unit;
struct question;
struct scheme;
struct field_error;
struct eligibility_result;
struct blueprint_section;
}  // namespace skillgrade::core
namespace skillgrade::storage {
struct user_row;
struct session_row;
struct audit_row;
struct cycle_row;
struct application_row;
struct training_row;
struct product_line;
struct score_row;
struct result_row;
struct vote_row;
struct certificate_row;
struct appeal_row;
struct calendar_day;
struct job_row;
struct attempt_row;
struct answer_row;
struct snapshot_row;
namespace certificates {
struct expiring_row;
}
}  // namespace skillgrade::storage
namespace skillgrade::app {
struct scheme_summary;
struct scheme_detail;
struct principal;
struct import_report;
struct next_level_view;
struct course_entry;
struct home_view;
struct result_view;
struct published_list;
struct cycle_report;
struct own_result;
struct sheet_line;
struct question_detail;
struct blueprint_view;
struct sitting_view;
struct room_line;
struct attempt_view;
struct snapshot_status;
struct my_exam;
struct exam_stats;
}  // namespace skillgrade::app

namespace skillgrade::app {

boost::json::value to_json(const core::text&);
boost::json::value to_json(const core::engineer&, bool with_history = false);
// The same engineer (without history) written as JSON text at the end of `out`: a list writes its
// page this way, the one record is parsed from it.
void append_json(std::string& out, const core::engineer&);
boost::json::value to_json(const core::org_unit&);
boost::json::value to_json(const core::question&);
boost::json::value to_json(const question_detail&);
boost::json::value to_json(const core::scheme&);
boost::json::value to_json(const scheme_summary&);
boost::json::value to_json(const scheme_detail&);
boost::json::value to_json(const principal&);
boost::json::value to_json(const storage::user_row&);
// The Session object of login and /auth/me: the user, the CSRF token and what the session must do first.
// `utc_offset_minutes` is the configured zone the pages show times in.
boost::json::value session_json(const principal&, int utc_offset_minutes);
boost::json::value to_json(const storage::session_row&, std::int64_t current_session_id);
boost::json::value to_json(const storage::audit_row&);
boost::json::value to_json(const core::field_error&);
boost::json::value to_json(const import_report&);
boost::json::value to_json(const core::eligibility_result&);
boost::json::value to_json(const next_level_view&);
boost::json::value to_json(const storage::cycle_row&);
boost::json::value to_json(const storage::application_row&);
boost::json::value to_json(const storage::training_row&);
boost::json::value to_json(const course_entry&);
boost::json::value to_json(const storage::product_line&);
boost::json::value to_json(const home_view&);
boost::json::value to_json(const storage::score_row&);
boost::json::value to_json(const storage::result_row&);
// A result's explanation (see explain_result) as JSON; null when there is none.
boost::json::value outcome_of(const storage::result_row&);
boost::json::value to_json(const result_view&);
// A line of the score sheet: the application, its scores and (for result readers) its result.
boost::json::value to_json(const sheet_line&);
boost::json::value to_json(const storage::vote_row&);
boost::json::value to_json(const storage::certificate_row&);
boost::json::value to_json(const published_list&);
boost::json::value to_json(const cycle_report&);
boost::json::value to_json(const own_result&);
boost::json::value to_json(const storage::appeal_row&);
boost::json::value to_json(const storage::calendar_day&);
boost::json::value to_json(const storage::certificates::expiring_row&);
// A job: its state, progress (done/total and a phase code), its summary or its problem.
boost::json::value to_json(const storage::job_row&);
// The online exam. An attempt in progress shows its paper without keys, scoring points or
// explanations: nothing a candidate could answer from.
boost::json::value to_json(const core::blueprint_section&);  // also its stored form
boost::json::value to_json(const blueprint_view&);
boost::json::value to_json(const sitting_view&);
boost::json::value to_json(const room_line&);
boost::json::value to_json(const snapshot_status&);
boost::json::value to_json(const storage::snapshot_row&);  // without the picture
boost::json::value to_json(const storage::attempt_row&);
boost::json::value to_json(const storage::answer_row&);
boost::json::value to_json(const attempt_view&);
boost::json::value to_json(const my_exam&);
// Item analysis: items (question_id, p, point_biserial, upper_lower, options, flags) and reliability
// (kr20 or alpha, sem); what `skillgrade exam stats` prints.
boost::json::value to_json(const exam_stats&);

}  // namespace skillgrade::app
