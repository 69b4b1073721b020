#pragma once
// Roles of PRODUCT.md and the permission registry that modules fill at start-up.
// A permission names which roles hold it; a user holds a role per municipality (or install-wide
// for the operator). Services ask `allowed(user, permission, municipality)` — hiding a button is
// not a check (rule 5).
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace syn::auth {

// Stored as text in user_roles.role. "citizen" is every verified account; the rest are granted.
inline constexpr std::string_view kRoles[] = {
    "citizen", "volunteer", "org_member", "org_admin", "staff", "committee",
    "social_worker", "tenant_admin", "operator", "auditor"};
bool is_role(std::string_view r);
const char* role_label_msgid(std::string_view role);  // N_-marked English label

struct Grant {
    std::optional<std::int64_t> municipality_id;  // nullopt: everywhere (operator)
    std::string role;
};

struct Principal {
    std::int64_t user_id = 0;
    std::vector<Grant> grants;
    bool has_role(std::string_view role, std::int64_t municipality_id) const;
};

// Register once at start-up (module.cpp). Re-defining a permission adds roles to it.
void define_permission(std::string name, std::set<std::string> roles);
bool permission_exists(std::string_view name);
bool allowed(const Principal& p, std::string_view permission, std::int64_t municipality_id);

}  // namespace syn::auth
