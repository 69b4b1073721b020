#include "modules/people/store.hpp"

#include "platform/auth/permissions.hpp"
#include "platform/db/row.hpp"

namespace syn::people::store {

namespace {

constexpr const char* kSelect =
    "SELECT u.id, u.display_name, COALESCE(u.email, ''), u.email_verified_at, r.id, r.role, r.unit_id, r.granted_at "
    "FROM user_roles r JOIN users u ON u.id = r.user_id "
    "WHERE r.municipality_id = :m AND u.status = 'active' ";

// Rows come ordered by account: one Person per run of rows.
std::vector<Person> group(soci::rowset<soci::row>& rs) {
    std::vector<Person> out;
    for (const auto& r : rs) {
        const auto uid = db::get_int(r, 0);
        // Roles that come with an account, an organisation or the volunteer pool are not the
        // administrator's to give or withdraw: they are left out, and so is whoever holds only those.
        const auto role = db::get_text(r, 5);
        const auto* info = auth::role_info(role);
        if (!info || !info->admin_grants) continue;
        if (out.empty() || out.back().user_id != uid) {
            Person p;
            p.user_id = uid;
            p.display_name = db::get_text(r, 1);
            p.email = db::get_text(r, 2);
            p.verified = r.get_indicator(3) == soci::i_ok;
            out.push_back(std::move(p));
        }
        PersonGrant g;
        g.id = db::get_int(r, 4);
        g.role = role;
        if (r.get_indicator(6) == soci::i_ok) g.unit_id = db::get_int(r, 6);
        g.granted_at = db::get_int(r, 7);
        out.back().grants.push_back(std::move(g));
    }
    return out;
}

}  // namespace

std::vector<Person> people(soci::session& s, std::int64_t municipality_id) {
    long long m = municipality_id;
    soci::rowset<soci::row> rs = (s.prepare << std::string(kSelect) + "ORDER BY u.display_name, u.id, r.granted_at, r.id", soci::use(m));
    return group(rs);
}

std::optional<Person> person(soci::session& s, std::int64_t municipality_id, std::int64_t user_id) {
    long long m = municipality_id, u = user_id;
    soci::rowset<soci::row> rs = (s.prepare << std::string(kSelect) + "AND u.id = :u ORDER BY r.granted_at, r.id", soci::use(m), soci::use(u));
    auto found = group(rs);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

long long grants_on_unit(soci::session& s, std::int64_t municipality_id, std::int64_t unit_id) {
    long long m = municipality_id, u = unit_id, n = 0;
    s << "SELECT COUNT(*) FROM user_roles WHERE municipality_id = :m AND unit_id = :u", soci::use(m), soci::use(u), soci::into(n);
    return n;
}

}  // namespace syn::people::store
