#pragma once
// Pure checks of what the administrator types into the people pages; each problem is a field
// and a msgid, which the service translates.
#include <optional>
#include <string>
#include <vector>

#include "modules/people/model.hpp"
#include "platform/auth/units.hpp"

namespace syn::people {

struct Problem {
    std::string field;
    const char* msgid;
};

// The unit, or the problems: a Greek name of one line of 2–120 characters (and an English one,
// if given), a known kind, a parent that is a unit of the municipality in use and not the unit
// itself or one below it, a mailbox in the right form. `id` is the unit being changed.
std::optional<auth::Unit> check_unit(const UnitInput& in, std::optional<std::int64_t> id, const std::vector<auth::Unit>& units,
                                     const auth::UnitTree& tree, std::vector<Problem>& problems);

struct CheckedGrant {
    std::string role;
    std::optional<std::int64_t> unit_id;
};
// The grant, or the problems: a role the administrator gives (auth::RoleInfo::admin_grants),
// on a unit in use when the role is held on one, and on none when it is the municipality's.
std::optional<CheckedGrant> check_grant(const GrantInput& in, const std::vector<auth::Unit>& units, std::vector<Problem>& problems);

// The invitation's address and name, and its grant.
std::optional<CheckedGrant> check_invite(const InviteInput& in, const std::vector<auth::Unit>& units, std::vector<Problem>& problems);

}  // namespace syn::people
