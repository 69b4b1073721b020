// trim() and valid_utf8_text(): byte-level checks that must not alter valid input, so they
// walk the UTF-8 directly instead of round-tripping through UTF-16.
#include "platform/text/text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace syn::text {

namespace {

const std::uint8_t* bytes(std::string_view s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }

}  // namespace

bool valid_utf8_text(std::string_view s) {
    const auto* p = bytes(s);
    const auto n = static_cast<int32_t>(s.size());
    if (static_cast<std::size_t>(n) != s.size()) return false;  // > 2 GiB: not text we accept
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
        // Cc only: format characters (Cf) such as ZWJ are needed for emoji and Greek typing.
        if (u_charType(c) == U_CONTROL_CHAR && c != '\n' && c != '\r' && c != '\t') return false;
    }
    return true;
}

std::string trim(std::string_view s) {
    const auto* p = bytes(s);
    const auto n = static_cast<int32_t>(s.size());
    int32_t begin = 0;
    while (begin < n) {
        int32_t next = begin;
        UChar32 c;
        U8_NEXT(p, next, n, c);
        if (c < 0 || !u_isUWhiteSpace(c)) break;  // an invalid byte is content, not space
        begin = next;
    }
    int32_t end = n;
    while (end > begin) {
        int32_t prev = end;
        UChar32 c;
        U8_PREV(p, begin, prev, c);
        if (c < 0 || !u_isUWhiteSpace(c)) break;
        end = prev;
    }
    return std::string(s.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)));
}

std::size_t characters(std::string_view s) {
    // Every UTF-8 character has exactly one byte that is not a continuation byte (10xxxxxx).
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace syn::text
