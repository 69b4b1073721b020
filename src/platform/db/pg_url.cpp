#include "platform/db/pg_url.hpp"

namespace syn::db {

std::string with_timeouts(std::string_view url, long statement_timeout_ms) {
    std::string out(url);
    const auto add = [&](std::string_view key, const std::string& value) {
        const auto query = out.find('?');
        if (query != std::string::npos && (out.find("?" + std::string(key) + "=") != std::string::npos ||
                                           out.find("&" + std::string(key) + "=") != std::string::npos))
            return;  // the operator's own value wins
        out += (query == std::string::npos ? "?" : "&");
        out += std::string(key) + "=" + value;
    };
    add("connect_timeout", "5");
    add("keepalives", "1");
    add("keepalives_idle", "10");
    add("keepalives_interval", "3");
    add("keepalives_count", "3");
    add("tcp_user_timeout", "15000");
    // "-c statement_timeout=N", percent-encoded for the URI.
    if (statement_timeout_ms > 0) add("options", "-c%20statement_timeout%3D" + std::to_string(statement_timeout_ms));
    return out;
}

}  // namespace syn::db
