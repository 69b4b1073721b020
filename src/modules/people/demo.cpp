#include "modules/people/demo.hpp"

#include "platform/auth/grants.hpp"
#include "platform/auth/units.hpp"

namespace syn::people {

namespace {

std::int64_t unit_named(soci::session& s, std::int64_t municipality_id, const auth::Unit& want) {
    for (const auto& u : auth::list_units(s, municipality_id))
        if (u.name_el == want.name_el) return u.id;
    return auth::add_unit(s, municipality_id, want);
}

// The role on the unit instead of on no unit.
void move_to_unit(soci::session& s, std::int64_t municipality_id, std::int64_t user_id, const std::string& role, std::int64_t unit_id) {
    auth::grant_role(s, user_id, municipality_id, role, unit_id);
    for (const auto& g : auth::roles_of(s, user_id, municipality_id))
        if (g.role == role && !g.unit_id) auth::withdraw_grant(s, municipality_id, g.id);
}

}  // namespace

void seed_demo_units(soci::session& s, std::int64_t municipality_id, std::int64_t social_worker_user_id,
                     std::int64_t committee_user_id) {
    auth::Unit social{.name_el = "Διεύθυνση Κοινωνικής Προστασίας", .name_en = "Social Protection Directorate",
                      .email = "koinoniki@demo.synergeia.gr"};
    social.kind = "department";
    const auto directorate = unit_named(s, municipality_id, social);
    auth::Unit grocery{.parent_id = directorate, .kind = "structure", .name_el = "Κοινωνικό Παντοπωλείο",
                       .name_en = "Social Grocery", .email = "pantopoleio@demo.synergeia.gr"};
    const auto grocery_id = unit_named(s, municipality_id, grocery);
    auth::Unit committee{.kind = "committee", .name_el = "Επιτροπή Αξιολόγησης Επιχορηγήσεων Συλλόγων",
                         .name_en = "Association Grants Committee"};
    const auto committee_id = unit_named(s, municipality_id, committee);
    move_to_unit(s, municipality_id, social_worker_user_id, "social_worker", grocery_id);
    move_to_unit(s, municipality_id, committee_user_id, "committee", committee_id);
    auth::units_changed();
}

}  // namespace syn::people
