#pragma once
// A day in text: as the object of a sentence ("… is due on Monday"), where Greek needs the
// article, whose form depends on the weekday: «τη Δευτέρα» (no ν before δ), «την Τρίτη», «το
// Σάββατο»; and in figures, as Greek offices write it (07/12/2026).
#include <chrono>
#include <string>

#include "platform/i18n/i18n.hpp"

namespace syn::i18n {

// Greek: «τη Δευτέρα, 22 Νοεμβρίου 2026»; English: "Monday, 22 November 2026" (the sentence
// brings its own preposition, "by {}"). Messages that take it put no article before {}.
std::string on_day(const Tr& tr, std::chrono::year_month_day day);

// "07/12/2026" (dd/mm/yyyy, as Greek Excel reads a date); "" for a day that is not valid.
std::string numeric_day(std::chrono::year_month_day day);
// The same for a stored ISO day ("1985-03-12" → "12/03/1985"); the text unchanged when it is none.
std::string numeric_day(std::string_view iso_day);

}  // namespace syn::i18n
