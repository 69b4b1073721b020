#include "platform/auth/session_store.hpp"
#include "platform/auth/session_cache.hpp"

#include <algorithm>

#include "platform/auth/crypto.hpp"
#include "platform/db/database.hpp"
#include "platform/db/native.hpp"
#include "platform/db/row.hpp"

namespace syn::auth {

NewSession create_session(soci::session& s, std::int64_t user_id, const SessionPolicy& p) {
    NewSession n{random_token(), random_token()};
    const long long now = db::now_unix();
    const long long expires = now + p.absolute_seconds;
    const long long uid = user_id;
    // A named string: soci::use() keeps a reference, read when the statement runs at the end
    // of the full expression, after a temporary argument would already be destroyed.
    const std::string hash = sha256_hex(n.token);
    s << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
         "VALUES (:h, :u, :c, :n, :n2, :e)",
        soci::use(hash), soci::use(uid), soci::use(n.csrf_token), soci::use(now), soci::use(now),
        soci::use(expires);
    return n;
}

namespace {

// Every logged-in page looks its session up, and every request of one its roles: both statements
// are prepared once per connection (db::per_connection), not parsed again for each page.
struct SessionQuery {
    std::string hash;
    long long id = 0, uid = 0, last = 0, expires = 0, passed = 0, enrolled = 0;
    std::string csrf, email, name;
    soci::indicator email_ind = soci::i_null, passed_ind = soci::i_null, enrolled_ind = soci::i_null;
    soci::statement st;
    explicit SessionQuery(soci::session& s)
        : st((s.prepare << "SELECT s.id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.email, u.display_name, "
                           "s.second_factor_at, f.confirmed_at "
                           "FROM sessions s JOIN users u ON u.id = s.user_id "
                           "LEFT JOIN second_factors f ON f.user_id = s.user_id AND f.confirmed_at IS NOT NULL "
                           "WHERE s.token_hash = :h AND u.status = 'active'",
              soci::use(hash), soci::into(id), soci::into(uid), soci::into(csrf), soci::into(last), soci::into(expires),
              soci::into(email, email_ind), soci::into(name), soci::into(passed, passed_ind), soci::into(enrolled, enrolled_ind))) {}
};

struct RolesQuery {
    long long uid = 0, mid = 0, unit = 0;
    std::string role;
    soci::indicator mid_ind = soci::i_null, unit_ind = soci::i_null;
    soci::statement st;
    explicit RolesQuery(soci::session& s)
        : st((s.prepare << "SELECT municipality_id, role, unit_id FROM user_roles WHERE user_id = :u", soci::use(uid),
              soci::into(mid, mid_ind), soci::into(role), soci::into(unit, unit_ind))) {}
};

}  // namespace

std::optional<ActiveSession> find_session(soci::session& s, const std::string& token, const SessionPolicy& p) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    auto& q = db::kept<SessionQuery>(s, "auth.find_session");
    q.hash = sha256_hex(token);
    if (!db::fetch_one(s, q.st)) return std::nullopt;
    const long long now = db::now_unix();
    if (now >= q.expires || now - q.last >= p.idle_seconds) {
        const long long id = q.id;
        s << "DELETE FROM sessions WHERE id = :id", soci::use(id);
        return std::nullopt;
    }
    ActiveSession a;
    a.id = q.id;
    a.user_id = q.uid;
    a.last_seen_at = q.last;
    a.csrf_token = q.csrf;
    a.email = q.email_ind == soci::i_ok ? q.email : std::string();
    a.display_name = q.name;
    a.second_factor_passed = q.passed_ind == soci::i_ok;
    a.second_factor_enrolled = q.enrolled_ind == soci::i_ok;
    return a;
}

void touch_session(soci::session& s, const ActiveSession& a, const SessionPolicy& p) {
    const long long now = db::now_unix();
    // At most once a minute, or twice per idle period when that is shorter.
    if (now - a.last_seen_at < std::min<long>(60, std::max<long>(1, p.idle_seconds / 2))) return;
    const long long id = a.id;
    s << "UPDATE sessions SET last_seen_at = :n WHERE id = :id", soci::use(now), soci::use(id);
}

void delete_session(soci::session& s, std::int64_t session_id) {
    sessions_changed();
    const long long id = session_id;
    s << "DELETE FROM sessions WHERE id = :id", soci::use(id);
}

void delete_user_sessions(soci::session& s, std::int64_t user_id) {
    sessions_changed();
    const long long id = user_id;
    s << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);
}

void delete_other_sessions(soci::session& s, std::int64_t user_id, std::int64_t keep_session_id) {
    sessions_changed();
    long long uid = user_id, keep = keep_session_id;
    s << "DELETE FROM sessions WHERE user_id = :u AND id <> :k", soci::use(uid), soci::use(keep);
}

std::optional<std::int64_t> user_for_api_token(soci::session& s, const std::string& token) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    long long id = 0;
    const std::string hash = sha256_hex(token);  // named: see create_session
    s << "SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id "
         "WHERE t.token_hash = :h AND t.revoked_at IS NULL AND u.status = 'active'",
        soci::use(hash), soci::into(id);
    if (!s.got_data()) return std::nullopt;
    return id;
}

std::size_t delete_expired_sessions(soci::session& s, const SessionPolicy& p) {
    const long long now = db::now_unix();
    const long long idle_cut = now - p.idle_seconds;
    soci::statement st = (s.prepare << "DELETE FROM sessions WHERE expires_at <= :n OR last_seen_at <= :i",
                          soci::use(now), soci::use(idle_cut));
    st.execute(true);
    return static_cast<std::size_t>(st.get_affected_rows());
}

Principal load_principal(soci::session& s, std::int64_t user_id) {
    Principal p;
    p.user_id = user_id;
    auto& q = db::kept<RolesQuery>(s, "auth.load_principal");
    q.uid = user_id;
    for (bool row = q.st.execute(true); row; row = q.st.fetch()) {
        Grant g;
        if (q.mid_ind == soci::i_ok) g.municipality_id = q.mid;
        g.role = q.role;
        if (q.unit_ind == soci::i_ok) g.unit_id = q.unit;
        p.grants.push_back(std::move(g));
    }
    db::finish(s, q.st);
    return p;
}

}  // namespace syn::auth
