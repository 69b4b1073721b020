// Two-step log-in: an authenticator app's codes (RFC 6238) after the password, with recovery
// codes for a lost phone. Those who see other people's data must use it where the install
// requires it (config second_factor_required); anyone may turn it on.
#include <sodium.h>

#include "modules/accounts/service.hpp"
#include "modules/accounts/service/shared.hpp"
#include "modules/accounts/store.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/second_factor.hpp"
#include "platform/auth/totp.hpp"

namespace syn::accounts {

using namespace detail;

namespace {

// "abcde-fghij": ten letters and digits without look-alikes (no 0/o, 1/l/i), easy to read aloud.
std::string new_recovery_code() {
    static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    std::string code;
    for (int i = 0; i < 10; ++i) {
        if (i == 5) code += '-';
        code += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    }
    return code;
}

// A recovery code as typed: lower case, without spaces or the dash.
std::string normalised_code(const std::string& typed) {
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string code_hash(const std::string& code) { return auth::sha256_hex("recovery:" + normalised_code(code)); }

std::vector<std::string> fresh_codes(soci::session& s, std::int64_t user_id) {
    std::vector<std::string> codes, hashes;
    for (int i = 0; i < kRecoveryCodes; ++i) {
        codes.push_back(new_recovery_code());
        hashes.push_back(code_hash(codes.back()));
    }
    auth::replace_recovery_codes(s, user_id, hashes);
    return codes;
}

bool required_for(const web::Scope& scope) { return scope.cfg.second_factor_required && auth::holds_personal_data_role(scope.principal); }

// The issuer the app shows next to the codes: the municipality's platform.
std::string issuer(const web::Scope& scope) { return scope.tr.tf("Municipality of {}", scope.tenant.name); }

}  // namespace

SecondFactorStatus second_factor_status(const web::Scope& scope) {
    const auto a = require_account(scope);
    SecondFactorStatus st;
    st.required = required_for(scope) || scope.second_factor_missing;
    scope.db.read([&](soci::session& s) {
        if (auto f = auth::find_second_factor(s, a.id); f && f->confirmed_at) {
            st.enabled = true;
            st.since = *f->confirmed_at;
            st.codes_left = auth::recovery_codes_left(s, a.id);
        }
        return 0;
    });
    return st;
}

SecondFactorSetup start_second_factor(const web::Scope& scope) {
    const auto a = require_account(scope);
    const auto secret = scope.db.transact([&](soci::session& s) {
        auto f = auth::find_second_factor(s, a.id);
        if (f && f->confirmed_at) fail(scope, {{"code", N_("Two-step log-in is on already")}});
        if (f) return f->secret;
        auto fresh = auth::totp::new_secret();
        auth::begin_second_factor(s, a.id, fresh);
        return fresh;
    });
    return {auth::totp::uri(issuer(scope), a.email, secret), auth::totp::spaced(secret)};
}

std::vector<std::string> confirm_second_factor(const web::Scope& scope, const std::string& code) {
    const auto a = require_account(scope);
    return scope.db.transact([&](soci::session& s) {
        auto f = auth::find_second_factor(s, a.id);
        if (!f) fail(scope, {{"code", N_("Scan the code with your app first")}});
        if (f->confirmed_at) fail(scope, {{"code", N_("Two-step log-in is on already")}});
        const auto step = auth::totp::check(f->secret, code, scope.now(), 0);
        if (!step) fail(scope, {{"code", N_("This is not the code the app shows now. Type the 6 digits it shows, before they change.")}});
        auth::confirm_second_factor(s, a.id, *step);
        auto codes = fresh_codes(s, a.id);
        if (scope.session) auth::pass_second_factor(s, scope.session->id);
        audit_entry(s, scope, a.id, "account.second_factor_on", a.id);
        return codes;
    });
}

std::vector<std::string> new_recovery_codes(const web::Scope& scope, const std::string& password) {
    const auto a = require_account(scope);
    require_password(scope, a, password, "password");
    return scope.db.transact([&](soci::session& s) {
        auto f = auth::find_second_factor(s, a.id);
        if (!f || !f->confirmed_at) fail(scope, {{"password", N_("Two-step log-in is not on")}});
        auto codes = fresh_codes(s, a.id);
        audit_entry(s, scope, a.id, "account.recovery_codes_renewed", a.id);
        return codes;
    });
}

void turn_off_second_factor(const web::Scope& scope, const std::string& password) {
    const auto a = require_account(scope);
    require_password(scope, a, password, "password");
    scope.db.transact([&](soci::session& s) {
        auth::remove_second_factor(s, a.id);
        audit_entry(s, scope, a.id, "account.second_factor_off", a.id);
    });
}

void pass_second_factor(const web::Scope& scope, const std::string& code, const std::string& client_ip) {
    if (!scope.pending_session) throw web::NeedLogin();
    const auto user_id = scope.pending_session->user_id;
    const auto throttle = throttle_for(scope.pending_session->email, client_ip);
    if (throttled(scope, throttle)) fail(scope, {{"code", N_("Too many failed attempts to log in. Wait 15 minutes and try again.")}});
    const bool ok = scope.db.transact([&](soci::session& s) {
        const auto f = auth::find_second_factor(s, user_id);
        if (!f || !f->confirmed_at) return false;
        bool passed = false;
        const char* how = "app";
        if (auto step = auth::totp::check(f->secret, code, scope.now(), f->last_step)) {
            passed = auth::use_second_factor_step(s, user_id, *step);
        } else if (normalised_code(code).size() == 10) {
            passed = auth::use_recovery_code(s, user_id, code_hash(code));
            how = "recovery_code";
        }
        if (!passed) return false;
        auth::pass_second_factor(s, scope.pending_session->id);
        store::clear_failures(s, throttle.account_key);
        audit_entry(s, scope, user_id, "account.second_factor_passed", user_id, std::string("{\"with\":\"") + how + "\"}");
        return true;
    });
    if (ok) return;
    scope.db.transact([&](soci::session& s) {
        store::record_failure(s, throttle.account_key, throttle.ip_key);
        audit_entry(s, scope, std::nullopt, "account.second_factor_failed", user_id);
    });
    fail(scope, {{"code", N_("The code is not correct, or it was used already. Type the code the app shows now, or an unused recovery code.")}});
}

}  // namespace syn::accounts
