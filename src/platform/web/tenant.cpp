#include "platform/web/tenant.hpp"
#include "platform/cache/changes.hpp"
#include "platform/cache/read_cache.hpp"

#include <algorithm>
#include <cctype>

#include <soci/soci.h>

#include "platform/db/row.hpp"

namespace syn::web {

namespace {

// Host names compare without case, and "example.gr." (the fully qualified form a client may
// send) is "example.gr".
std::string normal_host(std::string h) {
    if (!h.empty() && h.back() == '.') h.pop_back();
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return h;
}

}  // namespace

std::string tenant_base_path(std::string_view tenancy, std::string_view slug) {
    return tenancy == "path" ? "/m/" + std::string(slug) : std::string();
}

std::vector<Tenant> load_tenants(soci::session& s) {
    std::vector<Tenant> out;
    soci::rowset<soci::row> rs = (s.prepare <<
        "SELECT id, elstat_code, name, name_en, region, nuts2, slug, COALESCE(host, ''), brand_colour, "
        "CASE WHEN logo_sha256 <> '' THEN '/logo/' || logo_sha256 ELSE logo_url END "
        "FROM municipalities ORDER BY id");
    for (const auto& r : rs) {
        Tenant t;
        t.id = db::get_int(r, 0);
        t.elstat_code = db::get_text(r, 1);
        t.name = db::get_text(r, 2);
        t.name_en = db::get_text(r, 3);
        t.region = db::get_text(r, 4);
        t.nuts2 = db::get_text(r, 5);
        t.slug = db::get_text(r, 6);
        t.host = normal_host(db::get_text(r, 7));  // once here, not per request in by_host
        t.brand_colour = db::get_text(r, 8);
        t.logo_url = db::get_text(r, 9);
        out.push_back(std::move(t));
    }
    return out;
}

std::int64_t insert_tenant(soci::session& s, const Tenant& t) {
    long long id = 0, now = db::now_unix();
    soci::indicator host_ind = t.host.empty() ? soci::i_null : soci::i_ok;
    s << "INSERT INTO municipalities (elstat_code, name, name_en, region, nuts2, slug, host, created_at) "
         "VALUES (:c, :n, :e, :r, :u, :s, :h, :t) RETURNING id",
        soci::use(t.elstat_code), soci::use(t.name), soci::use(t.name_en), soci::use(t.region), soci::use(t.nuts2),
        soci::use(t.slug), soci::use(t.host, host_ind), soci::use(now), soci::into(id);
    tenants_changed();
    return id;
}

Tenant tenant_by_slug(db::Database& db, std::string_view slug) {
    for (auto& t : db.read([](soci::session& s) { return load_tenants(s); }))
        if (t.slug == slug) return t;
    throw std::runtime_error("no municipality with slug '" + std::string(slug) + "'");
}

bool tenant_code_exists(soci::session& s, const std::string& elstat_code) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM municipalities WHERE elstat_code = :c", soci::use(elstat_code), soci::into(n);
    return n > 0;
}

bool tenant_slug_exists(soci::session& s, const std::string& slug) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM municipalities WHERE slug = :s", soci::use(slug), soci::into(n);
    return n > 0;
}

void update_tenant_appearance(soci::session& s, std::int64_t id, const std::string& name_en, const std::string& brand_colour) {
    long long i = id;
    s << "UPDATE municipalities SET name_en = :e, brand_colour = :c WHERE id = :i", soci::use(name_en), soci::use(brand_colour),
        soci::use(i);
    tenants_changed();
}

void set_tenant_logo(soci::session& s, std::int64_t id, const std::string& sha256) {
    long long i = id;
    s << "UPDATE municipalities SET logo_sha256 = :h, logo_url = '' WHERE id = :i", soci::use(sha256), soci::use(i);
    tenants_changed();
}

namespace {
cache::Topic g_tenants{"web.tenants"};
}  // namespace

void tenants_changed() { g_tenants.changed(); }

void TenantDirectory::reload() {
    const auto generation = g_tenants.generation();
    // From the primary: every request after it, a writer's too, uses what is loaded here.
    db::ReplicaReads primary(false);
    auto all = db_->read([](soci::session& s) { return load_tenants(s); });
    std::lock_guard lk(mu_);
    all_ = std::move(all);
    loaded_at_ = db::now_unix();
    loaded_generation_ = generation;
}

template <class Pred>
std::optional<Tenant> TenantDirectory::find(Pred p) {
    {
        std::lock_guard lk(mu_);
        // A visitor who just wrote may be here before this copy heard of the change: reload.
        const bool current = loaded_generation_ == g_tenants.generation() && !cache::FreshReads::on();
        if (current)
            for (const auto& t : all_)
                if (p(t)) return t;
        if (current && loaded_at_ == db::now_unix()) return std::nullopt;
    }
    reload();
    std::lock_guard lk(mu_);
    for (const auto& t : all_)
        if (p(t)) return t;
    return std::nullopt;
}

std::optional<Tenant> TenantDirectory::by_slug(const std::string& slug) {
    return find([&](const Tenant& t) { return t.slug == slug; });
}
std::optional<Tenant> TenantDirectory::by_host(const std::string& host) {
    const auto wanted = normal_host(host);
    return find([&](const Tenant& t) { return !t.host.empty() && t.host == wanted; });
}
std::optional<Tenant> TenantDirectory::by_id(std::int64_t id) {
    return find([&](const Tenant& t) { return t.id == id; });
}
std::optional<Tenant> TenantDirectory::first() {
    return find([](const Tenant&) { return true; });
}

}  // namespace syn::web
