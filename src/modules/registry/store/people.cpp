#include "modules/registry/store.hpp"

#include "modules/registry/store/shared.hpp"
#include "platform/db/row.hpp"

namespace syn::registry::store {

using namespace detail;

namespace {

constexpr const char* kInvitationColumns =
    "SELECT id, organisation_id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at "
    "FROM organisation_invitations ";

InvitationRecord invitation_from_row(const soci::row& r) {
    InvitationRecord rec;
    auto& i = rec.invitation;
    i.id = db::get_int(r, 0);
    i.organisation_id = db::get_int(r, 1);
    i.email = db::get_text(r, 2);
    i.role = db::get_text(r, 3);
    i.invited_by = db::get_int(r, 4);
    i.created_at = db::get_int(r, 5);
    i.expires_at = db::get_int(r, 6);
    rec.accepted_at = db::opt_int(r, 7);
    rec.revoked_at = db::opt_int(r, 8);
    return rec;
}

long long affected(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}

}  // namespace

std::vector<Member> members(soci::session& s, std::int64_t municipality_id, std::int64_t org_id) {
    long long m = municipality_id, o = org_id;
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT om.user_id, u.display_name, COALESCE(u.email, ''), om.role, om.joined_at "
                      "FROM organisation_members om JOIN users u ON u.id = om.user_id "
                      "WHERE om.municipality_id = :m AND om.organisation_id = :o "
                      "ORDER BY CASE om.role WHEN 'admin' THEN 0 ELSE 1 END, u.display_name, om.user_id",
         soci::use(m), soci::use(o));
    std::vector<Member> out;
    for (const auto& r : rs) {
        Member x;
        x.user_id = db::get_int(r, 0);
        x.display_name = db::get_text(r, 1);
        x.email = db::get_text(r, 2);
        x.role = db::get_text(r, 3);
        x.joined_at = db::get_int(r, 4);
        out.push_back(std::move(x));
    }
    return out;
}

int admin_count(soci::session& s, std::int64_t org_id) {
    long long o = org_id, n = 0;
    s << "SELECT COUNT(*) FROM organisation_members WHERE organisation_id = :o AND role = 'admin'", soci::use(o),
        soci::into(n);
    return static_cast<int>(n);
}

bool set_member_role(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t user_id,
                     const std::string& role) {
    long long m = municipality_id, o = org_id, u = user_id;
    soci::statement st = (s.prepare << "UPDATE organisation_members SET role = :r "
                                       "WHERE municipality_id = :m AND organisation_id = :o AND user_id = :u",
                          soci::use(role), soci::use(m), soci::use(o), soci::use(u));
    return affected(st) > 0;
}

bool remove_member(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t user_id) {
    long long m = municipality_id, o = org_id, u = user_id;
    soci::statement st = (s.prepare << "DELETE FROM organisation_members "
                                       "WHERE municipality_id = :m AND organisation_id = :o AND user_id = :u",
                          soci::use(m), soci::use(o), soci::use(u));
    return affected(st) > 0;
}

bool member_with_email(soci::session& s, std::int64_t org_id, const std::string& email) {
    long long o = org_id, n = 0;
    s << "SELECT COUNT(*) FROM organisation_members om JOIN users u ON u.id = om.user_id "
         "WHERE om.organisation_id = :o AND u.email = :e",
        soci::use(o), soci::use(email), soci::into(n);
    return n > 0;
}

std::string display_name(soci::session& s, std::int64_t user_id) {
    long long u = user_id;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT display_name FROM users WHERE id = :u", soci::use(u));
    for (const auto& r : rs) return db::get_text(r, 0);
    return {};
}

std::int64_t insert_invitation(soci::session& s, std::int64_t municipality_id, const Invitation& inv,
                               const std::string& token_hash) {
    long long id = 0, o = inv.organisation_id, m = municipality_id, by = inv.invited_by, c = inv.created_at,
              e = inv.expires_at;
    s << "INSERT INTO organisation_invitations (organisation_id, municipality_id, email, role, token_hash, invited_by, "
         "created_at, expires_at) VALUES (:o, :m, :e, :r, :h, :b, :c, :x) RETURNING id",
        soci::use(o), soci::use(m), soci::use(inv.email), soci::use(inv.role), soci::use(token_hash), soci::use(by),
        soci::use(c), soci::use(e), soci::into(id);
    return id;
}

std::vector<Invitation> pending_invitations(soci::session& s, std::int64_t municipality_id, std::int64_t org_id,
                                            std::int64_t now) {
    long long m = municipality_id, o = org_id, n = now;
    soci::rowset<soci::row> rs =
        (s.prepare << std::string(kInvitationColumns) +
                          "WHERE municipality_id = :m AND organisation_id = :o AND accepted_at IS NULL "
                          "AND revoked_at IS NULL AND expires_at > :n ORDER BY created_at, id",
         soci::use(m), soci::use(o), soci::use(n));
    std::vector<Invitation> out;
    for (const auto& r : rs) out.push_back(invitation_from_row(r).invitation);
    return out;
}

bool pending_invitation_for(soci::session& s, std::int64_t org_id, const std::string& email, std::int64_t now) {
    long long o = org_id, n = now, count = 0;
    s << "SELECT COUNT(*) FROM organisation_invitations WHERE organisation_id = :o AND email = :e "
         "AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :n",
        soci::use(o), soci::use(email), soci::use(n), soci::into(count);
    return count > 0;
}

std::optional<InvitationRecord> invitation_by_hash(soci::session& s, std::int64_t municipality_id,
                                                   const std::string& token_hash) {
    long long m = municipality_id;
    soci::rowset<soci::row> rs =
        (s.prepare << std::string(kInvitationColumns) + "WHERE municipality_id = :m AND token_hash = :h",
         soci::use(m), soci::use(token_hash));
    for (const auto& r : rs) return invitation_from_row(r);
    return std::nullopt;
}

bool revoke_invitation(soci::session& s, std::int64_t municipality_id, std::int64_t org_id,
                       std::int64_t invitation_id, std::int64_t now) {
    long long m = municipality_id, o = org_id, id = invitation_id, n = now;
    soci::statement st = (s.prepare << "UPDATE organisation_invitations SET revoked_at = :n "
                                       "WHERE municipality_id = :m AND organisation_id = :o AND id = :i "
                                       "AND accepted_at IS NULL AND revoked_at IS NULL",
                          soci::use(n), soci::use(m), soci::use(o), soci::use(id));
    return affected(st) > 0;
}

bool accept_invitation(soci::session& s, std::int64_t invitation_id, std::int64_t user_id, std::int64_t now) {
    long long id = invitation_id, u = user_id, n = now;
    soci::statement st = (s.prepare << "UPDATE organisation_invitations SET accepted_at = :n, accepted_by = :u "
                                       "WHERE id = :i AND accepted_at IS NULL AND revoked_at IS NULL "
                                       "AND expires_at > :n2",
                          soci::use(n), soci::use(u), soci::use(id), soci::use(n));
    return affected(st) > 0;
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

}  // namespace syn::registry::store
