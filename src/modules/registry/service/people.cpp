// The people of an organisation: members, roles, invitations by e-mail, leaving and handing
// over admin rights. The rule that holds everything together: an organisation never ends up
// without an admin, so someone can always act for it. Each change is one transaction with its
// history line and audit entry, so the log records who acted for the organisation.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "modules/accounts/service.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/service/shared.hpp"
#include "modules/registry/store.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/language.hpp"
#include "platform/mail/mail.hpp"
#include "platform/notify/notify.hpp"
#include "platform/text/text.hpp"
#include "platform/web/app.hpp"
#include "platform/web/letter.hpp"

namespace syn::registry {

namespace {

[[noreturn]] void invalid(const web::Scope& scope, const char* field, const char* msgid) {
    html::Errors e(scope.tr);
    e.add(field, scope.tr(msgid));
    throw web::Invalid(std::move(e));
}

bool valid_role(const std::string& role) { return role == kRoleAdmin || role == kRoleMember; }

// Loads the organisation for one of its admins; everyone else is refused (staff included:
// who belongs to an organisation is the organisation's own business).
Organisation for_admin(const web::Scope& scope, std::int64_t org_id) {
    scope.require_login();
    auto o = load(scope, org_id);  // NotFound for another municipality, Forbidden for strangers
    if (!access(scope, o).admin) throw web::Forbidden();
    return o;
}

// The history line and the audit entry ("registry.<action>") of a change, with who acted.
void record(soci::session& s, const web::Scope& scope, const Organisation& o, const char* action,
            const std::vector<std::string>& reasons, const nlohmann::json& details) {
    detail::record(s, scope, o, action, "", "", reasons, details.dump());
}

std::string lower_trimmed(const std::string& s) {
    auto out = text::trim(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string role_label(const i18n::Tr& tr, const std::string& role) {
    return role == kRoleAdmin ? tr("Administrator") : tr("Member");
}

// A person's name as the history shows it ("" for a deleted account).
std::string person(soci::session& s, std::int64_t user_id) { return store::display_name(s, user_id); }

}  // namespace

std::vector<Member> members(const web::Scope& scope, std::int64_t org_id) {
    scope.require_login();
    load(scope, org_id);  // members, staff and auditors only
    return scope.db.read([&](soci::session& s) { return store::members(s, scope.tenant.id, org_id); });
}

std::vector<Invitation> invitations(const web::Scope& scope, std::int64_t org_id) {
    scope.require_login();
    auto o = load(scope, org_id);
    const auto a = access(scope, o);
    if (!a.admin && !a.staff) throw web::Forbidden();
    return scope.db.read(
        [&](soci::session& s) { return store::pending_invitations(s, scope.tenant.id, org_id, scope.now()); });
}

void invite(const web::Scope& scope, std::int64_t org_id, const std::string& raw_email, const std::string& role) {
    const auto o = for_admin(scope, org_id);
    const auto email = lower_trimmed(raw_email);
    html::Errors e(scope.tr);
    if (email.empty()) e.add("email", scope.tr("Enter the e-mail address of the person you are inviting"));
    else if (!text::valid_email(email)) e.add("email", scope.tr("Enter an e-mail address in the correct format, like name@example.gr"));
    if (!valid_role(role)) e.add("role", scope.tr("Choose the role the person will have"));
    if (!e.empty()) throw web::Invalid(std::move(e));

    const auto token = auth::random_token();
    const auto now = scope.now();
    scope.db.transact([&](soci::session& s) {
        if (store::member_with_email(s, org_id, email))
            invalid(scope, "email", N_("The person with this e-mail address is already a member of the organisation"));
        if (store::pending_invitation_for(s, org_id, email, now))
            invalid(scope, "email", N_("An invitation to this address is already waiting to be accepted. Withdraw it first to send a new one."));
        Invitation inv;
        inv.organisation_id = org_id;
        inv.email = email;
        inv.role = role;
        inv.invited_by = scope.principal.user_id;
        inv.created_at = now;
        inv.expires_at = now + kInvitationSeconds;
        const auto id = store::insert_invitation(s, scope.tenant.id, inv, auth::sha256_hex(token));
        record(s, scope, o, "member.invite", {},
               {{"invitation_id", id}, {"email", email}, {"role", role}});

        const auto inviter = person(s, scope.principal.user_id);
        const auto& name = o.profile.official_name;
        mail::enqueue(s, scope.tenant.id,
                      web::letter(scope, scope.tr, email, scope.tr.tf("Invitation to join «{}» — {}", name, web::municipality_title(scope, scope.tr)),
                                  scope.tr.tf("{} has invited you to join «{}» with the role «{}».", inviter, name, role_label(scope.tr, role)) +
                                      "\n\n" +
                                      scope.tr("To accept, open this link within 14 days. You will be asked to log in, or to create an account if you do not have one:") +
                                      "\n" + scope.absolute_url("/invitations/" + token) + "\n\n" +
                                      scope.tr("If you do not know this organisation, you can ignore this message.")));
        // Someone who already has an account also finds it in the app, in their own language.
        if (const auto invitee = accounts::account_id_by_email(s, email)) {
            const i18n::Tr tr(auth::language_of(s, *invitee));
            notify::push(s, scope.tenant.id, *invitee, tr.tf("Invitation to join «{}»", name),
                         tr.tf("{} has invited you to join «{}» with the role «{}».", inviter, name, role_label(tr, role)),
                         "/invitations/" + token);
        }
    });
    scope.wake_jobs();
}

void revoke_invitation(const web::Scope& scope, std::int64_t org_id, std::int64_t invitation_id) {
    const auto o = for_admin(scope, org_id);
    scope.db.transact([&](soci::session& s) {
        if (!store::revoke_invitation(s, scope.tenant.id, org_id, invitation_id, scope.now())) throw web::NotFound();
        record(s, scope, o, "invitation.revoke", {}, {{"invitation_id", invitation_id}});
    });
}

InvitationStatus invitation_status(const web::Scope& scope, const std::string& token) {
    if (token.empty() || token.size() > 100) return InvitationStatus::Unknown;
    auto rec = scope.db.read([&](soci::session& s) { return store::invitation_by_hash(s, scope.tenant.id, auth::sha256_hex(token)); });
    if (!rec) return InvitationStatus::Unknown;
    if (rec->accepted_at) return InvitationStatus::Accepted;
    if (rec->revoked_at) return InvitationStatus::Revoked;
    if (rec->invitation.expires_at <= scope.now()) return InvitationStatus::Expired;
    return InvitationStatus::Pending;
}

std::optional<InvitationView> invitation_by_token(const web::Scope& scope, const std::string& token) {
    scope.require_login();
    if (invitation_status(scope, token) != InvitationStatus::Pending) return std::nullopt;
    return scope.db.read([&](soci::session& s) -> std::optional<InvitationView> {
        auto rec = store::invitation_by_hash(s, scope.tenant.id, auth::sha256_hex(token));
        if (!rec) return std::nullopt;
        auto o = store::by_id(s, scope.tenant.id, rec->invitation.organisation_id);
        if (!o) return std::nullopt;
        return InvitationView{std::move(*o), rec->invitation};
    });
}

std::int64_t accept_invitation(const web::Scope& scope, const std::string& token) {
    scope.require_login();
    const auto user = scope.principal.user_id;
    const auto now = scope.now();
    return scope.db.transact([&](soci::session& s) {
        auto rec = store::invitation_by_hash(s, scope.tenant.id, auth::sha256_hex(token));
        // Checked again by the conditional UPDATE, so one link never admits two people.
        if (!rec || !store::accept_invitation(s, rec->invitation.id, user, now)) throw web::NotFound();
        const auto& inv = rec->invitation;
        const auto o = store::by_id(s, scope.tenant.id, inv.organisation_id);
        if (!o) throw web::NotFound();
        const auto current = store::member_role(s, inv.organisation_id, user);
        if (!current) store::add_member(s, scope.tenant.id, inv.organisation_id, user, inv.role, now);
        // Someone already in the organisation keeps the stronger of the two roles.
        else if (inv.role == kRoleAdmin && *current != kRoleAdmin)
            store::set_member_role(s, scope.tenant.id, inv.organisation_id, user, kRoleAdmin);
        record(s, scope, *o, "member.join", {person(s, user)},
               {{"invitation_id", inv.id}, {"role", inv.role}, {"user_id", user}});
        return inv.organisation_id;
    });
}

void leave(const web::Scope& scope, std::int64_t org_id) {
    scope.require_login();
    const auto o = load(scope, org_id);
    const auto user = scope.principal.user_id;
    scope.db.transact([&](soci::session& s) {
        const auto role = store::member_role(s, org_id, user);
        if (!role) throw web::Forbidden();
        if (*role == kRoleAdmin && store::admin_count(s, org_id) <= 1)
            invalid(scope, "leave", N_("You are the only admin of the organisation. Make another member admin, or transfer your admin rights, before you leave."));
        const auto name = person(s, user);
        store::remove_member(s, scope.tenant.id, org_id, user);
        record(s, scope, o, "member.leave", {name}, {{"user_id", user}});
    });
}

void transfer_admin(const web::Scope& scope, std::int64_t org_id, std::int64_t to_user_id) {
    const auto o = for_admin(scope, org_id);
    const auto me = scope.principal.user_id;
    if (to_user_id == me) invalid(scope, "to_user", N_("Choose another member of the organisation"));
    scope.db.transact([&](soci::session& s) {
        if (!store::member_role(s, org_id, to_user_id)) invalid(scope, "to_user", N_("Choose a member of the organisation"));
        // Re-checked in the transaction: the actor may have lost admin rights a moment ago.
        if (store::member_role(s, org_id, me) != std::optional<std::string>(kRoleAdmin)) throw web::Forbidden();
        store::set_member_role(s, scope.tenant.id, org_id, to_user_id, kRoleAdmin);
        store::set_member_role(s, scope.tenant.id, org_id, me, kRoleMember);
        record(s, scope, o, "admin.transfer", {person(s, to_user_id)},
               {{"from_user_id", me}, {"to_user_id", to_user_id}});
    });
}

void set_member_role(const web::Scope& scope, std::int64_t org_id, std::int64_t user_id, const std::string& role) {
    const auto o = for_admin(scope, org_id);
    if (!valid_role(role)) invalid(scope, "role", N_("Choose the role the person will have"));
    scope.db.transact([&](soci::session& s) {
        const auto current = store::member_role(s, org_id, user_id);
        if (!current) throw web::NotFound();
        if (*current == role) return;
        if (*current == kRoleAdmin && store::admin_count(s, org_id) <= 1)
            invalid(scope, "role", N_("The organisation must keep at least one admin. Make another member admin first."));
        store::set_member_role(s, scope.tenant.id, org_id, user_id, role);
        record(s, scope, o, role == kRoleAdmin ? "member.promote" : "member.demote", {person(s, user_id)}, {{"user_id", user_id}, {"role", role}});
    });
}

void remove_member(const web::Scope& scope, std::int64_t org_id, std::int64_t user_id) {
    const auto o = for_admin(scope, org_id);
    scope.db.transact([&](soci::session& s) {
        const auto current = store::member_role(s, org_id, user_id);
        if (!current) throw web::NotFound();
        if (*current == kRoleAdmin && store::admin_count(s, org_id) <= 1)
            invalid(scope, "remove", N_("The organisation must keep at least one admin. Make another member admin first."));
        const auto name = person(s, user_id);
        store::remove_member(s, scope.tenant.id, org_id, user_id);
        record(s, scope, o, "member.remove", {name}, {{"user_id", user_id}});
    });
}

std::vector<OrganisationAdmin> organisation_admins(soci::session& s, std::int64_t municipality_id, std::int64_t org_id) {
    std::vector<OrganisationAdmin> out;
    for (auto& [uid, email] : store::admins(s, municipality_id, org_id)) out.push_back({uid, email});
    return out;
}

}  // namespace syn::registry
