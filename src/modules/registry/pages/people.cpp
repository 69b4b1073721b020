// The people of an organisation: members and their roles, invitations by e-mail, handing over
// admin rights, leaving; and the invitation link itself (/invitations/{token}), which any
// logged-in account may open and accept.
#include <fmt/format.h>

#include "modules/registry/pages/shared.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "platform/html/components.hpp"

namespace syn::registry::admin_pages {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

std::string role_label(const i18n::Tr& tr, const std::string& role) {
    return role == kRoleAdmin ? tr("Administrator") : tr("Member");
}

std::vector<html::Option> role_options(const i18n::Tr& tr) {
    return {{kRoleMember, tr("Member")}, {kRoleAdmin, tr("Administrator")}};
}

// What the page keeps when it comes back with errors.
struct Typed {
    std::string email, role = kRoleMember;
};

Html role_form(web::Context& ctx, const Organisation& o, const Member& m) {
    auto& tr = ctx.tr;
    const bool admin = m.role == kRoleAdmin;
    Writer w;
    w << html::form_start(ctx.url(org_path(o.id, fmt::format("/members/{}/role", m.user_id))));
    w << html::csrf_input(ctx.csrf_token());
    w << html::hidden_input("role", admin ? kRoleMember : kRoleAdmin);
    w("<button type=\"submit\" class=\"button button--secondary\">{}<span class=\"visually-hidden\"> {}</span></button>",
      admin ? tr("Make plain member") : tr("Make admin"), m.display_name);
    w << html::form_end();
    return w.take();
}

Html members_body(web::Context& ctx, const Organisation& o, const Errors& e, const Typed& typed) {
    auto& tr = ctx.tr;
    const auto a = access(ctx, o);
    const auto people = members(ctx, o.id);
    const auto me = ctx.principal.user_id;
    Writer w;
    w << html::error_summary(tr, e);

    w("<h2 id=\"members\">{}</h2>", tr("Members"));
    if (const auto* err = e.for_field("members"))
        w("<p class=\"error-message\"><span class=\"visually-hidden\">{} </span>{}</p>", tr("Error:"), *err);
    w("<p>{}</p>", tr("Admins act for the organisation: they edit its details, upload documents, submit it and manage its members. Members can see everything."));
    html::Table t;
    t.caption = tr("Members of the organisation");
    t.head = {tr("Name"), tr("Role"), tr("Joined")};
    if (a.admin) t.head.insert(t.head.begin() + 1, tr("E-mail address"));
    if (a.admin) t.head.push_back(tr("Action"));
    for (const auto& m : people) {
        const auto name = m.display_name.empty() ? tr("A deleted account") : m.display_name;
        std::vector<Html> row{html::text(m.user_id == me ? tr.tf("{} (you)", name) : name)};
        if (a.admin) row.push_back(html::text(m.email));
        row.push_back(html::text(role_label(tr, m.role)));
        row.push_back(html::text(i18n::format_date(tr, m.joined_at)));
        if (a.admin) {
            Writer act;
            if (m.user_id != me) {
                act("<div class=\"button-group\">");
                act << role_form(ctx, o, m);
                act << post_button(ctx, org_path(o.id, fmt::format("/members/{}/remove", m.user_id)), tr("Remove"),
                                   m.display_name, "warning");
                act("</div>");
            }
            row.push_back(act.take());
        }
        t.rows.push_back(std::move(row));
    }
    w << html::table(t);

    if (a.admin) {
        const auto pending = invitations(ctx, o.id);
        w("<h2>{}</h2>", tr("Invitations waiting for an answer"));
        if (pending.empty()) {
            w("<p>{}</p>", tr("There are no pending invitations."));
        } else {
            html::Table p;
            p.caption = tr("Pending invitations");
            p.head = {tr("E-mail address"), tr("Role"), tr("Sent"), tr("Valid until"), tr("Action")};
            for (const auto& inv : pending)
                p.rows.push_back({html::text(inv.email), html::text(role_label(tr, inv.role)),
                                  html::text(i18n::format_date(tr, inv.created_at)),
                                  html::text(i18n::format_date(tr, inv.expires_at)),
                                  post_button(ctx, org_path(o.id, fmt::format("/invitations/{}/revoke", inv.id)),
                                              tr("Withdraw"), inv.email, "warning")});
            w << html::table(p);
        }

        w("<h2>{}</h2>", tr("Invite someone"));
        w << html::form_start(ctx.url(org_path(o.id, "/invitations")));
        w << html::csrf_input(ctx.csrf_token());
        w << html::input({.name = "email", .label = tr("E-mail address"), .value = typed.email,
                          .hint = tr("We will send them a link, valid for 14 days, to join the organisation."),
                          .type = "email", .autocomplete = "off"}, e);
        w << html::radios({.name = "role", .label = tr("Role"), .value = typed.role}, role_options(tr), e);
        w << html::button(tr("Send the invitation"));
        w << html::form_end();

        std::vector<html::Option> others;
        for (const auto& m : people)
            if (m.user_id != me) others.push_back({std::to_string(m.user_id), m.display_name});
        w("<h2>{}</h2>", tr("Transfer your admin rights"));
        if (others.empty()) {
            w("<p>{}</p>", tr("Invite another member first: admin rights can be transferred only to a member."));
        } else {
            w << html::form_start(ctx.url(org_path(o.id, "/transfer")));
            w << html::csrf_input(ctx.csrf_token());
            w << html::select({.name = "to_user", .label = tr("New admin"),
                               .hint = tr("They become an admin and you become a plain member.")}, others, e);
            w << html::button(tr("Transfer admin rights"), "secondary");
            w << html::form_end();
        }
    }

    if (a.member) {
        w("<h2 id=\"leave\">{}</h2>", tr("Leave the organisation"));
        if (const auto* err = e.for_field("leave"))
            w("<p class=\"error-message\"><span class=\"visually-hidden\">{} </span>{}</p>", tr("Error:"), *err);
        w << html::warning_text(tr, tr("You will no longer see the organisation's details or act for it. To join again you need a new invitation."));
        w << html::form_start(ctx.url(org_path(o.id, "/leave")));
        w << html::csrf_input(ctx.csrf_token());
        w << html::button(tr("Leave the organisation"), "warning");
        w << html::form_end();
    }
    return w.take();
}

http::Response show(web::Context& ctx, std::int64_t id, const Errors& e, int status = 200, const Typed& typed = {}) {
    ctx.require_login();
    const auto o = load(ctx, id);
    return ctx.page(ctx.tr("Members"), members_body(ctx, o, e, typed), crumbs(ctx, &o, ctx.tr("Members")), status);
}

// Runs a members action; when it is refused, the page comes back with the message at `field`.
template <class F>
http::Response act(web::Context& ctx, const std::string& field, const char* done, F&& f) {
    ctx.require_login();
    const auto id = ctx.id_param();
    try {
        f(id);
    } catch (const web::Invalid& inv) {
        return show(ctx, id, field.empty() ? inv.errors : errors_on(inv.errors, field), 422);
    }
    return ctx.redirect(org_path(id, "/members"), done);
}

// ---------------------------------------------------------------- the invitation link

http::Response gone(web::Context& ctx, InvitationStatus s) {
    auto& tr = ctx.tr;
    const char* title = N_("This invitation link is not valid");
    const char* body = N_("Check that you copied the whole link from the e-mail. If it still does not work, ask the organisation's admin for a new invitation.");
    int status = 404;
    switch (s) {
        case InvitationStatus::Accepted:
            title = N_("This invitation has already been used");
            body = N_("Each invitation can be accepted once. If you accepted it, the organisation is in your list of organisations.");
            status = 410;
            break;
        case InvitationStatus::Revoked:
            title = N_("This invitation has been withdrawn");
            body = N_("The organisation's admin withdrew it. Ask them for a new invitation if you should still join.");
            status = 410;
            break;
        case InvitationStatus::Expired:
            title = N_("This invitation has expired");
            body = N_("Invitations are valid for 14 days. Ask the organisation's admin to send you a new one.");
            status = 410;
            break;
        default: break;
    }
    Writer w;
    w("<p class=\"lead\">{}</p>", tr(body));
    if (ctx.logged_in()) w("<p><a href=\"{}\">{}</a></p>", ctx.url("/my/organisations"), tr("Go to my organisations"));
    return ctx.page(tr(title), w.take(), {}, status);
}

http::Response invitation_page(web::Context& ctx) {
    const auto token = ctx.param("token");
    const auto status = invitation_status(ctx, token);
    if (status != InvitationStatus::Pending) return gone(ctx, status);
    ctx.require_login();  // a visitor logs in (or registers) and comes back here
    const auto view = invitation_by_token(ctx, token);
    if (!view) return gone(ctx, InvitationStatus::Unknown);
    auto& tr = ctx.tr;
    const auto& o = view->organisation;
    Writer w;
    const char* kind = kind_label(o.profile.kind);
    w("<p class=\"lead\">{}</p>", tr.tf("You have been invited to join «{}» with the role «{}».", o.profile.official_name,
                                        role_label(tr, view->invitation.role)));
    w << html::summary_list({{tr("Organisation"), html::text(o.profile.official_name)},
                             {tr("Kind"), html::text(kind ? tr(kind) : o.profile.kind)},
                             {tr("Role"), html::text(role_label(tr, view->invitation.role))},
                             {tr("Valid until"), html::text(i18n::format_date(tr, view->invitation.expires_at))}});
    w("<p>{}</p>", tr("As a member you will see all the organisation's details and documents; as an admin you will also act for it."));
    w << html::form_start(ctx.url("/invitations/" + token));
    w << html::csrf_input(ctx.csrf_token());
    w << html::button(tr("Accept the invitation"));
    w << html::form_end();
    return ctx.page(tr.tf("Join «{}»", o.profile.official_name), w.take(), {}, 200);
}

}  // namespace

void install_people_pages(web::App& app) {
    app.get("/my/organisations/{id}/members", [](web::Context& ctx) {
        return show(ctx, ctx.id_param(), Errors(ctx.tr));
    });
    app.post("/my/organisations/{id}/invitations", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        const Typed typed{ctx.form.value("email"), ctx.form.value("role")};
        try {
            invite(ctx, id, typed.email, typed.role);
        } catch (const web::Invalid& inv) {
            return show(ctx, id, inv.errors, 422, typed);
        }
        return ctx.redirect(org_path(id, "/members"), N_("The invitation has been sent."));
    });
    app.post("/my/organisations/{id}/invitations/{inv}/revoke", [](web::Context& ctx) {
        return act(ctx, "members", N_("The invitation has been withdrawn."),
                   [&](std::int64_t id) { revoke_invitation(ctx, id, ctx.id_param("inv")); });
    });
    app.post("/my/organisations/{id}/members/{uid}/role", [](web::Context& ctx) {
        return act(ctx, "members", N_("The member's role has been changed."), [&](std::int64_t id) {
            set_member_role(ctx, id, ctx.id_param("uid"), ctx.form.value("role"));
        });
    });
    app.post("/my/organisations/{id}/members/{uid}/remove", [](web::Context& ctx) {
        return act(ctx, "members", N_("The member has been removed from the organisation."),
                   [&](std::int64_t id) { remove_member(ctx, id, ctx.id_param("uid")); });
    });
    app.post("/my/organisations/{id}/transfer", [](web::Context& ctx) {
        return act(ctx, "to_user", N_("Your admin rights have been transferred. You are now a plain member."),
                   [&](std::int64_t id) {
                       std::int64_t to = 0;
                       try {
                           to = std::stoll(ctx.form.value("to_user"));
                       } catch (...) {
                           to = 0;
                       }
                       transfer_admin(ctx, id, to);
                   });
    });
    app.post("/my/organisations/{id}/leave", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        try {
            leave(ctx, id);
        } catch (const web::Invalid& inv) {
            return show(ctx, id, errors_on(inv.errors, "leave"), 422);
        }
        return ctx.redirect("/my/organisations", N_("You have left the organisation."));
    });
    app.get("/invitations/{token}", invitation_page);
    app.post("/invitations/{token}", [](web::Context& ctx) {
        const auto token = ctx.param("token");
        const auto status = invitation_status(ctx, token);
        if (status != InvitationStatus::Pending) return gone(ctx, status);
        ctx.require_login();
        const auto id = accept_invitation(ctx, token);
        return ctx.redirect(org_path(id), N_("You have joined the organisation."));
    });
}

}  // namespace syn::registry::admin_pages
