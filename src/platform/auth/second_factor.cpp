#include "platform/auth/second_factor.hpp"

#include <algorithm>

#include "platform/auth/session_cache.hpp"
#include "platform/db/row.hpp"

namespace syn::auth {

namespace {

long long affected(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}

}  // namespace

std::optional<SecondFactor> find_second_factor(soci::session& s, std::int64_t user_id) {
    long long u = user_id;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT secret, confirmed_at, last_step FROM second_factors WHERE user_id = :u", soci::use(u));
    for (const auto& r : rs) {
        SecondFactor f;
        f.secret = db::get_text(r, 0);
        if (r.get_indicator(1) == soci::i_ok) f.confirmed_at = db::get_int(r, 1);
        f.last_step = db::get_int(r, 2);
        return f;
    }
    return std::nullopt;
}

void begin_second_factor(soci::session& s, std::int64_t user_id, const std::string& secret) {
    long long u = user_id, now = db::now_unix();
    s << "DELETE FROM second_factors WHERE user_id = :u AND confirmed_at IS NULL", soci::use(u);
    s << "INSERT INTO second_factors (user_id, secret, created_at) VALUES (:u, :s, :n)", soci::use(u), soci::use(secret), soci::use(now);
}

void confirm_second_factor(soci::session& s, std::int64_t user_id, std::int64_t step) {
    sessions_changed();  // the account's sessions now count differently
    long long u = user_id, st = step, now = db::now_unix();
    s << "UPDATE second_factors SET confirmed_at = :n, last_step = :st WHERE user_id = :u", soci::use(now), soci::use(st), soci::use(u);
}

bool use_second_factor_step(soci::session& s, std::int64_t user_id, std::int64_t step) {
    long long u = user_id, st = step;
    soci::statement q = (s.prepare << "UPDATE second_factors SET last_step = :st WHERE user_id = :u AND last_step < :st2",
                         soci::use(st), soci::use(u), soci::use(st));
    return affected(q) > 0;
}

bool has_second_factor(soci::session& s, std::int64_t user_id) {
    long long u = user_id, n = 0;
    s << "SELECT COUNT(*) FROM second_factors WHERE user_id = :u AND confirmed_at IS NOT NULL", soci::use(u), soci::into(n);
    return n > 0;
}

void remove_second_factor(soci::session& s, std::int64_t user_id) {
    sessions_changed();
    long long u = user_id;
    s << "DELETE FROM second_factors WHERE user_id = :u", soci::use(u);
    s << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(u);
}

void replace_recovery_codes(soci::session& s, std::int64_t user_id, const std::vector<std::string>& hashes) {
    long long u = user_id;
    s << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(u);
    for (const auto& h : hashes) s << "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:u, :h)", soci::use(u), soci::use(h);
}

bool use_recovery_code(soci::session& s, std::int64_t user_id, const std::string& hash) {
    long long u = user_id, now = db::now_unix();
    soci::statement q = (s.prepare << "UPDATE recovery_codes SET used_at = :n WHERE user_id = :u AND code_hash = :h AND used_at IS NULL",
                         soci::use(now), soci::use(u), soci::use(hash));
    return affected(q) > 0;
}

long long recovery_codes_left(soci::session& s, std::int64_t user_id) {
    long long u = user_id, n = 0;
    s << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :u AND used_at IS NULL", soci::use(u), soci::into(n);
    return n;
}

void pass_second_factor(soci::session& s, std::int64_t session_id) {
    sessions_changed();
    long long id = session_id, now = db::now_unix();
    s << "UPDATE sessions SET second_factor_at = :n WHERE id = :i", soci::use(now), soci::use(id);
}

bool holds_personal_data_role(const Principal& p) {
    return std::any_of(p.grants.begin(), p.grants.end(), [](const Grant& g) {
        const auto* info = role_info(g.role);
        return info && info->sees_personal_data;
    });
}

Principal without_personal_data_roles(Principal p) {
    std::erase_if(p.grants, [](const Grant& g) {
        const auto* info = role_info(g.role);
        return info && info->sees_personal_data;
    });
    return p;
}

Gate gate(bool enrolled, bool passed, bool required, const Principal& p) {
    // An install that turned the second factor off (the test servers) asks nobody for it.
    if (!required) return Gate::open;
    if (enrolled) return passed ? Gate::open : Gate::pending;
    if (required && holds_personal_data_role(p)) return Gate::roles_held;
    return Gate::open;
}

}  // namespace syn::auth
