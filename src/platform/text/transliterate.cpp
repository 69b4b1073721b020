// Greek→Latin transliteration and URL slugs.
//
// The map is deliberately simple and predictable — letter by letter, plus three digraphs — so
// that a resident typing Latin letters finds what they mean, and a slug never changes unless
// the name does. It works on folded text (lower case, no accents, ς already σ), so only the 24
// lower-case letters appear in it.
//
//   α a   β v   γ g   δ d   ε e   ζ z   η i   θ th
//   ι i   κ k   λ l   μ m   ν n   ξ x   ο o   π p
//   ρ r   σ s   τ t   υ y   φ f   χ ch  ψ ps  ω o
//
//   digraphs, matched before single letters:  ου ou   αυ av   ευ ev
//
// Not done, on purpose: μπ→b, ντ→d, γγ→ng, αυ→af before voiceless consonants. Each depends on
// position or pronunciation; a searcher cannot guess which form we chose. Because folding drops
// the dialytika, "αϋ" (as in Ταΰγετος) also reads as "αυ" → "av"; accepted for simplicity.
// Characters that are not Greek letters pass through unchanged.
#include "platform/text/text.hpp"

#include <unicode/utf8.h>

#include <array>
#include <cstdint>

namespace syn::text {

namespace {

// Index: code point − U+03B1 (α) … U+03C9 (ω). Index 17 is ς, which folding never leaves.
constexpr std::array<const char*, 25> kLetters = {
    "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n",
    "x", "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"};

const char* latin(UChar32 c) {
    if (c < 0x03B1 || c > 0x03C9) return nullptr;
    return kLetters[static_cast<std::size_t>(c - 0x03B1)];
}

const char* digraph(UChar32 first, UChar32 second) {
    if (second != 0x03C5) return nullptr;  // υ
    switch (first) {
        case 0x03BF: return "ou";  // ο
        case 0x03B1: return "av";  // α
        case 0x03B5: return "ev";  // ε
        default: return nullptr;
    }
}

}  // namespace

std::string transliterate(std::string_view s) {
    // Folding is idempotent, so folded input is unchanged and raw input works too.
    const std::string f = fold(s);
    const auto* p = reinterpret_cast<const std::uint8_t*>(f.data());
    const auto n = static_cast<int32_t>(f.size());
    std::string out;
    out.reserve(f.size());
    int32_t i = 0;
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);  // fold() emits valid UTF-8 only
        if (i < n) {
            int32_t j = i;
            UChar32 next;
            U8_NEXT(p, j, n, next);
            if (const char* d = digraph(c, next)) {
                out += d;
                i = j;
                continue;
            }
        }
        if (const char* l = latin(c)) out += l;
        else out.append(f, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
    return out;
}

std::string slug(std::string_view s, std::size_t max_len) {
    const std::string t = transliterate(s);
    std::string out;
    bool pending_dash = false;
    for (const char ch : t) {
        const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (!keep) {
            // Any other character (space, punctuation, non-Latin script) separates words.
            pending_dash = !out.empty();
            continue;
        }
        const std::size_t need = pending_dash ? 2 : 1;
        if (out.size() + need > max_len) break;
        if (pending_dash) out += '-';
        pending_dash = false;
        out += ch;
    }
    return out;  // never ends in '-': a dash is written only just before a kept character
}

}  // namespace syn::text
