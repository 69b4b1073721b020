#pragma once
// The municipality's settings as use cases on a Scope: each checks tenant.configure, validates
// (rules.hpp), changes, and writes the audit entry in the same transaction.
#include <vector>

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

}  // namespace syn::settings
