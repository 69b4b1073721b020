// The search key of rule 9. Case folding runs before NFD so that characters whose folded form
// is precomposed (e.g. capital Greek with tonos) are decomposed too, and their marks dropped.
#include "platform/text/text.hpp"
#include "platform/text/utf8.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <stdexcept>

namespace syn::text {

namespace {

const icu::Normalizer2& nfd() {
    // A process-wide, immutable, thread-safe singleton owned by ICU. Looked up once: the
    // lookup itself costs a few hundred nanoseconds, as much as folding a short name.
    static const icu::Normalizer2* const n = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* p = icu::Normalizer2::getNFDInstance(status);
        if (U_FAILURE(status) || p == nullptr) throw std::runtime_error("ICU NFD data unavailable");
        return p;
    }();
    return *n;
}

bool is_combining_mark(UChar32 c) {
    // Mn (tonos, dialytika, acute, …) and Me. Spacing marks (Mc) are kept: in the scripts that
    // use them they change the letter, not just its accent.
    const auto t = u_charType(c);
    return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK;
}

}  // namespace

std::string fold(std::string_view s) {
    icu::UnicodeString u = detail::decode_lenient(s);
    u.foldCase(U_FOLD_CASE_DEFAULT);

    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString d = nfd().normalize(u, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFD failed");

    std::string out;
    out.reserve(s.size());
    bool pending_space = false;  // collapse runs of white space, and drop them at both ends
    const char16_t* units = d.getBuffer();
    const int32_t len = d.length();
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        U16_NEXT(units, i, len, c);  // d is well-formed: decode_lenient dropped what was not
        if (is_combining_mark(c)) continue;
        if (u_isUWhiteSpace(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (c == 0x03C2) c = 0x03C3;  // ς→σ; full case folding already does this, kept explicit
        if (pending_space) out += ' ';
        pending_space = false;
        detail::append_utf8(out, c);
    }
    return out;
}

}  // namespace syn::text
