#pragma once
// A municipality's own holidays: its patron saint's day, a holiday moved by the council's
// decision. Every deadline counted in working days counts them like the national ones
// (i18n/working_days.hpp). The tenant admin keeps the list (modules/settings); every module
// reads it here.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/i18n/working_days.hpp"
#include "platform/web/scope.hpp"

namespace syn::web {

struct LocalHoliday {
    i18n::Day day;
    std::string name;
    bool yearly = false;  // every year on this date, from this year on
};

// The municipality's holidays, in date order.
std::vector<LocalHoliday> list_local_holidays(soci::session& s, std::int64_t municipality_id);
// Inside the caller's transaction. add: false when the day is one already; remove: false when
// it was not one. Call local_holidays_changed() once the transaction has committed.
bool add_local_holiday(soci::session& s, std::int64_t municipality_id, const LocalHoliday& holiday);
bool remove_local_holiday(soci::session& s, std::int64_t municipality_id, i18n::Day day);

// Drops this process's kept days, after a change committed (not before: a reader in between
// would keep the old list under the new version).
void local_holidays_changed();

// The days alone, for add_working_days(): the dated ones, and the yearly ones in every year
// from their first up to two years ahead (no deadline reaches further). Kept per municipality,
// dropped at once when this process changes them; another copy's change shows within a minute.
std::shared_ptr<const std::vector<i18n::Day>> local_holiday_days(const Scope& scope);

}  // namespace syn::web
