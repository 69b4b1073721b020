#pragma once
// Roles of PRODUCT.md, the units they may be granted on, and the permission registry that
// modules fill at start-up (module.cpp). A permission names which roles hold it; a person holds a
// role per municipality (or install-wide for the operator), and for some roles on a unit of the
// municipality. Services ask the Scope (`can`, `can_in`); hiding a button is not a check
// (rule 5).
//
// Reading versus acting. Each permission has a reach:
//   - Reach::municipality: holding one of its roles anywhere in the municipality is enough
//     (every member of staff reads every request, whatever their unit);
//   - Reach::unit: the grant must be on the unit of the thing acted on or on a unit above it
//     (only a department's staff act on its requests; only a structure's people read its cases).
// A permission that reads a structure's records has unit reach, so the unit scopes reading too.
// A role granted without a unit reaches every unit, except the roles that only mean something
// on a unit (staff, social workers, committee members): without one they reach none.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace syn::auth {

class UnitTree;

// Where a role is granted.
enum class RoleOn {
    municipality,  // never on a unit (tenant admin, auditor)
    unit,          // on a unit; without one it reaches no unit (staff of a department)
    everywhere,    // install-wide (the operator)
};

struct RoleInfo {
    std::string name;           // stored as text in user_roles.role
    const char* label_msgid;    // N_-marked English label
    RoleOn on = RoleOn::municipality;
    // Sees other people's personal data: log-in needs the second factor.
    bool sees_personal_data = false;
    // The municipality's administrator grants it on the people pages (the rest come with an
    // account, an organisation or the volunteer pool, or are the operator's).
    bool admin_grants = false;
};

// The platform's roles are defined before any module; a module adds its own in module.cpp.
// Defining a role again the same way is nothing (a module installed into a second App).
void define_role(RoleInfo role);
bool is_role(std::string_view r);
const RoleInfo* role_info(std::string_view r);
const char* role_label_msgid(std::string_view role);  // N_-marked English label
// Every role, platform's first, in definition order.
std::vector<RoleInfo> roles();

struct Grant {
    std::optional<std::int64_t> municipality_id;  // nullopt: everywhere (operator)
    std::string role;
    std::optional<std::int64_t> unit_id;  // nullopt: the whole municipality
};

struct Principal {
    std::int64_t user_id = 0;
    std::vector<Grant> grants;
    // Holds the role in the municipality, on any unit or none.
    bool has_role(std::string_view role, std::int64_t municipality_id) const;
};

enum class Reach { municipality, unit };

// Register once at start-up (module.cpp). Re-defining a permission adds roles to it.
void define_permission(std::string name, std::set<std::string> roles, Reach reach = Reach::municipality);
bool permission_exists(std::string_view name);
// Holds the permission somewhere in the municipality (for a unit-reach permission: on some
// unit; ask allowed_in() about a particular thing).
bool allowed(const Principal& p, std::string_view permission, std::int64_t municipality_id);
// Holds the permission for a thing of `unit_id` in the municipality.
bool allowed_in(const Principal& p, std::string_view permission, std::int64_t municipality_id, std::int64_t unit_id,
                const UnitTree& units);
// Whether this grant reaches `unit_id` (its unit is it or above it; or, with none, a role not
// bound to units).
bool grant_reaches(const Grant& g, std::int64_t unit_id, const UnitTree& units);

}  // namespace syn::auth
