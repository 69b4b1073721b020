#include "modules/accounts/service/shared.hpp"

#include <fmt/format.h>

#include "modules/accounts/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/mail/mail.hpp"
#include "platform/web/letter.hpp"

namespace syn::accounts::detail {

[[noreturn]] void fail(const web::Scope& scope, const std::vector<Problem>& problems) {
    html::Errors e(scope.tr);
    for (const auto& p : problems) e.add(p.field, scope.tr(p.msgid));
    throw web::Invalid(std::move(e));
}

void fail_if(const web::Scope& scope, const std::vector<Problem>& problems) {
    if (!problems.empty()) fail(scope, problems);
}

std::string link(const web::Scope& scope, std::string_view path, const std::string& token) {
    return scope.absolute_url(path) + "?token=" + token;
}

void audit_entry(soci::session& s, const web::Scope& scope, std::optional<std::int64_t> actor, const char* action,
                 std::int64_t subject_user, std::string details) {
    audit::append(s, {scope.tenant.id, actor, action, fmt::format("user:{}", subject_user), std::move(details)});
}

std::string site(const web::Scope& scope, const i18n::Tr& tr) { return web::municipality_title(scope, tr); }

std::string site(const web::Scope& scope) { return site(scope, scope.tr); }

void queue(soci::session& s, const web::Scope& scope, const i18n::Tr& tr, const std::string& to, const std::string& subject,
           const std::string& body, const std::string& name) {
    mail::enqueue(s, scope.tenant.id, web::letter(scope, tr, to, subject, body, name));
}

Throttle throttle_for(const std::string& normalised_email, const std::string& client_ip) {
    return {auth::sha256_hex("acct:" + normalised_email), auth::sha256_hex("ip:" + client_ip)};
}

bool throttled(const web::Scope& scope, const Throttle& t) {
    const auto since = scope.now() - scope.cfg.login_window_seconds;
    return scope.db.read([&](soci::session& s) {
        return store::recent_failures_for_account(s, t.account_key, since) >= scope.cfg.login_limit_per_account ||
               store::recent_failures_for_ip(s, t.ip_key, since) >= scope.cfg.login_limit_per_ip;
    });
}

Account require_account(const web::Scope& scope) {
    scope.require_login();
    auto a = scope.db.read([&](soci::session& s) { return store::by_id(s, scope.principal.user_id); });
    if (!a || a->status != "active") throw web::NeedLogin();
    return *a;
}

void require_password(const web::Scope& scope, const Account& a, const std::string& pw, const char* field) {
    if (!auth::verify_password(pw, a.password_hash)) fail(scope, {{field, N_("The password is not correct")}});
}

}  // namespace syn::accounts::detail
