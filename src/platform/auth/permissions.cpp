#include "platform/auth/permissions.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

#include "platform/auth/units.hpp"
#include "platform/i18n/i18n.hpp"

namespace syn::auth {

namespace {

struct Permission {
    std::set<std::string, std::less<>> roles;
    Reach reach = Reach::municipality;
};

struct Registry {
    std::shared_mutex mu;
    std::vector<RoleInfo> roles;
    std::map<std::string, Permission, std::less<>> permissions;

    Registry() {
        // The platform's roles (PRODUCT.md). "citizen" is every verified account; the rest are granted.
        roles = {
            {"citizen", N_("Citizen"), RoleOn::municipality, false},
            {"volunteer", N_("Volunteer"), RoleOn::municipality, false},
            {"org_member", N_("Organisation member"), RoleOn::municipality, false},
            {"org_admin", N_("Organisation administrator"), RoleOn::municipality, false},
            {"staff", N_("Municipal staff"), RoleOn::unit, true, true},
            {"committee", N_("Committee member"), RoleOn::unit, true, true},
            {"social_worker", N_("Social worker"), RoleOn::unit, true, true},
            {"tenant_admin", N_("Municipality administrator"), RoleOn::municipality, true, true},
            {"operator", N_("Operator"), RoleOn::everywhere, true},
            {"auditor", N_("Auditor / DPO"), RoleOn::municipality, true, true},
        };
    }
    const RoleInfo* find(std::string_view r) const {
        for (const auto& x : roles)
            if (x.name == r) return &x;
        return nullptr;
    }
};

Registry& registry() {
    static Registry r;
    return r;
}

bool same_municipality(const Grant& g, std::int64_t municipality_id) {
    return !g.municipality_id || *g.municipality_id == municipality_id;
}

}  // namespace

void define_role(RoleInfo role) {
    auto& r = registry();
    std::unique_lock lk(r.mu);
    if (const auto* had = r.find(role.name)) {
        // The same module installed again (another App in the same process) says the same.
        if (had->on == role.on && had->sees_personal_data == role.sees_personal_data && had->admin_grants == role.admin_grants) return;
        throw std::invalid_argument("role defined twice, differently: " + role.name);
    }
    r.roles.push_back(std::move(role));
}

bool is_role(std::string_view r) { return role_info(r) != nullptr; }

const RoleInfo* role_info(std::string_view r) {
    auto& reg = registry();
    std::shared_lock lk(reg.mu);
    return reg.find(r);  // entries are never removed; a vector grows only at start-up
}

const char* role_label_msgid(std::string_view role) {
    const auto* info = role_info(role);
    return info ? info->label_msgid : N_("Unknown role");
}

std::vector<RoleInfo> roles() {
    auto& r = registry();
    std::shared_lock lk(r.mu);
    return r.roles;
}

bool Principal::has_role(std::string_view role, std::int64_t municipality_id) const {
    if (role == "citizen" && user_id != 0) return true;
    for (const auto& g : grants)
        if (g.role == role && same_municipality(g, municipality_id)) return true;
    return false;
}

void define_permission(std::string name, std::set<std::string> roles, Reach reach) {
    auto& r = registry();
    std::unique_lock lk(r.mu);
    for (const auto& role : roles)
        if (!r.find(role)) throw std::invalid_argument("unknown role '" + role + "' in permission " + name);
    auto& p = r.permissions[std::move(name)];
    p.roles.insert(roles.begin(), roles.end());
    p.reach = reach;
}

bool permission_exists(std::string_view name) {
    auto& r = registry();
    std::shared_lock lk(r.mu);
    return r.permissions.find(name) != r.permissions.end();
}

namespace {
const Permission& permission(Registry& r, std::string_view name) {
    auto it = r.permissions.find(name);
    if (it == r.permissions.end()) throw std::logic_error("permission not registered: " + std::string(name));
    return it->second;
}
}  // namespace

bool allowed(const Principal& p, std::string_view name, std::int64_t municipality_id) {
    if (p.user_id == 0) return false;
    auto& r = registry();
    std::shared_lock lk(r.mu);
    const auto& perm = permission(r, name);
    if (perm.roles.contains(std::string_view("citizen"))) return true;
    for (const auto& g : p.grants) {
        if (!same_municipality(g, municipality_id) || !perm.roles.contains(std::string_view(g.role))) continue;
        if (perm.reach == Reach::municipality || g.unit_id) return true;
        const auto* info = r.find(g.role);
        if (info && info->on != RoleOn::unit) return true;  // reaches every unit
    }
    return false;
}

bool grant_reaches(const Grant& g, std::int64_t unit_id, const UnitTree& units) {
    if (g.unit_id) return units.covers(*g.unit_id, unit_id);
    const auto* info = role_info(g.role);
    return info && info->on != RoleOn::unit;
}

bool allowed_in(const Principal& p, std::string_view name, std::int64_t municipality_id, std::int64_t unit_id,
                const UnitTree& units) {
    if (p.user_id == 0) return false;
    std::vector<const Grant*> holding;
    {
        auto& r = registry();
        std::shared_lock lk(r.mu);
        const auto& perm = permission(r, name);
        if (perm.reach == Reach::municipality) {
            lk.unlock();
            return allowed(p, name, municipality_id);
        }
        for (const auto& g : p.grants)
            if (same_municipality(g, municipality_id) && perm.roles.contains(std::string_view(g.role))) holding.push_back(&g);
    }
    return std::any_of(holding.begin(), holding.end(), [&](const Grant* g) { return grant_reaches(*g, unit_id, units); });
}

}  // namespace syn::auth
