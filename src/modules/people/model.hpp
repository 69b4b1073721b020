#pragma once
// The municipality's people as its administrator manages them: the accounts that hold a role in
// the municipality, with their grants, and what the people pages' forms send.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace syn::people {

struct PersonGrant {
    std::int64_t id = 0;  // the grant (user_roles.id)
    std::string role;
    std::optional<std::int64_t> unit_id;
    std::int64_t granted_at = 0;
};

struct Person {
    std::int64_t user_id = 0;
    std::string display_name, email;
    bool verified = false;  // has opened a link we mailed (an invitation not yet taken up: false)
    bool second_factor = false;  // has set up two-step log-in (only person() says)
    std::vector<PersonGrant> grants;
    std::string folded;  // name and address folded for the search (text::fold), made once per read
};

// The people list's filters: a search over names and addresses, a role, a unit.
struct PeopleQuery {
    std::string search, role;
    std::optional<std::int64_t> unit_id;
};

// A unit as its form sends it.
struct UnitInput {
    std::string name_el, name_en, kind, parent_id, email;
};

// A role to give: the role's name and, for a role held on a unit, the unit's id.
struct GrantInput {
    std::string role, unit_id;
};

// An invitation: who, and the first role to give them.
struct InviteInput {
    std::string email, display_name;
    GrantInput grant;
};

}  // namespace syn::people
