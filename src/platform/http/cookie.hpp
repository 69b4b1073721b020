#pragma once
// The Cookie request header and the Set-Cookie response header (RFC 6265).
// Standard library only, so the fuzz build can compile it alone.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace syn::http {

// Pairs in header order (a name may repeat: browsers send the most specific path first).
// Whitespace around names and values is trimmed and a value in double quotes is unquoted.
// A pair that is not name=value with a token name and cookie-octet value is skipped, not
// fatal: other applications on a parent domain can set cookies we never asked for, and one
// bad cookie from them must not log our users out. nullopt when there are more than
// max_cookies pairs.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_cookies(std::string_view header,
                                                                             std::size_t max_cookies = 64);

// The first valid cookie called `name`, by the same rules (without the count limit).
std::optional<std::string> find_cookie(std::string_view header, std::string_view name);

struct CookieOptions {
    std::string path = "/";
    std::optional<long> max_age;  // none: a session cookie; <= 0: delete now
    bool http_only = true;
    bool secure = false;
    std::string same_site = "Lax";  // "Strict", "Lax", "None", or "" to leave it out
};

// The value of a Set-Cookie header. Throws std::invalid_argument when the name is not an
// RFC 6265 token, the value has bytes outside cookie-octet, the path has ';' or control
// characters, same_site is unknown, SameSite=None lacks Secure, or a __Secure-/__Host-
// prefixed name lacks what browsers require of it (they would drop the cookie silently).
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options = {});

}  // namespace syn::http
