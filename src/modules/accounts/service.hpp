#pragma once
// Account use cases: each validates, runs one transaction, writes the audit entry and queues
// mail. Validation failures throw web::Invalid with messages in the caller's language.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/model.hpp"
#include "platform/auth/session_store.hpp"
#include "platform/web/scope.hpp"

namespace syn::accounts {

struct Outcome {
    bool ok = false;
    const char* msgid = nullptr;  // why not, for the user
    int status = 200;
};

// Always looks the same to the caller whether or not the address was already registered, so
// the form cannot be used to find out who has an account; the owner of an existing address
// gets a mail telling them instead.
void register_account(const web::Scope& scope, const RegisterInput& in);
Outcome verify_email(const web::Scope& scope, const std::string& token);
// A new confirmation link for an account that has not confirmed its address yet. The caller
// sees the same whether the address has such an account or not; false only when this address
// or this client asked too often lately (then nothing is sent).
bool resend_confirmation_link(const web::Scope& scope, const std::string& email, const std::string& client_ip);

// second_factor: the session waits for the code of the account's authenticator app (/login/code).
struct LoginResult { Outcome outcome; std::optional<auth::NewSession> session; bool second_factor = false; };
LoginResult login(const web::Scope& scope, const LoginInput& in);
void logout(const web::Scope& scope);
void logout_everywhere(const web::Scope& scope);

void request_password_reset(const web::Scope& scope, const std::string& email);
bool reset_token_valid(const web::Scope& scope, const std::string& token);
Outcome reset_password(const web::Scope& scope, const std::string& token, const std::string& pw, const std::string& confirm);

void change_password(const web::Scope& scope, const std::string& current, const std::string& pw, const std::string& confirm);
void request_email_change(const web::Scope& scope, const std::string& current_password, const std::string& new_email);
Outcome confirm_email_change(const web::Scope& scope, const std::string& token);
void change_display_name(const web::Scope& scope, const std::string& name);

struct CreatedToken { std::int64_t id; std::string token; };
CreatedToken create_api_token(const web::Scope& scope, const std::string& name);
void revoke_api_token(const web::Scope& scope, std::int64_t token_id);
std::vector<ApiToken> list_api_tokens(const web::Scope& scope);

Account current_account(const web::Scope& scope);
nlohmann::json export_data(const web::Scope& scope);
void delete_account(const web::Scope& scope, const std::string& password);

// For the CLI and the demo seed: a verified account with a role (no mail, audited).
std::int64_t create_verified_account(soci::session& s, const std::string& email, const std::string& display_name,
                                     const std::string& password, const std::string& role,
                                     std::optional<std::int64_t> municipality_id);
// The language the logged-in person's mail and notifications are written in, from now on (the
// site's language switch calls it). Nothing for a visitor.
void remember_language(const web::Scope& scope, i18n::Lang lang);

// ---------------------------------------------------------------- second factor (service/second_factor.cpp)
// Two-step log-in with an authenticator app (platform/auth/second_factor.hpp says how a session
// counts). Every change is audited; a wrong code counts as a failed log-in for the rate limit.

SecondFactorStatus second_factor_status(const web::Scope& scope);
// The secret being set up (made on first call, kept until confirmed). Refused once it is on.
SecondFactorSetup start_second_factor(const web::Scope& scope);
// Turns it on with a code of the app; returns the recovery codes (shown once). This session
// counts as having passed it.
std::vector<std::string> confirm_second_factor(const web::Scope& scope, const std::string& code);
std::vector<std::string> new_recovery_codes(const web::Scope& scope, const std::string& password);
void turn_off_second_factor(const web::Scope& scope, const std::string& password);
// The log-in's second step, for scope.pending_session: a code of the app (each works once) or a
// recovery code. Throws web::Invalid when wrong or rate-limited.
void pass_second_factor(const web::Scope& scope, const std::string& code, const std::string& client_ip);

// For the municipality's administrator (modules/people), inside their transaction: the account
// of this address, created when there is none (unverified, without a password), and the mail
// that tells the person, in their language, they were given `what` (the role's words in that
// language) by the municipality, with a link to choose a password, valid for a week, when they
// have none yet. Audited.
struct Invitation {
    std::int64_t user_id = 0;
    bool created = false;
};
Invitation invite_account(soci::session& s, const web::Scope& scope, const std::string& email, const std::string& display_name,
                          const std::function<std::string(const i18n::Tr&)>& what);
// The account's id when there is an active one with this address.
std::optional<std::int64_t> account_id_by_email(soci::session& s, const std::string& email);

// For the CLI: withdraws a role from the account with this e-mail address (in the municipality;
// install-wide for the operator), audited. False when the account did not hold it; throws
// std::runtime_error when there is no such account. Takes effect at once in this process and
// within seconds in every other copy (platform/auth/session_cache.hpp).
bool withdraw_role(soci::session& s, const std::string& email, const std::string& role,
                   std::optional<std::int64_t> municipality_id);

}  // namespace syn::accounts
