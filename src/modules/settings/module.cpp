#include "modules/settings/module.hpp"

#include "modules/settings/pages.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/web/holidays.hpp"

namespace syn::settings {

void install(web::App& app) {
    auth::define_permission("tenant.configure", {"tenant_admin", "operator"});
    app.nav_if_allowed(N_("Settings"), "/admin/settings", "tenant.configure");
    install_appearance_pages(app);
    install_holiday_pages(app);
    // Καλαμάτα keeps its patron saint's day, the Υπαπαντή (2 February), as a holiday.
    app.demo_seed({.order = 50, .seed = [](soci::session& s, const web::DemoMunicipality& m) {
                       web::add_local_holiday(s, m.id, {i18n::Day{std::chrono::year{2020}, std::chrono::February, std::chrono::day{2}},
                                                        "Υπαπαντή του Χριστού, πολιούχος της Καλαμάτας", true});
                   }});
}

}  // namespace syn::settings
