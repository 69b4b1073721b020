#include "modules/registry/store.hpp"
#include "platform/db/filter.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <atomic>
#include <unordered_map>

#include "modules/registry/rules.hpp"
#include "platform/db/row.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/text.hpp"

namespace syn::registry::store {

namespace {

std::atomic<std::uint64_t> g_generation{1};
void changed() { g_generation.fetch_add(1, std::memory_order_relaxed); }

bool is_listed(State st) { return std::find(std::begin(kListedStates), std::end(kListedStates), st) != std::end(kListedStates); }

// What the full-text index holds for an organisation: its public words and the filter tokens.
std::string indexed_text(const Organisation& o) { return search_text(o) + filter_tokens(o, is_listed(o.state)); }

using nlohmann::json;

constexpr const char* kColumns =
    "o.id, o.municipality_id, o.slug, o.official_name, o.distinctive_title, o.kind, o.subtype, o.afm, "
    "o.gemi_number, o.kalo_registry_number, o.court_registry_number, o.founding_date, o.description, "
    "o.seat_address, o.neighbourhood, o.postal_code, o.latitude, o.longitude, o.email, o.phone, o.website, "
    "o.social_links, o.declared_members, o.board, o.visibility, o.logo_sha256, o.state, o.return_reasons, "
    "o.created_at, o.updated_at, o.submitted_at, o.verified_at, o.expires_at, o.reminded_at";

std::string coordinate_text(double v) { return fmt::format("{}", v); }

json board_json(const Board& b) {
    return json{{"president", b.president}, {"secretary", b.secretary}, {"treasurer", b.treasurer}, {"members", b.members}};
}

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

std::vector<std::string> strings_from(const std::string& text) {
    std::vector<std::string> out;
    auto j = json::parse(text, nullptr, false);
    if (j.is_array()) for (auto& x : j) if (x.is_string()) out.push_back(x.get<std::string>());
    return out;
}

std::string visibility_text(const OrganisationInput& in) {
    json j = json::object();
    // Store only what differs from the default, so a change of default reaches old rows.
    for (const char* f : visibility_fields()) {
        const auto v = visibility_of(in, f);
        if (v != default_visibility(f)) j[f] = v == Visibility::Public ? "public" : "municipality";
    }
    return j.dump();
}

std::map<std::string, Visibility> visibility_from(const std::string& text) {
    std::map<std::string, Visibility> out;
    auto j = json::parse(text, nullptr, false);
    if (!j.is_object()) return out;
    for (auto& [k, v] : j.items())
        if (v.is_string()) out[k] = v.get<std::string>() == "municipality" ? Visibility::Municipality : Visibility::Public;
    return out;
}

// Typed binding of one organisations row: faster than soci::row, and NULLs explicit.
struct OrgBinding {
    long long id = 0, municipality_id = 0;
    std::string slug, official_name, distinctive_title, kind, subtype, afm, gemi, kalo, court, founding, description,
        seat, neighbourhood, postal, email, phone, website, social, board, visibility, logo, state, reasons;
    double lat = 0, lng = 0;
    long long declared = 0, created = 0, updated = 0, submitted = 0, verified = 0, expires = 0, reminded = 0;
    soci::indicator afm_i = soci::i_ok, lat_i = soci::i_ok, lng_i = soci::i_ok, declared_i = soci::i_ok,
                    submitted_i = soci::i_ok, verified_i = soci::i_ok, expires_i = soci::i_ok, reminded_i = soci::i_ok;

    void exchange(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(municipality_id));
        st.exchange(soci::into(slug));
        st.exchange(soci::into(official_name));
        st.exchange(soci::into(distinctive_title));
        st.exchange(soci::into(kind));
        st.exchange(soci::into(subtype));
        st.exchange(soci::into(afm, afm_i));
        st.exchange(soci::into(gemi));
        st.exchange(soci::into(kalo));
        st.exchange(soci::into(court));
        st.exchange(soci::into(founding));
        st.exchange(soci::into(description));
        st.exchange(soci::into(seat));
        st.exchange(soci::into(neighbourhood));
        st.exchange(soci::into(postal));
        st.exchange(soci::into(lat, lat_i));
        st.exchange(soci::into(lng, lng_i));
        st.exchange(soci::into(email));
        st.exchange(soci::into(phone));
        st.exchange(soci::into(website));
        st.exchange(soci::into(social));
        st.exchange(soci::into(declared, declared_i));
        st.exchange(soci::into(board));
        st.exchange(soci::into(visibility));
        st.exchange(soci::into(logo));
        st.exchange(soci::into(state));
        st.exchange(soci::into(reasons));
        st.exchange(soci::into(created));
        st.exchange(soci::into(updated));
        st.exchange(soci::into(submitted, submitted_i));
        st.exchange(soci::into(verified, verified_i));
        st.exchange(soci::into(expires, expires_i));
        st.exchange(soci::into(reminded, reminded_i));
    }

    Organisation current() const {
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
};

// The profile as bound values for INSERT and UPDATE.
struct ProfileValues {
    std::string official_name, distinctive_title, kind, subtype, afm, gemi, kalo, court, founding, description, seat,
        neighbourhood, postal, email, phone, website, social, board, visibility, name_sort, search, public_neighbourhood;
    double lat = 0, lng = 0;
    long long declared = 0;
    soci::indicator afm_i = soci::i_ok, lat_i = soci::i_null, lng_i = soci::i_null, declared_i = soci::i_null;

    explicit ProfileValues(const Organisation& o) {
        const auto& p = o.profile;
        official_name = p.official_name;
        distinctive_title = p.distinctive_title;
        kind = p.kind;
        subtype = p.subtype;
        afm = p.afm;
        afm_i = p.afm.empty() ? soci::i_null : soci::i_ok;
        gemi = p.gemi_number;
        kalo = p.kalo_registry_number;
        court = p.court_registry_number;
        founding = p.founding_date;
        description = p.description_markdown;
        seat = p.seat_address;
        neighbourhood = p.neighbourhood;
        postal = p.postal_code;
        if (auto la = parse_coordinate(p.latitude), lo = parse_coordinate(p.longitude); la && lo) {
            lat = *la;
            lng = *lo;
            lat_i = lng_i = soci::i_ok;
        }
        email = p.email;
        phone = p.phone;
        website = p.website;
        social = json(p.social_links).dump();
        if (!p.declared_members.empty()) {
            try {
                declared = std::stoll(p.declared_members);
                declared_i = soci::i_ok;
            } catch (const std::exception&) {
            }
        }
        board = board_json(p.board).dump();
        visibility = visibility_text(p);
        name_sort = i18n::sort_key(i18n::Lang::El, p.official_name);
        search = indexed_text(o);
        public_neighbourhood = visibility_of(p, "neighbourhood") == Visibility::Public ? p.neighbourhood : "";
    }
};

void replace_areas(soci::session& s, const Organisation& o) {
    long long id = o.id, mid = o.municipality_id;
    s << "DELETE FROM organisation_areas WHERE organisation_id = :id", soci::use(id);
    std::string area;
    soci::statement ins = (s.prepare << "INSERT INTO organisation_areas (organisation_id, municipality_id, area) VALUES (:id, :mid, :area)",
                           soci::use(id), soci::use(mid), soci::use(area));
    for (const auto& a : o.profile.areas) {
        area = a;
        ins.execute(true);
    }
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
    for (const auto& o : orgs) ids += (ids.empty() ? "" : ",") + std::to_string(o.id);  // integers we read: safe to inline
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

void replace_search(soci::session& s, const Organisation& o, const std::string& text) {
    if (s.get_backend_name() != "sqlite3") return;  // PostgreSQL indexes organisations.search_text itself
    long long id = o.id;
    std::string t = text;
    s << "DELETE FROM organisation_search WHERE rowid = :id", soci::use(id);
    s << "INSERT INTO organisation_search (rowid, search_text) VALUES (:id, :t)", soci::use(id), soci::use(t);
}

bool is_postgres(soci::session& s) { return s.get_backend_name() == "postgresql"; }

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

std::string unique_slug(soci::session& s, std::int64_t mid, const std::string& name) {
    std::string base = text::slug(name, 70);
    if (base.empty()) base = "organisation";
    long long m = mid;
    for (int n = 1;; ++n) {
        std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
        int count = 0;
        s << "SELECT COUNT(*) FROM organisations WHERE municipality_id = :mid AND slug = :slug", soci::use(m), soci::use(candidate),
            soci::into(count);
        if (count == 0) return candidate;
    }
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

const db::FullText kOrganisationSearch{"organisation_search", "o.search_vector", "o.id"};

// One page of the organisations the filter selects, in `order` (the table is "o"; a search may
// start from its matches instead).
DirectoryPage page_of(soci::session& s, db::Filter& f, const std::string& order, int page, int per_page,
                      std::optional<std::int64_t> total = std::nullopt) {
    const db::Page p = db::page_of(total ? *total : f.count(s, "organisations o"), page, std::clamp(per_page, 1, 100));
    DirectoryPage out;
    out.total = p.total;
    out.pages = p.pages;
    out.page = p.page;
    OrgBinding row;
    soci::statement st(s);
    row.exchange(st);
    out.items = fetch_all(s, st, row, [&](soci::statement& prepared) {
        f.prepare(prepared, std::string("SELECT ") + kColumns + f.from("organisations o") + f.where_clause() + " ORDER BY " + order +
                                p.limit_offset());
    });
    return out;
}

std::int64_t fts_count(soci::session& s, const std::string& match) {
    long long n = 0;
    std::string m = match;
    s << "SELECT COUNT(*) FROM organisation_search WHERE organisation_search MATCH :m", soci::use(m), soci::into(n);
    return n;
}

// Up to this many matches, a search page is read starting from the matches; beyond it, by
// walking the listing index in name order and probing the matches, which fills a page fast
// when matches are dense.
constexpr std::int64_t kDriveFromMatches = 2000;

// name_sort is hex, compared byte by byte (COLLATE "C" in the PostgreSQL schema).
std::string name_order(soci::session&) { return "o.name_sort, o.id"; }

}  // namespace

std::uint64_t generation() { return g_generation.load(std::memory_order_relaxed); }

std::int64_t insert(soci::session& s, Organisation& o) {
    changed();
    o.slug = unique_slug(s, o.municipality_id, o.profile.official_name);
    ProfileValues v(o);
    long long mid = o.municipality_id, created = o.created_at, updated = o.updated_at, id = 0;
    int listed = is_listed(o.state) ? 1 : 0;
    std::string state = state_code(o.state), reasons = json(o.return_reasons).dump();
    long long submitted = o.submitted_at.value_or(0), verified = o.verified_at.value_or(0), expires = o.expires_at.value_or(0);
    soci::indicator sub_i = o.submitted_at ? soci::i_ok : soci::i_null, ver_i = o.verified_at ? soci::i_ok : soci::i_null,
                    exp_i = o.expires_at ? soci::i_ok : soci::i_null;
    s << "INSERT INTO organisations (municipality_id, slug, official_name, distinctive_title, kind, subtype, afm, gemi_number, "
         "kalo_registry_number, court_registry_number, founding_date, description, seat_address, neighbourhood, postal_code, "
         "latitude, longitude, email, phone, website, social_links, declared_members, board, visibility, state, return_reasons, "
         "name_sort, search_text, public_neighbourhood, listed, created_at, updated_at, submitted_at, verified_at, expires_at) VALUES "
         "(:mid, :slug, :name, :title, :kind, :subtype, :afm, :gemi, :kalo, :court, :founding, :descr, :seat, :nb, :postal, :lat, :lng, "
         ":email, :phone, :web, :social, :declared, :board, :vis, :state, :reasons, :sort, :search, :pnb, :listed, :created, :updated, "
         ":submitted, :verified, :expires) RETURNING id",
        soci::use(mid), soci::use(o.slug), soci::use(v.official_name), soci::use(v.distinctive_title), soci::use(v.kind),
        soci::use(v.subtype), soci::use(v.afm, v.afm_i), soci::use(v.gemi), soci::use(v.kalo), soci::use(v.court), soci::use(v.founding),
        soci::use(v.description), soci::use(v.seat), soci::use(v.neighbourhood), soci::use(v.postal), soci::use(v.lat, v.lat_i),
        soci::use(v.lng, v.lng_i), soci::use(v.email), soci::use(v.phone), soci::use(v.website), soci::use(v.social),
        soci::use(v.declared, v.declared_i), soci::use(v.board), soci::use(v.visibility), soci::use(state), soci::use(reasons),
        soci::use(v.name_sort), soci::use(v.search), soci::use(v.public_neighbourhood), soci::use(listed), soci::use(created),
        soci::use(updated), soci::use(submitted, sub_i), soci::use(verified, ver_i), soci::use(expires, exp_i), soci::into(id);
    o.id = id;
    replace_areas(s, o);
    replace_search(s, o, v.search);
    return id;
}

void update_profile(soci::session& s, const Organisation& o) {
    changed();
    ProfileValues v(o);
    long long mid = o.municipality_id, id = o.id, updated = o.updated_at;
    s << "UPDATE organisations SET official_name = :name, distinctive_title = :title, kind = :kind, subtype = :subtype, afm = :afm, "
         "gemi_number = :gemi, kalo_registry_number = :kalo, court_registry_number = :court, founding_date = :founding, "
         "description = :descr, seat_address = :seat, neighbourhood = :nb, postal_code = :postal, latitude = :lat, longitude = :lng, "
         "email = :email, phone = :phone, website = :web, social_links = :social, declared_members = :declared, board = :board, "
         "visibility = :vis, name_sort = :sort, search_text = :search, public_neighbourhood = :pnb, updated_at = :updated "
         "WHERE municipality_id = :mid AND id = :id",
        soci::use(v.official_name), soci::use(v.distinctive_title), soci::use(v.kind), soci::use(v.subtype), soci::use(v.afm, v.afm_i),
        soci::use(v.gemi), soci::use(v.kalo), soci::use(v.court), soci::use(v.founding), soci::use(v.description), soci::use(v.seat),
        soci::use(v.neighbourhood), soci::use(v.postal), soci::use(v.lat, v.lat_i), soci::use(v.lng, v.lng_i), soci::use(v.email),
        soci::use(v.phone), soci::use(v.website), soci::use(v.social), soci::use(v.declared, v.declared_i), soci::use(v.board),
        soci::use(v.visibility), soci::use(v.name_sort), soci::use(v.search), soci::use(v.public_neighbourhood), soci::use(updated),
        soci::use(mid), soci::use(id);
    replace_areas(s, o);
    replace_search(s, o, v.search);
}

void update_lifecycle(soci::session& s, const Organisation& o) {
    changed();
    long long mid = o.municipality_id, id = o.id, updated = o.updated_at;
    std::string state = state_code(o.state), reasons = json(o.return_reasons).dump();
    long long submitted = o.submitted_at.value_or(0), verified = o.verified_at.value_or(0), expires = o.expires_at.value_or(0),
              reminded = o.reminded_at.value_or(0);
    soci::indicator sub_i = o.submitted_at ? soci::i_ok : soci::i_null, ver_i = o.verified_at ? soci::i_ok : soci::i_null,
                    exp_i = o.expires_at ? soci::i_ok : soci::i_null, rem_i = o.reminded_at ? soci::i_ok : soci::i_null;
    int listed = is_listed(o.state) ? 1 : 0;
    std::string search = indexed_text(o);  // the listed and verified tokens follow the state
    s << "UPDATE organisations SET state = :state, listed = :listed, search_text = :search, return_reasons = :reasons, "
         "submitted_at = :submitted, verified_at = :verified, expires_at = :expires, reminded_at = :reminded, updated_at = :updated "
         "WHERE municipality_id = :mid AND id = :id",
        soci::use(state), soci::use(listed), soci::use(search), soci::use(reasons), soci::use(submitted, sub_i), soci::use(verified, ver_i), soci::use(expires, exp_i),
        soci::use(reminded, rem_i), soci::use(updated), soci::use(mid), soci::use(id);
    replace_search(s, o, search);
}

void set_logo(soci::session& s, std::int64_t municipality_id, std::int64_t id, const std::string& sha256) {
    changed();
    long long mid = municipality_id, i = id;
    std::string h = sha256;
    s << "UPDATE organisations SET logo_sha256 = :h WHERE municipality_id = :mid AND id = :id", soci::use(h), soci::use(mid), soci::use(i);
}

std::optional<Organisation> by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id) {
    return one(s, "id", municipality_id, "", id, false);
}

std::optional<Organisation> by_id_for_update(soci::session& s, std::int64_t municipality_id, std::int64_t id) {
    return one(s, "id", municipality_id, "", id, true);
}

std::optional<Organisation> by_slug(soci::session& s, std::int64_t municipality_id, std::string_view slug) {
    return one(s, "slug", municipality_id, std::string(slug), 0, false);
}

DirectoryPage directory(soci::session& s, std::int64_t municipality_id, const DirectoryQuery& q) {
    db::Filter f(s);
    f.where("o.municipality_id = {}", municipality_id);
    f.where(q.verified_only ? "o.state = 'verified'" : "o.listed = 1");
    if (!q.kind.empty()) f.where("o.kind = {}", q.kind);
    if (!q.neighbourhood.empty()) f.where("o.public_neighbourhood = {}", q.neighbourhood);
    if (!q.area.empty()) f.where("EXISTS (SELECT 1 FROM organisation_areas a WHERE a.organisation_id = o.id AND a.area = {})", q.area);
    const std::string order = q.sort == DirectorySort::Newest ? "o.submitted_at DESC, o.id DESC" : name_order(s);
    const auto terms = text::search_terms(q.q);
    if (terms.empty()) return page_of(s, f, order, q.page, q.per_page);

    // The filters also ride in the full-text query as exact tokens (rules.hpp), so the index
    // narrows by municipality, listing, kind and area together with the words.
    const auto exact = filter_terms({municipality_id, q.verified_only, q.kind, q.area});
    if (f.postgres()) {
        f.search(q.q, kOrganisationSearch, db::Drive::Condition, exact);
        return page_of(s, f, order, q.page, q.per_page);
    }
    std::optional<std::int64_t> total;
    if (q.neighbourhood.empty()) total = fts_count(s, text::fts5_query(terms, exact));  // the index alone answers it
    f.search(q.q, kOrganisationSearch, total && *total <= kDriveFromMatches ? db::Drive::FromMatches : db::Drive::Condition, exact);
    return page_of(s, f, order, q.page, q.per_page, total);
}

DirectoryPage queue(soci::session& s, std::int64_t municipality_id, const QueueQuery& q) {
    db::Filter f(s);
    f.where("o.municipality_id = {}", municipality_id);
    if (!q.state.empty()) f.where("o.state = {}", q.state);
    // Staff look organisations up by ΑΦΜ too; it is not in the (public) search text.
    if (const auto afm = text::trim(q.q); afm.size() == 9 && std::all_of(afm.begin(), afm.end(), [](unsigned char c) { return c >= '0' && c <= '9'; }))
        f.where("o.afm = {}", afm);
    else
        f.search(q.q, kOrganisationSearch);
    // Oldest submission first: first come, first served. Drafts have none; they come last by name.
    const std::string order = f.postgres() ? "o.submitted_at ASC NULLS LAST, o.id" : "o.submitted_at IS NULL, o.submitted_at, o.id";
    return page_of(s, f, order, q.page, q.per_page);
}

std::vector<std::string> listed_neighbourhoods(soci::session& s, std::int64_t municipality_id) {
    std::vector<std::string> out;
    long long mid = municipality_id;
    std::string nb;
    soci::statement st = (s.prepare << "SELECT DISTINCT public_neighbourhood FROM organisations WHERE municipality_id = :mid AND listed = 1 "
                                       "AND public_neighbourhood <> ''",
                          soci::use(mid), soci::into(nb));
    st.execute();
    while (st.fetch()) out.push_back(nb);
    const i18n::Tr el(i18n::Lang::El);
    std::sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) { return i18n::collate(el, a, b) < 0; });
    return out;
}

std::vector<Organisation> duplicates(soci::session& s, std::int64_t municipality_id, std::int64_t except_id, const std::string& afm,
                                     const std::string& folded_name) {
    // The folded name is the start of search_text (see rules/search.cpp), so a prefix comparison finds it
    // without a separate column.
    OrgBinding row;
    soci::statement st(s);
    row.exchange(st);
    long long mid = municipality_id, except = except_id;
    std::string a = afm.empty() ? std::string("\x01") : afm, pattern = folded_name + " |%";
    st.exchange(soci::use(mid, "mid"));
    st.exchange(soci::use(except, "except"));
    st.exchange(soci::use(a, "afm"));
    st.exchange(soci::use(pattern, "pattern"));
    return fetch_all(s, st, row,
                     std::string("SELECT ") + kColumns +
                         " FROM organisations o WHERE o.municipality_id = :mid AND o.id <> :except AND (o.afm = :afm OR "
                         "o.search_text LIKE :pattern) ORDER BY o.id LIMIT 20");
}

std::int64_t count_in(soci::session& s, std::int64_t municipality_id) {
    long long mid = municipality_id, n = 0;
    s << "SELECT COUNT(*) FROM organisations WHERE municipality_id = :mid", soci::use(mid), soci::into(n);
    return n;
}

bool afm_taken(soci::session& s, std::int64_t municipality_id, const std::string& afm, std::int64_t except_id) {
    if (afm.empty()) return false;
    long long mid = municipality_id, except = except_id;
    std::string a = afm;
    int n = 0;
    s << "SELECT COUNT(*) FROM organisations WHERE municipality_id = :mid AND afm = :afm AND id <> :except", soci::use(mid), soci::use(a),
        soci::use(except), soci::into(n);
    return n > 0;
}

std::vector<Organisation> verified_expiring_before(soci::session& s, std::int64_t before) {
    OrgBinding row;
    soci::statement st(s);
    row.exchange(st);
    long long b = before;
    st.exchange(soci::use(b, "before"));
    return fetch_all(s, st, row,
                     std::string("SELECT ") + kColumns +
                         " FROM organisations o WHERE o.state = 'verified' AND o.expires_at IS NOT NULL AND o.expires_at < :before "
                         "ORDER BY o.expires_at, o.id");
}

void add_history(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, const HistoryEntry& h) {
    long long mid = municipality_id, oid = org_id, actor = h.actor_id.value_or(0), at = h.at;
    soci::indicator actor_i = h.actor_id ? soci::i_ok : soci::i_null;
    std::string action = h.action, from = h.from_state, to = h.to_state, reasons = json(h.reasons).dump();
    s << "INSERT INTO organisation_history (organisation_id, municipality_id, actor_id, action, from_state, to_state, reasons, at) "
         "VALUES (:oid, :mid, :actor, :action, :from, :to, :reasons, :at)",
        soci::use(oid), soci::use(mid), soci::use(actor, actor_i), soci::use(action), soci::use(from), soci::use(to), soci::use(reasons),
        soci::use(at);
}

std::vector<HistoryEntry> history(soci::session& s, std::int64_t municipality_id, std::int64_t org_id) {
    std::vector<HistoryEntry> out;
    long long mid = municipality_id, oid = org_id;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT h.id, h.actor_id, COALESCE(u.display_name, ''), h.action, h.from_state, h.to_state, "
                                               "h.reasons, h.at FROM organisation_history h LEFT JOIN users u ON u.id = h.actor_id "
                                               "WHERE h.municipality_id = :mid AND h.organisation_id = :oid ORDER BY h.at DESC, h.id DESC",
                                  soci::use(mid), soci::use(oid));
    for (const auto& r : rs) {
        HistoryEntry h;
        h.id = db::get_int(r, 0);
        h.actor_id = db::opt_int(r, 1);
        h.actor_name = db::get_text(r, 2);
        h.action = db::get_text(r, 3);
        h.from_state = db::get_text(r, 4);
        h.to_state = db::get_text(r, 5);
        h.reasons = strings_from(db::get_text(r, 6));
        h.at = db::get_int(r, 7);
        out.push_back(std::move(h));
    }
    return out;
}

void add_note(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t author_id, const std::string& body,
              std::int64_t at) {
    long long mid = municipality_id, oid = org_id, author = author_id, t = at;
    std::string b = body;
    s << "INSERT INTO organisation_notes (organisation_id, municipality_id, author_id, body, created_at) VALUES (:oid, :mid, :author, :body, :at)",
        soci::use(oid), soci::use(mid), soci::use(author), soci::use(b), soci::use(t);
}

std::vector<Note> notes(soci::session& s, std::int64_t municipality_id, std::int64_t org_id) {
    std::vector<Note> out;
    long long mid = municipality_id, oid = org_id;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT n.id, n.author_id, COALESCE(u.display_name, ''), n.body, n.created_at "
                                               "FROM organisation_notes n LEFT JOIN users u ON u.id = n.author_id "
                                               "WHERE n.municipality_id = :mid AND n.organisation_id = :oid ORDER BY n.created_at DESC, n.id DESC",
                                  soci::use(mid), soci::use(oid));
    for (const auto& r : rs)
        out.push_back({db::get_int(r, 0), db::get_int(r, 1), db::get_text(r, 2), db::get_text(r, 3), db::get_int(r, 4)});
    return out;
}

std::optional<std::string> member_role(soci::session& s, std::int64_t org_id, std::int64_t user_id) {
    long long oid = org_id, uid = user_id;
    std::string role;
    s << "SELECT role FROM organisation_members WHERE organisation_id = :oid AND user_id = :uid", soci::use(oid), soci::use(uid),
        soci::into(role);
    if (!s.got_data()) return std::nullopt;
    return role;
}

void add_member(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t user_id, const std::string& role,
                std::int64_t at) {
    long long mid = municipality_id, oid = org_id, uid = user_id, t = at;
    std::string r = role;
    s << "INSERT INTO organisation_members (organisation_id, municipality_id, user_id, role, joined_at) VALUES (:oid, :mid, :uid, :role, :at)",
        soci::use(oid), soci::use(mid), soci::use(uid), soci::use(r), soci::use(t);
}

std::vector<std::string> admin_emails(soci::session& s, std::int64_t org_id) {
    std::vector<std::string> out;
    long long oid = org_id;
    std::string email;
    soci::statement st = (s.prepare << "SELECT u.email FROM organisation_members m JOIN users u ON u.id = m.user_id "
                                       "WHERE m.organisation_id = :oid AND m.role = 'admin' AND u.email IS NOT NULL AND u.status = 'active' "
                                       "ORDER BY u.id",
                          soci::use(oid), soci::into(email));
    st.execute();
    while (st.fetch()) out.push_back(email);
    return out;
}

std::vector<std::pair<std::int64_t, std::string>> admins(soci::session& s, std::int64_t municipality_id, std::int64_t org_id) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    long long mid = municipality_id, oid = org_id, uid = 0;
    std::string email;
    soci::statement st = (s.prepare << "SELECT u.id, u.email FROM organisation_members m JOIN users u ON u.id = m.user_id "
                                       "WHERE m.organisation_id = :oid AND m.municipality_id = :mid AND m.role = 'admin' "
                                       "AND u.email IS NOT NULL AND u.status = 'active' ORDER BY u.id",
                          soci::use(oid), soci::use(mid), soci::into(uid), soci::into(email));
    st.execute();
    while (st.fetch()) out.emplace_back(uid, email);
    return out;
}

std::vector<std::pair<Organisation, std::string>> of_user(soci::session& s, std::int64_t municipality_id, std::int64_t user_id) {
    OrgBinding row;
    soci::statement st(s);
    row.exchange(st);
    std::string role;
    st.exchange(soci::into(role));
    long long mid = municipality_id, uid = user_id;
    st.exchange(soci::use(mid, "mid"));
    st.exchange(soci::use(uid, "uid"));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + ", m.role FROM organisations o JOIN organisation_members m ON m.organisation_id = o.id "
               "WHERE o.municipality_id = :mid AND m.user_id = :uid ORDER BY " + name_order(s));
    st.define_and_bind();
    st.execute();
    std::vector<Organisation> orgs;
    std::vector<std::string> roles;
    while (st.fetch()) {
        orgs.push_back(row.current());
        roles.push_back(role);
    }
    attach_areas(s, orgs);
    std::vector<std::pair<Organisation, std::string>> out;
    for (std::size_t i = 0; i < orgs.size(); ++i) out.emplace_back(std::move(orgs[i]), roles[i]);
    return out;
}

std::vector<std::string> document_kinds(soci::session& s, std::int64_t org_id) {
    std::vector<std::string> out;
    long long oid = org_id;
    std::string kind;
    soci::statement st = (s.prepare << "SELECT DISTINCT kind FROM organisation_documents WHERE organisation_id = :oid",
                          soci::use(oid), soci::into(kind));
    st.execute();
    while (st.fetch()) out.push_back(kind);
    return out;
}

}  // namespace syn::registry::store
