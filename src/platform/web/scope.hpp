#pragma once
// What a use case (a module's service) runs on: the municipality, who acts, in which language,
// the database, the configuration and the clock. A request's Context is one (it adds the HTTP
// parts), and a background job, the command line or a C++ test builds one without any HTTP, so
// every change goes through the same service path, with the same checks, history and audit.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "platform/auth/permissions.hpp"
#include "platform/auth/session_store.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/html/forms.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/web/tenant.hpp"

namespace syn::web {

// Thrown by services and handlers; the pipeline turns them into the right page or problem+json.
struct NotFound : std::runtime_error { NotFound() : std::runtime_error("not found") {} };
struct Forbidden : std::runtime_error { Forbidden() : std::runtime_error("forbidden") {} };
struct NeedLogin : std::runtime_error { NeedLogin() : std::runtime_error("login required") {} };
// Validation failed: messages are already translated; nothing was written.
struct Invalid : std::runtime_error {
    html::Errors errors;
    explicit Invalid(html::Errors e) : std::runtime_error("invalid input"), errors(std::move(e)) {}
};

struct Scope {
    Tenant tenant;
    i18n::Tr tr;
    db::Database& db;
    const config::Config& cfg;

    // Who acts: a person (user_id > 0), a visitor (0), or the system (a job acting for the
    // municipality: allowed what the job does, recorded without an account).
    auth::Principal principal = {};
    bool system = false;
    // The person's session, when they act through the web site (their name and e-mail, and which
    // session "log out everywhere else" keeps).
    std::optional<auth::ActiveSession> session = std::nullopt;
    // A log-in that passed the password and waits for the second factor (not logged in yet):
    // only the page that asks for the code uses it.
    std::optional<auth::ActiveSession> pending_session = std::nullopt;
    // Logged in, but the roles that see other people's data wait for a second factor.
    bool second_factor_missing = false;
    bool via_api_token = false;

    std::string base_path = {};  // "/m/<slug>" under path tenancy, else ""
    // Seconds since the epoch, UTC; a test may fix it.
    std::function<std::int64_t()> clock = {};
    // Wakes the background jobs after mail was queued (the program sets it; nothing elsewhere).
    const std::function<void()>* wake = nullptr;

    std::int64_t now() const { return clock ? clock() : db::now_unix(); }
    void wake_jobs() const {
        if (wake && *wake) (*wake)();
    }

    bool logged_in() const { return principal.user_id != 0; }
    void require_login() const {
        if (!logged_in() && !system) throw NeedLogin();
    }
    // Permission check in this municipality; throws Forbidden (or NeedLogin for a visitor). The
    // system holds every permission in the municipality it acts for.
    void require(std::string_view permission) const;
    bool can(std::string_view permission) const { return system || auth::allowed(principal, permission, tenant.id); }
    // The same for a thing of the unit `unit_id`: a unit-reach permission needs a grant on that
    // unit or one above it (auth/permissions.hpp).
    bool can_in(std::string_view permission, std::int64_t unit_id) const;
    void require_in(std::string_view permission, std::int64_t unit_id) const;
    // The same inside a transaction, which may need to read the municipality's units.
    bool can_in(soci::session& s, std::string_view permission, std::int64_t unit_id) const;

    // A link inside this municipality ("/requests/12" → "/m/kalamata/requests/12").
    std::string url(std::string_view path) const { return base_path + std::string(path); }
    // The same link as an absolute address, for mail, feeds and structured data: the one rule
    // for absolute addresses (the configured base URL, without a trailing slash, then url()).
    std::string absolute_url(std::string_view path) const;

    // A Scope for a job or the command line: the system acting for `tenant`, in Greek.
    static Scope system_for(Tenant tenant, db::Database& db, const config::Config& cfg);
};

}  // namespace syn::web
