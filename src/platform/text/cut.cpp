#include "platform/text/cut.hpp"

namespace syn::text {

namespace {
bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

std::string_view cut_utf8(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t end = max_bytes;
    // s[end] is the first byte left out; while it continues a character, that character
    // started inside the prefix, so leave it out whole. At most three steps back in UTF-8.
    for (int steps = 0; end > 0 && continuation(s[end]) && steps < 3; ++steps) --end;
    return s.substr(0, end);
}

std::string_view cut_utf8_chars(std::string_view s, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!continuation(s[i]) && chars++ == max_chars) return s.substr(0, i);
    }
    return s;
}

}  // namespace syn::text
