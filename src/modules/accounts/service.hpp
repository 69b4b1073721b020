#pragma once
// Account use cases: each validates, runs one transaction, writes the audit entry and queues
// mail. Validation failures throw web::Invalid with messages in the caller's language.
#include <nlohmann/json.hpp>

#include <cstdint>
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

struct LoginResult { Outcome outcome; std::optional<auth::NewSession> session; };
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
// For the CLI: withdraws a role from the account with this e-mail address (in the municipality;
// install-wide for the operator), audited. False when the account did not hold it; throws
// std::runtime_error when there is no such account. Takes effect at once in this process and
// within seconds in every other copy (platform/auth/session_cache.hpp).
bool withdraw_role(soci::session& s, const std::string& email, const std::string& role,
                   std::optional<std::int64_t> municipality_id);

}  // namespace syn::accounts
