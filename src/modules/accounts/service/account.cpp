// An account's life: registration and its confirmation, log-in and log-out, the password and
// the address, API tokens, the export and deletion of its data; and the operator's and the
// people pages' ways to create accounts and withdraw roles.
#include "modules/accounts/service.hpp"
#include "modules/accounts/service/shared.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "modules/accounts/rules.hpp"
#include "modules/accounts/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/grants.hpp"
#include "platform/auth/language.hpp"
#include "platform/auth/second_factor.hpp"
#include "platform/db/database.hpp"
#include "platform/mail/mail.hpp"
#include "platform/text/text.hpp"
#include "platform/web/app.hpp"

namespace syn::accounts {

using namespace detail;

namespace {

// The mail with the link that confirms a new account's address, valid for 48 hours.
void queue_confirmation_link(soci::session& s, const web::Scope& scope, std::int64_t user_id, const std::string& email,
                             const std::string& name, const std::string& token) {
    store::insert_email_token(s, user_id, "verify", auth::sha256_hex(token), kVerifyTokenSeconds);
    queue(s, scope, scope.tr, email, scope.tr.tf("Confirm your e-mail address — {}", site(scope)),
          scope.tr("To finish creating your account, open this link within 48 hours:") + "\n" +
              link(scope, "/verify", token) + "\n\n" + scope.tr("If you did not ask for an account, ignore this message."), name);
}

}  // namespace

void register_account(const web::Scope& scope, const RegisterInput& in) {
    fail_if(scope, check_registration(in));
    const auto email = normalise_email(in.email);
    const auto name = text::trim(in.display_name);
    const auto hash = auth::hash_password(in.password);  // outside the transaction: it is slow on purpose
    const auto token = auth::random_token();
    scope.db.transact([&](soci::session& s) {
        if (auto existing = store::by_email(s, email)) {
            queue(s, scope, scope.tr, email, scope.tr.tf("Someone tried to register with your address — {}", site(scope)),
                  scope.tr("Someone tried to create an account with this e-mail address, but you already have one.\n\n"
                         "If it was you, log in instead, or reset your password if you have forgotten it:\n") +
                      scope.absolute_url("/password/forgot") + "\n\n" +
                      scope.tr("If it was not you, you can ignore this message."));
            return;
        }
        const auto id = store::insert_account(s, email, name, hash, scope.tenant.id);
        auth::set_language(s, id, scope.tr.lang());  // their mail comes in the language they registered in
        audit_entry(s, scope, id, "account.register", id);
        queue_confirmation_link(s, scope, id, email, name, token);
    });
    scope.wake_jobs();
}

bool resend_confirmation_link(const web::Scope& scope, const std::string& raw_email, const std::string& client_ip) {
    const auto email = normalise_email(raw_email);
    if (email.empty() || !text::valid_email(email))
        fail(scope, {{"email", N_("Enter an e-mail address in the correct format, like name@example.gr")}});
    // Every ask counts, whether or not the address has an account, so the limit tells nothing
    // about who is registered; the log-in's table keeps the counts, under keys of their own.
    const Throttle t{auth::sha256_hex("resend:" + email), auth::sha256_hex("resend-ip:" + client_ip)};
    const auto since = scope.now() - kResendWindowSeconds;
    const bool limited = scope.db.read([&](soci::session& s) {
        return store::recent_failures_for_account(s, t.account_key, since) >= kResendsPerAddress ||
               store::recent_failures_for_ip(s, t.ip_key, since) >= kResendsPerClient;
    });
    if (limited) return false;
    const auto token = auth::random_token();
    scope.db.transact([&](soci::session& s) {
        store::record_failure(s, t.account_key, t.ip_key);
        auto a = store::by_email(s, email);
        if (!a || a->status != "active" || a->email_verified_at) return;  // the same answer either way
        audit_entry(s, scope, std::nullopt, "account.confirmation_resent", a->id);
        queue_confirmation_link(s, scope, a->id, email, a->display_name, token);
    });
    scope.wake_jobs();
    return true;
}

Outcome verify_email(const web::Scope& scope, const std::string& token) {
    return scope.db.transact([&](soci::session& s) -> Outcome {
        auto t = store::find_email_token(s, "verify", auth::sha256_hex(token));
        if (!t) return {false, N_("This link has expired or has already been used. Ask for a new one below."), 400};
        store::use_email_token(s, t->id);
        store::mark_verified(s, t->user_id);
        audit_entry(s, scope, t->user_id, "account.verify", t->user_id);
        return {true, nullptr, 200};
    });
}

LoginResult login(const web::Scope& scope, const LoginInput& in) {
    const auto email = normalise_email(in.email);
    std::vector<Problem> p;
    if (email.empty()) p.push_back({"email", N_("Enter your e-mail address")});
    if (in.password.empty()) p.push_back({"password", N_("Enter your password")});
    fail_if(scope, p);

    // Rate limits are in the database so that every copy of the program behind a balancer
    // counts the same attempts.
    const auto throttle = throttle_for(email, in.client_ip);
    const bool limited = throttled(scope, throttle);
    if (limited) return {{false, N_("Too many failed attempts to log in. Wait 15 minutes and try again."), 429}, std::nullopt};

    auto account = scope.db.read([&](soci::session& s) { return store::by_email(s, email); });
    const bool ok = account && account->status == "active" && auth::verify_password(in.password, account->password_hash);
    if (!ok) {
        scope.db.transact([&](soci::session& s) {
            store::record_failure(s, throttle.account_key, throttle.ip_key);
            if (account) audit_entry(s, scope, std::nullopt, "account.login_failed", account->id);
        });
        return {{false, N_("The e-mail address or the password is not correct."), 401}, std::nullopt};
    }
    if (!account->email_verified_at)
        return {{false, N_("Confirm your e-mail address first: open the link we sent you when you registered."), 403}, std::nullopt};

    auth::SessionPolicy pol{scope.cfg.session_idle_seconds, scope.cfg.session_absolute_seconds};
    bool second_factor = false;
    auto session = scope.db.transact([&](soci::session& s) {
        if (scope.session) auth::delete_session(s, scope.session->id);  // the token rotates at log-in
        if (scope.pending_session) auth::delete_session(s, scope.pending_session->id);
        store::clear_failures(s, throttle.account_key);
        audit_entry(s, scope, account->id, "account.login", account->id);
        second_factor = scope.cfg.second_factor_required && auth::has_second_factor(s, account->id);
        return auth::create_session(s, account->id, pol);
    });
    return {{true, nullptr, 200}, session, second_factor};
}

void logout(const web::Scope& scope) {
    if (!scope.session) return;
    scope.db.transact([&](soci::session& s) {
        auth::delete_session(s, scope.session->id);
        audit_entry(s, scope, scope.principal.user_id, "account.logout", scope.principal.user_id);
    });
}

void logout_everywhere(const web::Scope& scope) {
    require_account(scope);
    scope.db.transact([&](soci::session& s) {
        auth::delete_user_sessions(s, scope.principal.user_id);
        audit_entry(s, scope, scope.principal.user_id, "account.logout_everywhere", scope.principal.user_id);
    });
}

void request_password_reset(const web::Scope& scope, const std::string& raw_email) {
    const auto email = normalise_email(raw_email);
    if (email.empty() || !text::valid_email(email))
        fail(scope, {{"email", N_("Enter an e-mail address in the correct format, like name@example.gr")}});
    const auto token = auth::random_token();
    scope.db.transact([&](soci::session& s) {
        auto a = store::by_email(s, email);
        if (!a || a->status != "active") return;  // same answer either way: no account discovery
        store::insert_email_token(s, a->id, "reset", auth::sha256_hex(token), kResetTokenSeconds);
        audit_entry(s, scope, std::nullopt, "account.reset_requested", a->id);
        queue(s, scope, scope.tr, email, scope.tr.tf("Reset your password — {}", site(scope)),
              scope.tr("To choose a new password, open this link within one hour:") + "\n" + link(scope, "/password/reset", token) +
                  "\n\n" + scope.tr("If you did not ask to reset your password, ignore this message: nothing has changed."));
    });
    scope.wake_jobs();
}

bool reset_token_valid(const web::Scope& scope, const std::string& token) {
    return scope.db.read([&](soci::session& s) { return store::find_email_token(s, "reset", auth::sha256_hex(token)).has_value(); });
}

Outcome reset_password(const web::Scope& scope, const std::string& token, const std::string& pw, const std::string& confirm) {
    auto t = scope.db.read([&](soci::session& s) { return store::find_email_token(s, "reset", auth::sha256_hex(token)); });
    if (!t) return {false, N_("This link has expired or has already been used. Ask for a new one."), 400};
    auto a = scope.db.read([&](soci::session& s) { return store::by_id(s, t->user_id); });
    std::vector<Problem> p;
    check_new_password(pw, confirm, a ? a->email : "", p);
    fail_if(scope, p);
    const auto hash = auth::hash_password(pw);
    return scope.db.transact([&](soci::session& s) -> Outcome {
        // Re-check inside the transaction so two submissions of one link cannot both succeed.
        if (!store::find_email_token(s, "reset", auth::sha256_hex(token)))
            return {false, N_("This link has expired or has already been used. Ask for a new one."), 400};
        store::use_email_token(s, t->id);
        store::set_password(s, t->user_id, hash);
        store::mark_verified(s, t->user_id);  // they proved they read the mailbox
        auth::delete_user_sessions(s, t->user_id);
        audit_entry(s, scope, t->user_id, "account.password_reset", t->user_id);
        return {true, nullptr, 200};
    });
}

void change_password(const web::Scope& scope, const std::string& current, const std::string& pw, const std::string& confirm) {
    auto a = require_account(scope);
    require_password(scope, a, current, "current_password");
    std::vector<Problem> p;
    check_new_password(pw, confirm, a.email, p, "new_password", "new_password_confirm");
    fail_if(scope, p);
    const auto hash = auth::hash_password(pw);
    scope.db.transact([&](soci::session& s) {
        store::set_password(s, a.id, hash);
        // Other devices must log in again with the new password; this one stays logged in.
        auth::delete_other_sessions(s, a.id, scope.session ? scope.session->id : 0);
        audit_entry(s, scope, a.id, "account.password_changed", a.id);
    });
}

void request_email_change(const web::Scope& scope, const std::string& current_password, const std::string& new_email_raw) {
    auto a = require_account(scope);
    const auto email = normalise_email(new_email_raw);
    std::vector<Problem> p;
    if (email.empty()) p.push_back({"new_email", N_("Enter your new e-mail address")});
    else if (!text::valid_email(email)) p.push_back({"new_email", N_("Enter an e-mail address in the correct format, like name@example.gr")});
    else if (email == a.email) p.push_back({"new_email", N_("This is already your e-mail address")});
    fail_if(scope, p);
    require_password(scope, a, current_password, "email_password");
    const auto token = auth::random_token();
    scope.db.transact([&](soci::session& s) {
        store::insert_email_token(s, a.id, "email_change", auth::sha256_hex(token), kVerifyTokenSeconds, email);
        audit_entry(s, scope, a.id, "account.email_change_requested", a.id);
        queue(s, scope, scope.tr, email, scope.tr.tf("Confirm your new e-mail address — {}", site(scope)),
              scope.tr("To use this address for your account, open this link within 48 hours:") + "\n" +
                  link(scope, "/account/email/confirm", token));
    });
    scope.wake_jobs();
}

Outcome confirm_email_change(const web::Scope& scope, const std::string& token) {
    return scope.db.transact([&](soci::session& s) -> Outcome {
        auto t = store::find_email_token(s, "email_change", auth::sha256_hex(token));
        if (!t) return {false, N_("This link has expired or has already been used."), 400};
        if (store::by_email(s, t->new_email)) return {false, N_("Another account already uses this e-mail address."), 409};
        store::use_email_token(s, t->id);
        store::set_email(s, t->user_id, t->new_email);
        audit_entry(s, scope, t->user_id, "account.email_changed", t->user_id);
        return {true, nullptr, 200};
    });
}

void change_display_name(const web::Scope& scope, const std::string& name) {
    auto a = require_account(scope);
    fail_if(scope, check_display_name(name));
    scope.db.transact([&](soci::session& s) {
        store::set_display_name(s, a.id, text::trim(name));
        audit_entry(s, scope, a.id, "account.name_changed", a.id);
    });
}

CreatedToken create_api_token(const web::Scope& scope, const std::string& raw_name) {
    auto a = require_account(scope);
    const auto name = text::trim(raw_name);
    if (name.empty()) fail(scope, {{"token_name", N_("Enter a name for the token, so you can recognise it later")}});
    if (name.size() > 80 || !text::valid_utf8_text(name)) fail(scope, {{"token_name", N_("The name must be 80 characters or fewer")}});
    const auto token = "syn_" + auth::random_token();
    auto id = scope.db.transact([&](soci::session& s) {
        auto id = store::insert_api_token(s, a.id, name, auth::sha256_hex(token));
        audit_entry(s, scope, a.id, "account.token_created", a.id, fmt::format("{{\"token_id\":{}}}", id));
        return id;
    });
    return {id, token};
}

void revoke_api_token(const web::Scope& scope, std::int64_t token_id) {
    auto a = require_account(scope);
    scope.db.transact([&](soci::session& s) {
        if (!store::revoke_api_token(s, a.id, token_id)) throw web::NotFound();
        audit_entry(s, scope, a.id, "account.token_revoked", a.id, fmt::format("{{\"token_id\":{}}}", token_id));
    });
}

std::vector<ApiToken> list_api_tokens(const web::Scope& scope) {
    require_account(scope);  // a deleted account's tokens are gone; a stale Scope learns nothing
    return scope.db.read([&](soci::session& s) { return store::api_tokens(s, scope.principal.user_id); });
}

Account current_account(const web::Scope& scope) { return require_account(scope); }

nlohmann::json export_data(const web::Scope& scope) {
    auto a = require_account(scope);
    nlohmann::json j;
    j["account"] = {{"id", a.id}, {"email", a.email}, {"display_name", a.display_name}, {"created_at", a.created_at},
                    {"email_verified_at", a.email_verified_at ? nlohmann::json(*a.email_verified_at) : nlohmann::json()}};
    j["roles"] = nlohmann::json::array();
    for (const auto& g : scope.principal.grants)
        j["roles"].push_back({{"role", g.role}, {"municipality_id", g.municipality_id ? nlohmann::json(*g.municipality_id) : nlohmann::json()}});
    j["api_tokens"] = nlohmann::json::array();
    for (const auto& t : list_api_tokens(scope))
        j["api_tokens"].push_back({{"id", t.id}, {"name", t.name}, {"created_at", t.created_at},
                                   {"revoked_at", t.revoked_at ? nlohmann::json(*t.revoked_at) : nlohmann::json()}});
    j["activity"] = nlohmann::json::array();
    scope.db.read([&](soci::session& s) {
        audit::Filter f;
        f.actor_user_id = a.id;
        for (const auto& r : audit::list(s, f, 0, 1000))
            j["activity"].push_back({{"at", r.at}, {"action", r.action}, {"subject", r.subject}});
        return 0;
    });
    j["exported_at"] = scope.now();
    scope.db.transact([&](soci::session& s) { audit_entry(s, scope, a.id, "account.exported", a.id); });
    return j;
}

void delete_account(const web::Scope& scope, const std::string& password) {
    auto a = require_account(scope);
    require_password(scope, a, password, "delete_password");
    scope.db.transact([&](soci::session& s) {
        store::anonymise(s, a.id);
        audit_entry(s, scope, a.id, "account.deleted", a.id);
    });
}

std::int64_t create_verified_account(soci::session& s, const std::string& email, const std::string& display_name,
                                     const std::string& password, const std::string& role,
                                     std::optional<std::int64_t> municipality_id) {
    const auto id = store::insert_account(s, normalise_email(email), display_name, auth::hash_password(password), municipality_id);
    store::mark_verified(s, id);
    if (role != "citizen") auth::grant_role(s, id, role == "operator" ? std::nullopt : municipality_id, role);
    audit::append(s, {municipality_id, std::nullopt, "account.created_by_operator", fmt::format("user:{}", id),
                      fmt::format("{{\"role\":\"{}\"}}", role)});
    return id;
}

Invitation invite_account(soci::session& s, const web::Scope& scope, const std::string& raw_email, const std::string& display_name,
                          const std::function<std::string(const i18n::Tr&)>& what) {
    const auto email = normalise_email(raw_email);
    Invitation out;
    auto a = store::by_email(s, email);
    if (a && a->status != "active") a.reset();
    if (a) {
        out.user_id = a->id;
    } else {
        out.user_id = store::insert_account(s, email, text::trim(display_name), "", scope.tenant.id);
        out.created = true;
    }
    // In the person's language; a new account's is Greek until they choose.
    const i18n::Tr tr(auth::language_of(s, out.user_id));
    const auto municipality = site(scope, tr);
    std::string body = tr.tf("The {} gave you a role on its platform: {}.", municipality, what(tr)) + "\n\n";
    if (!a || a->password_hash.empty()) {
        const auto token = auth::random_token();
        store::insert_email_token(s, out.user_id, "reset", auth::sha256_hex(token), kInvitationSeconds);
        body += tr("To choose your password and log in, open this link within 7 days:") + "\n" + link(scope, "/password/reset", token) +
                "\n\n" + tr("If the link has expired, ask for a new one on the log-in page with «I have forgotten my password».");
    } else {
        body += tr("Log in with your usual e-mail address and password:") + "\n" + scope.absolute_url("/login");
    }
    queue(s, scope, tr, email, tr.tf("A role on the platform — {}", municipality), body);
    audit_entry(s, scope, scope.logged_in() ? std::optional<std::int64_t>(scope.principal.user_id) : std::nullopt,
                out.created ? "account.invited" : "account.invited_existing", out.user_id);
    return out;
}

void remember_language(const web::Scope& scope, i18n::Lang lang) {
    if (!scope.logged_in()) return;
    scope.db.transact([&](soci::session& s) { auth::set_language(s, scope.principal.user_id, lang); });
}

std::optional<std::int64_t> account_id_by_email(soci::session& s, const std::string& email) {
    const auto a = store::by_email(s, normalise_email(email));
    if (!a || a->status != "active") return std::nullopt;
    return a->id;
}

bool withdraw_role(soci::session& s, const std::string& email, const std::string& role, std::optional<std::int64_t> municipality_id) {
    const auto account = store::by_email(s, normalise_email(email));
    if (!account) throw std::runtime_error("no account with e-mail address " + email);
    const auto where = role == "operator" ? std::nullopt : municipality_id;
    if (!auth::withdraw_role(s, account->id, where, role)) return false;
    audit::append(s, {where, std::nullopt, "account.role_withdrawn_by_operator", fmt::format("user:{}", account->id),
                      nlohmann::json{{"role", role}}.dump()});
    return true;
}

}  // namespace syn::accounts
