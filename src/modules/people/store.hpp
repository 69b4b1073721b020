#pragma once
// SQL for the people pages: the accounts that hold a role in the municipality. Roles and units
// themselves are the kernel's (platform/auth/grants.hpp, units.hpp).
#include <cstdint>
#include <optional>
#include <vector>

#include "modules/people/model.hpp"
#include "platform/db/database.hpp"

namespace syn::people::store {

// Every active account holding a role the administrator gives (auth::RoleInfo::admin_grants)
// in the municipality, with those grants, by name.
std::vector<Person> people(soci::session& s, std::int64_t municipality_id);
// One of them; nullopt when the account holds no role in the municipality.
std::optional<Person> person(soci::session& s, std::int64_t municipality_id, std::int64_t user_id);
// How many grants name the unit.
long long grants_on_unit(soci::session& s, std::int64_t municipality_id, std::int64_t unit_id);

}  // namespace syn::people::store
