// The account page: name, e-mail, password, API tokens, data download, deletion.
#include <fmt/format.h>

#include <set>

#include "modules/accounts/pages.hpp"
#include "modules/accounts/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"

namespace syn::accounts {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

struct AccountView {
    Errors errors;
    std::string new_token;  // shown once, right after creation
};

Html section_form(web::Context& ctx, const char* action, const Html& fields, const std::string& button_label,
                  std::string_view kind = "secondary") {
    Writer w;
    w << html::form_start(ctx.url(action));
    w << html::csrf_input(ctx.csrf_token());
    w << fields;
    w << html::button(button_label, kind);
    w << html::form_end();
    return w.take();
}

Html account_body(web::Context& ctx, const AccountView& v) {
    auto& tr = ctx.tr;
    const auto a = current_account(ctx);
    const auto& e = v.errors;
    Writer w;
    w << html::error_summary(tr, e);

    std::string roles;
    std::set<std::string> listed;  // a role held in two units is listed once
    for (const auto& g : ctx.principal.grants)
        if ((!g.municipality_id || *g.municipality_id == ctx.tenant.id) && listed.insert(g.role).second)
            roles += (roles.empty() ? "" : ", ") + tr(auth::role_label_msgid(g.role));
    if (roles.empty()) roles = tr(auth::role_label_msgid("citizen"));
    w << html::summary_list({{tr("Name"), html::text(a.display_name)},
                             {tr("E-mail address"), html::text(a.email)},
                             {tr("Roles"), html::text(roles)},
                             {tr("Member since"), html::text(i18n::format_date(tr, a.created_at))}});

    w("<h2>{}</h2>", tr("Your name"));
    {
        Writer f;
        f << html::input({.name = "display_name", .label = tr("Full name"), .value = a.display_name, .autocomplete = "name"}, e);
        w << section_form(ctx, "/account/name", f.take(), tr("Save name"));
    }

    w("<h2>{}</h2>", tr("Change e-mail address"));
    {
        Writer f;
        f << html::input({.name = "new_email", .label = tr("New e-mail address"), .hint = tr("We will send a link to the new address; the change happens when you open it."),
                          .type = "email", .autocomplete = "email"}, e);
        f << html::input({.name = "email_password", .label = tr("Your current password"), .type = "password", .autocomplete = "current-password"}, e);
        w << section_form(ctx, "/account/email", f.take(), tr("Change e-mail address"));
    }

    w("<h2>{}</h2>", tr("Change password"));
    {
        Writer f;
        f << html::input({.name = "current_password", .label = tr("Current password"), .type = "password", .autocomplete = "current-password"}, e);
        f << html::input({.name = "new_password", .label = tr("New password"), .hint = tr("At least 10 characters."), .type = "password", .autocomplete = "new-password"}, e);
        f << html::input({.name = "new_password_confirm", .label = tr("Confirm new password"), .type = "password", .autocomplete = "new-password"}, e);
        w << section_form(ctx, "/account/password", f.take(), tr("Change password"));
    }

    w("<h2>{}</h2>", tr("Two-step log-in"));
    w("<p>{} <a href=\"{}\">{}</a></p>", tr("A code from an app on your phone after your password, so that a stolen password is not enough."),
      ctx.url("/account/two-factor"), tr("Two-step log-in settings"));

    w("<h2>{}</h2>", tr("Your data"));
    w("<p>{}</p>", tr("Download everything we hold about you, as a JSON file."));
    w("<p><a class=\"button button--secondary\" href=\"{}\" download>{}</a></p>", ctx.url("/account/export.json"), tr("Download my data"));

    w("<h2>{}</h2>", tr("Log out everywhere"));
    w("<p>{}</p>", tr("Ends every session of your account, on every device, including this one."));
    w << section_form(ctx, "/logout/everywhere", Html(), tr("Log out everywhere"));

    // For programs, not people: folded under "Advanced" unless a token was just made or its
    // form has a problem.
    w("<h2>{}</h2>", tr("Advanced"));
    w("<details class=\"details\" id=\"tokens\"{}><summary class=\"details__summary\">{}</summary><div class=\"details__text\">",
      !v.new_token.empty() || e.for_field("token_name") ? " open" : "", tr("Personal API tokens"));
    w("<p>{}</p>", tr("A token lets a program use the API as you. Keep it secret; revoke it when you no longer need it."));
    if (!v.new_token.empty()) {
        Writer t;
        t("<p><strong>{}</strong></p><p><code class=\"token\">{}</code></p>", tr("Copy your new token now. You will not be able to see it again."), v.new_token);
        w << html::inset_text(t.take());
    }
    auto tokens = list_api_tokens(ctx);
    if (!tokens.empty()) {
        html::Table table;
        table.caption = tr("Your tokens");
        table.head = {tr("Name"), tr("Created"), tr("Status"), tr("Action")};
        for (const auto& t : tokens) {
            Writer act;
            if (!t.revoked_at) {
                act << html::form_start(ctx.url(fmt::format("/account/tokens/{}/revoke", t.id)));
                act << html::csrf_input(ctx.csrf_token());
                act("<button type=\"submit\" class=\"button button--warning button--small\">{} <span class=\"visually-hidden\">{}</span></button>",
                    tr("Revoke"), t.name);
                act << html::form_end();
            }
            table.rows.push_back({html::text(t.name), html::text(i18n::format_date(tr, t.created_at)),
                                  html::text(t.revoked_at ? tr("Revoked") : tr("Active")), act.take()});
        }
        w << html::table(table);
    }
    {
        Writer f;
        f << html::input({.name = "token_name", .label = tr("Token name"), .hint = tr("For example: my spreadsheet")}, e);
        w << section_form(ctx, "/account/tokens", f.take(), tr("Create token"));
    }
    w("</div></details>");

    w("<h2>{}</h2>", tr("Delete your account"));
    w << html::warning_text(tr, tr("Deleting your account removes your personal data. What you wrote stays, shown as written by a deleted account. This cannot be undone."));
    {
        Writer f;
        f << html::input({.name = "delete_password", .label = tr("Your current password"), .type = "password", .autocomplete = "current-password"}, e);
        w << section_form(ctx, "/account/delete", f.take(), tr("Delete my account"), "warning");
    }
    return w.take();
}

http::Response show(web::Context& ctx, const AccountView& v, int status = 200) {
    return ctx.page(ctx.tr("My account"), account_body(ctx, v), {{ctx.tr("My account"), ""}}, status);
}

// Runs an account action; on invalid input re-renders the page with the errors.
template <class F>
http::Response act(web::Context& ctx, F&& f) {
    ctx.require_login();
    try {
        return f();
    } catch (const web::Invalid& inv) {
        return show(ctx, {inv.errors, {}}, 422);
    }
}

}  // namespace

void register_account_pages(web::App& app) {
    app.get("/account", [](web::Context& ctx) {
        ctx.require_login();
        return show(ctx, {Errors(ctx.tr), {}});
    });
    app.post("/account/name", [](web::Context& ctx) {
        return act(ctx, [&] {
            change_display_name(ctx, ctx.form.value("display_name"));
            return ctx.redirect("/account", N_("Your name has been saved."));
        });
    });
    app.post("/account/email", [](web::Context& ctx) {
        return act(ctx, [&] {
            request_email_change(ctx, ctx.form.value("email_password"), ctx.form.value("new_email"));
            return ctx.redirect("/account", N_("We have sent a link to your new address. Open it to finish the change."), html::Flash::Info);
        });
    });
    app.get("/account/email/confirm", [](web::Context& ctx) {
        return token_confirm_page(ctx, ctx.tr("Confirm your new e-mail address"), "/account/email/confirm",
                                  ctx.tr("Use this e-mail address"));
    });
    app.post("/account/email/confirm", [](web::Context& ctx) {
        auto r = confirm_email_change(ctx, ctx.form.value("token"));
        if (!r.ok) {
            Writer w;
            w("<p class=\"lead\">{}</p>", ctx.tr(r.msgid));
            return ctx.page(ctx.tr("The link has expired"), w.take(), {}, r.status);
        }
        return ctx.redirect(ctx.logged_in() ? "/account" : "/login", N_("Your e-mail address has been changed."));
    });
    app.post("/account/password", [](web::Context& ctx) {
        return act(ctx, [&] {
            change_password(ctx, ctx.form.value("current_password"), ctx.form.value("new_password"), ctx.form.value("new_password_confirm"));
            return ctx.redirect("/account", N_("Your password has been changed. Your other devices have been logged out."));
        });
    });
    app.post("/account/tokens", [](web::Context& ctx) {
        return act(ctx, [&] {
            auto created = create_api_token(ctx, ctx.form.value("token_name"));
            // Rendered directly (not redirected) so the raw token is never stored anywhere.
            return show(ctx, {Errors(ctx.tr), created.token}, 201);
        });
    });
    app.post("/account/tokens/{id}/revoke", [](web::Context& ctx) {
        return act(ctx, [&] {
            std::int64_t id = 0;
            try {
                id = std::stoll(ctx.param("id"));
            } catch (...) {
                throw web::NotFound();
            }
            revoke_api_token(ctx, id);
            return ctx.redirect("/account", N_("The token has been revoked."));
        });
    });
    app.get("/account/export.json", [](web::Context& ctx) {
        auto j = export_data(ctx);
        auto r = http::Response::text(200, j.dump(2), "application/json");
        r.headers.set("Content-Disposition", "attachment; filename=\"synergeia-my-data.json\"");
        return r;
    });
    app.post("/account/delete", [](web::Context& ctx) {
        return act(ctx, [&] {
            delete_account(ctx, ctx.form.value("delete_password"));
            ctx.clear_cookie("sid");
            return ctx.redirect("/", N_("Your account has been deleted."));
        });
    });
}

}  // namespace syn::accounts
