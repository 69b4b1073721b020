#include "modules/settings/module.hpp"

#include "modules/settings/pages.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/web/holidays.hpp"
#include "platform/web/places.hpp"

namespace syn::settings {

namespace {

void seed_demo_places(soci::session& s, std::int64_t municipality_id) {
    using web::PlaceKind;
    const auto unit = web::add_place(s, municipality_id, {.name = "Δημοτική Ενότητα Καλαμάτας", .kind = PlaceKind::Unit});
    web::add_place(s, municipality_id, {.name = "Δημοτική Ενότητα Αρφαρών", .kind = PlaceKind::Unit});
    web::add_place(s, municipality_id, {.name = "Δημοτική Ενότητα Θουρίας", .kind = PlaceKind::Unit});
    for (const char* community : {"Ασπρόχωμα", "Μικρή Μαντίνεια", "Ελαιοχώρι", "Αρτεμισία", "Σπερχογεία"})
        web::add_place(s, municipality_id, {.name = community, .kind = PlaceKind::Community, .parent_id = unit});
    for (const char* neighbourhood : {"Κέντρο", "Παραλία", "Βέργα", "Τέντα", "Ανάληψη", "Φραγκόλιμνα", "Καλαμιτσί", "Ταμπάκικα",
                                      "Νέα Είσοδος", "Άγιος Νικόλαος", "Άγιος Ιωάννης"})
        web::add_place(s, municipality_id, {.name = neighbourhood, .kind = PlaceKind::Neighbourhood, .parent_id = unit});
}

}  // namespace

void install(web::App& app) {
    auth::define_permission("tenant.configure", {"tenant_admin", "operator"});
    app.nav_if_allowed(N_("Settings"), "/admin/settings", "tenant.configure");
    install_appearance_pages(app);
    install_holiday_pages(app);
    install_place_pages(app);
    // Καλαμάτα keeps its patron saint's day, the Υπαπαντή (2 February), as a holiday, and its
    // areas: the three municipal units, the communities around the city and its neighbourhoods
    // (the registry's demo organisations sit in them).
    app.demo_seed({.order = 50, .seed = [](soci::session& s, const web::DemoMunicipality& m) {
                       web::add_local_holiday(s, m.id, {i18n::Day{std::chrono::year{2020}, std::chrono::February, std::chrono::day{2}},
                                                        "Υπαπαντή του Χριστού, πολιούχος της Καλαμάτας", true});
                       seed_demo_places(s, m.id);
                   }});
}

}  // namespace syn::settings
