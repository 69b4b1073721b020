#include "platform/web/app.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>

#include "platform/auth/crypto.hpp"
#include "platform/auth/second_factor.hpp"
#include "platform/auth/session_store.hpp"
#include "platform/cache/changes.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/db/row.hpp"
#include "platform/html/layout.hpp"
#include "platform/html/theme.hpp"
#include "platform/http/cookie.hpp"
#include "platform/http/form.hpp"
#include "platform/http/percent.hpp"
#include "platform/web/problem.hpp"

namespace syn::web {

namespace {

constexpr std::size_t kFormLimit = 1u << 20;     // rule 3: forms 1 MiB
constexpr std::size_t kUploadLimit = 20u << 20;  // rule 3: uploads 20 MiB

bool is_api(std::string_view path) { return path.starts_with("/api/"); }

std::optional<std::string> cookie(const http::Request& req, std::string_view name) {
    auto h = req.headers.get("Cookie");
    if (!h) return std::nullopt;
    return http::find_cookie(*h, name);
}

std::vector<html::Flash> read_flash(const http::Request& req) {
    auto c = cookie(req, "flash");
    if (!c || c->size() < 2) return {};
    auto text = http::percent_decode(std::string_view(*c).substr(1), false);
    if (!text) return {};
    auto kind = (*c)[0] == 'e' ? html::Flash::Error : (*c)[0] == 'i' ? html::Flash::Info : html::Flash::Success;
    return {html::Flash{kind, *text}};
}

// The scheme and host of the map tile URL, for the CSP's img-src ("https://*.tile.example"
// for a "{s}" subdomain template); empty when there is no map.
std::string tile_origin(std::string_view url) {
    auto scheme = url.find("://");
    if (url.empty() || scheme == std::string_view::npos) return {};
    std::string origin(url.substr(0, url.find('/', scheme + 3)));
    if (auto s = origin.find("{s}"); s != std::string::npos) origin.replace(s, 3, "*");
    // Any other template in the host would make the policy invalid: better no map tiles.
    if (origin.find_first_of("{} ;,'") != std::string::npos) return {};
    return origin;
}

// Under path tenancy: "/m/<slug>/rest" → {"<slug>", "/rest"} ("/" when nothing follows).
std::optional<std::pair<std::string_view, std::string_view>> split_tenant_prefix(std::string_view path) {
    if (!path.starts_with("/m/")) return std::nullopt;
    const auto end = path.find('/', 3);
    return std::pair{path.substr(3, end == std::string_view::npos ? std::string_view::npos : end - 3),
                     end == std::string_view::npos ? std::string_view("/") : path.substr(end)};
}

}  // namespace

namespace {
// Set after a visitor's write. For its lifetime their pages skip this copy's caches (another copy
// may serve the page after the form before it has heard of the change) and, where a replica
// serves reads, come from the primary: a minute then, well past the lag at which the replica's
// watcher stops using it; a few seconds otherwise, far more than an announcement takes.
constexpr const char* kWroteCookie = "wrote";

// The Open311 answers about one report, which its client asks for right after posting it (with
// no cookie to say so): requests/{id}, tokens/{token}, or requests.json?service_request_id=.
bool open311_report(std::string_view path, std::string_view query) {
    if (path.find("/open311/") == std::string_view::npos) return false;
    return path.find("/open311/v2/requests/") != std::string_view::npos || path.find("/open311/v2/tokens/") != std::string_view::npos ||
           query.find("service_request_id=") != std::string_view::npos;
}
}  // namespace

bool App::answers_inline(const http::Request& head) {
    if (head.method != http::Method::Get && head.method != http::Method::Head) return false;
    // Not /healthz: it asks the database, which may wait.
    return head.path == "/theme.css" || head.path == "/favicon.ico" || head.path.starts_with("/static/");
}

std::vector<DemoSeed> App::demo_seeds() const {
    std::vector<DemoSeed> out = demo_seeds_;
    std::stable_sort(out.begin(), out.end(), [](const DemoSeed& a, const DemoSeed& b) { return a.order < b.order; });
    return out;
}

App::App(config::Config cfg, std::shared_ptr<db::Database> db)
    : cfg_(std::move(cfg)), db_(std::move(db)), tenants_(db_) {
    const std::string tiles = tile_origin(cfg_.map_tile_url);  // the directory map's tiles
    csp_ = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" +
           (tiles.empty() ? std::string() : " " + tiles) +
           "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    security_headers_ = {
        {"Content-Security-Policy", csp_},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "strict-origin-when-cross-origin"},
        {"X-Frame-Options", "DENY"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=(self)"},
        {"Cache-Control", "no-store"},
    };
    if (cfg_.tls) security_headers_.emplace_back("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    metrics_.gauge("synergeia_db_pool_size", "Connections in the database pool.",
                   [this] { return static_cast<double>(db_->pool_size()); });
    metrics_.gauge("synergeia_db_pool_in_use", "Database connections leased right now.",
                   [this] { return static_cast<double>(db_->in_use()); });
    if (!cfg_.db_read.empty()) {
        metrics_.gauge("synergeia_db_replica_usable", "1 while public pages may read from the streaming replica.",
                       [this] { return db_->replica_usable() ? 1.0 : 0.0; });
        metrics_.counter("synergeia_db_replica_reads_total", "Reads the streaming replica answered.",
                         [this] { return static_cast<double>(db_->replica_reads()); });
    }
    metrics_.counter("synergeia_cache_changes_heard_total", "Cache changes announced by other copies of the program.",
                     [] { return static_cast<double>(cache::ChangeFeed::heard()); });
}

void App::route(http::Method m, std::string pattern, Handler h, RouteOptions o) {
    const auto id = router_.add(m, std::move(pattern));
    if (routes_.size() <= id) routes_.resize(id + 1);
    routes_[id] = Route{std::move(h), o};
}
void App::get(std::string p, Handler h, RouteOptions o) { route(http::Method::Get, std::move(p), std::move(h), o); }
void App::post(std::string p, Handler h, RouteOptions o) {
    if (o.body == Body::None) o.body = Body::Form;
    route(http::Method::Post, std::move(p), std::move(h), o);
}
void App::nav_if_allowed(const char* msgid, std::string path, std::string permission) {
    nav({msgid, std::move(path), [permission = std::move(permission)](const Context& c) { return c.can(permission); }});
}

void App::home_section(HomeSection s) {
    home_.push_back(std::move(s));
    std::stable_sort(home_.begin(), home_.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
}

void App::my_section(MySection s) {
    my_.push_back(std::move(s));
    std::stable_sort(my_.begin(), my_.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
}

std::size_t App::body_limit(const http::Request& head) const {
    auto ct = head.headers.get("Content-Type");
    if (ct && ct->starts_with("multipart/form-data")) return kUploadLimit;
    return kFormLimit;
}

http::Response App::handle(http::Request& req) {
    const auto t0 = std::chrono::steady_clock::now();
    std::string label = "unmatched";
    http::Response res;
    try {
        // Route on the decoded path. An encoded '/' or NUL, or bytes that are not UTF-8, would
        // let one path mean two things to us and to a proxy in front: refuse them.
        auto decoded = http::percent_decode(req.path, false);
        std::string lower = req.path;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        if (!decoded || lower.find("%2f") != std::string::npos || decoded->find('\0') != std::string::npos ||
            !http::valid_utf8(*decoded) || req.path.empty() || req.path[0] != '/') {
            label = "bad-path";
            // Clients of the APIs parse their own error format, even for an address this broken.
            const i18n::Tr tr(i18n::negotiate(cookie(req, "lang"), req.headers.get("Accept-Language")));
            const auto detail = tr("The address contains characters we cannot read.");
            // The prefix that chose the format follows /m/<slug> under path tenancy.
            std::string_view where = req.path;
            if (cfg_.tenancy == "path")
                if (const auto split = split_tenant_prefix(where)) where = split->second;
            if (const auto* f = error_format_for(std::string(where))) res = f->respond(req, 400, tr("Bad request") + ". " + detail);
            else if (is_api(where)) res = problem(400, tr("Bad request"), detail);
            else res = http::Response::text(400, "Bad Request\n");
            res.headers.set("Connection", "close");
        } else {
            req.path = std::move(*decoded);
            const bool writes = req.method != http::Method::Get && req.method != http::Method::Head;
            const bool wrote = cookie(req, kWroteCookie).has_value();
            // Read your own writes: a visitor who is logged in, uses a token, wrote something a
            // moment ago, or asks Open311 about one report reads from the primary; other
            // visitors' pages may come from the replica.
            const bool replica = !cfg_.db_read.empty() && !writes && !wrote && !cookie(req, "sid") &&
                                 !req.headers.get("Authorization") && !open311_report(req.path, req.query);
            db::ReplicaReads replica_reads(replica);
            cache::FreshReads fresh_reads(wrote);
            res = dispatch(req, label);
            if (writes && res.status < 500)
                res.headers.add("Set-Cookie", http::set_cookie(kWroteCookie, "1", {.max_age = cfg_.db_read.empty() ? 5 : 60, .secure = cfg_.tls}));
        }
    } catch (const db::Unavailable& e) {
        // The database is down or restarting: say so, and let the next request connect again.
        std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"database unavailable\",\"route\":\"%s\",\"what\":\"%s\"}\n",
                     label.c_str(), e.what());
        const i18n::Tr tr(i18n::negotiate(cookie(req, "lang"), req.headers.get("Accept-Language")));
        const auto title = tr("Briefly unavailable");
        const auto detail = tr("The service cannot reach its data right now. Try again in a minute.");
        if (const auto* f = error_format_for(req.path)) res = f->respond(req, 503, title + ". " + detail);
        else res = is_api(req.path) ? problem(503, title, detail) : http::Response::text(503, title + "\n\n" + detail + "\n");
        res.headers.set("Retry-After", "30");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"unhandled\",\"route\":\"%s\",\"what\":\"%s\"}\n",
                     label.c_str(), e.what());
        if (const auto* f = error_format_for(req.path)) res = f->respond(req, 500, "Internal Server Error");
        else res = is_api(req.path) ? problem(500, "Internal Server Error", "")
                                    : http::Response::text(500, "500 — Internal Server Error / Σφάλμα διακομιστή\n");
    }
    finish(req, res);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    metrics_.observe(label, res.status, secs);
    access_log(req, label, res.status, secs, res.payload().size());
    return res;
}

const ErrorFormat* App::error_format_for(const std::string& path) const {
    for (const auto& f : error_formats_)
        if (path.starts_with(f.prefix)) return &f;
    return nullptr;
}

void App::finish(const http::Request& req, http::Response& res) const {
    auto& h = res.headers;
    // A page may narrow the policy or allow caching; the rest is the same for every answer.
    for (const auto& [name, value] : security_headers_)
        if ((name != "Content-Security-Policy" && name != "Cache-Control") || !h.get(name)) h.set(name, value);
    if (!h.get("Content-Type") && res.status != 304 && !res.payload().empty())
        h.set("Content-Type", "text/plain; charset=utf-8");
}

void App::access_log(const http::Request& req, const std::string& route, int status, double secs, std::size_t bytes) {
    if (!cfg_.access_log) return;
    // The route pattern, never the raw path: paths can hold tokens and names (no personal data).
    static std::mutex mu;
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    auto line = fmt::format("{{\"ts\":{:.3f},\"method\":\"{}\",\"route\":\"{}\",\"status\":{},\"ms\":{:.3f},\"bytes\":{}}}\n",
                            std::chrono::duration<double>(now).count(), http::method_name(req.method), route, status,
                            secs * 1000, bytes);
    std::lock_guard lk(mu);
    std::fwrite(line.data(), 1, line.size(), stdout);
}

void App::log_rejected(const http::Request& head, int status) {
    metrics_.observe("rejected", status, 0);
    access_log(head, "rejected", status, 0, 0);
}

std::optional<Tenant> App::resolve_tenant(http::Request& req, std::string& base_path) {
    if (cfg_.tenancy == "path") {
        // /m/<slug>/rest → tenant <slug>, path /rest
        const auto split = split_tenant_prefix(req.path);
        if (!split) return std::nullopt;
        const std::string slug(split->first);
        auto t = tenants_.by_slug(slug);
        if (!t) return std::nullopt;
        base_path = tenant_base_path(cfg_.tenancy, slug);
        req.path = std::string(split->second);
        return t;
    }
    if (cfg_.tenancy == "host") {
        auto host = std::string(req.headers.get("Host").value_or(""));
        if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos) host.resize(colon);
        return tenants_.by_host(host);
    }
    if (!cfg_.default_tenant.empty()) return tenants_.by_slug(cfg_.default_tenant);
    return tenants_.first();
}

http::Response App::dispatch(http::Request& req, std::string& label) {
    // Install-wide endpoints first: no tenant, no session, no database. They only read.
    const bool reading = req.method == http::Method::Get || req.method == http::Method::Head;
    if (!reading && (req.path.starts_with("/static/") || req.path == "/healthz" || req.path == "/metrics" || req.path == "/theme.css" ||
                     req.path == "/favicon.ico")) {
        label = "method-not-allowed";
        auto r = http::Response::text(405, "Method Not Allowed\n");
        r.headers.set("Allow", "GET, HEAD");
        return r;
    }
    if (req.path.starts_with("/static/")) {
        label = "/static/{path...}";
        if (auto r = assets_.serve(std::string_view(req.path).substr(8), req.headers.get("If-None-Match"))) return *r;
        return http::Response::text(404, "Not Found\n");
    }
    // Browsers ask every site for it, whatever the page says: the default emblem, small.
    if (req.path == "/favicon.ico") {
        label = "/favicon.ico";
        if (auto r = assets_.serve("img/favicon.ico", req.headers.get("If-None-Match"))) {
            r->headers.set("Cache-Control", "public, max-age=86400");
            return *r;
        }
        return http::Response::text(404, "Not Found\n");
    }
    if (req.path == "/healthz") {
        // The operator's monitoring (and a load balancer that asks) sees a copy whose database is away.
        label = "/healthz";
        try {
            db::ReplicaReads primary(false);  // the primary's health, whoever asks
            db_->read([](soci::session& s) {
                int one = 0;
                s << "SELECT 1", soci::into(one);
            });
        } catch (const std::exception&) {
            auto r = http::Response::text(503, "database unavailable\n");
            r.headers.set("Retry-After", "5");
            return r;
        }
        return http::Response::text(200, "ok\n");
    }
    if (req.path == "/metrics") {
        label = "/metrics";
        return http::Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
    }
    if (req.path == "/theme.css") {
        label = "/theme.css";
        auto q = http::parse_query(req.query);
        auto r = http::Response::text(200, html::theme_css(q ? "#" + q->value("c") : ""), "text/css; charset=utf-8");
        r.headers.set("Cache-Control", "public, max-age=86400");
        return r;
    }

    std::string base_path;
    auto tenant = resolve_tenant(req, base_path);
    i18n::Tr tr(i18n::negotiate(cookie(req, "lang"), req.headers.get("Accept-Language")));
    for (const auto& chooser : choosers_) {
        if (!req.path.starts_with(chooser.prefix)) continue;
        const std::string slug = chooser.slug(req);
        std::optional<TenantRefusal> refusal;
        if (slug.empty()) {
            if (!tenant) refusal = TenantRefusal::Missing;
        } else if (auto named = tenants_.by_slug(slug); !named) {
            refusal = TenantRefusal::Unknown;
        } else if (tenant && cfg_.tenancy != "single" && named->id != tenant->id) {
            refusal = TenantRefusal::Mismatch;
        } else {
            tenant = std::move(named);
        }
        if (refusal) {
            label = "tenant-refused";
            return chooser.refuse(req, tr, *refusal);
        }
        break;
    }
    if (!tenant) {
        label = "no-tenant";
        return http::Response::text(404, tr("This address does not belong to any municipality on this platform.") + "\n");
    }

    auto match = router_.match(req.method, req.path);
    Context ctx{{*tenant, tr, *db_, cfg_}, req, std::move(match), *this};
    ctx.base_path = base_path;
    ctx.wake = &wake_jobs;
    ctx.flashes = read_flash(req);
    if (!ctx.flashes.empty()) {
        for (auto& f : ctx.flashes) f.text = tr(f.text.c_str());
        ctx.clear_cookie("flash");
    }
    const bool api = is_api(req.path);

    const ErrorFormat* own_format = error_format_for(req.path);
    auto respond_error = [&](int status, const char* title_msgid, const char* detail_msgid) {
        if (own_format) return own_format->respond(req, status, tr(title_msgid) + ". " + tr(detail_msgid));
        if (api) return problem(status, tr(title_msgid), tr(detail_msgid));
        html::Writer w;
        w("<p class=\"lead\">{}</p><p><a href=\"{}\">{}</a></p>", tr(detail_msgid), ctx.url("/"), tr("Go to the home page"));
        return ctx.page(tr(title_msgid), w.take(), {}, status);
    };

    if (ctx.route.kind == http::RouteMatch::NotFound) {
        label = "not-found";
        return respond_error(404, N_("Page not found"), N_("If you typed the web address, check it is correct."));
    }
    if (ctx.route.kind == http::RouteMatch::MethodNotAllowed) {
        label = "method-not-allowed";
        auto r = respond_error(405, N_("Method not allowed"), N_("This address does not accept that kind of request."));
        std::string allow;
        for (auto m : ctx.route.allowed) allow += (allow.empty() ? "" : ", ") + std::string(http::method_name(m));
        r.headers.set("Allow", allow);
        return r;
    }
    label = std::string(ctx.route.pattern);
    const Route& route = routes_.at(ctx.route.route);

    auto q = http::parse_query(req.query);
    if (!q) return respond_error(400, N_("Bad request"), N_("The address contains characters we cannot read."));
    ctx.query = std::move(*q);

    // Who is asking: a personal API token, or a session cookie.
    auto authz = req.headers.get("Authorization");
    if (authz && authz->starts_with("Bearer ")) {
        auto token = std::string(authz->substr(7));
        auto uid = db_->read([&](soci::session& s) { return auth::user_for_api_token(s, token); });
        if (!uid) {
            auto r = problem(401, tr("Unauthorised"), tr("The API token is not valid or has been revoked."));
            r.headers.set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return r;
        }
        bool enrolled = false;
        ctx.principal = db_->read([&](soci::session& s) {
            enrolled = auth::has_second_factor(s, *uid);
            return auth::load_principal(s, *uid);
        });
        // A token stands in for the whole log-in, so it carries the roles that need a second
        // factor only for an account that has one.
        if (auth::gate(enrolled, true, cfg_.second_factor_required, ctx.principal) == auth::Gate::roles_held)
            ctx.principal = auth::without_personal_data_roles(std::move(ctx.principal));
        ctx.via_api_token = true;
    } else if (auto sid = cookie(req, "sid")) {
        if (auto known = sessions_.get(*sid)) {
            // Read a moment ago and nothing changed since in this process (session_cache.hpp).
            ctx.session = std::move(known->session);
            ctx.principal = std::move(known->principal);
        } else {
            auth::SessionPolicy pol{cfg_.session_idle_seconds, cfg_.session_absolute_seconds};
            const auto generation = auth::sessions_generation();
            // One lease for both lookups: a logged-in page costs one trip to the pool, not two.
            db_->read([&](soci::session& s) {
                ctx.session = auth::find_session(s, *sid, pol);
                if (ctx.session) {
                    auth::touch_session(s, *ctx.session, pol);
                    ctx.principal = auth::load_principal(s, ctx.session->user_id);
                }
            });
            if (ctx.session) sessions_.put(*sid, {*ctx.session, ctx.principal}, generation);
        }
        if (!ctx.session) ctx.clear_cookie("sid");
        if (ctx.session) {
            switch (auth::gate(ctx.session->second_factor_enrolled, ctx.session->second_factor_passed, cfg_.second_factor_required,
                               ctx.principal)) {
                case auth::Gate::open: break;
                case auth::Gate::pending:
                    // The password only: a log-in in progress, for the page that asks for the code.
                    ctx.pending_session = std::move(ctx.session);
                    ctx.session.reset();
                    ctx.principal = {};
                    break;
                case auth::Gate::roles_held:
                    ctx.principal = auth::without_personal_data_roles(std::move(ctx.principal));
                    ctx.second_factor_missing = true;
                    break;
            }
        }
    }

    // Body decoding, with the route's limits.
    const bool changes_state = req.method != http::Method::Get && req.method != http::Method::Head;
    if (changes_state && route.options.body != Body::None) {
        auto ct = std::string(req.headers.get("Content-Type").value_or(""));
        if (ct.starts_with("multipart/form-data")) {
            auto boundary = http::multipart_boundary(ct);
            http::MultipartLimits lim;
            if (route.options.body != Body::Upload) lim.max_part_bytes = kFormLimit;
            auto parsed = boundary ? http::parse_multipart(req.body, *boundary, lim) : http::MultipartResult{{}, "no boundary"};
            if (!parsed.ok()) return respond_error(400, N_("Bad request"), N_("The form could not be read. Please try again."));
            ctx.form = http::fields_of(parsed.parts);
            for (auto& p : parsed.parts)
                if (p.filename) ctx.files.push_back(std::move(p));
        } else if (ct.starts_with("application/x-www-form-urlencoded") || req.body.empty()) {
            auto f = http::parse_form(req.body);
            if (!f) return respond_error(400, N_("Bad request"), N_("The form could not be read. Please try again."));
            ctx.form = std::move(*f);
        } else if (!ct.starts_with("application/json")) {
            return respond_error(415, N_("Unsupported form encoding"), N_("Send the form as a web form."));
        }
    }

    // CSRF: every state-changing request made with a cookie must carry the token.
    if (changes_state && route.options.csrf && !ctx.via_api_token) {
        std::string sent = ctx.form.value("_csrf");
        if (sent.empty())
            if (auto h = req.headers.get("X-CSRF-Token")) sent = std::string(*h);
        std::string expected = ctx.session ? ctx.session->csrf_token : cookie(req, "csrf").value_or("");
        if (expected.empty() || sent.empty() || !auth::constant_time_equals(sent, expected))
            return respond_error(403, N_("Your form has expired"),
                                 N_("For your security the form could not be accepted. Go back, reload the page and try again."));
    }

    http::Response res;
    try {
        res = route.handler(ctx);
    } catch (const NotFound&) {
        res = respond_error(404, N_("Page not found"), N_("If you typed the web address, check it is correct."));
    } catch (const NeedLogin&) {
        if (api) {
            res = problem(401, tr("Unauthorised"), tr("Log in, or send a personal API token."));
            res.headers.set("WWW-Authenticate", "Bearer");
        }
        else res = http::Response::redirect(ctx.url("/login") + "?next=" + http::percent_encode(req.target));
    } catch (const Forbidden&) {
        res = respond_error(403, N_("You cannot do this"), N_("Your account does not have permission for this page."));
    } catch (const db::UniqueViolation&) {
        res = respond_error(409, N_("Already exists"), N_("Something with these details already exists."));
    } catch (const db::ForeignKeyViolation&) {
        res = respond_error(409, N_("Conflict"), N_("This refers to something that does not exist or is still in use."));
    }
    for (auto& c : ctx.set_cookies) res.headers.add("Set-Cookie", std::move(c));
    if (ctx.logged_in() && !res.headers.get("Cache-Control")) res.headers.set("Cache-Control", "private, no-store");
    return res;
}

}  // namespace syn::web
