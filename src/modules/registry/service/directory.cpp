// Public reads: the directory, a profile, a logo. Nothing here needs a log-in.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "platform/cache/read_cache.hpp"
#include "platform/db/search_refill.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/store.hpp"
#include "platform/files/blob_store.hpp"
#include "platform/web/places.hpp"

namespace syn::registry {

namespace {

bool listed(const Organisation& o) {
    return std::find(std::begin(store::kListedStates), std::end(store::kListedStates), o.state) != std::end(store::kListedStates);
}

// The public directory is read far more often than it changes, and each page costs a count,
// a page of rows and their areas: results are cached (read_cache.hpp).
std::string cache_key(std::int64_t tenant, const DirectoryQuery& q) {
    return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", tenant, q.q, q.kind, q.area, q.neighbourhood,
                       q.verified_only, static_cast<int>(q.sort), q.page, q.per_page);
}

}  // namespace

DirectoryPage directory(const web::Scope& scope, const DirectoryQuery& q) {
    static cache::ReadCache<std::shared_ptr<const DirectoryPage>> cache(200);  // ~100 KB each (50 organisations)
    auto page = cache.get(cache_key(scope.tenant.id, q), store::generation(), [&] {
        auto p = scope.db.read([&](soci::session& s) { return store::directory(s, scope.tenant.id, q); });
        for (auto& o : p.items) o = redact_for_public(std::move(o));
        return std::make_shared<const DirectoryPage>(std::move(p));
    });
    return *page;
}

std::vector<std::string> neighbourhoods(const web::Scope& scope) {
    static cache::ReadCache<std::shared_ptr<const std::vector<std::string>>> cache(1000);
    return *cache.get(std::to_string(scope.tenant.id), store::generation(), [&] {
        return std::make_shared<const std::vector<std::string>>(
            scope.db.read([&](soci::session& s) { return store::listed_neighbourhoods(s, scope.tenant.id); }));
    });
}

std::uint64_t directory_version() { return store::generation(); }

std::optional<Organisation> find_public(const web::Scope& scope, std::string_view slug) {
    auto o = scope.db.read([&](soci::session& s) { return store::by_slug(s, scope.tenant.id, slug); });
    if (!o) return std::nullopt;
    const Access a = access(scope, *o);
    if (a.member || a.reader) return o;  // their own view of the public page, with every field
    if (!listed(*o)) return std::nullopt;
    return redact_for_public(std::move(*o));
}

std::optional<std::pair<std::string, std::string>> public_logo(const web::Scope& scope, std::string_view slug) {
    auto o = scope.db.read([&](soci::session& s) { return store::by_slug(s, scope.tenant.id, slug); });
    if (!o || !listed(*o) || o->logo_sha256.empty()) return std::nullopt;
    files::BlobStore blobs(scope.cfg.files_dir);
    auto data = blobs.get(o->logo_sha256);
    if (!data) return std::nullopt;
    // The logo was checked as PNG or JPEG on upload; tell which by its first bytes.
    const bool png = data->size() >= 8 && data->compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
    return std::make_pair(std::string(png ? "image/png" : "image/jpeg"), std::move(*data));
}

std::optional<std::pair<double, double>> seats_centre(const web::Scope& scope) {
    return scope.db.read([&](soci::session& s) { return store::seats_centre(s, scope.tenant.id); });
}

std::size_t adopt_neighbourhoods(db::Database& db) {
    return db.transact([](soci::session& s) {
        std::size_t respelled = 0;
        for (const auto& [municipality_id, value] : store::neighbourhood_values(s)) {
            auto place = web::find_place(s, municipality_id, value);
            if (!place) {
                web::add_place(s, municipality_id, {.name = value, .kind = web::PlaceKind::Neighbourhood});
                continue;  // this spelling is now the place's own
            }
            if (place->name == value) continue;
            store::respell_neighbourhood(s, municipality_id, value, place->name);
            ++respelled;
        }
        return respelled;
    });
}

std::size_t refill_search(db::Database& db) {
    return db::refill_search(db, "organisations", 200, [](soci::session& s, std::size_t batch) { return store::refill_search(s, batch); });
}

}  // namespace syn::registry
