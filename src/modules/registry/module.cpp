#include "modules/registry/module.hpp"

#include "modules/registry/pages.hpp"
#include "modules/registry/service.hpp"
#include "platform/auth/permissions.hpp"

namespace syn::registry {

void install(web::App& app) {
    // Organisation admins and members are rows of organisation_members, not roles: what they may
    // do is decided per organisation in the services. These permissions are the municipality's.
    auth::define_permission(kPermReview, {"staff", "tenant_admin"});
    auth::define_permission(kPermRead, {"staff", "tenant_admin", "auditor"});
    auth::define_permission(kPermImport, {"tenant_admin", "operator"});
    install_public_pages(app);
    install_admin_pages(app);
    install_review_pages(app);
    install_api(app);
}

}  // namespace syn::registry
