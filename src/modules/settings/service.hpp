#pragma once
// The municipality's settings as use cases on a Scope: each checks tenant.configure, validates
// (rules.hpp), changes, and writes the audit entry in the same transaction.
#include <optional>
#include <string>
#include <vector>

#include "platform/http/multipart.hpp"
#include "platform/web/places.hpp"

#include "modules/settings/rules.hpp"
#include "platform/web/scope.hpp"

namespace syn::settings {

// ---------------------------------------------------------------- holidays (service/holidays.cpp)

// The municipality's own holidays, in date order. Anyone may read them: they decide deadlines
// people are told.
std::vector<web::LocalHoliday> holidays(const web::Scope& scope);
// Throws web::Invalid with the problems, or when the date is one already (nothing written).
void add_holiday(const web::Scope& scope, const HolidayInput& in);
// Throws web::NotFound when the day is not one of the municipality's holidays.
void remove_holiday(const web::Scope& scope, const std::string& iso_day);

// ---------------------------------------------------------------- places (service/places.cpp)

// The municipality's areas, retired ones too, in name order. Anyone may read them.
std::vector<web::Place> places(const web::Scope& scope);
struct PlaceInput {
    std::string name, kind, parent;  // as the form sent them; parent: a place's id or ""
};
// Throws web::Invalid: a name of one line of 1–100 characters that no place has already
// (accents and case aside), a kind, and a parent that is one of the municipality's places.
void add_place(const web::Scope& scope, const PlaceInput& in);
// Retired places are no longer offered; organisations and requests that chose one keep it.
void set_place_retired(const web::Scope& scope, std::int64_t id, bool retired);

// ---------------------------------------------------------------- logo (service/logo.cpp)

// The uploaded file becomes the municipality's logo on every page: PNG, JPEG or a plain SVG
// drawing of at most 2 MB, judged by its bytes. Throws web::Invalid (field "logo") and keeps
// the old logo otherwise.
void set_logo(const web::Scope& scope, const http::Part& file);
// Back to the default emblem.
void remove_logo(const web::Scope& scope);

struct Image {
    std::string mime, bytes;
};
// The municipality's logo when `sha256` names its current one, as this copy's pages know it or
// as stored now (a made-up hash is not served, so the address cannot fetch other uploads);
// anyone may read it.
std::optional<Image> logo(const web::Scope& scope, const std::string& sha256);

}  // namespace syn::settings
