// Redaction of municipality-only fields, the one place that decides what the public sees.
#include "modules/registry/rules.hpp"

namespace syn::registry {

Organisation redact_for_public(Organisation o) {
    auto& p = o.profile;
    auto hidden = [&](const char* field) { return visibility_of(p, field) == Visibility::Municipality; };
    if (hidden("afm")) p.afm.clear();
    if (hidden("gemi_number")) p.gemi_number.clear();
    if (hidden("kalo_registry_number")) p.kalo_registry_number.clear();
    if (hidden("court_registry_number")) p.court_registry_number.clear();
    if (hidden("founding_date")) p.founding_date.clear();
    if (hidden("description_markdown")) p.description_markdown.clear();
    if (hidden("seat_address")) p.seat_address.clear();
    if (hidden("neighbourhood")) p.neighbourhood.clear();
    if (hidden("postal_code")) p.postal_code.clear();
    if (hidden("coordinates")) {
        p.latitude.clear();
        p.longitude.clear();
        o.latitude.reset();
        o.longitude.reset();
    }
    if (hidden("email")) p.email.clear();
    if (hidden("phone")) p.phone.clear();
    if (hidden("website")) p.website.clear();
    if (hidden("social_links")) p.social_links.clear();
    if (hidden("declared_members")) p.declared_members.clear();
    if (hidden("board")) p.board = {};
    // Return reasons and reminder bookkeeping are between the municipality and the organisation.
    o.return_reasons.clear();
    o.reminded_at.reset();
    return o;
}

}  // namespace syn::registry
