#include "modules/registry/service/shared.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "modules/registry/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/language.hpp"
#include "platform/mail/mail.hpp"
#include "platform/notify/notify.hpp"
#include "platform/web/letter.hpp"

namespace syn::registry::detail {

Access access_in(soci::session& s, const web::Scope& scope, const Organisation& o) {
    Access a;
    if (o.municipality_id != scope.tenant.id) return a;
    a.staff = scope.can(kPermReview);
    a.reader = scope.can(kPermRead);
    if (scope.logged_in()) {
        auto role = store::member_role(s, o.id, scope.principal.user_id);
        a.member = role.has_value();
        a.admin = role && *role == kRoleAdmin;
    }
    return a;
}

void require(const Access& a, bool allowed) {
    if (allowed) return;
    if (a.member || a.reader) throw web::Forbidden();
    throw web::NotFound();
}

std::vector<std::string> missing_documents(soci::session& s, const Organisation& o) {
    const auto on_file = store::document_kinds(s, o.id);
    std::vector<std::string> missing;
    for (const auto& kind : required_documents(o))
        if (std::find(on_file.begin(), on_file.end(), kind) == on_file.end()) missing.push_back(kind);
    return missing;
}

void record(soci::session& s, const web::Scope& scope, const Organisation& o, const std::string& action, const std::string& from_state,
            const std::string& to_state, const std::vector<std::string>& reasons, const std::string& details_json) {
    // A person's decisions name them; the system's (jobs) and a visitor's name nobody.
    const std::optional<std::int64_t> actor =
        scope.logged_in() ? std::optional<std::int64_t>(scope.principal.user_id) : std::nullopt;
    HistoryEntry h;
    h.actor_id = actor;
    h.action = action;
    h.from_state = from_state;
    h.to_state = to_state;
    h.reasons = reasons;
    h.at = scope.now();
    store::add_history(s, o.municipality_id, o.id, h);
    auto details = nlohmann::json::parse(details_json, nullptr, false);
    if (!details.is_object()) details = nlohmann::json::object();
    if (!from_state.empty()) details["from"] = from_state;
    if (!to_state.empty()) details["to"] = to_state;
    if (!reasons.empty()) details["reasons"] = reasons;
    audit::append(s, {o.municipality_id, actor, "registry." + action, "organisation:" + std::to_string(o.id), details.dump()});
}

void tell_admins(soci::session& s, const web::Scope& scope, const Organisation& o, const ComposeMail& compose) {
    for (const auto& [user_id, to] : store::admins(s, o.municipality_id, o.id)) {
        const i18n::Tr tr(auth::language_of(s, user_id));
        auto [subject, body] = compose(tr);
        notify::push(s, o.municipality_id, user_id, subject, body, "/my/organisations/" + std::to_string(o.id));
        mail::enqueue(s, o.municipality_id, web::letter(scope, tr, to, subject, body));
    }
}

}  // namespace syn::registry::detail
