#include "modules/requests/store.hpp"
#include "platform/cache/changes.hpp"


#include "platform/auth/grants.hpp"
#include "platform/auth/units.hpp"
#include "platform/db/database.hpp"
#include "platform/db/native.hpp"
#include "platform/db/row.hpp"

namespace syn::requests::store {

namespace {

cache::Topic g_config{"requests.config"};
void config_changed() { g_config.changed(); }

long long affected(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}

constexpr const char* kTypeColumns =
    "SELECT id, code, name_el, name_en, description_el, description_en, department_id, deadline_days, "
    "takes_location, takes_attachments, public_default, active, position FROM request_types ";

RequestType type_from(const soci::row& r) {
    RequestType t;
    t.id = db::get_int(r, 0);
    t.code = db::get_text(r, 1);
    t.name_el = db::get_text(r, 2);
    t.name_en = db::get_text(r, 3);
    t.description_el = db::get_text(r, 4);
    t.description_en = db::get_text(r, 5);
    t.department_id = db::get_int(r, 6);
    t.deadline_days = static_cast<int>(db::get_int(r, 7));
    t.takes_location = db::get_int(r, 8) != 0;
    t.takes_attachments = db::get_int(r, 9) != 0;
    t.public_default = db::get_int(r, 10) != 0;
    t.active = db::get_int(r, 11) != 0;
    t.position = static_cast<int>(db::get_int(r, 12));
    return t;
}

// The SMALLINT flags, bound as int on both engines.
int flag(bool b) { return b ? 1 : 0; }

}  // namespace

// ---------------------------------------------------------------- departments
// The units of the municipality (platform/auth/units.hpp) answer requests; here they are seen
// as departments, and their staff are the holders of a staff grant on them.

namespace {

Department department_from(const auth::Unit& u) {
    Department d;
    d.id = u.id;
    d.name_el = u.name_el;
    d.name_en = u.name_en;
    d.email = u.email;
    d.retired = u.retired;
    return d;
}

}  // namespace

std::vector<Department> departments(soci::session& s, std::int64_t municipality_id) {
    std::vector<Department> out;
    for (const auto& u : auth::list_units(s, municipality_id)) out.push_back(department_from(u));
    return out;
}

std::optional<Department> department(soci::session& s, std::int64_t municipality_id, std::int64_t id) {
    if (auto u = auth::find_unit(s, municipality_id, id)) return department_from(*u);
    return std::nullopt;
}

std::int64_t insert_department(soci::session& s, std::int64_t municipality_id, const Department& d) {
    config_changed();
    auth::units_changed();
    auth::Unit u;
    u.kind = "department";
    u.name_el = d.name_el;
    u.name_en = d.name_en;
    u.email = d.email;
    return auth::add_unit(s, municipality_id, u);
}

void update_department(soci::session& s, std::int64_t municipality_id, const Department& d) {
    config_changed();
    auth::units_changed();
    auto u = auth::find_unit(s, municipality_id, d.id);
    if (!u) return;
    u->name_el = d.name_el;
    u->name_en = d.name_en;
    u->email = d.email;
    auth::update_unit(s, municipality_id, *u);
}

// ---------------------------------------------------------------- staff

std::vector<DepartmentStaff> department_staff(soci::session& s, std::int64_t municipality_id) {
    long long m = municipality_id;
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT r.unit_id, u.id, u.display_name, COALESCE(u.email, ''), "
                      "(SELECT COUNT(*) FROM user_roles x WHERE x.user_id = u.id AND x.municipality_id = :m1 "
                      "AND x.role = 'supervisor') "
                      "FROM user_roles r JOIN users u ON u.id = r.user_id "
                      "WHERE r.municipality_id = :m AND r.role = 'staff' AND r.unit_id IS NOT NULL "
                      "AND u.status = 'active' "
                      "ORDER BY r.unit_id, u.display_name, u.id",
         soci::use(m), soci::use(m));
    std::vector<DepartmentStaff> out;
    for (const auto& r : rs) {
        DepartmentStaff x;
        x.department_id = db::get_int(r, 0);
        x.user_id = db::get_int(r, 1);
        x.display_name = db::get_text(r, 2);
        x.email = db::get_text(r, 3);
        x.supervisor = db::get_int(r, 4) != 0;
        out.push_back(std::move(x));
    }
    return out;
}

void put_department_staff(soci::session& s, std::int64_t municipality_id, std::int64_t department_id, std::int64_t user_id,
                          bool supervisor) {
    config_changed();
    auth::grant_role(s, user_id, municipality_id, "staff", department_id);
    if (supervisor) auth::grant_role(s, user_id, municipality_id, kRoleSupervisor);
    // A staff grant on no unit says nothing the unit grant does not (it reads the requests): one
    // line per role on the person's page.
    for (const auto& g : auth::roles_of(s, user_id, municipality_id))
        if (g.role == "staff" && !g.unit_id) auth::withdraw_grant(s, municipality_id, g.id);
}

bool remove_department_staff(soci::session& s, std::int64_t municipality_id, std::int64_t department_id, std::int64_t user_id) {
    config_changed();
    for (const auto& g : auth::roles_of(s, user_id, municipality_id))
        if (g.role == "staff" && g.unit_id == department_id) return auth::withdraw_grant(s, municipality_id, g.id);
    return false;
}

std::vector<std::string> department_emails(soci::session& s, std::int64_t municipality_id, std::int64_t department_id) {
    std::vector<std::string> out;
    if (auto u = auth::find_unit(s, municipality_id, department_id); u && !u->email.empty()) out.push_back(u->email);
    long long m = municipality_id, d = department_id;
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT u.email FROM user_roles r JOIN users u ON u.id = r.user_id "
                      "WHERE r.municipality_id = :m AND r.role = 'staff' AND r.unit_id = :d AND u.email IS NOT NULL "
                      "AND u.status = 'active' ORDER BY u.email",
         soci::use(m), soci::use(d));
    for (const auto& r : rs) {
        auto e = db::get_text(r, 0);
        if (!e.empty() && (out.empty() || out.front() != e)) out.push_back(std::move(e));
    }
    return out;
}

DepartmentUse department_use(soci::session& s, std::int64_t municipality_id, std::int64_t department_id) {
    long long m = municipality_id, d = department_id;
    DepartmentUse use;
    s << "SELECT COUNT(*) FROM request_types WHERE municipality_id = :m AND department_id = :d AND active = 1",
        soci::use(m), soci::use(d), soci::into(use.active_types);
    s << "SELECT COUNT(*) FROM requests WHERE municipality_id = :m AND department_id = :d "
         "AND state NOT IN ('resolved', 'rejected', 'closed')",
        soci::use(m), soci::use(d), soci::into(use.open_requests);
    return use;
}

std::optional<std::int64_t> municipality_account(soci::session& s, std::int64_t municipality_id, const std::string& email) {
    long long m = municipality_id;
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT u.id FROM users u WHERE u.email = :e AND u.status = 'active' "
                      "AND (u.home_municipality_id = :m OR EXISTS (SELECT 1 FROM user_roles r "
                      "WHERE r.user_id = u.id AND r.municipality_id = :m2)) ORDER BY u.id LIMIT 1",
         soci::use(email), soci::use(m), soci::use(m));
    for (const auto& r : rs) return db::get_int(r, 0);
    return std::nullopt;
}

// ---------------------------------------------------------------- request types

std::vector<RequestType> types(soci::session& s, std::int64_t municipality_id, bool active_only) {
    long long m = municipality_id;
    const std::string sql = std::string(kTypeColumns) + "WHERE municipality_id = :m" +
                            (active_only ? " AND active = 1" : "") + " ORDER BY position, name_el, id";
    soci::rowset<soci::row> rs = (s.prepare << sql, soci::use(m));
    std::vector<RequestType> out;
    for (const auto& r : rs) out.push_back(type_from(r));
    return out;
}

std::optional<RequestType> type_by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id) {
    long long m = municipality_id, i = id;
    soci::rowset<soci::row> rs =
        (s.prepare << std::string(kTypeColumns) + "WHERE municipality_id = :m AND id = :i", soci::use(m), soci::use(i));
    for (const auto& r : rs) return type_from(r);
    return std::nullopt;
}

std::optional<RequestType> type_by_code(soci::session& s, std::int64_t municipality_id, std::string_view code) {
    long long m = municipality_id;
    const std::string c(code);
    soci::rowset<soci::row> rs =
        (s.prepare << std::string(kTypeColumns) + "WHERE municipality_id = :m AND code = :c", soci::use(m), soci::use(c));
    for (const auto& r : rs) return type_from(r);
    return std::nullopt;
}

std::int64_t insert_type(soci::session& s, std::int64_t municipality_id, const RequestType& t) {
    config_changed();
    long long m = municipality_id, dep = t.department_id, id = 0, at = db::now_unix();
    int deadline = t.deadline_days, loc = flag(t.takes_location), att = flag(t.takes_attachments),
        pub = flag(t.public_default), act = flag(t.active), pos = t.position;
    s << "INSERT INTO request_types (municipality_id, code, name_el, name_en, description_el, description_en, "
         "department_id, deadline_days, takes_location, takes_attachments, public_default, active, position, created_at) "
         "VALUES (:m, :c, :nel, :nen, :del, :den, :dep, :dl, :loc, :att, :pub, :act, :pos, :at) RETURNING id",
        soci::use(m), soci::use(t.code), soci::use(t.name_el), soci::use(t.name_en), soci::use(t.description_el),
        soci::use(t.description_en), soci::use(dep), soci::use(deadline), soci::use(loc), soci::use(att), soci::use(pub),
        soci::use(act), soci::use(pos), soci::use(at), soci::into(id);
    return id;
}

void update_type(soci::session& s, std::int64_t municipality_id, const RequestType& t) {
    config_changed();
    long long m = municipality_id, i = t.id, dep = t.department_id;
    int deadline = t.deadline_days, loc = flag(t.takes_location), att = flag(t.takes_attachments),
        pub = flag(t.public_default), act = flag(t.active), pos = t.position;
    s << "UPDATE request_types SET code = :c, name_el = :nel, name_en = :nen, description_el = :del, "
         "description_en = :den, department_id = :dep, deadline_days = :dl, takes_location = :loc, "
         "takes_attachments = :att, public_default = :pub, active = :act, position = :pos "
         "WHERE municipality_id = :m AND id = :i",
        soci::use(t.code), soci::use(t.name_el), soci::use(t.name_en), soci::use(t.description_el),
        soci::use(t.description_en), soci::use(dep), soci::use(deadline), soci::use(loc), soci::use(att), soci::use(pub),
        soci::use(act), soci::use(pos), soci::use(m), soci::use(i);
}

// ---------------------------------------------------------------- Open311 API keys

std::vector<ApiKey> api_keys(soci::session& s, std::int64_t municipality_id) {
    long long m = municipality_id;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT id, name, created_at, last_used_at, revoked_at FROM open311_keys "
                                               "WHERE municipality_id = :m ORDER BY created_at DESC, id DESC",
                                  soci::use(m));
    std::vector<ApiKey> out;
    for (const auto& r : rs) {
        ApiKey k;
        k.id = db::get_int(r, 0);
        k.name = db::get_text(r, 1);
        k.created_at = db::get_int(r, 2);
        k.last_used_at = db::opt_int(r, 3);
        k.revoked_at = db::opt_int(r, 4);
        out.push_back(std::move(k));
    }
    return out;
}

std::int64_t insert_api_key(soci::session& s, std::int64_t municipality_id, const std::string& name,
                            const std::string& key_hash, std::int64_t created_by, std::int64_t at) {
    long long m = municipality_id, by = created_by, when = at, id = 0;
    soci::indicator by_i = created_by > 0 ? soci::i_ok : soci::i_null;
    s << "INSERT INTO open311_keys (municipality_id, name, key_hash, created_by, created_at) "
         "VALUES (:m, :n, :h, :b, :at) RETURNING id",
        soci::use(m), soci::use(name), soci::use(key_hash), soci::use(by, by_i), soci::use(when), soci::into(id);
    return id;
}

bool revoke_api_key(soci::session& s, std::int64_t municipality_id, std::int64_t id, std::int64_t at) {
    long long m = municipality_id, i = id, when = at;
    soci::statement st = (s.prepare << "UPDATE open311_keys SET revoked_at = :at "
                                       "WHERE municipality_id = :m AND id = :i AND revoked_at IS NULL",
                          soci::use(when), soci::use(m), soci::use(i));
    return affected(st) > 0;
}

// Units and grants are changed on the people pages too: their generations count as well (all only grow).
std::uint64_t config_generation() {
    return g_config.generation() + auth::units_generation() + auth::grants_generation();
}

namespace {
// On the hot path of every Open311 POST: prepared once per connection. key_hash is UNIQUE, so
// it is one index probe.
struct LiveKeyQuery {
    long long mid = 0, id = 0;
    std::string hash;
    soci::indicator ind = soci::i_null;
    soci::statement st;
    explicit LiveKeyQuery(soci::session& s)
        : st((s.prepare << "SELECT id FROM open311_keys WHERE key_hash = :h AND municipality_id = :m AND revoked_at IS NULL",
              soci::use(hash), soci::use(mid), soci::into(id, ind))) {}
};
}  // namespace

std::optional<std::int64_t> live_api_key(soci::session& s, std::int64_t municipality_id, const std::string& key_hash) {
    auto& q = db::kept<LiveKeyQuery>(s, "requests.live_api_key");
    q.mid = municipality_id;
    q.hash = key_hash;
    if (!db::fetch_one(s, q.st) || q.ind != soci::i_ok) return std::nullopt;
    return q.id;
}

void touch_api_key(soci::session& s, std::int64_t id, std::int64_t at) {
    long long i = id, when = at;
    s << "UPDATE open311_keys SET last_used_at = :at WHERE id = :i", soci::use(when), soci::use(i);
}

}  // namespace syn::requests::store
