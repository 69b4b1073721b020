#include "modules/requests/module.hpp"

#include "modules/requests/pages.hpp"
#include "modules/requests/service.hpp"
#include "platform/auth/permissions.hpp"

namespace syn::requests {

void install(web::App& app) {
    // Which departments a member of staff acts for is a row of request_department_staff, not a
    // role: the service decides per request. These permissions are the municipality's.
    auth::define_permission(kPermRead, {"staff", "tenant_admin", "auditor"});
    auth::define_permission(kPermHandle, {"staff", "tenant_admin"});
    auth::define_permission(kPermConfigure, {"tenant_admin"});
    install_public_pages(app);
    install_staff_pages(app);
    install_config_pages(app);
    install_notification_pages(app);
    install_open311(app);
    install_api(app);
}

}  // namespace syn::requests
