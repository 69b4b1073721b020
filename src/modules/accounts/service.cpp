#include "modules/accounts/service.hpp"

#include <fmt/format.h>

#include "modules/accounts/rules.hpp"
#include "modules/accounts/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/db/database.hpp"
#include "platform/mail/mail.hpp"
#include "platform/text/text.hpp"
#include "platform/web/app.hpp"

namespace syn::accounts {

namespace {

[[noreturn]] void fail(const web::Context& ctx, const std::vector<Problem>& problems) {
    html::Errors e(ctx.tr);
    for (const auto& p : problems) e.add(p.field, ctx.tr(p.msgid));
    throw web::Invalid(std::move(e));
}

void fail_if(const web::Context& ctx, const std::vector<Problem>& problems) {
    if (!problems.empty()) fail(ctx, problems);
}

std::string link(const web::Context& ctx, std::string_view path, const std::string& token) {
    return ctx.cfg.base_url + ctx.url(path) + "?token=" + token;
}

void audit_entry(soci::session& s, const web::Context& ctx, std::optional<std::int64_t> actor, const char* action,
                 std::int64_t subject_user, std::string details = "{}") {
    audit::append(s, {ctx.tenant.id, actor, action, fmt::format("user:{}", subject_user), std::move(details)});
}

std::string site(const web::Context& ctx) {
    return ctx.tr.tf("Municipality of {}", ctx.tr.lang() == i18n::Lang::En && !ctx.tenant.name_en.empty() ? ctx.tenant.name_en : ctx.tenant.name);
}

void queue(soci::session& s, const web::Context& ctx, const std::string& to, std::string subject, std::string body) {
    mail::enqueue(s, ctx.tenant.id, {to, std::move(subject), std::move(body)});
}

Account require_account(web::Context& ctx) {
    ctx.require_login();
    auto a = ctx.db.read([&](soci::session& s) { return store::by_id(s, ctx.principal.user_id); });
    if (!a || a->status != "active") throw web::NeedLogin();
    return *a;
}

void require_password(const web::Context& ctx, const Account& a, const std::string& pw, const char* field) {
    if (!auth::verify_password(pw, a.password_hash)) fail(ctx, {{field, N_("The password is not correct")}});
}

}  // namespace

void register_account(web::Context& ctx, const RegisterInput& in) {
    fail_if(ctx, check_registration(in));
    const auto email = normalise_email(in.email);
    const auto name = text::trim(in.display_name);
    const auto hash = auth::hash_password(in.password);  // outside the transaction: it is slow on purpose
    const auto token = auth::random_token();
    ctx.db.transact([&](soci::session& s) {
        if (auto existing = store::by_email(s, email)) {
            queue(s, ctx, email, ctx.tr.tf("Someone tried to register with your address — {}", site(ctx)),
                  ctx.tr("Someone tried to create an account with this e-mail address, but you already have one.\n\n"
                         "If it was you, log in instead, or reset your password if you have forgotten it:\n") +
                      ctx.cfg.base_url + ctx.url("/password/forgot") + "\n\n" +
                      ctx.tr("If it was not you, you can ignore this message."));
            return;
        }
        const auto id = store::insert_account(s, email, name, hash, ctx.tenant.id);
        store::insert_email_token(s, id, "verify", auth::sha256_hex(token), kVerifyTokenSeconds);
        audit_entry(s, ctx, id, "account.register", id);
        queue(s, ctx, email, ctx.tr.tf("Confirm your e-mail address — {}", site(ctx)),
              ctx.tr.tf("Hello {},", name) + "\n\n" +
                  ctx.tr("To finish creating your account, open this link within 48 hours:") + "\n" +
                  link(ctx, "/verify", token) + "\n\n" + ctx.tr("If you did not ask for an account, ignore this message."));
    });
    ctx.app.wake_jobs();
}

Outcome verify_email(web::Context& ctx, const std::string& token) {
    return ctx.db.transact([&](soci::session& s) -> Outcome {
        auto t = store::find_email_token(s, "verify", auth::sha256_hex(token));
        if (!t) return {false, N_("This link has expired or has already been used. Log in to get a new one."), 400};
        store::use_email_token(s, t->id);
        store::mark_verified(s, t->user_id);
        audit_entry(s, ctx, t->user_id, "account.verify", t->user_id);
        return {true, nullptr, 200};
    });
}

LoginResult login(web::Context& ctx, const LoginInput& in) {
    const auto email = normalise_email(in.email);
    std::vector<Problem> p;
    if (email.empty()) p.push_back({"email", N_("Enter your e-mail address")});
    if (in.password.empty()) p.push_back({"password", N_("Enter your password")});
    fail_if(ctx, p);

    const auto account_key = auth::sha256_hex("acct:" + email);
    const auto ip_key = auth::sha256_hex("ip:" + ctx.client_ip());
    const auto since = db::now_unix() - ctx.cfg.login_window_seconds;
    // Rate limits are in the database so that every copy of the program behind a balancer
    // counts the same attempts.
    auto limited = ctx.db.read([&](soci::session& s) {
        return store::recent_failures_for_account(s, account_key, since) >= ctx.cfg.login_limit_per_account ||
               store::recent_failures_for_ip(s, ip_key, since) >= ctx.cfg.login_limit_per_ip;
    });
    if (limited) return {{false, N_("Too many failed attempts to log in. Wait 15 minutes and try again."), 429}, std::nullopt};

    auto account = ctx.db.read([&](soci::session& s) { return store::by_email(s, email); });
    const bool ok = account && account->status == "active" && auth::verify_password(in.password, account->password_hash);
    if (!ok) {
        ctx.db.transact([&](soci::session& s) {
            store::record_failure(s, account_key, ip_key);
            if (account) audit_entry(s, ctx, std::nullopt, "account.login_failed", account->id);
        });
        return {{false, N_("The e-mail address or the password is not correct."), 401}, std::nullopt};
    }
    if (!account->email_verified_at)
        return {{false, N_("Confirm your e-mail address first: open the link we sent you when you registered."), 403}, std::nullopt};

    auth::SessionPolicy pol{ctx.cfg.session_idle_seconds, ctx.cfg.session_absolute_seconds};
    auto session = ctx.db.transact([&](soci::session& s) {
        if (ctx.session) auth::delete_session(s, ctx.session->id);  // the token rotates at log-in
        store::clear_failures(s, account_key);
        audit_entry(s, ctx, account->id, "account.login", account->id);
        return auth::create_session(s, account->id, pol);
    });
    return {{true, nullptr, 200}, session};
}

void logout(web::Context& ctx) {
    if (!ctx.session) return;
    ctx.db.transact([&](soci::session& s) {
        auth::delete_session(s, ctx.session->id);
        audit_entry(s, ctx, ctx.principal.user_id, "account.logout", ctx.principal.user_id);
    });
}

void logout_everywhere(web::Context& ctx) {
    ctx.require_login();
    ctx.db.transact([&](soci::session& s) {
        auth::delete_user_sessions(s, ctx.principal.user_id);
        audit_entry(s, ctx, ctx.principal.user_id, "account.logout_everywhere", ctx.principal.user_id);
    });
}

void request_password_reset(web::Context& ctx, const std::string& raw_email) {
    const auto email = normalise_email(raw_email);
    if (email.empty() || !text::valid_email(email))
        fail(ctx, {{"email", N_("Enter an e-mail address in the correct format, like name@example.gr")}});
    const auto token = auth::random_token();
    ctx.db.transact([&](soci::session& s) {
        auto a = store::by_email(s, email);
        if (!a || a->status != "active") return;  // same answer either way: no account discovery
        store::insert_email_token(s, a->id, "reset", auth::sha256_hex(token), kResetTokenSeconds);
        audit_entry(s, ctx, std::nullopt, "account.reset_requested", a->id);
        queue(s, ctx, email, ctx.tr.tf("Reset your password — {}", site(ctx)),
              ctx.tr("To choose a new password, open this link within one hour:") + "\n" + link(ctx, "/password/reset", token) +
                  "\n\n" + ctx.tr("If you did not ask to reset your password, ignore this message: nothing has changed."));
    });
    ctx.app.wake_jobs();
}

bool reset_token_valid(web::Context& ctx, const std::string& token) {
    return ctx.db.read([&](soci::session& s) { return store::find_email_token(s, "reset", auth::sha256_hex(token)).has_value(); });
}

Outcome reset_password(web::Context& ctx, const std::string& token, const std::string& pw, const std::string& confirm) {
    auto t = ctx.db.read([&](soci::session& s) { return store::find_email_token(s, "reset", auth::sha256_hex(token)); });
    if (!t) return {false, N_("This link has expired or has already been used. Ask for a new one."), 400};
    auto a = ctx.db.read([&](soci::session& s) { return store::by_id(s, t->user_id); });
    std::vector<Problem> p;
    check_new_password(pw, confirm, a ? a->email : "", p);
    fail_if(ctx, p);
    const auto hash = auth::hash_password(pw);
    return ctx.db.transact([&](soci::session& s) -> Outcome {
        // Re-check inside the transaction so two submissions of one link cannot both succeed.
        if (!store::find_email_token(s, "reset", auth::sha256_hex(token)))
            return {false, N_("This link has expired or has already been used. Ask for a new one."), 400};
        store::use_email_token(s, t->id);
        store::set_password(s, t->user_id, hash);
        store::mark_verified(s, t->user_id);  // they proved they read the mailbox
        auth::delete_user_sessions(s, t->user_id);
        audit_entry(s, ctx, t->user_id, "account.password_reset", t->user_id);
        return {true, nullptr, 200};
    });
}

void change_password(web::Context& ctx, const std::string& current, const std::string& pw, const std::string& confirm) {
    auto a = require_account(ctx);
    require_password(ctx, a, current, "current_password");
    std::vector<Problem> p;
    check_new_password(pw, confirm, a.email, p, "new_password", "new_password_confirm");
    fail_if(ctx, p);
    const auto hash = auth::hash_password(pw);
    ctx.db.transact([&](soci::session& s) {
        store::set_password(s, a.id, hash);
        // Other devices must log in again with the new password; this one stays logged in.
        auth::delete_other_sessions(s, a.id, ctx.session ? ctx.session->id : 0);
        audit_entry(s, ctx, a.id, "account.password_changed", a.id);
    });
}

void request_email_change(web::Context& ctx, const std::string& current_password, const std::string& new_email_raw) {
    auto a = require_account(ctx);
    const auto email = normalise_email(new_email_raw);
    std::vector<Problem> p;
    if (email.empty()) p.push_back({"new_email", N_("Enter your new e-mail address")});
    else if (!text::valid_email(email)) p.push_back({"new_email", N_("Enter an e-mail address in the correct format, like name@example.gr")});
    else if (email == a.email) p.push_back({"new_email", N_("This is already your e-mail address")});
    fail_if(ctx, p);
    require_password(ctx, a, current_password, "email_password");
    const auto token = auth::random_token();
    ctx.db.transact([&](soci::session& s) {
        store::insert_email_token(s, a.id, "email_change", auth::sha256_hex(token), kVerifyTokenSeconds, email);
        audit_entry(s, ctx, a.id, "account.email_change_requested", a.id);
        queue(s, ctx, email, ctx.tr.tf("Confirm your new e-mail address — {}", site(ctx)),
              ctx.tr("To use this address for your account, open this link within 48 hours:") + "\n" +
                  link(ctx, "/account/email/confirm", token));
    });
    ctx.app.wake_jobs();
}

Outcome confirm_email_change(web::Context& ctx, const std::string& token) {
    return ctx.db.transact([&](soci::session& s) -> Outcome {
        auto t = store::find_email_token(s, "email_change", auth::sha256_hex(token));
        if (!t) return {false, N_("This link has expired or has already been used."), 400};
        if (store::by_email(s, t->new_email)) return {false, N_("Another account already uses this e-mail address."), 409};
        store::use_email_token(s, t->id);
        store::set_email(s, t->user_id, t->new_email);
        audit_entry(s, ctx, t->user_id, "account.email_changed", t->user_id);
        return {true, nullptr, 200};
    });
}

void change_display_name(web::Context& ctx, const std::string& name) {
    auto a = require_account(ctx);
    fail_if(ctx, check_display_name(name));
    ctx.db.transact([&](soci::session& s) {
        store::set_display_name(s, a.id, text::trim(name));
        audit_entry(s, ctx, a.id, "account.name_changed", a.id);
    });
}

CreatedToken create_api_token(web::Context& ctx, const std::string& raw_name) {
    auto a = require_account(ctx);
    const auto name = text::trim(raw_name);
    if (name.empty()) fail(ctx, {{"token_name", N_("Enter a name for the token, so you can recognise it later")}});
    if (name.size() > 80 || !text::valid_utf8_text(name)) fail(ctx, {{"token_name", N_("The name must be 80 characters or fewer")}});
    const auto token = "syn_" + auth::random_token();
    auto id = ctx.db.transact([&](soci::session& s) {
        auto id = store::insert_api_token(s, a.id, name, auth::sha256_hex(token));
        audit_entry(s, ctx, a.id, "account.token_created", a.id, fmt::format("{{\"token_id\":{}}}", id));
        return id;
    });
    return {id, token};
}

void revoke_api_token(web::Context& ctx, std::int64_t token_id) {
    auto a = require_account(ctx);
    ctx.db.transact([&](soci::session& s) {
        if (!store::revoke_api_token(s, a.id, token_id)) throw web::NotFound();
        audit_entry(s, ctx, a.id, "account.token_revoked", a.id, fmt::format("{{\"token_id\":{}}}", token_id));
    });
}

std::vector<ApiToken> list_api_tokens(web::Context& ctx) {
    ctx.require_login();
    return ctx.db.read([&](soci::session& s) { return store::api_tokens(s, ctx.principal.user_id); });
}

Account current_account(web::Context& ctx) { return require_account(ctx); }

nlohmann::json export_data(web::Context& ctx) {
    auto a = require_account(ctx);
    nlohmann::json j;
    j["account"] = {{"id", a.id}, {"email", a.email}, {"display_name", a.display_name}, {"created_at", a.created_at},
                    {"email_verified_at", a.email_verified_at ? nlohmann::json(*a.email_verified_at) : nlohmann::json()}};
    j["roles"] = nlohmann::json::array();
    for (const auto& g : ctx.principal.grants)
        j["roles"].push_back({{"role", g.role}, {"municipality_id", g.municipality_id ? nlohmann::json(*g.municipality_id) : nlohmann::json()}});
    j["api_tokens"] = nlohmann::json::array();
    for (const auto& t : list_api_tokens(ctx))
        j["api_tokens"].push_back({{"id", t.id}, {"name", t.name}, {"created_at", t.created_at},
                                   {"revoked_at", t.revoked_at ? nlohmann::json(*t.revoked_at) : nlohmann::json()}});
    j["activity"] = nlohmann::json::array();
    ctx.db.read([&](soci::session& s) {
        audit::Filter f;
        f.actor_user_id = a.id;
        for (const auto& r : audit::list(s, f, 0, 1000))
            j["activity"].push_back({{"at", r.at}, {"action", r.action}, {"subject", r.subject}});
        return 0;
    });
    j["exported_at"] = db::now_unix();
    ctx.db.transact([&](soci::session& s) { audit_entry(s, ctx, a.id, "account.exported", a.id); });
    return j;
}

void delete_account(web::Context& ctx, const std::string& password) {
    auto a = require_account(ctx);
    require_password(ctx, a, password, "delete_password");
    ctx.db.transact([&](soci::session& s) {
        store::anonymise(s, a.id);
        audit_entry(s, ctx, a.id, "account.deleted", a.id);
    });
}

std::int64_t create_verified_account(soci::session& s, const std::string& email, const std::string& display_name,
                                     const std::string& password, const std::string& role,
                                     std::optional<std::int64_t> municipality_id) {
    const auto id = store::insert_account(s, normalise_email(email), display_name, auth::hash_password(password), municipality_id);
    store::mark_verified(s, id);
    if (role != "citizen") store::grant_role(s, id, role == "operator" ? std::nullopt : municipality_id, role);
    audit::append(s, {municipality_id, std::nullopt, "account.created_by_operator", fmt::format("user:{}", id),
                      fmt::format("{{\"role\":\"{}\"}}", role)});
    return id;
}

}  // namespace syn::accounts
