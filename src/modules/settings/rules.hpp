#pragma once
// Pure checks of what the municipality's administrator types into the settings pages; each
// problem is a field and a msgid, which the service translates.
#include <optional>
#include <string>
#include <vector>

#include "platform/web/holidays.hpp"

namespace syn::settings {

struct Problem {
    std::string field;
    const char* msgid;
};

// A holiday as typed: its date in GOV.UK's three boxes, its name, and whether it recurs.
struct HolidayInput {
    std::string day, month, year, name;
    bool yearly = false;
};

// The holiday, or the problems: a date that exists (from 2000 to 2100) and, for one day only,
// is not a national public holiday already; a name of one line of 1–120 characters.
std::optional<web::LocalHoliday> check_holiday(const HolidayInput& in, std::vector<Problem>& problems);

}  // namespace syn::settings
