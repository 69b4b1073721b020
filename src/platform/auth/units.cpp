#include "platform/auth/units.hpp"

#include <chrono>
#include <map>

#include "platform/cache/changes.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/db/row.hpp"

namespace syn::auth {

namespace {

cache::Topic g_units{"auth.units"};

constexpr const char* kColumns = "SELECT id, parent_id, kind, name_el, name_en, email, retired_at FROM units ";

Unit unit_from(const soci::row& r) {
    Unit u;
    u.id = db::get_int(r, 0);
    if (r.get_indicator(1) == soci::i_ok) u.parent_id = db::get_int(r, 1);
    u.kind = db::get_text(r, 2);
    u.name_el = db::get_text(r, 3);
    u.name_en = db::get_text(r, 4);
    u.email = db::get_text(r, 5);
    u.retired = r.get_indicator(6) == soci::i_ok;
    return u;
}

}  // namespace

bool is_unit_kind(std::string_view kind) {
    for (auto k : kUnitKinds)
        if (k == kind) return true;
    return false;
}

std::vector<Unit> list_units(soci::session& s, std::int64_t municipality_id) {
    const long long m = municipality_id;
    soci::rowset<soci::row> rs = (s.prepare << std::string(kColumns) + "WHERE municipality_id = :m ORDER BY name_el, id", soci::use(m));
    std::vector<Unit> out;
    for (const auto& r : rs) out.push_back(unit_from(r));
    return out;
}

std::optional<Unit> find_unit(soci::session& s, std::int64_t municipality_id, std::int64_t id) {
    const long long m = municipality_id, i = id;
    soci::rowset<soci::row> rs = (s.prepare << std::string(kColumns) + "WHERE municipality_id = :m AND id = :i", soci::use(m), soci::use(i));
    for (const auto& r : rs) return unit_from(r);
    return std::nullopt;
}

std::int64_t add_unit(soci::session& s, std::int64_t municipality_id, const Unit& u) {
    long long m = municipality_id, id = 0, at = db::now_unix();
    long long parent = u.parent_id.value_or(0);
    soci::indicator parent_ind = u.parent_id ? soci::i_ok : soci::i_null;
    s << "INSERT INTO units (municipality_id, parent_id, kind, name_el, name_en, email, created_at) "
         "VALUES (:m, :p, :k, :el, :en, :e, :at) RETURNING id",
        soci::use(m), soci::use(parent, parent_ind), soci::use(u.kind), soci::use(u.name_el), soci::use(u.name_en),
        soci::use(u.email), soci::use(at), soci::into(id);
    return id;
}

void update_unit(soci::session& s, std::int64_t municipality_id, const Unit& u) {
    long long m = municipality_id, i = u.id;
    long long parent = u.parent_id.value_or(0);
    soci::indicator parent_ind = u.parent_id ? soci::i_ok : soci::i_null;
    s << "UPDATE units SET parent_id = :p, kind = :k, name_el = :el, name_en = :en, email = :e "
         "WHERE municipality_id = :m AND id = :i",
        soci::use(parent, parent_ind), soci::use(u.kind), soci::use(u.name_el), soci::use(u.name_en), soci::use(u.email),
        soci::use(m), soci::use(i);
}

void set_unit_retired(soci::session& s, std::int64_t municipality_id, std::int64_t id, bool retired) {
    long long m = municipality_id, i = id, at = db::now_unix();
    soci::indicator ind = retired ? soci::i_ok : soci::i_null;
    s << "UPDATE units SET retired_at = :r WHERE municipality_id = :m AND id = :i", soci::use(at, ind), soci::use(m), soci::use(i);
}

namespace {

std::map<std::string, UnitUse>& unit_uses() {
    static std::map<std::string, UnitUse> uses;  // filled at start-up, before any request
    return uses;
}

}  // namespace

void define_unit_use(std::string name, UnitUse use) { unit_uses()[std::move(name)] = std::move(use); }

const char* unit_in_use(soci::session& s, std::int64_t municipality_id, std::int64_t unit_id) {
    for (const auto& [name, use] : unit_uses())
        if (const char* why = use(s, municipality_id, unit_id)) return why;
    return nullptr;
}

void units_changed() { g_units.changed(); }
std::uint64_t units_generation() { return g_units.generation(); }

UnitTree::UnitTree(const std::vector<Unit>& units) {
    for (const auto& u : units) parent_[u.id] = u.parent_id.value_or(0);
}

bool UnitTree::covers(std::int64_t upper, std::int64_t unit) const {
    // The depth is bounded by the number of units, so a loop in bad data cannot hang us.
    for (std::size_t step = 0; unit != 0 && step <= parent_.size(); ++step) {
        if (unit == upper) return true;
        auto it = parent_.find(unit);
        if (it == parent_.end()) return false;
        unit = it->second;
    }
    return false;
}

std::vector<std::int64_t> UnitTree::with_units_below(std::int64_t unit) const {
    std::vector<std::int64_t> out;
    for (const auto& [id, parent] : parent_)
        if (covers(unit, id)) out.push_back(id);
    if (out.empty()) out.push_back(unit);
    return out;
}

namespace {

// One cache for both ways of reading.
cache::ReadCache<std::shared_ptr<const UnitTree>>& tree_cache() {
    static cache::ReadCache<std::shared_ptr<const UnitTree>> cache(1000, std::chrono::seconds(5));
    return cache;
}

template <class Read>
std::shared_ptr<const UnitTree> cached_tree(std::int64_t municipality_id, Read read) {
    return tree_cache().get(std::to_string(municipality_id), units_generation(),
                            [&] { return std::make_shared<const UnitTree>(read()); });
}

}  // namespace

std::shared_ptr<const UnitTree> unit_tree(db::Database& db, std::int64_t municipality_id) {
    return cached_tree(municipality_id, [&] { return db.read([&](soci::session& s) { return list_units(s, municipality_id); }); });
}

std::shared_ptr<const UnitTree> unit_tree(soci::session& s, std::int64_t municipality_id) {
    return cached_tree(municipality_id, [&] { return list_units(s, municipality_id); });
}

}  // namespace syn::auth
