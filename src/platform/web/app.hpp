#pragma once
// The application: the route table that modules fill, the home-page hook, and the request
// pipeline (security headers, tenant, language, session, CSRF, body decoding, dispatch, errors).
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/auth/session_cache.hpp"
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

// A part of the person's own page (/my), where each module lists the person's things in it
// (their requests, their organisations); nothing when the person has none there.
struct MySection {
    int order = 100;
    std::function<std::optional<html::Html>(Context&)> render;
};

// A background job a module runs every `every`; any copy of the program may run it, so it
// must be safe to run twice at once (rows claimed, or idempotent work).
struct Job {
    std::string name;  // "registry.expiry": the log's and the runner's name for it
    std::chrono::milliseconds every;
    std::function<void(db::Database&, const config::Config&)> run;
};

// What a module's part of the demo gets: the demo municipality, one account per role, and the
// time the demo is made at.
struct DemoMunicipality {
    std::int64_t id = 0;
    std::map<std::string, std::int64_t, std::less<>> user_of_role;
    std::int64_t now = 0;
    const config::Config& cfg;
};
// A module's part of the demo, run in the demo's one transaction, in `order` (the registry's
// organisations before the requests that name them).
struct DemoSeed {
    int order = 100;
    std::function<void(soci::session&, const DemoMunicipality&)> seed;
};

class App {
public:
    App(config::Config cfg, std::shared_ptr<db::Database> db);

    void get(std::string pattern, Handler h, RouteOptions o = {});
    void post(std::string pattern, Handler h, RouteOptions o = {});
    void route(http::Method m, std::string pattern, Handler h, RouteOptions o);
    void home_section(HomeSection s);
    void my_section(MySection s);
    void job(Job j) { jobs_.push_back(std::move(j)); }
    const std::vector<Job>& jobs() const { return jobs_; }
    void demo_seed(DemoSeed d) { demo_seeds_.push_back(std::move(d)); }
    // In the order they must run.
    std::vector<DemoSeed> demo_seeds() const;
    void tenant_chooser(TenantChooser c) { choosers_.push_back(std::move(c)); }
    void error_format(ErrorFormat f) { error_formats_.push_back(std::move(f)); }
    const std::vector<HomeSection>& home_sections() const { return home_; }
    const std::vector<MySection>& my_sections() const { return my_; }
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
    // Whether handle() answers this request without blocking (health check, embedded static
    // assets, the theme stylesheet), so the server may run it on its I/O thread.
    static bool answers_inline(const http::Request& head);
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
    std::vector<MySection> my_;
    std::vector<Job> jobs_;
    std::vector<DemoSeed> demo_seeds_;
    std::vector<TenantChooser> choosers_;
    std::vector<ErrorFormat> error_formats_;
    std::vector<Nav> nav_;
    Assets assets_;
    // Who each session cookie is, for 2 seconds: well inside the 5 seconds in which a log-out or
    // a withdrawn role made by another copy of the program must take effect here.
    auth::SessionCache sessions_{std::chrono::seconds(2)};
    TenantDirectory tenants_;
    http::Metrics metrics_;
    std::string csp_;
    std::vector<std::pair<std::string, std::string>> security_headers_;
};

}  // namespace syn::web
