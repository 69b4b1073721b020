#pragma once
// Municipalities (tenants) and how a request finds its own: one install serves one
// municipality, or many chosen by host name or by a /m/<slug>/ path prefix.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/database.hpp"

namespace syn::web {

struct Tenant {
    std::int64_t id = 0;
    // logo_url: the uploaded logo's "/logo/<sha256>" inside the municipality, a /static/ image,
    // or "" for the default emblem.
    std::string elstat_code = {}, name = {}, name_en = {}, region = {}, nuts2 = {}, slug = {}, host = {}, brand_colour = {}, logo_url = {};
};

// Cached in memory because every request needs it; reloaded after tenants_changed() here or in
// another copy of the program (platform/cache/changes.hpp), and when a lookup misses at most once
// a second.
class TenantDirectory {
public:
    explicit TenantDirectory(std::shared_ptr<db::Database> db) : db_(std::move(db)) {}
    std::optional<Tenant> by_slug(const std::string& slug);
    std::optional<Tenant> by_host(const std::string& host);
    std::optional<Tenant> by_id(std::int64_t id);
    std::optional<Tenant> first();
    void reload();

private:
    template <class Pred>
    std::optional<Tenant> find(Pred p);
    std::shared_ptr<db::Database> db_;
    std::mutex mu_;
    std::vector<Tenant> all_;
    std::int64_t loaded_at_ = -1;
    std::uint64_t loaded_generation_ = 0;
};

// Every copy's TenantDirectory reloads: a municipality was added or its appearance changed.
void tenants_changed();

// The prefix of every link inside a municipality: "/m/<slug>" under path tenancy, where the
// path chooses the municipality, and "" under host or single tenancy. Requests and the system's
// own mail build their links with the same rule.
std::string tenant_base_path(std::string_view tenancy, std::string_view slug);

std::vector<Tenant> load_tenants(soci::session& s);
// The municipality with this slug, for the command line ("--tenant kalamata"); throws a
// std::runtime_error that says so when there is none.
Tenant tenant_by_slug(db::Database& db, std::string_view slug);
std::int64_t insert_tenant(soci::session& s, const Tenant& t);
bool tenant_code_exists(soci::session& s, const std::string& elstat_code);
bool tenant_slug_exists(soci::session& s, const std::string& slug);
// What a municipality's administrator may change about its appearance.
void update_tenant_appearance(soci::session& s, std::int64_t id, const std::string& name_en, const std::string& brand_colour);
// The uploaded logo's hash in the blob store ("" for the default emblem); its Tenant::logo_url
// becomes "/logo/<hash>", a new address for every new logo so browsers may keep it a year.
void set_tenant_logo(soci::session& s, std::int64_t id, const std::string& sha256);

}  // namespace syn::web
