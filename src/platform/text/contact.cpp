// Phone numbers, postal codes and e-mail addresses as residents type them on forms.
#include "platform/text/text.hpp"

#include <algorithm>
#include <optional>

namespace syn::text {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_separator(char c) { return c == ' ' || c == '.' || c == '-'; }

// The 10 national digits of a Greek number, or nothing. Accepted shape:
//   [+30 | 0030] [sep] digits (sep digits)*   where sep is one space, dot or dash.
// One separator at a time keeps "69--12" and trailing junk out, while still taking the usual
// groupings ("210 123 4567", "69-1234-5678", "+30 6912345678").
std::optional<std::string> national_digits(std::string_view s) {
    if (s.starts_with("+30")) s.remove_prefix(3);
    else if (s.starts_with("0030")) s.remove_prefix(4);
    else if (!s.empty() && !is_digit(s.front())) return std::nullopt;  // "+44 …", " 69…"
    if (!s.empty() && is_separator(s.front())) s.remove_prefix(1);

    std::string digits;
    bool after_separator = true;  // so that a leading or doubled separator is refused
    for (const char c : s) {
        if (is_digit(c)) {
            digits += c;
            after_separator = false;
        } else if (is_separator(c) && !after_separator) {
            after_separator = true;
        } else {
            return std::nullopt;
        }
        if (digits.size() > 10) return std::nullopt;
    }
    if (after_separator || digits.size() != 10) return std::nullopt;
    const bool landline = digits[0] == '2';
    const bool mobile = digits[0] == '6' && digits[1] == '9';
    if (!landline && !mobile) return std::nullopt;
    return digits;
}

}  // namespace

bool valid_greek_phone(std::string_view s) { return national_digits(s).has_value(); }

std::string normalise_greek_phone(std::string_view s) {
    const auto d = national_digits(s);
    return d ? "+30" + *d : std::string();
}

bool valid_postal_code(std::string_view s) {
    std::string digits;
    if (s.size() == 5) digits = s;
    else if (s.size() == 6 && s[3] == ' ') digits = std::string(s.substr(0, 3)) + std::string(s.substr(4));
    else return false;
    if (!std::all_of(digits.begin(), digits.end(), is_digit)) return false;
    return digits[0] >= '1' && digits[0] <= '8';  // Greek codes start 1 (Attica) to 8 (islands)
}

bool valid_email(std::string_view s) {
    // Plausibility only: the real test is the confirmation mail. We refuse what is certainly
    // wrong or dangerous to echo into headers (spaces, control characters, header specials),
    // and allow UTF-8 in both parts for internationalised addresses.
    if (s.empty() || s.size() > 254) return false;
    const auto at = s.find('@');
    if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    if (local.empty() || local.size() > 64 || domain.empty()) return false;

    constexpr std::string_view kForbidden = "()<>,;:\\\"[] \t\r\n";  // with valid_utf8_text: no controls
    if (s.find_first_of(kForbidden) != std::string_view::npos) return false;
    // Domain: at least two non-empty labels separated by single dots.
    if (domain.find('.') == std::string_view::npos) return false;
    if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos)
        return false;
    return valid_utf8_text(s);
}

}  // namespace syn::text
