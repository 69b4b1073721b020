#pragma once
// Everything a page or API handler gets about its request, after the pipeline has resolved
// the tenant, the session, the language and the input (ARCHITECTURE rule 2).
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
#include "platform/web/tenant.hpp"

namespace syn::web {

class App;

// Thrown by services and handlers; the pipeline turns them into the right page or problem+json.
struct NotFound : std::runtime_error { NotFound() : std::runtime_error("not found") {} };
struct Forbidden : std::runtime_error { Forbidden() : std::runtime_error("forbidden") {} };
struct NeedLogin : std::runtime_error { NeedLogin() : std::runtime_error("login required") {} };
// Validation failed: messages are already translated; nothing was written.
struct Invalid : std::runtime_error {
    html::Errors errors;
    explicit Invalid(html::Errors e) : std::runtime_error("invalid input"), errors(std::move(e)) {}
};

struct Context {
    http::Request& req;
    http::RouteMatch route;
    Tenant tenant;
    i18n::Tr tr;
    db::Database& db;
    const config::Config& cfg;
    App& app;

    std::optional<auth::ActiveSession> session;
    auth::Principal principal;  // user_id 0: a visitor
    bool via_api_token = false;

    http::Params query;
    http::Params form;                 // urlencoded or the text fields of a multipart body
    std::vector<http::Part> files;     // file parts of a multipart body
    std::vector<std::string> set_cookies;

    std::string base_path;             // "/m/<slug>" under path tenancy, else ""
    std::vector<html::Flash> flashes;  // shown once, from the flash cookie

    bool logged_in() const { return principal.user_id != 0; }
    void require_login() const { if (!logged_in()) throw NeedLogin(); }
    // Permission check for this tenant; throws Forbidden (or NeedLogin for a visitor).
    void require(std::string_view permission) const;
    bool can(std::string_view permission) const { return auth::allowed(principal, permission, tenant.id); }

    // A link inside this tenant.
    std::string url(std::string_view path) const { return base_path + std::string(path); }
    std::string param(std::string_view name) const;
    // The CSRF token to put in forms: the session's, or a double-submit cookie for visitors.
    std::string csrf_token();
    std::string client_ip() const;

    // Rendering helpers
    html::Shell shell(std::vector<html::Crumb> crumbs = {});
    http::Response page(std::string_view title, const html::Html& body, std::vector<html::Crumb> crumbs = {}, int status = 200);
    // Redirect after a successful POST, with a one-time message (a msgid, translated when shown).
    http::Response redirect(std::string_view path, const char* flash_msgid = nullptr,
                            html::Flash::Kind kind = html::Flash::Success);
    void add_cookie(std::string header_value) { set_cookies.push_back(std::move(header_value)); }
    // Our cookies all share one policy: Path=/, HttpOnly, SameSite=Lax, Secure under TLS.
    // max_age nullopt: until the browser closes.
    void set_cookie(std::string_view name, std::string_view value, std::optional<long> max_age = std::nullopt);
    void clear_cookie(std::string_view name) { set_cookie(name, "", 0); }

    std::string anon_csrf_;  // cache for csrf_token(); public only so Context stays an aggregate
};

}  // namespace syn::web
