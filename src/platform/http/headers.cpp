#include "platform/http/headers.hpp"

#include "platform/http/token.hpp"

namespace syn::http {

namespace {

// Every response's headers pass these checks, so they are table look-ups: a branch per byte
// cost as much as the rest of a small answer.
struct Tables {
    bool token[256] = {};
    bool value_ok[256] = {};
    constexpr Tables() {
        for (int c = 0; c < 256; ++c) {
            token[c] = token_char(static_cast<unsigned char>(c));
            value_ok[c] = !((c < 0x20 && c != '\t') || c == 0x7F);
        }
    }
};
constexpr Tables kTables;

}  // namespace

bool valid_header_name(std::string_view name) {
    if (name.empty()) return false;
    bool ok = true;
    for (unsigned char c : name) ok &= kTables.token[c];
    return ok;
}

bool valid_header_value(std::string_view value) {
    if (value.size() > kMaxHeaderValueBytes) return false;
    bool ok = true;
    for (unsigned char c : value) ok &= kTables.value_ok[c];
    return ok;
}

std::optional<std::string> unwritable_header(const Response& res) {
    for (const auto& [name, value] : res.headers.all())
        if (!valid_header_name(name) || !valid_header_value(value)) return name;
    return std::nullopt;
}

bool valid_host(std::string_view v) {
    if (v.empty()) return true;
    std::string_view host = v, port;
    if (v.front() == '[') {
        const auto close = v.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        const auto inside = v.substr(1, close - 1);
        // An IPv6 address or an IPvFuture: hex digits, dots and colons (and "v" for the latter).
        if (inside.find_first_not_of("0123456789abcdefABCDEF:.vV") != std::string_view::npos) return false;
        host = v.substr(0, close + 1);
        const auto rest = v.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return false;
            port = rest.substr(1);
        }
    } else {
        const auto colon = v.find(':');
        if (colon != std::string_view::npos) {
            host = v.substr(0, colon);
            port = v.substr(colon + 1);
        }
        if (host.empty()) return false;
        static constexpr std::string_view kAllowed =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()*+,;=";
        if (host.find_first_not_of(kAllowed) != std::string_view::npos) return false;
    }
    return port.size() <= 5 && port.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace syn::http
