#pragma once
// Who holds which role where: the user_roles rows behind every Principal. Inside the caller's
// transaction; each change makes this process's cached sessions stale at once (session_cache.hpp),
// so a withdrawn role stops working on the holder's next request.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace syn::auth {

// Bumped by every grant and withdrawal in this process, for caches of who holds what.
std::uint64_t grants_generation();

struct HeldRole {
    std::int64_t id = 0;  // the grant
    std::int64_t user_id = 0;
    std::optional<std::int64_t> municipality_id;
    std::string role;
    std::optional<std::int64_t> unit_id;
    std::int64_t granted_at = 0;
};

// False when the account held it already (nothing written).
bool grant_role(soci::session& s, std::int64_t user_id, std::optional<std::int64_t> municipality_id, const std::string& role,
                std::optional<std::int64_t> unit_id = std::nullopt);
// One grant of the municipality, by id; false when there was none.
bool withdraw_grant(soci::session& s, std::int64_t municipality_id, std::int64_t grant_id);
// Every grant of `role` the account holds in the municipality (install-wide when nullopt), on
// any unit. False when it held none.
bool withdraw_role(soci::session& s, std::int64_t user_id, std::optional<std::int64_t> municipality_id, const std::string& role);
// Every grant the account holds in the municipality; the number withdrawn.
long long withdraw_all_roles(soci::session& s, std::int64_t user_id, std::int64_t municipality_id);

std::optional<HeldRole> find_grant(soci::session& s, std::int64_t municipality_id, std::int64_t grant_id);
// The account's grants in the municipality (and its install-wide ones), oldest first.
std::vector<HeldRole> roles_of(soci::session& s, std::int64_t user_id, std::int64_t municipality_id);
// The grants of these roles in the municipality, by unit then holder.
std::vector<HeldRole> grants_of_roles(soci::session& s, std::int64_t municipality_id, const std::vector<std::string>& roles);
// How many active accounts hold the role in the municipality.
long long holders(soci::session& s, std::int64_t municipality_id, const std::string& role);

}  // namespace syn::auth
