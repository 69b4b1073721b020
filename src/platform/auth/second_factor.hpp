#pragma once
// The second factor of the log-in, as stored: an account's authenticator secret, its recovery
// codes, and whether a session passed it. Which roles need it is the role's
// (RoleInfo::sees_personal_data); the accounts module holds the pages and use cases.
//
// How a session counts (gate()):
//   - an account with a second factor: a session that passed only the password is a log-in in
//     progress — not logged in yet, except for the page that asks for the code;
//   - an account without one, where the install requires it: the session is logged in, but the
//     roles that see other people's data do not count until the person sets one up.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/permissions.hpp"
#include "platform/db/database.hpp"

namespace syn::auth {

struct SecondFactor {
    std::string secret;
    std::optional<std::int64_t> confirmed_at;
    std::int64_t last_step = 0;
};

std::optional<SecondFactor> find_second_factor(soci::session& s, std::int64_t user_id);
// A new secret being set up (replaces one not confirmed yet; never a confirmed one).
void begin_second_factor(soci::session& s, std::int64_t user_id, const std::string& secret);
void confirm_second_factor(soci::session& s, std::int64_t user_id, std::int64_t step);
// Records the step of a code accepted; false when a code of that step or a later one was
// accepted meanwhile (the same code twice, at once).
bool use_second_factor_step(soci::session& s, std::int64_t user_id, std::int64_t step);
// Whether the account has a confirmed second factor.
bool has_second_factor(soci::session& s, std::int64_t user_id);
// Removes the secret and the recovery codes.
void remove_second_factor(soci::session& s, std::int64_t user_id);

// Replaces the account's recovery codes with these hashes.
void replace_recovery_codes(soci::session& s, std::int64_t user_id, const std::vector<std::string>& hashes);
// Uses one code (by hash); false when it is not one of the account's or was used.
bool use_recovery_code(soci::session& s, std::int64_t user_id, const std::string& hash);
long long recovery_codes_left(soci::session& s, std::int64_t user_id);

// The session passed the second factor now.
void pass_second_factor(soci::session& s, std::int64_t session_id);

enum class Gate {
    open,          // logged in with every grant
    pending,       // the password only, and the account has a second factor: not logged in yet
    roles_held,    // logged in, the roles that see others' data withheld until it is set up
};
// How a session of this account counts. `enrolled`: the account has a confirmed second factor;
// `passed`: the session passed it; `required`: the install uses second factors (when it does
// not, every session is open).
Gate gate(bool enrolled, bool passed, bool required, const Principal& p);
// The principal without the grants of roles that see other people's data.
Principal without_personal_data_roles(Principal p);
// Whether the account holds a role that sees other people's data somewhere.
bool holds_personal_data_role(const Principal& p);

}  // namespace syn::auth
