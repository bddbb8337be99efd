// principal.hpp
// Who is asking and what they may do: the permissions, the one table of which roles hold them, and
// the signed-in user every use case receives.
//
//   if (auto c = check(who, perm::cycles_write); !c) return std::unexpected(c.error());
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/people.hpp"

namespace skillgrade::app {

using core::result;

enum class perm {
    public_,          // no session needed
    account,          // one's own account (password, second factor, sessions): also while a change is required
    authenticated,    // any signed-in user
    schemes_read,
    schemes_write,
    engineers_read,   // scoped: engineers see themselves, managers their org subtree
    engineers_write,
    engineers_export,
    org_read,
    org_write,
    audit_read,
    cycles_read,
    cycles_write,     // plan cycles, review eligibility (HR)
    scores_write,     // enter and import component scores (examiners, HR)
    results_read,     // evaluation results before publication (HR, committee, auditors)
    committee_vote,   // review committee members
    apply,            // an engineer for themself, a manager for their subtree, HR for anyone
    users_manage,
    questions_read,   // the question bank with its keys (HR, examiners, auditors; never engineers)
    questions_write,  // keep the question bank (HR)
    exams_manage,     // blueprints, sittings, candidates and proctors of the online exam (HR)
    exams_proctor,    // watch a sitting's room and give a candidate more time (HR, examiners)
    take_exam,        // sit an exam as the engineer one is (engineers)
    exams_mark,       // mark short answers blind in the marking queue (HR, examiners)
};
std::string_view to_string(perm);
// The roles that hold a permission (the one table of who may do what).
const std::vector<core::role>& roles_for(perm);

struct principal {
    std::int64_t user_id = 0;
    std::string username;
    std::string display_name;
    std::vector<core::role> roles;
    std::optional<std::int64_t> engineer_id;
    std::optional<std::int64_t> org_unit_id;
    std::string org_path;   // of org_unit_id, for manager scope
    std::string csrf_token;
    std::int64_t session_id = 0;
    bool must_change_password = false;   // an administrator's reset: change it before anything else
    bool mfa_enabled = false;
    bool mfa_enrolment_required = false; // the role requires a second factor not enrolled yet
    bool has(core::role r) const;
    bool may(perm p) const;
    // Why only the account routes answer for this session (403), or nullopt.
    std::optional<core::error> gate() const;
};

// 403 auth.forbidden naming the permission, unless the principal holds it.
result<void> check(const principal&, perm);

// Where a request came from, for sessions and the audit of sign-ins.
struct client_info {
    std::string address;
    std::string user_agent;
};

}  // namespace skillgrade::app
