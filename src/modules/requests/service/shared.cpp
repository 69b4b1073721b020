#include "modules/requests/service/shared.hpp"

#include <algorithm>

#include "modules/registry/service.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/store.hpp"
#include "platform/auth/language.hpp"
#include "platform/auth/units.hpp"
#include "platform/audit/audit.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/mail/mail.hpp"
#include "platform/notify/notify.hpp"
#include "platform/web/letter.hpp"

namespace syn::requests::detail {

void invalid(const web::Scope& scope, const char* field, const char* msgid) {
    html::Errors e(scope.tr);
    e.add(field, scope.tr(msgid));
    throw web::Invalid(std::move(e));
}

Day today(const web::Scope& scope) { return i18n::athens_day(scope.now()); }

bool is_overdue(const Request& r, Day today) {
    return is_open(r.state) && !r.merged_into_id && r.due.ok() && std::chrono::sys_days{r.due} < std::chrono::sys_days{today};
}

void mark_overdue(const web::Scope& scope, std::vector<Request>& rs) {
    const Day t = today(scope);
    for (auto& r : rs) r.overdue = is_overdue(r, t);
}

void mark_overdue(const web::Scope& scope, Request& r) { r.overdue = is_overdue(r, today(scope)); }

std::vector<std::int64_t> administered_organisations(const web::Scope& scope) {
    std::vector<std::int64_t> out;
    if (!scope.logged_in()) return out;
    for (const auto& m : registry::my_organisations(scope))
        if (m.role == registry::kRoleAdmin) out.push_back(m.organisation.id);
    return out;
}

bool is_requester(const web::Scope& scope, const Request& r, const std::vector<std::int64_t>& admin_orgs) {
    if (!scope.logged_in()) return false;
    if (r.requester_user_id && *r.requester_user_id == scope.principal.user_id) return true;
    return r.organisation_id && std::find(admin_orgs.begin(), admin_orgs.end(), *r.organisation_id) != admin_orgs.end();
}

bool is_requester(const web::Scope& scope, const Request& r) {
    if (!scope.logged_in()) return false;
    if (r.requester_user_id && *r.requester_user_id == scope.principal.user_id) return true;
    if (!r.organisation_id) return false;
    return is_requester(scope, r, administered_organisations(scope));
}

bool is_tenant_admin(const web::Scope& scope) { return scope.principal.has_role("tenant_admin", scope.tenant.id); }

StaffScope staff_scope(const web::Scope& scope) {
    StaffScope out;
    if (!scope.logged_in()) return out;
    out.supervisor = scope.principal.has_role(kRoleSupervisor, scope.tenant.id);
    const auto tree = auth::unit_tree(scope.db, scope.tenant.id);
    for (const auto& g : scope.principal.grants) {
        if (g.role != "staff" || !g.unit_id || g.municipality_id != scope.tenant.id) continue;
        for (auto id : tree->with_units_below(*g.unit_id))
            if (std::find(out.departments.begin(), out.departments.end(), id) == out.departments.end()) out.departments.push_back(id);
    }
    std::sort(out.departments.begin(), out.departments.end());
    return out;
}

bool can_act(soci::session& s, const web::Scope& scope, const Request& r) { return scope.can_in(s, kPermHandle, r.department_id); }

void require_act(soci::session& s, const web::Scope& scope, const Request& r) {
    if (can_act(s, scope, r)) return;
    if (!scope.logged_in()) throw web::NeedLogin();
    if (scope.can(kPermRead) || (r.requester_user_id && *r.requester_user_id == scope.principal.user_id) || r.is_public)
        throw web::Forbidden();
    throw web::NotFound();
}

Request without_personal_data(Request r) {
    r.requester_name.clear();
    r.requester_email.clear();
    r.requester_phone.clear();
    r.requester_user_id.reset();
    r.assignee_user_id.reset();
    r.assignee_name.clear();
    return r;
}

std::int64_t add_history(soci::session& s, const web::Scope& scope, const Request& r, EntryKind kind, std::optional<State> from,
                         std::optional<State> to, const std::string& body, bool is_public, const std::string& details_json) {
    HistoryEntry h;
    h.kind = kind;
    h.from = from;
    h.to = to;
    h.body = body;
    h.is_public = is_public;
    if (scope.logged_in()) h.actor_user_id = scope.principal.user_id;
    h.at = scope.now();
    return store::add_event(s, r.municipality_id, r.id, h, details_json);
}

void audit_decision(soci::session& s, const web::Scope& scope, const Request& r, const std::string& action,
                    const std::string& details_json) {
    audit::append(s, {r.municipality_id, scope.logged_in() ? std::optional<std::int64_t>(scope.principal.user_id) : std::nullopt,
                      "requests." + action, "request:" + std::to_string(r.id), details_json});
}

std::string request_url(const web::Scope& scope, std::int64_t id) {
    return scope.absolute_url(request_path(id));
}

std::string request_path(std::int64_t id) { return "/requests/" + std::to_string(id); }

void tell_in(soci::session& s, const web::Scope& scope, i18n::Lang lang, std::optional<std::int64_t> user_id,
             const std::string& email, const Compose& compose, const std::string& link) {
    const i18n::Tr tr(lang);
    const auto m = compose(tr);
    if (!email.empty()) {
        try {
            mail::enqueue(s, scope.tenant.id, web::letter(scope, tr, email, m.subject, m.body));
        } catch (const std::invalid_argument&) {
            // Not one plain mailbox (e.g. an Open311 reporter's typo): nothing to send.
        }
    }
    if (user_id) notify::push(s, scope.tenant.id, *user_id, m.subject, m.body, link);
}

void tell(soci::session& s, const web::Scope& scope, std::optional<std::int64_t> user_id, const std::string& email,
          const Compose& compose, const std::string& link) {
    tell_in(s, scope, auth::language_of(s, user_id), user_id, email, compose, link);
}

void tell_holder(soci::session& s, const web::Scope& scope, const Request& r, const Compose& compose) {
    if (r.assignee_user_id) {
        for (const auto& m : store::department_staff(s, scope.tenant.id))
            if (m.user_id == *r.assignee_user_id && m.department_id == r.department_id) {
                tell(s, scope, m.user_id, m.email, compose, "/admin/requests/" + std::to_string(r.id));
                return;
            }
        return;
    }
    for (const auto& to : store::department_emails(s, scope.tenant.id, r.department_id)) tell(s, scope, std::nullopt, to, compose, "");
}

void tell_requester(soci::session& s, const web::Scope& scope, const Request& r, const Compose& compose) {
    tell(s, scope, r.requester_user_id, r.requester_email, compose, request_path(r.id));
    // Every admin of the organisation it was filed for follows it as the requester does.
    if (!r.organisation_id) return;
    for (const auto& a : registry::organisation_admins(s, r.municipality_id, *r.organisation_id))
        if (!r.requester_user_id || a.user_id != *r.requester_user_id) tell(s, scope, a.user_id, a.email, compose, request_path(r.id));
}

void tell_supporters(soci::session& s, const web::Scope& scope, const Request& r, const Compose& compose,
                     std::optional<std::int64_t> except_user) {
    for (const auto& p : store::supporters(s, r.municipality_id, r.id)) {
        if (except_user && p.user_id == *except_user) continue;
        tell(s, scope, p.user_id, p.email, compose, request_path(r.id));
    }
}

std::string name_in(const web::Scope& scope, const std::string& el, const std::string& en) {
    if (scope.tr.lang() == i18n::Lang::En && !en.empty()) return en;
    return el;
}

}  // namespace syn::requests::detail
