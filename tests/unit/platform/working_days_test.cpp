// Greek working days: Orthodox Easter and the public holidays on the real dates of 2024–2030
// (from the published calendars, not from the formula under test).
#include <gtest/gtest.h>

#include <algorithm>

#include "platform/i18n/calendar.hpp"
#include "platform/i18n/working_days.hpp"

using namespace syn::i18n;
using namespace std::chrono;

namespace {

Day d(int y, unsigned m, unsigned dd) { return year{y} / month{m} / day{dd}; }

struct MovableDates {
    int year;
    Day clean_monday, good_friday, easter, easter_monday, whit_monday;
};

const MovableDates kMovable[] = {
    {2024, d(2024, 3, 18), d(2024, 5, 3), d(2024, 5, 5), d(2024, 5, 6), d(2024, 6, 24)},
    {2025, d(2025, 3, 3), d(2025, 4, 18), d(2025, 4, 20), d(2025, 4, 21), d(2025, 6, 9)},
    {2026, d(2026, 2, 23), d(2026, 4, 10), d(2026, 4, 12), d(2026, 4, 13), d(2026, 6, 1)},
    {2027, d(2027, 3, 15), d(2027, 4, 30), d(2027, 5, 2), d(2027, 5, 3), d(2027, 6, 21)},
    {2028, d(2028, 2, 28), d(2028, 4, 14), d(2028, 4, 16), d(2028, 4, 17), d(2028, 6, 5)},
    {2029, d(2029, 2, 19), d(2029, 4, 6), d(2029, 4, 8), d(2029, 4, 9), d(2029, 5, 28)},
    {2030, d(2030, 3, 11), d(2030, 4, 26), d(2030, 4, 28), d(2030, 4, 29), d(2030, 6, 17)},
};

}  // namespace

TEST(WorkingDays, OrthodoxEasterOnTheRealDates2024To2030) {
    for (const auto& m : kMovable) EXPECT_EQ(orthodox_easter(m.year), m.easter) << m.year;
}

TEST(WorkingDays, MovableHolidaysFollowEaster) {
    for (const auto& m : kMovable) {
        EXPECT_TRUE(is_greek_public_holiday(m.clean_monday)) << m.year << " Καθαρά Δευτέρα";
        EXPECT_TRUE(is_greek_public_holiday(m.good_friday)) << m.year << " Μεγάλη Παρασκευή";
        EXPECT_TRUE(is_greek_public_holiday(m.easter_monday)) << m.year << " Δευτέρα του Πάσχα";
        EXPECT_TRUE(is_greek_public_holiday(m.whit_monday)) << m.year << " Αγίου Πνεύματος";
        EXPECT_FALSE(is_working_day(m.clean_monday));
        EXPECT_FALSE(is_working_day(m.whit_monday));
        // The days around them are ordinary.
        EXPECT_TRUE(is_working_day(Day{sys_days{m.clean_monday} + days{1}})) << m.year;
        EXPECT_TRUE(is_working_day(Day{sys_days{m.easter_monday} + days{1}})) << m.year;
        EXPECT_TRUE(is_working_day(Day{sys_days{m.good_friday} - days{1}})) << m.year;
    }
}

TEST(WorkingDays, FixedHolidaysEveryYear) {
    for (int y = 2024; y <= 2030; ++y) {
        const auto all = greek_public_holidays(y);
        EXPECT_EQ(all.size(), 12u) << y;
        EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const Holiday& a, const Holiday& b) { return sys_days{a.day} < sys_days{b.day}; }));
        for (auto [m, dd] : {std::pair{1u, 1u}, {1u, 6u}, {3u, 25u}, {5u, 1u}, {8u, 15u}, {10u, 28u}, {12u, 25u}, {12u, 26u}})
            EXPECT_TRUE(is_greek_public_holiday(d(y, m, dd))) << y << "-" << m << "-" << dd;
    }
    EXPECT_FALSE(is_greek_public_holiday(d(2026, 11, 17)));  // a school commemoration, not a public holiday
    EXPECT_FALSE(is_greek_public_holiday(d(2026, 4, 11)));   // Holy Saturday
}

TEST(WorkingDays, WeekendsAreNotWorkingDays) {
    EXPECT_TRUE(is_working_day(d(2026, 11, 20)));   // Friday
    EXPECT_FALSE(is_working_day(d(2026, 11, 21)));  // Saturday
    EXPECT_FALSE(is_working_day(d(2026, 11, 22)));  // Sunday
    EXPECT_TRUE(is_working_day(d(2026, 11, 23)));   // Monday
}

TEST(WorkingDays, DeadlinesSkipWeekendsAndHolidays) {
    EXPECT_EQ(add_working_days(d(2026, 11, 20), 1), d(2026, 11, 23));  // Friday → Monday
    EXPECT_EQ(add_working_days(d(2026, 11, 20), 0), d(2026, 11, 20));
    // Maundy Thursday 2026 + 1: Good Friday, the weekend and Easter Monday are skipped.
    EXPECT_EQ(add_working_days(d(2026, 4, 9), 1), d(2026, 4, 14));
    // 10 working days from 18 Dec 2026: 25 and 26 Dec (Fri, Sat) and 1 Jan 2027 (Fri) do not count.
    EXPECT_EQ(add_working_days(d(2026, 12, 18), 10), d(2027, 1, 5));
    // 6 Jan 2027 is a Wednesday holiday.
    EXPECT_EQ(add_working_days(d(2027, 1, 5), 1), d(2027, 1, 7));
    EXPECT_EQ(working_days_between(d(2026, 4, 9), d(2026, 4, 14)), 1);
    EXPECT_EQ(working_days_between(d(2026, 12, 18), d(2027, 1, 5)), 10);
    EXPECT_EQ(working_days_between(d(2026, 5, 5), d(2026, 5, 1)), 0);
    for (int n = 0; n < 300; n += 7) EXPECT_EQ(working_days_between(d(2025, 1, 2), add_working_days(d(2025, 1, 2), n)), n);
}

TEST(WorkingDays, TheMunicipalitysOwnHolidaysCountLikeTheNationalOnes) {
    // Καλαμάτα's patron saint, Υπαπαντή (2 February 2026, a Monday), and a day moved by decision.
    const std::vector<Day> local{d(2026, 2, 2), d(2026, 2, 4)};
    EXPECT_TRUE(is_working_day(d(2026, 2, 2)));
    EXPECT_FALSE(is_working_day(d(2026, 2, 2), local));
    EXPECT_EQ(add_working_days(d(2026, 1, 30), 1), d(2026, 2, 2));         // Friday → Monday
    EXPECT_EQ(add_working_days(d(2026, 1, 30), 1, local), d(2026, 2, 3));  // … or Tuesday in Καλαμάτα
    EXPECT_EQ(add_working_days(d(2026, 1, 30), 2, local), d(2026, 2, 5));  // and Wednesday is skipped too
    EXPECT_EQ(working_days_between(d(2026, 1, 30), d(2026, 2, 6), local), 3);
    EXPECT_EQ(working_days_between(d(2026, 1, 30), d(2026, 2, 6)), 5);
}

TEST(Calendar, IsoDayTextRoundTrips) {
    const auto ymd = [](int y, unsigned m, unsigned dd) { return Day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{dd}}; };
    EXPECT_EQ(syn::i18n::iso_day(ymd(2026, 3, 9)), "2026-03-09");
    EXPECT_EQ(syn::i18n::parse_iso_day("2026-03-09"), ymd(2026, 3, 9));
    EXPECT_FALSE(syn::i18n::parse_iso_day("2026-02-30"));
    EXPECT_FALSE(syn::i18n::parse_iso_day("2026-3-9"));
    EXPECT_FALSE(syn::i18n::parse_iso_day(""));
    EXPECT_FALSE(syn::i18n::parse_iso_day("20260309xx"));
}
