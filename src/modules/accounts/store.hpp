#pragma once
// SQL for accounts, e-mail tokens, API tokens and log-in failures.
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/accounts/model.hpp"

namespace syn::accounts::store {

std::optional<Account> by_email(soci::session& s, const std::string& email);
std::optional<Account> by_id(soci::session& s, std::int64_t id);
std::int64_t insert_account(soci::session& s, const std::string& email, const std::string& display_name,
                            const std::string& password_hash, std::optional<std::int64_t> home_municipality);
void mark_verified(soci::session& s, std::int64_t user_id);
void set_password(soci::session& s, std::int64_t user_id, const std::string& hash);
void set_email(soci::session& s, std::int64_t user_id, const std::string& email);
void set_display_name(soci::session& s, std::int64_t user_id, const std::string& name);
// Removes personal data; keeps the row (id) so what the person wrote stays attributable to
// "a deleted account" and the audit chain stays intact.
void anonymise(soci::session& s, std::int64_t user_id);

// One-time e-mail tokens (verify, reset, email_change); the raw token only travels by mail.
void insert_email_token(soci::session& s, std::int64_t user_id, const std::string& purpose, const std::string& token_hash,
                        long ttl_seconds, const std::string& new_email = {});
struct EmailToken { std::int64_t id; std::int64_t user_id; std::string new_email; };
// A live (unused, unexpired) token of that purpose, or nullopt.
std::optional<EmailToken> find_email_token(soci::session& s, const std::string& purpose, const std::string& token_hash);
void use_email_token(soci::session& s, std::int64_t id);

std::int64_t insert_api_token(soci::session& s, std::int64_t user_id, const std::string& name, const std::string& token_hash);
std::vector<ApiToken> api_tokens(soci::session& s, std::int64_t user_id);
// Revokes one of this user's tokens; false when it is not theirs or already revoked.
bool revoke_api_token(soci::session& s, std::int64_t user_id, std::int64_t token_id);

int recent_failures_for_account(soci::session& s, const std::string& account_key, std::int64_t since);
int recent_failures_for_ip(soci::session& s, const std::string& ip_key, std::int64_t since);
void record_failure(soci::session& s, const std::string& account_key, const std::string& ip_key);
void clear_failures(soci::session& s, const std::string& account_key);

}  // namespace syn::accounts::store
