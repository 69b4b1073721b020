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
#include "platform/web/context.hpp"

namespace syn::accounts {

struct Outcome {
    bool ok = false;
    const char* msgid = nullptr;  // why not, for the user
    int status = 200;
};

// Always looks the same to the caller whether or not the address was already registered, so
// the form cannot be used to find out who has an account; the owner of an existing address
// gets a mail telling them instead.
void register_account(web::Context& ctx, const RegisterInput& in);
Outcome verify_email(web::Context& ctx, const std::string& token);

struct LoginResult { Outcome outcome; std::optional<auth::NewSession> session; };
LoginResult login(web::Context& ctx, const LoginInput& in);
void logout(web::Context& ctx);
void logout_everywhere(web::Context& ctx);

void request_password_reset(web::Context& ctx, const std::string& email);
bool reset_token_valid(web::Context& ctx, const std::string& token);
Outcome reset_password(web::Context& ctx, const std::string& token, const std::string& pw, const std::string& confirm);

void change_password(web::Context& ctx, const std::string& current, const std::string& pw, const std::string& confirm);
void request_email_change(web::Context& ctx, const std::string& current_password, const std::string& new_email);
Outcome confirm_email_change(web::Context& ctx, const std::string& token);
void change_display_name(web::Context& ctx, const std::string& name);

struct CreatedToken { std::int64_t id; std::string token; };
CreatedToken create_api_token(web::Context& ctx, const std::string& name);
void revoke_api_token(web::Context& ctx, std::int64_t token_id);
std::vector<ApiToken> list_api_tokens(web::Context& ctx);

Account current_account(web::Context& ctx);
nlohmann::json export_data(web::Context& ctx);
void delete_account(web::Context& ctx, const std::string& password);

// For the CLI and the demo seed: a verified account with a role (no mail, audited).
std::int64_t create_verified_account(soci::session& s, const std::string& email, const std::string& display_name,
                                     const std::string& password, const std::string& role,
                                     std::optional<std::int64_t> municipality_id);

}  // namespace syn::accounts
