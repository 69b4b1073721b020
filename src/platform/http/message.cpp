#include "platform/http/message.hpp"

#include <algorithm>
#include <cctype>

namespace syn::http {

namespace {
bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}
}  // namespace

Method method_from(std::string_view n) {
    if (n == "GET") return Method::Get;
    if (n == "HEAD") return Method::Head;
    if (n == "POST") return Method::Post;
    if (n == "PUT") return Method::Put;
    if (n == "PATCH") return Method::Patch;
    if (n == "DELETE") return Method::Delete;
    if (n == "OPTIONS") return Method::Options;
    return Method::Other;
}

std::string_view method_name(Method m) {
    switch (m) {
        case Method::Get: return "GET";
        case Method::Head: return "HEAD";
        case Method::Post: return "POST";
        case Method::Put: return "PUT";
        case Method::Patch: return "PATCH";
        case Method::Delete: return "DELETE";
        case Method::Options: return "OPTIONS";
        case Method::Other: break;
    }
    return "OTHER";
}

void Headers::set(std::string name, std::string value) {
    std::erase_if(items_, [&](const auto& h) { return iequals(h.first, name); });
    items_.emplace_back(std::move(name), std::move(value));
}

void Headers::add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }

std::optional<std::string_view> Headers::get(std::string_view name) const {
    for (const auto& [k, v] : items_)
        if (iequals(k, name)) return std::string_view(v);
    return std::nullopt;
}

Response Response::text(int status, std::string body, std::string content_type) {
    Response r;
    r.status = status;
    r.headers.set("Content-Type", std::move(content_type));
    r.body = std::move(body);
    return r;
}

bool valid_header_name(std::string_view name) {
    // tchar (RFC 9110 §5.6.2)
    static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || kSymbols.find(c) != std::string_view::npos;
    });
}

bool valid_header_value(std::string_view value) { return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos; }

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

Response Response::redirect(std::string location, int status) {
    Response r;
    r.status = status;
    r.headers.set("Location", std::move(location));
    return r;
}

}  // namespace syn::http
