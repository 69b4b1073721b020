#pragma once
// The municipality's areas: δημοτικές ενότητες (units of the old municipalities merged into
// it), κοινότητες (communities) and neighbourhoods, each perhaps inside another. The tenant
// admin keeps the list (modules/settings); every module that asks "where" chooses from it, so
// "ταμπακικα" and "Ταμπάκικα" are one place, not two filter entries.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "platform/html/forms.hpp"

namespace syn::web {

enum class PlaceKind { Unit, Community, Neighbourhood };

struct Place {
    std::int64_t id = 0;
    std::string name = {};
    PlaceKind kind = PlaceKind::Neighbourhood;
    std::optional<std::int64_t> parent_id = std::nullopt;
    bool retired = false;
};

const char* place_kind_code(PlaceKind k);  // "unit", "community", "neighbourhood"
std::optional<PlaceKind> parse_place_kind(std::string_view code);
const char* place_kind_msgid(PlaceKind k);  // "Municipal unit", … (translate with tr)

// Every place of the municipality, retired ones too, in name order (Greek collation).
std::vector<Place> list_places(soci::session& s, std::int64_t municipality_id);
// The place whose name is `typed` once accents, case and spacing are set aside.
std::optional<Place> find_place(soci::session& s, std::int64_t municipality_id, std::string_view typed);
// What was typed, as the municipality spells it: true, with `name` rewritten to the place's own
// name, when it matches one of the places (accents, case and spacing aside) or is empty; false
// when it matches none.
bool spell_as_place(soci::session& s, std::int64_t municipality_id, std::string& name);
// Inside the caller's transaction; 0 when a place of that name (folded) exists already.
std::int64_t add_place(soci::session& s, std::int64_t municipality_id, const Place& place);
// false when there is no such place in the municipality.
bool set_place_retired(soci::session& s, std::int64_t municipality_id, std::int64_t id, bool retired);

// "Δημοτική Ενότητα Καλαμάτας › Ταμπάκικα": the place with the places it lies in.
std::string place_path(const std::vector<Place>& all, const Place& p);
// The choices of a form's select: first "" with `none_label`, then every place not retired,
// by their path; `current` stays a choice even when retired (an old value is shown, not lost).
std::vector<html::Option> place_options(const std::vector<Place>& all, const std::string& none_label, const std::string& current);

}  // namespace syn::web
