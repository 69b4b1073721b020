#pragma once
// RFC 7230 tokens: header names, cookie names and parameter names share this grammar.
#include <string_view>

namespace syn::http {

constexpr bool token_char(unsigned char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
        case '-': case '.': case '^': case '_': case '`': case '|': case '~':
            return true;
        default:
            return false;
    }
}

constexpr bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!token_char(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace syn::http
