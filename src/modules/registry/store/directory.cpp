// SQL for the public directory: a page of listed organisations, filtered and searched, and the
// neighbourhoods it offers as a filter.
#include <algorithm>

#include "modules/registry/rules.hpp"
#include "modules/registry/store.hpp"
#include "modules/registry/store/shared.hpp"
#include "platform/db/row.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/search.hpp"

namespace syn::registry::store {

using namespace detail;

namespace {

// Up to as many matches as a search counts, a search page is read starting from the matches;
// beyond them, by walking the listing index in name order and probing the matches, which fills
// a page fast when matches are dense.
constexpr std::int64_t kDriveFromMatches = text::kSearchCountCap;

}  // namespace

DirectoryPage directory(soci::session& s, std::int64_t municipality_id, const DirectoryQuery& q) {
    db::Filter f(s);
    f.where("o.municipality_id = {}", municipality_id);
    f.where(q.verified_only ? "o.state = 'verified'" : "o.listed = 1");
    if (!q.kind.empty()) f.where("o.kind = {}", q.kind);
    if (!q.neighbourhood.empty()) f.where("o.public_neighbourhood = {}", q.neighbourhood);
    if (!q.area.empty()) f.where("EXISTS (SELECT 1 FROM organisation_areas a WHERE a.organisation_id = o.id AND a.area = {})", q.area);
    const std::string order = q.sort == DirectorySort::Newest ? "o.submitted_at DESC, o.id DESC" : name_order(s);
    // The filters also ride in the full-text query as exact tokens (rules.hpp), so the index
    // narrows by municipality, listing, kind and area together with the words.
    db::Filter::SearchOptions search{.exact = filter_terms({municipality_id, q.verified_only, q.kind, q.area})};
    std::optional<std::int64_t> total;
    db::PreferIndex prefer_index(s, !q.q.empty());
    // Counted first, to choose how to read the page: on SQLite on the index alone when it
    // answers the whole filter; on PostgreSQL from the matches, which it finds in its index.
    if (f.postgres()) {
        db::Filter probe = f;
        search.drive = db::Drive::FromMatches;
        if (probe.search(q.q, kOrganisationSearch, search)) total = probe.count(s, "organisations o");
    } else {
        db::Filter probe(s);
        if (q.neighbourhood.empty() && probe.search(q.q, kOrganisationSearch, search)) total = db::index_count(s, kOrganisationSearch, probe.match());
    }
    // PostgreSQL reads a ranked page from the matches, tier by tier: walking the names probing a
    // rare best tier of a common search would check every organisation's vector.
    const bool few = total && *total <= kDriveFromMatches;
    search.drive = few || (f.postgres() && q.sort == DirectorySort::Best) ? db::Drive::FromMatches : db::Drive::Condition;
    // The filters are all index tokens but the neighbourhood.
    search.index_answers = q.neighbourhood.empty();
    if (!f.search(q.q, kOrganisationSearch, search)) return page_of(s, f, order, q.page, q.per_page);
    return page_of(s, f, order, q.page, q.per_page, total, q.sort == DirectorySort::Best);
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

std::optional<std::pair<double, double>> seats_centre(soci::session& s, std::int64_t municipality_id) {
    const long long mid = municipality_id;
    double lat = 0, lng = 0;
    soci::indicator lat_i = soci::i_null, lng_i = soci::i_null;
    s << "SELECT AVG(latitude), AVG(longitude) FROM organisations WHERE municipality_id = :m AND latitude IS NOT NULL AND longitude IS NOT NULL",
        soci::use(mid), soci::into(lat, lat_i), soci::into(lng, lng_i);
    if (lat_i != soci::i_ok || lng_i != soci::i_ok) return std::nullopt;
    return std::pair{lat, lng};
}

std::vector<std::pair<std::int64_t, std::string>> neighbourhood_values(soci::session& s) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT DISTINCT municipality_id, neighbourhood FROM organisations WHERE neighbourhood <> '' ORDER BY municipality_id, neighbourhood");
    for (const auto& r : rows) out.emplace_back(db::get_int(r, 0), db::get_text(r, 1));
    return out;
}

void respell_neighbourhood(soci::session& s, std::int64_t municipality_id, const std::string& from, const std::string& to) {
    const long long mid = municipality_id;
    s << "UPDATE organisations SET neighbourhood = :t WHERE municipality_id = :m AND neighbourhood = :f", soci::use(to), soci::use(mid),
        soci::use(from);
    s << "UPDATE organisations SET public_neighbourhood = :t WHERE municipality_id = :m AND public_neighbourhood = :f", soci::use(to),
        soci::use(mid), soci::use(from);
}

}  // namespace syn::registry::store
