// Every route of the API on one screen, each with its permission. The handlers, one file per
// feature beside this one (see handlers.hpp), adapt requests to use cases and results to JSON.
// No SQL and no business rules in this layer.
#include "http/handlers.hpp"

namespace skillgrade::http {
using app::perm;

router make_routes() {
    router r;
    r.add(verb::post, "/api/v1/auth/login",                         perm::public_,          login);
    r.add(verb::post, "/api/v1/auth/logout",                        perm::account,          logout);
    r.add(verb::get,  "/api/v1/auth/me",                            perm::account,          me);
    r.add(verb::post, "/api/v1/auth/password",                      perm::account,          change_own_password);
    r.add(verb::post, "/api/v1/auth/mfa/setup",                     perm::account,          mfa_setup);
    r.add(verb::post, "/api/v1/auth/mfa/confirm",                   perm::account,          mfa_confirm);
    r.add(verb::post, "/api/v1/auth/mfa/disable",                   perm::account,          mfa_disable);
    r.add(verb::get,  "/api/v1/auth/sessions",                      perm::account,          list_own_sessions);
    r.add(verb::delete_, "/api/v1/auth/sessions/{id}",                 perm::account,          end_own_session);
    r.add(verb::get,  "/api/v1/home",                               perm::account,          home);
    r.add(verb::get,  "/api/v1/schemes",                            perm::schemes_read,     list_schemes);
    r.add(verb::post, "/api/v1/schemes",                            perm::schemes_write,    import_scheme);
    r.add(verb::get,  "/api/v1/schemes/{id}",                       perm::schemes_read,     get_scheme);
    r.add(verb::get,  "/api/v1/schemes/{id}/export.toml",           perm::schemes_read,     export_scheme);
    r.add(verb::get,  "/api/v1/schemes/{id}/diff",                  perm::schemes_read,     diff_scheme);
    r.add(verb::get,  "/api/v1/org-units",                          perm::org_read,         list_org_units);
    r.add(verb::post, "/api/v1/org-units",                          perm::org_write,        create_org_unit);
    r.add(verb::get,  "/api/v1/engineers",                          perm::engineers_read,   list_engineers);
    r.add(verb::post, "/api/v1/engineers",                          perm::engineers_write,  create_engineer);
    r.add(verb::post, "/api/v1/engineers/export",                   perm::engineers_export, export_engineers);
    r.add(verb::get,  "/api/v1/engineers/import-template.xlsx",     perm::engineers_write,  engineer_template);
    r.add(verb::post, "/api/v1/engineers/import",                   perm::engineers_write,  import_engineers);
    r.add(verb::post, "/api/v1/engineers/accounts",                 perm::users_manage,     create_engineer_accounts);
    r.add(verb::get,  "/api/v1/engineers/{id}",                     perm::engineers_read,   get_engineer);
    r.add(verb::put,  "/api/v1/engineers/{id}",                     perm::engineers_write,  update_engineer);
    r.add(verb::post, "/api/v1/engineers/{id}/levels",              perm::engineers_write,  add_level);
    r.add(verb::get,  "/api/v1/engineers/{id}/next-level",          perm::engineers_read,   next_level);
    r.add(verb::get,  "/api/v1/engineers/{id}/training",            perm::engineers_read,   list_training);
    r.add(verb::get,  "/api/v1/engineers/{id}/certificates",        perm::engineers_read,   list_certificates);
    r.add(verb::get,  "/api/v1/engineers/{id}/results",             perm::engineers_read,   own_results);
    r.add(verb::post, "/api/v1/training/import",                    perm::cycles_write,     import_training);
    r.add(verb::get,  "/api/v1/training/import-template.xlsx",      perm::cycles_write,     training_template);
    r.add(verb::get,  "/api/v1/questions",                          perm::questions_read,   list_questions);
    r.add(verb::post, "/api/v1/questions",                          perm::questions_write,  create_question);
    r.add(verb::get,  "/api/v1/questions/export.xlsx",              perm::questions_read,   export_questions);
    r.add(verb::get,  "/api/v1/questions/import-template.xlsx",     perm::questions_write,  questions_template);
    r.add(verb::post, "/api/v1/questions/import",                   perm::questions_write,  import_questions);
    r.add(verb::get,  "/api/v1/questions/{id}",                     perm::questions_read,   get_question);
    r.add(verb::put,  "/api/v1/questions/{id}",                     perm::questions_write,  update_question);
    r.add(verb::post, "/api/v1/questions/{id}/retire",              perm::questions_write,  retire_question);
    r.add(verb::get,  "/api/v1/cycles/{id}/blueprints",             perm::exams_manage,     list_blueprints);
    r.add(verb::post, "/api/v1/cycles/{id}/blueprints",             perm::exams_manage,     create_blueprint);
    r.add(verb::get,  "/api/v1/blueprints/{id}",                    perm::exams_manage,     get_blueprint);
    r.add(verb::put,  "/api/v1/blueprints/{id}",                    perm::exams_manage,     update_blueprint);
    r.add(verb::post, "/api/v1/blueprints/{id}/sittings",           perm::exams_manage,     create_sitting);
    r.add(verb::get,  "/api/v1/cycles/{id}/sittings",               perm::exams_proctor,    list_sittings);
    r.add(verb::get,  "/api/v1/sittings/{id}",                      perm::exams_proctor,    get_sitting);
    r.add(verb::put,  "/api/v1/sittings/{id}",                      perm::exams_manage,     update_sitting);
    r.add(verb::get,  "/api/v1/proctors",                           perm::exams_manage,     proctor_choices);
    r.add(verb::put,  "/api/v1/sittings/{id}/proctors",             perm::exams_manage,     set_proctors);
    r.add(verb::post, "/api/v1/sittings/{id}/candidates",           perm::exams_manage,     add_candidates);
    r.add(verb::delete_, "/api/v1/sittings/{id}/candidates/{application_id}", perm::exams_manage, remove_candidate);
    r.add(verb::get,  "/api/v1/sittings/{id}/room",                 perm::exams_proctor,    sitting_room);
    r.add(verb::post, "/api/v1/sittings/{id}/candidates/{application_id}/extend", perm::exams_proctor, extend_time);
    r.add(verb::get,  "/api/v1/sittings/{id}/stats",                perm::exams_manage,     sitting_stats);
    r.add(verb::get,  "/api/v1/me/exams",                           perm::authenticated,    my_exams);
    r.add(verb::post, "/api/v1/attempts",                           perm::take_exam,        start_attempt);
    r.add(verb::get,  "/api/v1/attempts/{id}",                      perm::take_exam,        get_attempt);
    r.add(verb::put,  "/api/v1/attempts/{id}/answers/{question_id}", perm::take_exam,       save_answer);
    r.add(verb::post, "/api/v1/attempts/{id}/submit",               perm::take_exam,        submit_attempt);
    r.add(verb::post, "/api/v1/attempts/{id}/focus-loss",           perm::take_exam,        record_focus_loss);
    r.add(verb::get,  "/api/v1/courses",                            perm::schemes_read,     list_courses);
    r.add(verb::get,  "/api/v1/product-lines",                      perm::engineers_read,   list_product_lines);
    r.add(verb::get,  "/api/v1/cycles",                             perm::cycles_read,      list_cycles);
    r.add(verb::post, "/api/v1/cycles",                             perm::cycles_write,     create_cycle);
    r.add(verb::get,  "/api/v1/cycles/{id}",                        perm::cycles_read,      get_cycle);
    r.add(verb::post, "/api/v1/cycles/{id}/transition",             perm::cycles_write,     transition_cycle);
    r.add(verb::get,  "/api/v1/cycles/{id}/applications",           perm::cycles_read,      list_applications);
    r.add(verb::post, "/api/v1/cycles/{id}/applications",           perm::apply,            apply);
    r.add(verb::post, "/api/v1/cycles/{id}/eligibility-review",     perm::cycles_write,     review_eligibility);
    r.add(verb::get,  "/api/v1/cycles/{id}/scores",                 perm::scores_write,     list_scores);
    r.add(verb::post, "/api/v1/cycles/{id}/scores/import",          perm::scores_write,     import_scores);
    r.add(verb::get,  "/api/v1/cycles/{id}/locks",                  perm::scores_write,     list_locks);
    r.add(verb::post, "/api/v1/cycles/{id}/locks",                  perm::cycles_write,     lock_component);
    r.add(verb::post, "/api/v1/cycles/{id}/quotas",                 perm::cycles_write,     set_quota);
    r.add(verb::put,  "/api/v1/cycles/{id}/settings",               perm::cycles_write,     update_cycle_settings);
    r.add(verb::post, "/api/v1/cycles/{id}/nominations",            perm::cycles_write,     nominate);
    r.add(verb::get,  "/api/v1/cycles/{id}/report",                 perm::results_read,     cycle_report);
    r.add(verb::post, "/api/v1/cycles/{id}/results/export",         perm::results_read,     export_results);
    r.add(verb::post, "/api/v1/cycles/{id}/evaluate",               perm::cycles_write,     evaluate_cycle);
    r.add(verb::get,  "/api/v1/cycles/{id}/results",                perm::results_read,     list_results);
    r.add(verb::post, "/api/v1/cycles/{id}/replay",                 perm::results_read,     replay_cycle);
    r.add(verb::get,  "/api/v1/cycles/{id}/published",              perm::cycles_read,      published);
    r.add(verb::get,  "/api/v1/cycles/{id}/appeals",                perm::cycles_write,     list_appeals);
    r.add(verb::post, "/api/v1/applications/{id}/appeals",          perm::apply,            create_appeal);
    r.add(verb::post, "/api/v1/appeals/{id}/resolve",               perm::cycles_write,     resolve_appeal);
    r.add(verb::post, "/api/v1/applications/{id}/scores",           perm::scores_write,     set_score);
    r.add(verb::post, "/api/v1/applications/{id}/votes",            perm::committee_vote,   cast_vote);
    r.add(verb::post, "/api/v1/applications/{id}/withdraw",         perm::apply,            withdraw);
    r.add(verb::post, "/api/v1/applications/{id}/override",         perm::cycles_write,     override_verdict);
    r.add(verb::get,  "/api/v1/certificates/expiring",              perm::engineers_export, expiring_certificates);
    r.add(verb::get,  "/api/v1/calendar",                           perm::cycles_read,      list_calendar);
    r.add(verb::post, "/api/v1/calendar",                           perm::cycles_write,     set_calendar_day);
    r.add(verb::get,  "/api/v1/jobs",                               perm::authenticated,    list_jobs);
    r.add(verb::get,  "/api/v1/jobs/{id}",                          perm::authenticated,    get_job);
    r.add(verb::delete_, "/api/v1/jobs/{id}",                       perm::authenticated,    cancel_job);
    r.add(verb::get,  "/api/v1/jobs/{id}/file",                     perm::authenticated,    job_file);
    r.add(verb::get,  "/api/v1/audit",                              perm::audit_read,       list_audit);
    r.add(verb::get,  "/api/v1/audit/actions",                      perm::audit_read,       audit_actions);
    r.add(verb::get,  "/api/v1/audit/verify",                       perm::audit_read,       verify_audit);
    r.add(verb::get,  "/api/v1/users",                              perm::users_manage,     list_users);
    r.add(verb::post, "/api/v1/users",                              perm::users_manage,     create_user);
    r.add(verb::put,  "/api/v1/users/{id}",                         perm::users_manage,     update_user);
    r.add(verb::post, "/api/v1/users/{id}/password",                perm::users_manage,     set_password);
    r.add(verb::post, "/api/v1/users/{id}/sessions/revoke",         perm::users_manage,     revoke_user_sessions);
    return r;
}

}  // namespace skillgrade::http
