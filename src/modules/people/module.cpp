// The people module's one registration point: its permission, menu entry, pages and demo units.
#include "modules/people/module.hpp"

#include "modules/people/demo.hpp"
#include "modules/people/pages.hpp"
#include "modules/people/service.hpp"
#include "platform/auth/permissions.hpp"

namespace syn::people {

void install(web::App& app) {
    auth::define_permission(kPermManage, {"tenant_admin"});
    app.nav_if_allowed(N_("People"), "/admin/people", kPermManage);
    install_unit_pages(app);
    install_people_pages(app);
    app.demo_seed({.order = 60, .seed = [](soci::session& s, const web::DemoMunicipality& m) {
                       seed_demo_units(s, m.id, m.user_of_role.at("social_worker"), m.user_of_role.at("committee"));
                   }});
}

}  // namespace syn::people
