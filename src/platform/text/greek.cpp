// Stems by Snowball's Greek stemmer (libstemmer), endings and sound keys of folded Greek words.
#include "platform/text/greek.hpp"

#include <libstemmer.h>

#include <array>
#include <memory>
#include <stdexcept>

#include "platform/text/text.hpp"

namespace syn::text {

namespace {

// A stemmer keeps its work buffer inside, so each thread has its own.
sb_stemmer& greek_stemmer() {
    struct Free {
        void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
    };
    thread_local std::unique_ptr<sb_stemmer, Free> s{sb_stemmer_new("greek", "UTF_8")};
    if (!s) throw std::runtime_error("the Snowball Greek stemmer is unavailable");
    return *s;
}

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The inflectional endings of nouns and adjectives, folded, longest first so that "-ουσ" is
// taken before "-σ" would be. Verbs are rare in what people search for.
constexpr std::array<std::string_view, 31> kEndings{
    "ιουσ", "ηδεσ", "αδεσ", "ουσ", "εισ", "ιων", "ιου", "ιασ", "ιεσ", "εων", "ιοσ", "ουν", "ησ", "οσ", "ου", "ων",
    "εσ",   "ασ",   "οι",   "ια",  "ιο",  "ισ",  "αι",  "ει",  "α",   "η",   "ο",  "ι",   "ε",  "υ",  "ω"};

bool ends_with(std::string_view s, std::string_view end) { return s.size() >= end.size() && s.substr(s.size() - end.size()) == end; }

}  // namespace

bool has_greek(std::string_view s) {
    // Greek and Coptic (U+0370–U+03FF) and Greek Extended (U+1F00–U+1FFF) in UTF-8.
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xCD || c == 0xCE || c == 0xCF) return true;
        if (c == 0xE1 && (static_cast<unsigned char>(s[i + 1]) == 0xBC || static_cast<unsigned char>(s[i + 1]) == 0xBD ||
                          static_cast<unsigned char>(s[i + 1]) == 0xBE || static_cast<unsigned char>(s[i + 1]) == 0xBF))
            return true;
    }
    return false;
}

std::size_t letters(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += continuation(static_cast<unsigned char>(c)) ? 0 : 1;
    return n;
}

std::string stem(std::string_view word) {
    if (word.empty() || !has_greek(word)) return {};
    sb_stemmer& s = greek_stemmer();
    const sb_symbol* out = sb_stemmer_stem(&s, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (out == nullptr) throw std::bad_alloc();
    std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(&s)));
    return letters(result) >= 3 ? result : std::string();
}

std::string without_ending(std::string_view word) {
    if (!has_greek(word)) return {};
    for (const auto end : kEndings) {
        if (!ends_with(word, end)) continue;
        const auto rest = word.substr(0, word.size() - end.size());
        return letters(rest) >= 4 ? std::string(rest) : std::string();
    }
    return letters(word) >= 4 ? std::string(word) : std::string();
}

namespace {

// One spelling and the sound it stands for; longer spellings are tried first at each place.
struct Spelling {
    std::string_view written, sound;
};
constexpr std::array<Spelling, 23> kTwoLetters{{
    {"ou", "u"}, {"ei", "i"}, {"oi", "i"}, {"yi", "i"}, {"ai", "e"}, {"th", "8"}, {"ch", "h"}, {"kh", "h"},
    {"ph", "f"}, {"ks", "x"}, {"mp", "b"}, {"mb", "b"}, {"nt", "d"}, {"dh", "d"}, {"gk", "g"}, {"gg", "g"},
    {"au", "av"}, {"af", "av"}, {"ay", "av"}, {"eu", "ev"}, {"ef", "ev"}, {"ey", "ev"}, {"ck", "k"},
}};

char one_letter(char c) {
    switch (c) {
        case 'y': return 'i';
        case 'w': return 'o';
        case 'c': return 'k';
        case 'q': return 'k';
        default: return c;
    }
}

}  // namespace

std::string sound(std::string_view word) {
    const std::string latin = has_greek(word) ? transliterate(word) : std::string(word);
    std::string kept;  // letters and digits only: what is neither (other scripts, marks) has no sound here
    for (const char c : latin)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) kept.push_back(c);
    std::string out;
    for (std::size_t i = 0; i < kept.size();) {
        std::string_view piece;
        if (i + 1 < kept.size()) {
            const std::string_view two(kept.data() + i, 2);
            for (const auto& sp : kTwoLetters)
                if (sp.written == two) {
                    piece = sp.sound;
                    break;
                }
        }
        if (!piece.empty()) {
            for (const char c : piece)
                if (out.empty() || out.back() != c) out.push_back(c);
            i += 2;
            continue;
        }
        const char c = one_letter(kept[i++]);
        if (out.empty() || out.back() != c) out.push_back(c);  // a doubled letter sounds once
    }
    return out.size() >= 3 ? out : std::string();
}

}  // namespace syn::text
