#include "platform/web/scope.hpp"

namespace syn::web {

void Scope::require(std::string_view permission) const {
    require_login();
    if (!can(permission)) throw Forbidden();
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
