#include "platform/web/context.hpp"

#include "platform/cache/read_cache.hpp"

#include "platform/text/number.hpp"

#include "platform/auth/crypto.hpp"
#include "platform/html/theme.hpp"
#include "platform/http/cookie.hpp"
#include "platform/http/percent.hpp"
#include "platform/notify/notify.hpp"
#include "platform/web/app.hpp"
#include "platform/web/client_address.hpp"
#include "platform/web/letter.hpp"

namespace syn::web {

void Context::set_cookie(std::string_view name, std::string_view value, std::optional<long> max_age) {
    add_cookie(http::set_cookie(name, value, {.path = "/", .max_age = max_age, .http_only = true, .secure = cfg.tls, .same_site = "Lax"}));
}

std::string Context::param(std::string_view name) const {
    auto v = route.param(name);
    return v ? std::string(*v) : std::string();
}

std::int64_t Context::id_param(std::string_view name) const {
    const auto v = route.param(name);
    const auto id = v ? text::parse_int(*v, 1, text::kMaxId) : std::nullopt;
    if (!id) throw NotFound();
    return *id;
}

std::string Context::csrf_token() {
    if (session) return session->csrf_token;
    if (!anon_csrf_.empty()) return anon_csrf_;
    if (auto h = req.headers.get("Cookie"))
        if (auto c = http::find_cookie(*h, "csrf"); c && c->size() >= 32 && c->size() <= 64) return anon_csrf_ = *c;
    anon_csrf_ = auth::random_token();
    set_cookie("csrf", anon_csrf_);
    return anon_csrf_;
}

std::string Context::client_ip() const {
    return web::client_address(cfg, req);
}

html::Shell Context::shell(std::vector<html::Crumb> crumbs) {
    html::Shell s;
    s.tr = &tr;
    s.site_name = municipality_title(*this, tr);
    // Empty: the layout draws the default emblem inline. An uploaded logo lives inside the
    // municipality's own addresses, so it takes the /m/<slug> prefix under path tenancy.
    s.logo_url = tenant.logo_url.starts_with("/logo/") ? url(tenant.logo_url) : tenant.logo_url;
    s.css_url = app.assets().url("css/app.css");
    // Folds a list's filter choices away on phones; a page without a list form ignores it.
    s.script_urls.push_back(app.assets().url("js/list-filters.js"));
    if (!tenant.brand_colour.empty() && tenant.brand_colour != html::default_brand_colour)
        s.theme_css_url = "/theme.css?c=" + tenant.brand_colour.substr(tenant.brand_colour.starts_with('#') ? 1 : 0);
    s.current_path_and_query = base_path + req.path + (req.query.empty() ? "" : "?" + req.query);
    s.lang_switch_action = url("/lang");
    s.path_prefix = base_path;
    s.csrf_token = csrf_token();
    if (logged_in() && session) s.user_display_name = session->display_name.empty() ? session->email : session->display_name;
    for (const auto& n : app.navigation()) {
        if (n.visible && !n.visible(*this)) continue;
        const bool current = n.path == "/" ? req.path == "/" : req.path.starts_with(n.path);
        s.nav.push_back({tr(n.msgid), url(n.path), current});
    }
    if (logged_in()) {
        // One indexed count per page for a logged-in person: the unread badge of PRODUCT's
        // "in-app list of notifications".
        // Kept 2 seconds and dropped at once by this process's changes (notify::generation()).
        static cache::ReadCache<std::int64_t> unread_counts(20'000, std::chrono::seconds(2));
        const auto unread = unread_counts.get(std::to_string(tenant.id) + ":" + std::to_string(principal.user_id), notify::generation(), [&] {
            return db.read([&](soci::session& ss) { return notify::unread_count(ss, tenant.id, principal.user_id); });
        });
        s.user_nav.push_back({tr("My page"), url("/my"), req.path == "/my"});
        s.user_nav.push_back({unread > 0 ? tr.tf("Notifications ({})", unread) : std::string(tr("Notifications")),
                              url("/notifications"), req.path.starts_with("/notifications")});
        s.user_nav.push_back({tr("My account"), url("/account"), req.path.starts_with("/account")});
    }
    else {
        s.user_nav.push_back({tr("Log in"), url("/login"), req.path == "/login"});
        s.user_nav.push_back({tr("Create an account"), url("/register"), req.path == "/register"});
    }
    if (!crumbs.empty()) crumbs.insert(crumbs.begin(), html::Crumb{tr("Home"), url("/")});
    s.crumbs = std::move(crumbs);
    s.flashes = flashes;
    if (second_factor_missing && !req.path.starts_with("/account/two-factor"))
        s.flashes.push_back({html::Flash::Info, tr("Your role at the municipality lets you see other people's data, so it needs two-step log-in. Until you set it up, you can use the site only as a citizen."),
                             url("/account/two-factor"), tr("Set up two-step log-in")});
    return s;
}

http::Response Context::page(std::string_view title, const html::Html& body, std::vector<html::Crumb> crumbs, int status) {
    return page(shell(std::move(crumbs)), title, body, status);
}

http::Response Context::page(html::Shell sh, std::string_view title, const html::Html& body, int status) {
    sh.has_errors = status == 422;  // a form came back with errors: the title says so first
    http::Response r;
    r.status = status;
    r.headers.set("Content-Type", "text/html; charset=utf-8");
    r.body = html::page(sh, title, body).str();
    return r;
}

http::Response Context::redirect(std::string_view path, const char* flash_msgid, html::Flash::Kind kind) {
    if (flash_msgid) {
        const char k = kind == html::Flash::Success ? 's' : kind == html::Flash::Error ? 'e' : 'i';
        std::string value(1, k);  // appended, not added: GCC 12 sees a false overlap (-Wrestrict) in a + b
        value.append(http::percent_encode(flash_msgid));
        set_cookie("flash", value, 60);
    }
    return http::Response::redirect(url(path));
}

}  // namespace syn::web
