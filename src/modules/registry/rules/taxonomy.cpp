// Kinds, subtypes and areas of action: the fixed vocabularies of the registry. Codes are stored
// and exported, so never rename one; add new codes at the end of a table.
#include <algorithm>
#include <array>

#include "modules/registry/rules.hpp"
#include "platform/i18n/i18n.hpp"

namespace syn::registry {

namespace {

constexpr std::array<Option, 3> kKinds{{
    {kKindAssociation, N_("Association")},
    {kKindKalo, N_("Social and solidarity economy entity (KAlO)")},
    {kKindCivilSociety, N_("Other civil-society body")},
}};

constexpr std::array<Option, 13> kAssociationTypes{{
    {"cultural", N_("Cultural association")},
    {"sports", N_("Sports club")},
    {"parents", N_("Parents' association")},
    {"neighbourhood", N_("Neighbourhood association")},
    {"environmental", N_("Environmental association")},
    {"volunteer", N_("Volunteer association")},
    {"youth", N_("Youth association")},
    {"women", N_("Women's association")},
    {"seniors", N_("Seniors' association")},
    {"disability", N_("Association of persons with disabilities")},
    {"migrants", N_("Migrants' association")},
    {"professional", N_("Professional association")},
    {"other", N_("Other association")},
}};

// The legal forms of Law 4430/2016 (art. 14 for the three Κοιν.Σ.Επ., Law 2716/1999 for
// Κοι.Σ.Π.Ε., art. 24 for workers' cooperatives); other_kalo covers any other form entered
// in the Μητρώο ΚΑλΟ.
constexpr std::array<Option, 6> kKaloForms{{
    {"koinsep_vulnerable", N_("Social cooperative enterprise for the integration of vulnerable groups")},
    {"koinsep_special", N_("Social cooperative enterprise for the integration of special groups")},
    {"koinsep_collective", N_("Social cooperative enterprise for collective and social benefit")},
    {"koispe", N_("Limited-liability social cooperative (Koi.S.P.E.)")},
    {"workers_coop", N_("Workers' cooperative")},
    {"other_kalo", N_("Other entity registered in the KAlO registry")},
}};

constexpr std::array<Option, 4> kCivilSocietyForms{{
    {"amke", N_("Civil non-profit company (AMKE)")},
    {"somateio", N_("Registered society (somateio)")},
    {"foundation", N_("Foundation")},
    {kSubtypeInformalGroup, N_("Informal group")},
}};

constexpr std::array<Option, 15> kAreas{{
    {"culture", N_("Culture")},
    {"sport", N_("Sport")},
    {"education", N_("Education and lifelong learning")},
    {"environment", N_("Environment")},
    {"social_solidarity", N_("Social solidarity")},
    {"health", N_("Health")},
    {"disability", N_("Disability and accessibility")},
    {"youth", N_("Children and youth")},
    {"elderly", N_("Older people")},
    {"migrants_refugees", N_("Migrants and refugees")},
    {"gender_equality", N_("Gender equality")},
    {"civil_protection", N_("Civil protection")},
    {"local_development", N_("Local development")},
    {"animal_welfare", N_("Animal welfare")},
    {"digital_skills", N_("Digital skills")},
}};

// Board names and the phone number are often a volunteer's own: hidden until the organisation
// chooses to publish them.
constexpr std::array<const char*, 16> kVisibilityFields{
    "afm",          "gemi_number", "kalo_registry_number", "court_registry_number",
    "founding_date", "description_markdown", "seat_address", "neighbourhood",
    "postal_code",  "coordinates", "email", "phone",
    "website",      "social_links", "declared_members", "board",
};

const Option* find(std::span<const Option> table, std::string_view code) {
    auto it = std::find_if(table.begin(), table.end(), [&](const Option& o) { return code == o.code; });
    return it == table.end() ? nullptr : &*it;
}

}  // namespace

std::span<const Option> kinds() { return kKinds; }

std::span<const Option> subtypes(std::string_view kind) {
    if (kind == kKindAssociation) return kAssociationTypes;
    if (kind == kKindKalo) return kKaloForms;
    if (kind == kKindCivilSociety) return kCivilSocietyForms;
    return {};
}

std::span<const Option> areas() { return kAreas; }

const char* kind_label(std::string_view kind) {
    const auto* o = find(kKinds, kind);
    return o ? o->label : nullptr;
}

const char* subtype_label(std::string_view kind, std::string_view subtype) {
    const auto* o = find(subtypes(kind), subtype);
    return o ? o->label : nullptr;
}

const char* area_label(std::string_view area) {
    const auto* o = find(kAreas, area);
    return o ? o->label : nullptr;
}

std::span<const char* const> visibility_fields() { return kVisibilityFields; }

Visibility default_visibility(std::string_view field) {
    return (field == "phone" || field == "board") ? Visibility::Municipality : Visibility::Public;
}

Visibility visibility_of(const OrganisationInput& in, std::string_view field) {
    auto it = in.visibility.find(std::string(field));
    return it == in.visibility.end() ? default_visibility(field) : it->second;
}

}  // namespace syn::registry
