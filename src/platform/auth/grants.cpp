#include "platform/auth/grants.hpp"
#include "platform/cache/changes.hpp"


#include "platform/auth/session_cache.hpp"
#include "platform/db/row.hpp"

namespace syn::auth {

namespace {

constexpr const char* kColumns = "SELECT r.id, r.user_id, r.municipality_id, r.role, r.unit_id, r.granted_at FROM user_roles r ";

HeldRole held_from(const soci::row& r) {
    HeldRole h;
    h.id = db::get_int(r, 0);
    h.user_id = db::get_int(r, 1);
    if (r.get_indicator(2) == soci::i_ok) h.municipality_id = db::get_int(r, 2);
    h.role = db::get_text(r, 3);
    if (r.get_indicator(4) == soci::i_ok) h.unit_id = db::get_int(r, 4);
    h.granted_at = db::get_int(r, 5);
    return h;
}

cache::Topic g_grants{"auth.grants"};

// Both the sessions (which carry their grants) and the caches of holders go stale.
void grants_changed() {
    g_grants.changed();
    sessions_changed();
}

long long affected(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}

}  // namespace

std::uint64_t grants_generation() { return g_grants.generation(); }

bool grant_role(soci::session& s, std::int64_t user_id, std::optional<std::int64_t> municipality_id, const std::string& role,
                std::optional<std::int64_t> unit_id) {
    long long u = user_id, m = municipality_id.value_or(0), unit = unit_id.value_or(0), now = db::now_unix();
    soci::indicator mi = municipality_id ? soci::i_ok : soci::i_null, ui = unit_id ? soci::i_ok : soci::i_null;
    long long n = 0;
    s << "SELECT COUNT(*) FROM user_roles WHERE user_id = :u AND COALESCE(municipality_id, 0) = :m AND role = :r "
         "AND COALESCE(unit_id, 0) = :unit",
        soci::use(u), soci::use(m), soci::use(role), soci::use(unit), soci::into(n);
    if (n > 0) return false;
    grants_changed();
    s << "INSERT INTO user_roles (user_id, municipality_id, role, unit_id, granted_at) VALUES (:u, :m, :r, :unit, :n)",
        soci::use(u), soci::use(m, mi), soci::use(role), soci::use(unit, ui), soci::use(now);
    return true;
}

bool withdraw_grant(soci::session& s, std::int64_t municipality_id, std::int64_t grant_id) {
    grants_changed();  // the grant must stop working at once in this process
    long long m = municipality_id, id = grant_id;
    soci::statement st = (s.prepare << "DELETE FROM user_roles WHERE id = :id AND municipality_id = :m", soci::use(id), soci::use(m));
    return affected(st) > 0;
}

bool withdraw_role(soci::session& s, std::int64_t user_id, std::optional<std::int64_t> municipality_id, const std::string& role) {
    grants_changed();
    long long u = user_id, m = municipality_id.value_or(0);
    soci::statement st = (s.prepare << "DELETE FROM user_roles WHERE user_id = :u AND COALESCE(municipality_id, 0) = :m AND role = :r",
                          soci::use(u), soci::use(m), soci::use(role));
    return affected(st) > 0;
}

long long withdraw_all_roles(soci::session& s, std::int64_t user_id, std::int64_t municipality_id) {
    grants_changed();
    long long u = user_id, m = municipality_id;
    soci::statement st = (s.prepare << "DELETE FROM user_roles WHERE user_id = :u AND municipality_id = :m", soci::use(u), soci::use(m));
    return affected(st);
}

std::optional<HeldRole> find_grant(soci::session& s, std::int64_t municipality_id, std::int64_t grant_id) {
    long long m = municipality_id, id = grant_id;
    soci::rowset<soci::row> rs = (s.prepare << std::string(kColumns) + "WHERE r.id = :id AND r.municipality_id = :m", soci::use(id), soci::use(m));
    for (const auto& r : rs) return held_from(r);
    return std::nullopt;
}

std::vector<HeldRole> roles_of(soci::session& s, std::int64_t user_id, std::int64_t municipality_id) {
    long long u = user_id, m = municipality_id;
    soci::rowset<soci::row> rs = (s.prepare << std::string(kColumns) +
                                                   "WHERE r.user_id = :u AND (r.municipality_id = :m OR r.municipality_id IS NULL) "
                                                   "ORDER BY r.granted_at, r.id",
                                  soci::use(u), soci::use(m));
    std::vector<HeldRole> out;
    for (const auto& r : rs) out.push_back(held_from(r));
    return out;
}

std::vector<HeldRole> grants_of_roles(soci::session& s, std::int64_t municipality_id, const std::vector<std::string>& roles) {
    long long m = municipality_id;
    soci::rowset<soci::row> rs = (s.prepare << std::string(kColumns) +
                                                   "JOIN users u ON u.id = r.user_id WHERE r.municipality_id = :m "
                                                   "ORDER BY r.unit_id, u.display_name, r.user_id",
                                  soci::use(m));
    std::vector<HeldRole> out;
    for (const auto& r : rs) {
        auto h = held_from(r);
        for (const auto& want : roles)
            if (h.role == want) {
                out.push_back(std::move(h));
                break;
            }
    }
    return out;
}

long long holders(soci::session& s, std::int64_t municipality_id, const std::string& role) {
    long long m = municipality_id, n = 0;
    s << "SELECT COUNT(DISTINCT r.user_id) FROM user_roles r JOIN users u ON u.id = r.user_id "
         "WHERE r.municipality_id = :m AND r.role = :r AND u.status = 'active'",
        soci::use(m), soci::use(role), soci::into(n);
    return n;
}

}  // namespace syn::auth
