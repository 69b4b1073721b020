#include "platform/http/cookie.hpp"
#include "platform/http/token.hpp"

#include <stdexcept>

namespace syn::http {

namespace {

// RFC 6265 cookie-octet: visible ASCII except DQUOTE, comma, semicolon and backslash.
bool cookie_octet(unsigned char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
           (c >= 0x5D && c <= 0x7E);
}

bool is_cookie_value(std::string_view s) {
    for (char c : s)
        if (!cookie_octet(static_cast<unsigned char>(c))) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

struct Pair {
    std::string_view name, value;
};

// One ';'-separated piece of a Cookie header; nullopt when it is not a valid pair.
std::optional<Pair> parse_pair(std::string_view piece) {
    std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view name = trim(piece.substr(0, eq));
    std::string_view value = trim(piece.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (!is_token(name) || !is_cookie_value(value)) return std::nullopt;
    return Pair{name, value};
}

// Calls fn(pair) for each valid pair; stops early when fn returns false.
template <class Fn>
void for_each_pair(std::string_view header, Fn fn) {
    std::size_t pos = 0;
    while (pos <= header.size()) {
        std::size_t semi = header.find(';', pos);
        if (semi == std::string_view::npos) semi = header.size();
        std::string_view piece = header.substr(pos, semi - pos);
        pos = semi + 1;
        if (trim(piece).empty()) continue;
        if (!fn(parse_pair(piece))) return;
    }
}

bool is_path_value(std::string_view s) {
    // RFC 6265 path-value: any CHAR except CTLs or ';'.
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7F || c == ';') return false;
    }
    return true;
}

}  // namespace

std::optional<std::vector<std::pair<std::string, std::string>>> parse_cookies(std::string_view header,
                                                                             std::size_t max_cookies) {
    std::vector<std::pair<std::string, std::string>> out;
    bool over = false;
    for_each_pair(header, [&](std::optional<Pair> p) {
        if (!p) return true;
        if (out.size() >= max_cookies) {
            over = true;
            return false;
        }
        out.emplace_back(std::string(p->name), std::string(p->value));
        return true;
    });
    if (over) return std::nullopt;
    return out;
}

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
    std::optional<std::string> found;
    for_each_pair(header, [&](std::optional<Pair> p) {
        if (p && p->name == name) {
            found.emplace(p->value);
            return false;
        }
        return true;
    });
    return found;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& o) {
    if (!is_token(name)) throw std::invalid_argument("cookie name is not an RFC 6265 token");
    if (!is_cookie_value(value)) throw std::invalid_argument("cookie value has bytes outside cookie-octet");
    if (o.path.empty() || o.path.front() != '/' || !is_path_value(o.path))
        throw std::invalid_argument("cookie path must start with '/' and hold no ';' or control characters");
    if (!o.same_site.empty() && o.same_site != "Strict" && o.same_site != "Lax" && o.same_site != "None")
        throw std::invalid_argument("cookie SameSite must be Strict, Lax or None");
    if (o.same_site == "None" && !o.secure) throw std::invalid_argument("SameSite=None cookies must be Secure");
    if (name.starts_with("__Secure-") && !o.secure) throw std::invalid_argument("__Secure- cookies must be Secure");
    if (name.starts_with("__Host-") && (!o.secure || o.path != "/"))
        throw std::invalid_argument("__Host- cookies must be Secure with Path=/");

    std::string out;
    out.reserve(name.size() + value.size() + o.path.size() + 64);
    out.append(name).append("=").append(value);
    out.append("; Path=").append(o.path);
    if (o.max_age) out.append("; Max-Age=").append(std::to_string(*o.max_age > 0 ? *o.max_age : 0));
    if (o.http_only) out.append("; HttpOnly");
    if (o.secure) out.append("; Secure");
    if (!o.same_site.empty()) out.append("; SameSite=").append(o.same_site);
    return out;
}

}  // namespace syn::http
