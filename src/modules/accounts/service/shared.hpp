#pragma once
// Helpers the accounts service's files share: refusing with the problems, the audit entry of a
// change to an account, the mail it sends, and who is asking.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/accounts/model.hpp"
#include "modules/accounts/rules.hpp"
#include "platform/web/scope.hpp"

namespace syn::accounts::detail {

[[noreturn]] void fail(const web::Scope& scope, const std::vector<Problem>& problems);
void fail_if(const web::Scope& scope, const std::vector<Problem>& problems);
// The absolute address of an e-mailed link carrying `token`.
std::string link(const web::Scope& scope, std::string_view path, const std::string& token);
void audit_entry(soci::session& s, const web::Scope& scope, std::optional<std::int64_t> actor, const char* action,
                 std::int64_t subject_user, std::string details = "{}");
// "Δήμος Καλαμάτας" in the page's language, for mail subjects; or in `tr`'s (the recipient's).
std::string site(const web::Scope& scope);
std::string site(const web::Scope& scope, const i18n::Tr& tr);
// The message as a letter from the municipality (web/letter.hpp), in `tr`'s language.
void queue(soci::session& s, const web::Scope& scope, const i18n::Tr& tr, const std::string& to, const std::string& subject,
           const std::string& body, const std::string& name = {});
// Failed log-in attempts, counted per account and per client address in the database, so that
// every copy of the program counts the same ones; the password and the second factor share it.
struct Throttle {
    std::string account_key, ip_key;  // hashes, never the address or the IP itself
};
Throttle throttle_for(const std::string& normalised_email, const std::string& client_ip);
// Whether either count reached its limit within the configured window.
bool throttled(const web::Scope& scope, const Throttle& t);

// The logged-in person's account; NeedLogin when there is none.
Account require_account(const web::Scope& scope);
// Refuses (at `field`) unless `pw` is the account's password.
void require_password(const web::Scope& scope, const Account& a, const std::string& pw, const char* field);

}  // namespace syn::accounts::detail
