// handlers.hpp
// Every request handler, one file per feature beside this header (accounts.cpp, engineers.cpp,
// cycles.cpp, appeals.cpp, …); the route table in routes.cpp maps paths and permissions to them.
#pragma once
#include "http/router.hpp"
#include "storage/jobs.hpp"

namespace skillgrade::http {

// accounts.cpp
response login(context&);
response logout(context&);
response me(context&);
response change_own_password(context&);
response mfa_setup(context&);
response mfa_confirm(context&);
response mfa_disable(context&);
response list_own_sessions(context&);
response end_own_session(context&);
response list_users(context&);
response create_engineer_accounts(context&);
response create_user(context&);
response set_password(context&);
response update_user(context&);
response revoke_user_sessions(context&);
// schemes.cpp
response list_schemes(context&);
response get_scheme(context&);
response import_scheme(context&);
response export_scheme(context&);
response diff_scheme(context&);
// org.cpp
response list_org_units(context&);
response create_org_unit(context&);
// engineers.cpp
response list_engineers(context&);
response get_engineer(context&);
response create_engineer(context&);
response next_level(context&);
response update_engineer(context&);
response add_level(context&);
response export_engineers(context&);
response engineer_template(context&);
response import_engineers(context&);
// training.cpp
response import_training(context&);
response list_training(context&);
response list_courses(context&);
response list_product_lines(context&);
response training_template(context&);
// home.cpp
response home(context&);
// audit.cpp
response list_audit(context&);
response audit_actions(context&);
response verify_audit(context&);
// cycles.cpp
response list_cycles(context&);
response get_cycle(context&);
response create_cycle(context&);
response transition_cycle(context&);
response set_quota(context&);
response update_cycle_settings(context&);
response list_calendar(context&);
response set_calendar_day(context&);
// applications.cpp
response list_applications(context&);
response apply(context&);
response review_eligibility(context&);
response withdraw(context&);
response override_verdict(context&);
response nominate(context&);
// scores.cpp
response set_score(context&);
response list_scores(context&);
response import_scores(context&);
response list_locks(context&);
response lock_component(context&);
// evaluation.cpp
response evaluate_cycle(context&);
response list_results(context&);
response replay_cycle(context&);
response cast_vote(context&);
response cycle_report(context&);
response export_results(context&);
// notice.cpp
response published(context&);
response own_results(context&);
// appeals.cpp
response list_appeals(context&);
response create_appeal(context&);
response resolve_appeal(context&);
// certificates.cpp
response list_certificates(context&);
response expiring_certificates(context&);
// jobs.cpp
response list_jobs(context&);
response get_job(context&);
response cancel_job(context&);
// The client asked for long work as a job (RFC 7240 Prefer: respond-async).
bool respond_async(const context&);
// 202 Accepted with the job and its Location (a use case that queued a job).
response job_accepted(context&, const core::result<storage::job_row>&);

}  // namespace skillgrade::http
