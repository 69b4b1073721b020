#include "platform/text/utf8.hpp"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <new>
#include <stdexcept>

namespace syn::text::detail {

icu::UnicodeString decode_lenient(std::string_view s) {
    // Written straight into the string's buffer: appending code point by code point costs a
    // capacity check per character and made this the slowest step of fold().
    if (s.size() > (std::size_t{1} << 30)) throw std::length_error("text too long to fold");
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    icu::UnicodeString out;
    char16_t* buf = out.getBuffer(n + 1);  // UTF-16 never needs more units than UTF-8 has bytes
    if (buf == nullptr) throw std::bad_alloc();
    int32_t len = 0;
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);  // advances past the maximal ill-formed subpart when c < 0
        if (c >= 0) U16_APPEND_UNSAFE(buf, len, c);
    }
    out.releaseBuffer(len);
    return out;
}

void append_utf8(std::string& out, UChar32 c) {
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace syn::text::detail
