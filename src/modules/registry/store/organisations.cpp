// SQL for an organisation's profile: creating and changing it (with its areas and search entry),
// its state, its logo, and finding it by id or slug.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "modules/registry/rules.hpp"
#include "modules/registry/store.hpp"
#include "modules/registry/store/shared.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/text.hpp"

namespace syn::registry::store {

using namespace detail;

namespace {

using nlohmann::json;

json board_json(const Board& b) {
    return json{{"president", b.president}, {"secretary", b.secretary}, {"treasurer", b.treasurer}, {"members", b.members}};
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

void replace_search(soci::session& s, const Organisation& o, const std::string& old, const std::string& text) {
    db::write_full_text(s, kOrganisationSearch, o.id, old, text);
}

// The stored search text, read before a change replaces it (the index entry goes with it).
std::string stored_search(soci::session& s, const Organisation& o) {
    long long mid = o.municipality_id, id = o.id;
    std::string text;
    s << "SELECT search_text FROM organisations WHERE municipality_id = :mid AND id = :id", soci::use(mid), soci::use(id), soci::into(text);
    return text;
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

}  // namespace

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
    replace_search(s, o, "", v.search);
    return id;
}

void update_profile(soci::session& s, const Organisation& o) {
    changed();
    ProfileValues v(o);
    const std::string old = stored_search(s, o);
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
    replace_search(s, o, old, v.search);
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
    const std::string old = stored_search(s, o);
    s << "UPDATE organisations SET state = :state, listed = :listed, search_text = :search, return_reasons = :reasons, "
         "submitted_at = :submitted, verified_at = :verified, expires_at = :expires, reminded_at = :reminded, updated_at = :updated "
         "WHERE municipality_id = :mid AND id = :id",
        soci::use(state), soci::use(listed), soci::use(search), soci::use(reasons), soci::use(submitted, sub_i), soci::use(verified, ver_i), soci::use(expires, exp_i),
        soci::use(reminded, rem_i), soci::use(updated), soci::use(mid), soci::use(id);
    replace_search(s, o, old, search);
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

std::size_t refill_search(soci::session& s, std::size_t at_most) {
    std::vector<std::pair<long long, long long>> rows;  // id, municipality
    long long id = 0, mid = 0, limit = static_cast<long long>(at_most);
    soci::statement st = (s.prepare << "SELECT id, municipality_id FROM organisations WHERE search_text = '' ORDER BY id LIMIT :limit",
                          soci::use(limit), soci::into(id), soci::into(mid));
    st.execute();
    while (st.fetch()) rows.emplace_back(id, mid);
    std::string search, sort;
    soci::statement set = (s.prepare << "UPDATE organisations SET search_text = :t, name_sort = :k WHERE id = :id", soci::use(search),
                           soci::use(sort), soci::use(id));
    for (const auto& [row_id, row_mid] : rows) {
        const auto o = by_id(s, row_mid, row_id);
        if (!o) continue;
        search = indexed_text(*o);
        sort = i18n::sort_key(i18n::Lang::El, o->profile.official_name);
        id = row_id;
        set.execute(true);
        replace_search(s, *o, "", search);  // an emptied text has no entry
    }
    if (!rows.empty()) changed();
    return rows.size();
}

}  // namespace syn::registry::store
