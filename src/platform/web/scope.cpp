#include "platform/web/scope.hpp"

#include "platform/auth/units.hpp"

namespace syn::web {

void Scope::require(std::string_view permission) const {
    require_login();
    if (!can(permission)) throw Forbidden();
}

bool Scope::can_in(std::string_view permission, std::int64_t unit_id) const {
    if (system) return true;
    if (!logged_in()) return false;
    return auth::allowed_in(principal, permission, tenant.id, unit_id, *auth::unit_tree(db, tenant.id));
}

bool Scope::can_in(soci::session& s, std::string_view permission, std::int64_t unit_id) const {
    if (system) return true;
    if (!logged_in()) return false;
    return auth::allowed_in(principal, permission, tenant.id, unit_id, *auth::unit_tree(s, tenant.id));
}

void Scope::require_in(std::string_view permission, std::int64_t unit_id) const {
    require_login();
    if (!can_in(permission, unit_id)) throw Forbidden();
}

std::string Scope::absolute_url(std::string_view path) const {
    std::string_view base = cfg.base_url;
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    return std::string(base) + url(path);
}

Scope Scope::system_for(Tenant tenant, db::Database& db, const config::Config& cfg) {
    std::string base_path = tenant_base_path(cfg.tenancy, tenant.slug);
    Scope s{std::move(tenant), i18n::Tr(i18n::Lang::El), db, cfg};
    s.system = true;
    s.base_path = std::move(base_path);
    return s;
}

}  // namespace syn::web
