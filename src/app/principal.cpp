// Permissions: the one table of which roles may do what, and the principal's checks.
#include "app/principal.hpp"

#include <algorithm>

namespace skillgrade::app {
using core::role;

std::string_view to_string(perm p) {
    switch (p) {
        case perm::public_: return "public";
        case perm::account: return "account";
        case perm::authenticated: return "authenticated";
        case perm::schemes_read: return "schemes.read";
        case perm::schemes_write: return "schemes.write";
        case perm::engineers_read: return "engineers.read";
        case perm::engineers_write: return "engineers.write";
        case perm::engineers_export: return "engineers.export";
        case perm::org_read: return "org.read";
        case perm::org_write: return "org.write";
        case perm::audit_read: return "audit.read";
        case perm::cycles_read: return "cycles.read";
        case perm::cycles_write: return "cycles.write";
        case perm::scores_write: return "scores.write";
        case perm::results_read: return "results.read";
        case perm::committee_vote: return "committee.vote";
        case perm::apply: return "cycles.apply";
        case perm::users_manage: return "users.manage";
        case perm::questions_read: return "questions.read";
        case perm::questions_write: return "questions.write";
        case perm::exams_manage: return "exams.manage";
        case perm::exams_proctor: return "exams.proctor";
        case perm::take_exam: return "exams.take";
        case perm::exams_mark: return "exams.mark";
    }
    return "?";
}

const std::vector<role>& roles_for(perm p) {
    static const std::vector<role> all(std::begin(core::kAllRoles), std::end(core::kAllRoles));
    static const std::vector<role> hr{role::admin, role::hr};
    static const std::vector<role> readers{role::admin,   role::hr,       role::examiner, role::committee,
                                           role::manager, role::engineer, role::auditor};
    static const std::vector<role> exporters{role::admin, role::hr, role::manager, role::auditor};
    static const std::vector<role> auditors{role::admin, role::auditor};
    static const std::vector<role> admins{role::admin};
    static const std::vector<role> applicants{role::admin, role::hr, role::manager, role::engineer};
    static const std::vector<role> scorers{role::admin, role::hr, role::examiner};
    static const std::vector<role> result_readers{role::admin, role::hr, role::committee, role::auditor};
    static const std::vector<role> committee{role::committee};
    static const std::vector<role> bank_readers{role::admin, role::hr, role::examiner, role::auditor};
    static const std::vector<role> takers{role::engineer};
    switch (p) {
        case perm::public_:
        case perm::account:
        case perm::authenticated:
        case perm::schemes_read:
        case perm::cycles_read:
        case perm::org_read: return all;
        case perm::cycles_write: return hr;
        case perm::apply: return applicants;
        case perm::scores_write: return scorers;
        case perm::results_read: return result_readers;
        case perm::committee_vote: return committee;
        case perm::engineers_read: return readers;
        case perm::schemes_write:
        case perm::org_write:
        case perm::engineers_write: return hr;
        case perm::engineers_export: return exporters;
        case perm::audit_read: return auditors;
        case perm::users_manage: return admins;
        case perm::questions_read: return bank_readers;
        case perm::questions_write: return hr;
        case perm::exams_manage: return hr;
        case perm::exams_proctor: return scorers;
        case perm::take_exam: return takers;
        case perm::exams_mark: return scorers;
    }
    return admins;
}

bool principal::has(role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool principal::may(perm p) const {
    if (p == perm::public_ || p == perm::account || p == perm::authenticated) return true;
    for (auto r : roles_for(p))
        if (has(r)) return true;
    return false;
}

std::optional<core::error> principal::gate() const {
    if (must_change_password)
        return core::error{core::errc::forbidden, "auth.password_change_required",
                           {"管理员重置了您的密码，请先修改密码", "Your password was reset by an administrator; change it first"}, {}};
    if (mfa_enrolment_required)
        return core::error{core::errc::forbidden, "auth.mfa_enrolment_required",
                           {"您的角色要求双因素认证，请先完成绑定", "Your role requires two-factor authentication; enrol first"}, {}};
    return std::nullopt;
}

result<void> check(const principal& p, perm what) {
    if (p.may(what)) return {};
    return core::fail(core::errc::forbidden, "auth.forbidden",
                      {"没有权限执行此操作（需要 " + std::string(to_string(what)) + "）",
                       "You are not allowed to do this (needs " + std::string(to_string(what)) + ")"});
}

}  // namespace skillgrade::app
