#include "modules/accounts/store.hpp"

#include "platform/auth/session_cache.hpp"

#include "platform/db/database.hpp"
#include "platform/db/row.hpp"

namespace syn::accounts::store {

namespace {
constexpr const char* kAccountCols =
    "SELECT id, COALESCE(email, ''), display_name, email_verified_at, COALESCE(password_hash, ''), status, created_at FROM users ";

std::optional<Account> one(soci::rowset<soci::row>& rs) {
    for (const auto& r : rs) {
        Account a;
        a.id = db::get_int(r, 0);
        a.email = db::get_text(r, 1);
        a.display_name = db::get_text(r, 2);
        a.email_verified_at = db::opt_int(r, 3);
        a.password_hash = db::get_text(r, 4);
        a.status = db::get_text(r, 5);
        a.created_at = db::get_int(r, 6);
        return a;
    }
    return std::nullopt;
}
}  // namespace

std::optional<Account> by_email(soci::session& s, const std::string& email) {
    soci::rowset<soci::row> rs = (s.prepare << std::string(kAccountCols) + "WHERE email = :e", soci::use(email));
    return one(rs);
}

std::optional<Account> by_id(soci::session& s, std::int64_t id) {
    long long i = id;
    soci::rowset<soci::row> rs = (s.prepare << std::string(kAccountCols) + "WHERE id = :i", soci::use(i));
    return one(rs);
}

std::int64_t insert_account(soci::session& s, const std::string& email, const std::string& name, const std::string& hash,
                            std::optional<std::int64_t> home) {
    long long id = 0, now = db::now_unix(), h = home.value_or(0);
    soci::indicator hi = home ? soci::i_ok : soci::i_null;
    s << "INSERT INTO users (email, display_name, password_hash, home_municipality_id, created_at) "
         "VALUES (:e, :n, :p, :h, :c) RETURNING id",
        soci::use(email), soci::use(name), soci::use(hash), soci::use(h, hi), soci::use(now), soci::into(id);
    return id;
}

void mark_verified(soci::session& s, std::int64_t user_id) {
    long long id = user_id, now = db::now_unix();
    s << "UPDATE users SET email_verified_at = :n WHERE id = :i AND email_verified_at IS NULL", soci::use(now), soci::use(id);
}

void set_password(soci::session& s, std::int64_t user_id, const std::string& hash) {
    long long id = user_id;
    s << "UPDATE users SET password_hash = :h WHERE id = :i", soci::use(hash), soci::use(id);
}

void set_email(soci::session& s, std::int64_t user_id, const std::string& email) {
    auth::sessions_changed();  // the header shows the address from the session
    long long id = user_id, now = db::now_unix();
    s << "UPDATE users SET email = :e, email_verified_at = :n WHERE id = :i", soci::use(email), soci::use(now), soci::use(id);
}

void set_display_name(soci::session& s, std::int64_t user_id, const std::string& name) {
    auth::sessions_changed();  // the header shows the name from the session
    long long id = user_id;
    s << "UPDATE users SET display_name = :d WHERE id = :i", soci::use(name), soci::use(id);
}

void anonymise(soci::session& s, std::int64_t user_id) {
    auth::sessions_changed();
    long long id = user_id, now = db::now_unix();
    s << "UPDATE users SET email = NULL, email_verified_at = NULL, password_hash = NULL, display_name = '', "
         "status = 'deleted', deleted_at = :n WHERE id = :i",
        soci::use(now), soci::use(id);
    s << "DELETE FROM sessions WHERE user_id = :i", soci::use(id);
    s << "DELETE FROM api_tokens WHERE user_id = :i", soci::use(id);
    s << "DELETE FROM email_tokens WHERE user_id = :i", soci::use(id);
    s << "DELETE FROM user_roles WHERE user_id = :i", soci::use(id);
}

void insert_email_token(soci::session& s, std::int64_t user_id, const std::string& purpose, const std::string& token_hash,
                        long ttl, const std::string& new_email) {
    long long u = user_id, now = db::now_unix(), exp = now + ttl;
    soci::indicator ni = new_email.empty() ? soci::i_null : soci::i_ok;
    s << "INSERT INTO email_tokens (user_id, purpose, token_hash, new_email, created_at, expires_at) "
         "VALUES (:u, :p, :h, :e, :c, :x)",
        soci::use(u), soci::use(purpose), soci::use(token_hash), soci::use(new_email, ni), soci::use(now), soci::use(exp);
}

std::optional<EmailToken> find_email_token(soci::session& s, const std::string& purpose, const std::string& token_hash) {
    long long now = db::now_unix();
    soci::rowset<soci::row> rs = (s.prepare <<
        "SELECT id, user_id, COALESCE(new_email, '') FROM email_tokens "
        "WHERE purpose = :p AND token_hash = :h AND used_at IS NULL AND expires_at > :n",
        soci::use(purpose), soci::use(token_hash), soci::use(now));
    for (const auto& r : rs) return EmailToken{db::get_int(r, 0), db::get_int(r, 1), db::get_text(r, 2)};
    return std::nullopt;
}

void use_email_token(soci::session& s, std::int64_t id) {
    long long i = id, now = db::now_unix();
    s << "UPDATE email_tokens SET used_at = :n WHERE id = :i", soci::use(now), soci::use(i);
}

std::int64_t insert_api_token(soci::session& s, std::int64_t user_id, const std::string& name, const std::string& token_hash) {
    long long u = user_id, now = db::now_unix(), id = 0;
    s << "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (:u, :n, :h, :c) RETURNING id",
        soci::use(u), soci::use(name), soci::use(token_hash), soci::use(now), soci::into(id);
    return id;
}

std::vector<ApiToken> api_tokens(soci::session& s, std::int64_t user_id) {
    long long u = user_id;
    std::vector<ApiToken> out;
    soci::rowset<soci::row> rs = (s.prepare <<
        "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = :u ORDER BY id DESC",
        soci::use(u));
    for (const auto& r : rs)
        out.push_back({db::get_int(r, 0), db::get_text(r, 1), db::get_int(r, 2), db::opt_int(r, 3), db::opt_int(r, 4)});
    return out;
}

bool revoke_api_token(soci::session& s, std::int64_t user_id, std::int64_t token_id) {
    long long u = user_id, t = token_id, now = db::now_unix();
    soci::statement st = (s.prepare << "UPDATE api_tokens SET revoked_at = :n WHERE id = :t AND user_id = :u AND revoked_at IS NULL",
                          soci::use(now), soci::use(t), soci::use(u));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

int recent_failures_for_account(soci::session& s, const std::string& key, std::int64_t since) {
    long long n = 0, t = since;
    s << "SELECT COUNT(*) FROM login_failures WHERE account_key = :k AND at >= :t", soci::use(key), soci::use(t), soci::into(n);
    return static_cast<int>(n);
}

int recent_failures_for_ip(soci::session& s, const std::string& key, std::int64_t since) {
    long long n = 0, t = since;
    s << "SELECT COUNT(*) FROM login_failures WHERE ip_key = :k AND at >= :t", soci::use(key), soci::use(t), soci::into(n);
    return static_cast<int>(n);
}

void record_failure(soci::session& s, const std::string& account_key, const std::string& ip_key) {
    long long now = db::now_unix();
    s << "INSERT INTO login_failures (account_key, ip_key, at) VALUES (:a, :i, :n)", soci::use(account_key), soci::use(ip_key),
        soci::use(now);
}

void clear_failures(soci::session& s, const std::string& account_key) {
    s << "DELETE FROM login_failures WHERE account_key = :a", soci::use(account_key);
}

}  // namespace syn::accounts::store
