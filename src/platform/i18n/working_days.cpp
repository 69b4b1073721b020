// Greek working days and public holidays.
#include <algorithm>

#include "platform/i18n/working_days.hpp"

#include "platform/i18n/i18n.hpp"

namespace syn::i18n {

using namespace std::chrono;

Day orthodox_easter(int y) {
    // Meeus, "Astronomical Algorithms", Julian calendar Easter; the Julian date is 13 days behind
    // the Gregorian one from 1900 to 2099.
    const int a = y % 4, b = y % 7, c = y % 19;
    const int d = (19 * c + 15) % 30;
    const int e = (2 * a + 4 * b - d + 34) % 7;
    const int month = (d + e + 114) / 31;
    const int day = (d + e + 114) % 31 + 1;
    const sys_days julian_as_gregorian{year{y} / month / day};
    return Day{julian_as_gregorian + days{13}};
}

std::vector<Holiday> greek_public_holidays(int y) {
    const sys_days easter{orthodox_easter(y)};
    std::vector<Holiday> out{
        {year{y} / January / 1, N_("New Year's Day")},
        {year{y} / January / 6, N_("Epiphany")},
        {Day{easter - days{48}}, N_("Clean Monday")},
        {year{y} / March / 25, N_("Independence Day")},
        {Day{easter - days{2}}, N_("Good Friday")},
        {Day{easter + days{1}}, N_("Easter Monday")},
        {year{y} / May / 1, N_("Labour Day")},
        {Day{easter + days{50}}, N_("Whit Monday")},
        {year{y} / August / 15, N_("Dormition of the Mother of God")},
        {year{y} / October / 28, N_("Ochi Day")},
        {year{y} / December / 25, N_("Christmas Day")},
        {year{y} / December / 26, N_("Synaxis of the Mother of God")},
    };
    std::sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return sys_days{a.day} < sys_days{b.day}; });
    return out;
}

bool is_greek_public_holiday(Day d) {
    const auto all = greek_public_holidays(static_cast<int>(d.year()));
    return std::any_of(all.begin(), all.end(), [&](const Holiday& h) { return h.day == d; });
}

bool is_working_day(Day d, std::span<const Day> local) {
    const weekday wd{sys_days{d}};
    return wd != Saturday && wd != Sunday && !is_greek_public_holiday(d) && std::find(local.begin(), local.end(), d) == local.end();
}

Day add_working_days(Day start, int n, std::span<const Day> local) {
    sys_days d{start};
    while (n > 0) {
        d += days{1};
        if (is_working_day(Day{d}, local)) --n;
    }
    return Day{d};
}

int working_days_between(Day from, Day to, std::span<const Day> local) {
    int n = 0;
    for (sys_days d = sys_days{from} + days{1}; d <= sys_days{to}; d += days{1})
        if (is_working_day(Day{d}, local)) ++n;
    return n;
}

}  // namespace syn::i18n
