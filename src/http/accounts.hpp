// accounts.hpp
// The handlers of accounts: sign-in and sign-out, the session, one's own password, second factor
// and sessions, and the administrator's account routes. Their routes are in routes.cpp.
#pragma once
#include "http/router.hpp"

namespace skillgrade::http {

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

}  // namespace skillgrade::http
