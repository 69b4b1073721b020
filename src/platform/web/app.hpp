#pragma once
// The application: the route table that modules fill, the home-page hook, and the request
// pipeline (security headers, tenant, language, session, CSRF, body decoding, dispatch, errors).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/html/writer.hpp"
#include "platform/http/message.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/web/assets.hpp"
#include "platform/web/context.hpp"
#include "platform/web/tenant.hpp"

namespace syn::web {

using Handler = std::function<http::Response(Context&)>;

enum class Body { None, Form, Upload };

struct RouteOptions {
    Body body = Body::None;
    bool csrf = true;   // state-changing requests need the CSRF token (API token requests don't)
};

// Why a request under a TenantChooser's prefix got no municipality.
enum class TenantRefusal {
    Unknown,   // it names a municipality that does not exist
    Mismatch,  // it names another municipality than the host name or /m/<slug>/ prefix chose
    Missing,   // it names none, and neither does the address
};

// Routes under `prefix` whose requests may name their municipality themselves, for clients that
// call one address for every municipality (Open311 GeoReport v2's jurisdiction_id). `slug` reads
// the name from the request ("" when it names none). The name chooses the municipality when the
// install serves one (tenancy "single") or when the host or path named none; when they did, it
// must name the same one. `refuse` answers the refusals above in the clients' own format.
struct TenantChooser {
    std::string prefix;
    std::function<std::string(const http::Request&)> slug;
    std::function<http::Response(const http::Request&, const i18n::Tr&, TenantRefusal)> refuse;
};

// How the pipeline answers the errors it finds itself (no such address, a wrong method, an
// address or form it cannot read, a failure) under `prefix`, for clients that parse their own
// error format (Open311's error list). Elsewhere /api/ answers problem+json and the rest HTML.
// `message` is translated already.
struct ErrorFormat {
    std::string prefix;
    std::function<http::Response(const http::Request&, int status, const std::string& message)> respond;
};

// A block on the home page; later modules add theirs (PRODUCT: "what the platform offers").
struct HomeSection {
    int order = 100;
    std::function<std::optional<html::Html>(Context&)> render;
};

class App {
public:
    App(config::Config cfg, std::shared_ptr<db::Database> db);

    void get(std::string pattern, Handler h, RouteOptions o = {});
    void post(std::string pattern, Handler h, RouteOptions o = {});
    void route(http::Method m, std::string pattern, Handler h, RouteOptions o);
    void home_section(HomeSection s);
    void tenant_chooser(TenantChooser c) { choosers_.push_back(std::move(c)); }
    void error_format(ErrorFormat f) { error_formats_.push_back(std::move(f)); }
    const std::vector<HomeSection>& home_sections() const { return home_; }
    // Main navigation entries: label msgid, path, and who sees it.
    struct Nav { const char* msgid; std::string path; std::function<bool(const Context&)> visible; };
    void nav(Nav n) { nav_.push_back(std::move(n)); }
    // An entry shown only to those who hold the permission in this municipality.
    void nav_if_allowed(const char* msgid, std::string path, std::string permission);
    const std::vector<Nav>& navigation() const { return nav_; }

    http::Response handle(http::Request& req);
    // The headers every answer carries (CSP, nosniff, framing, referrer, HSTS under TLS, and
    // no-store unless the answer says otherwise); also given to the HTTP server for its own.
    const std::vector<std::pair<std::string, std::string>>& security_headers() const { return security_headers_; }
    std::size_t body_limit(const http::Request& head) const;
    void log_rejected(const http::Request& head, int status);

    const config::Config& cfg() const { return cfg_; }
    db::Database& db() { return *db_; }
    std::shared_ptr<db::Database> db_ptr() { return db_; }
    Assets& assets() { return assets_; }
    TenantDirectory& tenants() { return tenants_; }
    http::Metrics& metrics() { return metrics_; }
    // Wakes the background jobs (e.g. after mail was queued); set by the program.
    std::function<void()> wake_jobs = [] {};

private:
    struct Route { Handler handler; RouteOptions options; };
    http::Response dispatch(http::Request& req, std::string& route_label);
    http::Response run(Context& ctx, const Route& r);
    std::optional<Tenant> resolve_tenant(http::Request& req, std::string& base_path);
    void finish(const http::Request& req, http::Response& res) const;
    const ErrorFormat* error_format_for(const std::string& path) const;
    void access_log(const http::Request& req, const std::string& route, int status, double seconds, std::size_t bytes);

    config::Config cfg_;
    std::shared_ptr<db::Database> db_;
    http::Router router_;
    std::vector<Route> routes_;
    std::vector<HomeSection> home_;
    std::vector<TenantChooser> choosers_;
    std::vector<ErrorFormat> error_formats_;
    std::vector<Nav> nav_;
    Assets assets_;
    TenantDirectory tenants_;
    http::Metrics metrics_;
    std::string csp_;
    std::vector<std::pair<std::string, std::string>> security_headers_;
};

}  // namespace syn::web
