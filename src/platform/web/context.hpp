#pragma once
// Everything a page or API handler gets about its request, after the pipeline has resolved
// the tenant, the session, the language and the input (architecture rule 2).
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "platform/auth/permissions.hpp"
#include "platform/auth/session_store.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/layout.hpp"
#include "platform/http/message.hpp"
#include "platform/http/multipart.hpp"
#include "platform/http/query.hpp"
#include "platform/http/router.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/web/scope.hpp"
#include "platform/web/tenant.hpp"

namespace syn::web {

class App;

// A request's Scope (tenant, who acts, language, database, configuration, clock) and what only
// a request has: the HTTP message, the route, the decoded input, cookies and the page shell.
// Services take the Scope; pages and API handlers take the Context.
struct Context : Scope {
    http::Request& req;
    http::RouteMatch route;
    App& app;

    http::Params query = {};
    http::Params form = {};            // urlencoded or the text fields of a multipart body
    std::vector<http::Part> files = {};  // file parts of a multipart body
    std::vector<std::string> set_cookies = {};

    std::vector<html::Flash> flashes = {};  // shown once, from the flash cookie

    std::string param(std::string_view name) const;
    // A record id in the path ("/requests/{id}"): plain digits, positive; anything else is a
    // page that does not exist (NotFound), never an error.
    std::int64_t id_param(std::string_view name = "id") const;
    // The CSRF token to put in forms: the session's, or a double-submit cookie for visitors.
    std::string csrf_token();
    std::string client_ip() const;

    // Rendering helpers
    html::Shell shell(std::vector<html::Crumb> crumbs = {});
    http::Response page(std::string_view title, const html::Html& body, std::vector<html::Crumb> crumbs = {}, int status = 200);
    // A page in a shell the handler adjusted (extra scripts and styles, such as the map's).
    static http::Response page(html::Shell shell, std::string_view title, const html::Html& body, int status = 200);
    // Redirect after a successful POST, with a one-time message (a msgid, translated when shown).
    http::Response redirect(std::string_view path, const char* flash_msgid = nullptr,
                            html::Flash::Kind kind = html::Flash::Success);
    void add_cookie(std::string header_value) { set_cookies.push_back(std::move(header_value)); }
    // Our cookies all share one policy: Path=/, HttpOnly, SameSite=Lax, Secure under TLS.
    // max_age nullopt: until the browser closes.
    void set_cookie(std::string_view name, std::string_view value, std::optional<long> max_age = std::nullopt);
    void clear_cookie(std::string_view name) { set_cookie(name, "", 0); }

    std::string anon_csrf_ = {};  // cache for csrf_token(); public only so Context stays an aggregate
};

}  // namespace syn::web
