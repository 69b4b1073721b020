#include "platform/auth/permissions.hpp"

#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

#include "platform/i18n/i18n.hpp"

namespace syn::auth {

namespace {
std::shared_mutex mu;
std::map<std::string, std::set<std::string>, std::less<>>& registry() {
    static std::map<std::string, std::set<std::string>, std::less<>> r;
    return r;
}
}  // namespace

bool is_role(std::string_view r) {
    for (auto k : kRoles)
        if (k == r) return true;
    return false;
}

const char* role_label_msgid(std::string_view role) {
    if (role == "citizen") return N_("Citizen");
    if (role == "volunteer") return N_("Volunteer");
    if (role == "org_member") return N_("Organisation member");
    if (role == "org_admin") return N_("Organisation administrator");
    if (role == "staff") return N_("Municipal staff");
    if (role == "committee") return N_("Committee member");
    if (role == "social_worker") return N_("Social worker");
    if (role == "tenant_admin") return N_("Municipality administrator");
    if (role == "operator") return N_("Operator");
    if (role == "auditor") return N_("Auditor / DPO");
    return N_("Unknown role");
}

bool Principal::has_role(std::string_view role, std::int64_t municipality_id) const {
    if (role == "citizen" && user_id != 0) return true;
    for (const auto& g : grants)
        if (g.role == role && (!g.municipality_id || *g.municipality_id == municipality_id)) return true;
    return false;
}

void define_permission(std::string name, std::set<std::string> roles) {
    for (const auto& r : roles)
        if (!is_role(r)) throw std::invalid_argument("unknown role '" + r + "' in permission " + name);
    std::unique_lock lk(mu);
    registry()[std::move(name)].merge(roles);
}

bool permission_exists(std::string_view name) {
    std::shared_lock lk(mu);
    return registry().find(name) != registry().end();
}

bool allowed(const Principal& p, std::string_view permission, std::int64_t municipality_id) {
    if (p.user_id == 0) return false;
    std::shared_lock lk(mu);
    auto it = registry().find(permission);
    if (it == registry().end()) throw std::logic_error("permission not registered: " + std::string(permission));
    for (const auto& role : it->second)
        if (p.has_role(role, municipality_id)) return true;
    return false;
}

}  // namespace syn::auth
