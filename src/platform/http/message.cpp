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

Response Response::redirect(std::string location, int status) {
    Response r;
    r.status = status;
    r.headers.set("Location", std::move(location));
    return r;
}

}  // namespace syn::http
