// Check-digit validation of Greek identifiers. Pure arithmetic on ASCII digits: no trimming or
// separator removal here, so a caller decides once (at the form) what "typed input" means.
#include "platform/text/text.hpp"

#include <algorithm>

namespace syn::text {

namespace {

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int digit(char c) { return c - '0'; }

bool valid_ddmmyy(std::string_view s) {
    const int day = digit(s[0]) * 10 + digit(s[1]);
    const int month = digit(s[2]) * 10 + digit(s[3]);
    const int yy = digit(s[4]) * 10 + digit(s[5]);
    if (month < 1 || month > 12 || day < 1) return false;
    // The century is not encoded; 19yy and 20yy share leap years except 1900, so "leap if yy is
    // a multiple of 4" accepts 29/02/00 (valid in 2000) and nothing that is valid in neither.
    const bool leap = yy % 4 == 0;
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int max_day = (month == 2 && leap) ? 29 : kDays[month - 1];
    return day <= max_day;
}

bool luhn(std::string_view s) {
    int sum = 0;
    bool twice = false;  // every second digit from the right is doubled
    for (auto it = s.rbegin(); it != s.rend(); ++it) {
        int d = digit(*it);
        if (twice) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

}  // namespace

bool valid_afm(std::string_view s) {
    if (s.size() != 9 || !all_digits(s)) return false;
    if (s == "000000000") return false;  // passes the arithmetic, but is never issued
    // Digit i (0-based) of the first eight is weighted 2^(8-i); the sum mod 11, then mod 10
    // (so a remainder of 10 gives 0), is the ninth digit.
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += digit(s[static_cast<std::size_t>(i)]) << (8 - i);
    return sum % 11 % 10 == digit(s[8]);
}

bool valid_amka(std::string_view s) {
    if (s.size() != 11 || !all_digits(s)) return false;
    return valid_ddmmyy(s.substr(0, 6)) && luhn(s);
}

}  // namespace syn::text
