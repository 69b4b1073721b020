#include "platform/web/client_address.hpp"

#include <algorithm>

namespace syn::web {
namespace {

// An IPv4 or IPv6 address as text: what nginx's $remote_addr holds. Anything else (a list, a
// port, a name) is not what our nginx site sends, so it is not believed either.
bool looks_like_address(std::string_view s) {
    return !s.empty() && s.size() <= 45 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    });
}

// "::ffff:127.0.0.1", as a dual-stack socket reports an IPv4 peer, is 127.0.0.1.
std::string_view plain(std::string_view addr) {
    constexpr std::string_view mapped = "::ffff:";
    if (addr.starts_with(mapped) && addr.find('.') != std::string_view::npos) addr.remove_prefix(mapped.size());
    return addr;
}

}  // namespace

std::string client_address(const config::Config& cfg, const http::Request& req) {
    if (!cfg.trusted_proxy.empty() && plain(req.remote_addr) == plain(cfg.trusted_proxy))
        if (auto real = req.headers.get("X-Real-IP"); real && looks_like_address(*real)) return std::string(*real);
    return req.remote_addr;
}

}  // namespace syn::web
