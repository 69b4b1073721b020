#pragma once
// Greek-aware text helpers. Pure functions, no I/O, unit-tested on known values.
#include <string>
#include <string_view>

namespace syn::text {

// Search key: NFD, combining marks dropped, case-folded, final sigma ς→σ, runs of white space
// collapsed to one space, trimmed. "Σύλλογος  Γονέων" → "συλλογοσ γονεων". Invalid UTF-8 bytes
// are dropped.
std::string fold(std::string_view s);

// Greek→Latin transliteration of a folded string (ELOT 743-like, simplified so that what
// people type finds what they mean: "συλλογοσ γονεων" → "syllogos goneon").
std::string transliterate(std::string_view s);

// URL slug: transliterated, lower case ASCII letters, digits and single '-' between words,
// at most max_len bytes, never ending in '-'. "Δήμος Καλαμάτας" → "dimos-kalamatas".
std::string slug(std::string_view s, std::size_t max_len = 80);

// Greek tax number (ΑΦΜ): exactly 9 digits, valid check digit, not all zeros.
bool valid_afm(std::string_view s);
// Greek social security number (ΑΜΚΑ): 11 digits, the first six a valid date DDMMYY, Luhn.
bool valid_amka(std::string_view s);
// Greek phone: 10 digits starting 2 (landline) or 69 (mobile), optionally with +30 or 0030
// in front; spaces, dots and dashes between digits are allowed.
bool valid_greek_phone(std::string_view s);
// Normalised form "+30XXXXXXXXXX", or "" when invalid.
std::string normalise_greek_phone(std::string_view s);
// Greek postal code (ΤΚ): 5 digits, optionally "NNN NN"; first digit 1–8.
bool valid_postal_code(std::string_view s);

// Valid UTF-8 and no control characters other than \n, \r, \t.
bool valid_utf8_text(std::string_view s);
// Length in characters (code points), not bytes: "αβγδε" is 5, though 10 bytes of UTF-8.
std::size_t characters(std::string_view utf8);
// Trims ASCII and Unicode white space at both ends.
std::string trim(std::string_view s);
// A plausible e-mail address: one '@', non-empty local part, a dot in the domain, ≤ 254 bytes.
bool valid_email(std::string_view s);

}  // namespace syn::text
