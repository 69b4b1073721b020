// What the registry store's features share (store/shared.hpp): the row binding, the SELECT
// list, the reads by id or slug, lists and pages, and the generation caches key on.
#include "modules/registry/store/shared.hpp"
#include "platform/cache/changes.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "modules/registry/rules.hpp"

namespace syn::registry::store {

namespace {

cache::Topic g_organisations{"registry.organisations"};

using nlohmann::json;

std::string coordinate_text(double v) { return fmt::format("{}", v); }

Board board_from(const std::string& text) {
    Board b;
    auto j = json::parse(text, nullptr, false);
    if (!j.is_object()) return b;
    b.president = j.value("president", "");
    b.secretary = j.value("secretary", "");
    b.treasurer = j.value("treasurer", "");
    if (j.contains("members") && j["members"].is_array())
        for (auto& m : j["members"]) if (m.is_string()) b.members.push_back(m.get<std::string>());
    return b;
}


std::map<std::string, Visibility> visibility_from(const std::string& text) {
    std::map<std::string, Visibility> out;
    auto j = json::parse(text, nullptr, false);
    if (!j.is_object()) return out;
    for (auto& [k, v] : j.items())
        if (v.is_string()) out[k] = v.get<std::string>() == "municipality" ? Visibility::Municipality : Visibility::Public;
    return out;
}

}  // namespace

std::uint64_t generation() { return g_organisations.generation(); }

namespace detail {

void changed() { g_organisations.changed(); }

bool is_listed(State st) { return std::find(std::begin(kListedStates), std::end(kListedStates), st) != std::end(kListedStates); }

// What the full-text index holds for an organisation: its public words and the filter tokens.
std::string indexed_text(const Organisation& o) { return search_text(o, filter_tokens(o, is_listed(o.state))); }

const char* const kColumns =
    "o.id, o.municipality_id, o.slug, o.official_name, o.distinctive_title, o.kind, o.subtype, o.afm, "
    "o.gemi_number, o.kalo_registry_number, o.court_registry_number, o.founding_date, o.description, "
    "o.seat_address, o.neighbourhood, o.postal_code, o.latitude, o.longitude, o.email, o.phone, o.website, "
    "o.social_links, o.declared_members, o.board, o.visibility, o.logo_sha256, o.state, o.return_reasons, "
    "o.created_at, o.updated_at, o.submitted_at, o.verified_at, o.expires_at, o.reminded_at";

const db::FullText kOrganisationSearch{"organisation_search", "o.search_vector", "o.id"};

Organisation OrgBinding::current() const {
    auto opt = [](soci::indicator i, long long v) { return i == soci::i_ok ? std::optional<std::int64_t>(v) : std::nullopt; };
    Organisation o;
    o.id = id;
    o.municipality_id = municipality_id;
    o.slug = slug;
    auto& p = o.profile;
    p.official_name = official_name;
    p.distinctive_title = distinctive_title;
    p.kind = kind;
    p.subtype = subtype;
    if (afm_i == soci::i_ok) p.afm = afm;
    p.gemi_number = gemi;
    p.kalo_registry_number = kalo;
    p.court_registry_number = court;
    p.founding_date = founding;
    p.description_markdown = description;
    p.seat_address = seat;
    p.neighbourhood = neighbourhood;
    p.postal_code = postal;
    if (lat_i == soci::i_ok && lng_i == soci::i_ok) {
        o.latitude = lat;
        o.longitude = lng;
        p.latitude = coordinate_text(lat);
        p.longitude = coordinate_text(lng);
    }
    p.email = email;
    p.phone = phone;
    p.website = website;
    p.social_links = strings_from(social);
    if (declared_i == soci::i_ok) p.declared_members = std::to_string(declared);
    p.board = board_from(board);
    p.visibility = visibility_from(visibility);
    o.logo_sha256 = logo;
    o.state = parse_state(state).value_or(State::Draft);
    o.return_reasons = strings_from(reasons);
    o.created_at = created;
    o.updated_at = updated;
    o.submitted_at = opt(submitted_i, submitted);
    o.verified_at = opt(verified_i, verified);
    o.expires_at = opt(expires_i, expires);
    o.reminded_at = opt(reminded_i, reminded);
    return o;
}

std::vector<std::string> areas_of(soci::session& s, std::int64_t org_id) {
    std::vector<std::string> out;
    long long id = org_id;
    std::string area;
    soci::statement st = (s.prepare << "SELECT area FROM organisation_areas WHERE organisation_id = :id ORDER BY area",
                          soci::use(id), soci::into(area));
    st.execute();
    while (st.fetch()) out.push_back(area);
    return out;
}

// Areas for many organisations in one query (a directory page), keyed by id.
void attach_areas(soci::session& s, std::vector<Organisation>& orgs) {
    if (orgs.empty()) return;
    std::string ids;
    for (const auto& o : orgs) ids.append(ids.empty() ? "" : ",").append(std::to_string(o.id));  // integers we read: safe to inline
    long long id = 0;
    std::string area;
    soci::statement st = (s.prepare << "SELECT organisation_id, area FROM organisation_areas WHERE organisation_id IN (" + ids +
                                           ") ORDER BY organisation_id, area",
                          soci::into(id), soci::into(area));
    st.execute();
    std::unordered_map<long long, Organisation*> by_id;  // the page is not in id order
    for (auto& o : orgs) by_id.emplace(o.id, &o);
    while (st.fetch())
        if (auto it = by_id.find(id); it != by_id.end()) it->second->profile.areas.push_back(area);
}

bool is_postgres(soci::session& s) { return s.get_backend_name() == "postgresql"; }

// name_sort is hex, compared byte by byte (COLLATE "C" in the PostgreSQL schema).
std::string name_order(soci::session&) { return "o.name_sort, o.id"; }

std::vector<std::string> strings_from(const std::string& text) {
    std::vector<std::string> out;
    auto j = json::parse(text, nullptr, false);
    if (j.is_array()) for (auto& x : j) if (x.is_string()) out.push_back(x.get<std::string>());
    return out;
}

std::optional<Organisation> one(soci::session& s, const std::string& where, std::int64_t mid, const std::string& key_text,
                                std::int64_t key_id, bool for_update) {
    OrgBinding row;
    soci::statement st(s);
    row.exchange(st);
    long long m = mid, k = key_id;
    std::string kt = key_text;
    st.exchange(soci::use(m, "mid"));
    if (where == "slug") st.exchange(soci::use(kt, "key"));
    else st.exchange(soci::use(k, "key"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + " FROM organisations o WHERE o.municipality_id = :mid AND o." + where +
               " = :key" + (for_update && is_postgres(s) ? " FOR UPDATE" : ""));
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    auto o = row.current();
    o.profile.areas = areas_of(s, o.id);
    return o;
}


// Runs a SELECT of kColumns that `prepare` readies on st (row's into()s are exchanged already).
std::vector<Organisation> fetch_all(soci::session& s, soci::statement& st, OrgBinding& row,
                                    const std::function<void(soci::statement&)>& prepare) {
    prepare(st);
    st.execute();
    std::vector<Organisation> out;
    while (st.fetch()) out.push_back(row.current());
    attach_areas(s, out);
    return out;
}

// Runs a SELECT of kColumns built by the caller with its binds already exchanged.
std::vector<Organisation> fetch_all(soci::session& s, soci::statement& st, OrgBinding& row, const std::string& sql) {
    return fetch_all(s, st, row, [&](soci::statement& prepared) {
        prepared.alloc();
        prepared.prepare(sql);
        prepared.define_and_bind();
    });
}

std::vector<Organisation> rows_of(soci::session& s, db::Filter& f, const std::string& order, std::int64_t limit, std::int64_t offset) {
    OrgBinding row;
    soci::statement st(s);
    row.exchange(st);
    // Integers we computed: safe to write into the SQL.
    return fetch_all(s, st, row, [&](soci::statement& prepared) {
        f.prepare(prepared, std::string("SELECT ") + kColumns + f.from("organisations o") + f.where_clause() + " ORDER BY " + order +
                                " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset));
    });
}

DirectoryPage page_of(soci::session& s, db::Filter& f, const std::string& order, int page, int per_page,
                      std::optional<std::int64_t> total, bool ranked) {
    const db::Page p = db::page_of(total ? *total : f.count(s, "organisations o"), page, std::clamp(per_page, 1, 100));
    DirectoryPage out;
    out.total = p.total;
    out.pages = p.pages;
    out.page = p.page;
    if (ranked) {
        auto items = db::read_by_tiers(s, f, "organisations o", p.per_page, p.offset(), p.total,
                                       [&](std::int64_t n, std::int64_t skip) { return rows_of(s, f, order, n, skip); });
        if (items) {
            out.items = std::move(*items);
            return out;
        }
    }
    out.items = rows_of(s, f, (ranked ? f.rank_then() : std::string()) + order, p.per_page, p.offset());
    return out;
}

}  // namespace detail

}  // namespace syn::registry::store
