#pragma once
// Greek working days and public holidays, for every deadline counted in working days (answers to
// requests, to ideas, booking notices, volunteer notices). Days are Athens calendar days
// (calendar.hpp). No I/O, no clock.
#include <chrono>
#include <span>
#include <vector>

namespace syn::i18n {

using Day = std::chrono::year_month_day;

// Orthodox Easter Sunday (Gregorian date) for years 1900–2099 (Meeus' Julian computus + 13 days).
Day orthodox_easter(int year);

struct Holiday {
    Day day;
    const char* name;  // msgid, e.g. "Clean Monday"
};
// The national public holidays of a year, in date order.
std::vector<Holiday> greek_public_holidays(int year);
bool is_greek_public_holiday(Day d);
// `local` holds the municipality's own holidays (its patron saint's day, a holiday moved by
// decision; web/holidays.hpp), in any order; they count like the national ones.
// Monday–Friday and not a public holiday.
bool is_working_day(Day d, std::span<const Day> local = {});
// The day `n` working days after `start` (start itself does not count; n ≥ 0). A request filed
// on Friday with a 1-day deadline is due on Monday, or Tuesday when Monday is a holiday.
Day add_working_days(Day start, int n, std::span<const Day> local = {});
// Working days after `from` up to and including `to`; 0 when to ≤ from.
int working_days_between(Day from, Day to, std::span<const Day> local = {});

}  // namespace syn::i18n
