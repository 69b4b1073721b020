// The people who hold a role in the municipality: the list with its filters, one person's
// grants, giving and withdrawing roles, and invitations by e-mail.
#include <algorithm>

#include "modules/accounts/service.hpp"
#include "modules/people/service.hpp"
#include "modules/people/service/shared.hpp"
#include "modules/people/store.hpp"
#include "platform/auth/grants.hpp"
#include "platform/auth/second_factor.hpp"
#include "platform/auth/session_store.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/text/text.hpp"
#include "platform/web/roles_withdrawn.hpp"

namespace syn::people {

namespace {

std::string subject(std::int64_t user_id) { return "user:" + std::to_string(user_id); }

// The list is read by every look at the people page and changes when a role does: kept while
// unchanged in this process, and for a few seconds for changes made by another copy.
std::shared_ptr<const std::vector<Person>> everyone(const web::Scope& scope) {
    static cache::ReadCache<std::shared_ptr<const std::vector<Person>>> cache(1000, std::chrono::seconds(5));
    return cache.get(std::to_string(scope.tenant.id), auth::grants_generation(), [&] {
        auto all = scope.db.read([&](soci::session& s) { return store::people(s, scope.tenant.id); });
        for (auto& p : all) p.folded = text::fold(p.display_name + " " + p.email);
        return std::make_shared<const std::vector<Person>>(std::move(all));
    });
}

bool matches(const Person& p, const PeopleQuery& q, const std::string& folded_search) {
    if (!q.role.empty() && std::none_of(p.grants.begin(), p.grants.end(), [&](const PersonGrant& g) { return g.role == q.role; }))
        return false;
    if (q.unit_id && std::none_of(p.grants.begin(), p.grants.end(), [&](const PersonGrant& g) { return g.unit_id == q.unit_id; }))
        return false;
    return folded_search.empty() || p.folded.find(folded_search) != std::string::npos;
}

// The words for a grant in `tr`'s language, for the invitation mail: «Προσωπικό του Δήμου — Τμήμα
// Καθαριότητας».
std::string grant_words(const i18n::Tr& tr, const CheckedGrant& g, const std::optional<auth::Unit>& unit) {
    std::string words = tr(auth::role_label_msgid(g.role));
    if (unit) words += " — " + unit->name(tr.lang() == i18n::Lang::En ? "en" : "el");
    return words;
}

nlohmann::json grant_details(const std::string& role, std::optional<std::int64_t> unit_id) {
    return {{"role", role}, {"unit_id", unit_id ? nlohmann::json(*unit_id) : nlohmann::json()}};
}

}  // namespace

PeopleList people(const web::Scope& scope, const PeopleQuery& q) {
    scope.require(kPermManage);
    PeopleList out{everyone(scope), {}};
    const auto folded = text::fold(text::trim(q.search));
    for (const auto& p : *out.all)
        if (matches(p, q, folded)) out.matches.push_back(&p);
    return out;
}

Person person(const web::Scope& scope, std::int64_t user_id) {
    scope.require(kPermManage);
    auto p = scope.db.read([&](soci::session& s) {
        auto found = store::person(s, scope.tenant.id, user_id);
        if (found) found->second_factor = auth::has_second_factor(s, user_id);
        return found;
    });
    if (!p) throw web::NotFound();
    return *p;
}

void grant(const web::Scope& scope, std::int64_t user_id, const GrantInput& in) {
    scope.require(kPermManage);
    scope.db.transact([&](soci::session& s) {
        if (!store::person(s, scope.tenant.id, user_id)) throw web::NotFound();
        std::vector<Problem> problems;
        const auto g = check_grant(in, auth::list_units(s, scope.tenant.id), problems);
        if (!g) detail::invalid(scope, problems);
        if (!auth::grant_role(s, user_id, scope.tenant.id, g->role, g->unit_id))
            detail::invalid(scope, {{"role", N_("The person holds this role there already")}});
        detail::record(s, scope, "people.role_granted", subject(user_id), grant_details(g->role, g->unit_id));
    });
}

void withdraw(const web::Scope& scope, std::int64_t user_id, std::int64_t grant_id) {
    scope.require(kPermManage);
    scope.db.transact([&](soci::session& s) {
        const auto g = auth::find_grant(s, scope.tenant.id, grant_id);
        if (!g || g->user_id != user_id) throw web::NotFound();
        // Without an administrator nobody could give roles on the web again.
        if (g->role == "tenant_admin" && auth::holders(s, scope.tenant.id, "tenant_admin") <= 1)
            detail::invalid(scope, {{"withdraw", N_("The municipality must keep at least one administrator. Give the role to someone else first.")}});
        auth::withdraw_grant(s, scope.tenant.id, grant_id);
        detail::record(s, scope, "people.role_withdrawn", subject(user_id), grant_details(g->role, g->unit_id));
        web::roles_withdrawn(s, scope, user_id);
    });
}

std::int64_t invite(const web::Scope& scope, const InviteInput& in) {
    scope.require(kPermManage);
    const auto id = scope.db.transact([&](soci::session& s) {
        std::vector<Problem> problems;
        const auto g = check_invite(in, auth::list_units(s, scope.tenant.id), problems);
        if (!g) detail::invalid(scope, problems);
        if (auto existing = accounts::account_id_by_email(s, in.email))
            for (const auto& held : auth::roles_of(s, *existing, scope.tenant.id))
                if (held.role == g->role && held.unit_id == g->unit_id)
                    detail::invalid(scope, {{"email", N_("The person with this address holds this role there already")}});
        const auto unit = g->unit_id ? auth::find_unit(s, scope.tenant.id, *g->unit_id) : std::nullopt;
        const auto invitation =
            accounts::invite_account(s, scope, in.email, in.display_name, [&](const i18n::Tr& tr) { return grant_words(tr, *g, unit); });
        auth::grant_role(s, invitation.user_id, scope.tenant.id, g->role, g->unit_id);
        auto details = grant_details(g->role, g->unit_id);
        details["new_account"] = invitation.created;
        detail::record(s, scope, "people.role_granted", subject(invitation.user_id), details);
        return invitation.user_id;
    });
    scope.wake_jobs();  // the mail goes now, not at the next tick
    return id;
}

void deactivate(const web::Scope& scope, std::int64_t user_id) {
    scope.require(kPermManage);
    scope.db.transact([&](soci::session& s) {
        const auto p = store::person(s, scope.tenant.id, user_id);
        if (!p) throw web::NotFound();
        const bool admin = std::any_of(p->grants.begin(), p->grants.end(), [](const PersonGrant& g) { return g.role == "tenant_admin"; });
        if (admin && auth::holders(s, scope.tenant.id, "tenant_admin") <= 1)
            detail::invalid(scope, {{"deactivate", N_("The municipality must keep at least one administrator. Give the role to someone else first.")}});
        const auto withdrawn = auth::withdraw_all_roles(s, user_id, scope.tenant.id);
        auth::delete_user_sessions(s, user_id);
        detail::record(s, scope, "people.deactivated", subject(user_id), {{"roles_withdrawn", withdrawn}});
        web::roles_withdrawn(s, scope, user_id);
    });
}

void reset_second_factor(const web::Scope& scope, std::int64_t user_id) {
    scope.require(kPermManage);
    scope.db.transact([&](soci::session& s) {
        if (!store::person(s, scope.tenant.id, user_id)) throw web::NotFound();
        if (!auth::has_second_factor(s, user_id)) return;
        auth::remove_second_factor(s, user_id);
        auth::delete_user_sessions(s, user_id);  // a session opened with the lost phone ends too
        detail::record(s, scope, "people.second_factor_reset", subject(user_id), nlohmann::json::object());
    });
}

}  // namespace syn::people
