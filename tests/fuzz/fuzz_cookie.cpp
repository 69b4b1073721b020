// libFuzzer target: Cookie header parsing and Set-Cookie building. Whatever parse_cookies
// accepts must be a valid name/value pair that set_cookie can write back and that reads
// back the same; whatever set_cookie writes must parse back to what it was given.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "platform/http/cookie.hpp"

using namespace syn::http;

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

void check_written(std::string_view name, std::string_view value, const CookieOptions& o) {
    std::string header = set_cookie(name, value, o);
    auto back = parse_cookies(header);
    check(back.has_value() && !back->empty());
    check(back->front().first == name && back->front().second == value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);

    CookieOptions secure;  // satisfies the __Secure-/__Host- prefix rules
    secure.secure = true;

    if (auto cookies = parse_cookies(input, 16)) {
        check(cookies->size() <= 16);
        for (const auto& [name, value] : *cookies) {
            auto first = find_cookie(input, name);
            check(first.has_value());
            try {
                check_written(name, value, secure);
            } catch (const std::invalid_argument&) {
                check(false);  // a parsed cookie is always writable
            }
        }
        if (!cookies->empty()) check(find_cookie(input, cookies->front().first) == cookies->front().second);
    }

    // The input as name '\0' value '\0' path: set_cookie either refuses or writes a
    // header that parses back.
    std::size_t a = input.find('\0');
    std::string_view name = input.substr(0, a);
    std::string_view rest = a == std::string_view::npos ? std::string_view() : input.substr(a + 1);
    std::size_t b = rest.find('\0');
    std::string_view value = rest.substr(0, b);
    CookieOptions o;
    o.secure = size % 2 == 0;
    o.same_site = size % 3 == 0 ? "None" : "Strict";
    if (b != std::string_view::npos) o.path = std::string(rest.substr(b + 1));
    try {
        check_written(name, value, o);
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
