#include "platform/db/pg_url.hpp"

#include <libpq-fe.h>

#include <functional>
#include <memory>

#include "platform/db/database.hpp"

namespace syn::db {
namespace {

// Calls visit(keyword, value) for each parameter the URL sets, as libpq parses it.
void each_parameter(std::string_view url, const std::function<void(std::string_view, const char*)>& visit) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(std::string(url).c_str(), &err);
    if (!opts) {
        std::string msg = err ? err : "cannot parse the URL";
        PQfreemem(err);
        while (!msg.empty() && msg.back() == '\n') msg.pop_back();
        throw Error(msg);
    }
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> owned(opts, &PQconninfoFree);
    for (PQconninfoOption* o = opts; o->keyword; ++o)
        if (o->val) visit(o->keyword, o->val);
}

}  // namespace

std::string conninfo(std::string_view url, bool with_password) {
    std::string out;
    each_parameter(url, [&](std::string_view keyword, const char* value) {
        if (!with_password && keyword == "password") return;
        if (!out.empty()) out += ' ';
        out.append(keyword).append("='");
        for (const char* c = value; *c; ++c) {
            if (*c == '\'' || *c == '\\') out += '\\';
            out += *c;
        }
        out += '\'';
    });
    return out;
}

std::string password_of(std::string_view url) {
    std::string password;
    each_parameter(url, [&](std::string_view keyword, const char* value) {
        if (keyword == "password") password = value;
    });
    return password;
}

std::string with_timeouts(std::string_view url, long statement_timeout_ms) {
    std::string out(url);
    // Appended piece by piece: GCC 12 sees a false overlap (-Wrestrict) in chains of std::string +.
    const auto add = [&](std::string_view key, const std::string& value) {
        const auto query = out.find('?');
        const auto set_as = [&](char before) { return out.find(std::string(1, before).append(key).append("=")) != std::string::npos; };
        if (query != std::string::npos && (set_as('?') || set_as('&'))) return;  // the operator's own value wins
        out.append(query == std::string::npos ? "?" : "&").append(key).append("=").append(value);
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
