#pragma once
// What search knows about Greek words: their stem, their inflectional ending and how they sound.
// Pure functions on folded words (text::fold: lower case, no accents, σ for ς), unit-tested on
// known words.
#include <string>
#include <string_view>

namespace syn::text {

// The Snowball Greek stem of a folded word ("λακκουβεσ" and "λακκουβα" → "λακκουβ"; "γονεισ"
// and "γονεων" → "γον"). "" when the word has no Greek letter or the stem is shorter than three
// letters: a stem that short joins unrelated words.
std::string stem(std::string_view folded_word);

// The word without its inflectional ending ("φωτισμοσ" → "φωτισμ", "λακκουβεσ" → "λακκουβ"),
// the part of a word that is found inside compounds ("οδοφωτισμου"). "" when fewer than four
// letters would remain, or the word has no Greek letter.
std::string without_ending(std::string_view folded_word);

// How a word sounds, in Latin letters, as Greeks write Greeklish: a Greek word is transliterated
// first, then every spelling of one sound becomes one letter (y, i, ei, oi → i; ou → u; w → o;
// ai → e; th → 8; ch → h; ks → x; mp, mb → b; nt → d; gk, gg → g; au, af → av; eu, ef → ev) and
// doubled letters count once: "syllogos", "sillogos", "sylogos" and "σύλλογος" all sound
// "silogos". "" when fewer than three letters or digits remain.
std::string sound(std::string_view folded_word);

// Whether the text has a Greek letter.
bool has_greek(std::string_view utf8);
// Length in letters (code points) of valid UTF-8.
std::size_t letters(std::string_view utf8);

}  // namespace syn::text
