#include "platform/web/places.hpp"

#include <algorithm>
#include <array>

#include "platform/db/database.hpp"
#include "platform/db/row.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/text.hpp"

namespace syn::web {

namespace {

constexpr std::array<const char*, 3> kKindCodes{"unit", "community", "neighbourhood"};

Place place_of(const soci::row& r) {
    Place p;
    p.id = db::get_int(r, 0);
    p.name = db::get_text(r, 1);
    p.kind = parse_place_kind(db::get_text(r, 2)).value_or(PlaceKind::Neighbourhood);
    p.parent_id = db::opt_int(r, 3);
    p.retired = db::get_int(r, 4) != 0;
    return p;
}

}  // namespace

const char* place_kind_code(PlaceKind k) { return kKindCodes[static_cast<std::size_t>(k)]; }

std::optional<PlaceKind> parse_place_kind(std::string_view code) {
    for (std::size_t i = 0; i < kKindCodes.size(); ++i)
        if (code == kKindCodes[i]) return static_cast<PlaceKind>(i);
    return std::nullopt;
}

const char* place_kind_msgid(PlaceKind k) {
    switch (k) {
        case PlaceKind::Unit: return N_("Municipal unit");
        case PlaceKind::Community: return N_("Community");
        case PlaceKind::Neighbourhood: return N_("Neighbourhood");
    }
    return N_("Neighbourhood");
}

std::vector<Place> list_places(soci::session& s, std::int64_t municipality_id) {
    const long long mid = municipality_id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, name, kind, parent_id, retired FROM places WHERE municipality_id = :m", soci::use(mid));
    std::vector<Place> out;
    for (const auto& r : rows) out.push_back(place_of(r));
    const i18n::Tr el(i18n::Lang::El);
    std::sort(out.begin(), out.end(), [&](const Place& a, const Place& b) { return i18n::collate(el, a.name, b.name) < 0; });
    return out;
}

std::optional<Place> find_place(soci::session& s, std::int64_t municipality_id, std::string_view typed) {
    const long long mid = municipality_id;
    const std::string folded = text::fold(text::trim(typed));
    if (folded.empty()) return std::nullopt;
    soci::rowset<soci::row> rows = (s.prepare << "SELECT id, name, kind, parent_id, retired FROM places WHERE municipality_id = :m AND folded = :f",
                                    soci::use(mid), soci::use(folded));
    for (const auto& r : rows) return place_of(r);
    return std::nullopt;
}

bool spell_as_place(soci::session& s, std::int64_t municipality_id, std::string& name) {
    if (text::trim(name).empty()) {
        name.clear();
        return true;
    }
    const auto place = find_place(s, municipality_id, name);
    if (!place) return false;
    name = place->name;
    return true;
}

std::int64_t add_place(soci::session& s, std::int64_t municipality_id, const Place& place) {
    if (find_place(s, municipality_id, place.name)) return 0;
    const long long mid = municipality_id, now = db::now_unix();
    const std::string name = text::trim(place.name), folded = text::fold(name), kind = place_kind_code(place.kind);
    long long parent = place.parent_id.value_or(0);
    soci::indicator parent_ind = place.parent_id ? soci::i_ok : soci::i_null;
    const int retired = place.retired ? 1 : 0;
    s << "INSERT INTO places (municipality_id, name, folded, kind, parent_id, retired, created_at) VALUES (:m, :n, :f, :k, :p, :r, :t)",
        soci::use(mid), soci::use(name), soci::use(folded), soci::use(kind), soci::use(parent, parent_ind), soci::use(retired), soci::use(now);
    const auto added = find_place(s, municipality_id, name);
    return added ? added->id : 0;
}

bool set_place_retired(soci::session& s, std::int64_t municipality_id, std::int64_t id, bool retired) {
    const long long mid = municipality_id, pid = id;
    const int r = retired ? 1 : 0;
    soci::statement st = (s.prepare << "UPDATE places SET retired = :r WHERE municipality_id = :m AND id = :i", soci::use(r), soci::use(mid),
                          soci::use(pid));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::string place_path(const std::vector<Place>& all, const Place& p) {
    std::string path = p.name;
    const Place* at = &p;
    // At most a few levels; the bound also stops a loop a hand-edited table could hold.
    for (int depth = 0; depth < 5 && at->parent_id; ++depth) {
        const auto parent = std::find_if(all.begin(), all.end(), [&](const Place& x) { return x.id == *at->parent_id; });
        if (parent == all.end()) break;
        path = parent->name + " › " + path;
        at = &*parent;
    }
    return path;
}

std::vector<html::Option> place_options(const std::vector<Place>& all, const std::string& none_label, const std::string& current) {
    std::vector<std::pair<std::string, std::string>> chosen;  // path, name
    for (const auto& p : all)
        if (!p.retired || p.name == current) chosen.emplace_back(place_path(all, p), p.name);
    const i18n::Tr el(i18n::Lang::El);
    std::sort(chosen.begin(), chosen.end(), [&](const auto& a, const auto& b) { return i18n::collate(el, a.first, b.first) < 0; });
    std::vector<html::Option> out{{"", none_label}};
    for (auto& [path, name] : chosen) out.push_back({std::move(name), std::move(path)});
    return out;
}

}  // namespace syn::web
