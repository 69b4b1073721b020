// The second factor of the log-in: the page that asks for the code after the password
// (/login/code), and the account's page to set it up, see it, renew the recovery codes or turn
// it off (/account/two-factor). Setting up shows a QR code an authenticator app scans, and the
// secret in groups of four for typing it in; the recovery codes are shown once.
#include "modules/accounts/pages.hpp"
#include "modules/accounts/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/qr.hpp"
#include "platform/http/local_path.hpp"

namespace syn::accounts {

namespace {

using html::Errors;
using html::Writer;

constexpr const char* kPath = "/account/two-factor";
constexpr const char* kLoginPath = "/login/code";

// ---------------------------------------------------------------- the log-in's second step

http::Response code_page(web::Context& ctx, const std::string& next, const Errors& e, int status) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::error_summary(tr, e);
    w("<p>{}</p>", tr("Open the authenticator app on your phone and type the 6-digit code it shows for this site."));
    w << html::form_start(ctx.url(kLoginPath));
    w << html::csrf_input(ctx.csrf_token());
    w << html::hidden_input("next", next);
    w << html::input({.name = "code", .label = tr("Code"), .hint = tr("If you have lost your phone, type one of your recovery codes instead."),
                      .autocomplete = "one-time-code", .required = true}, e);
    w << html::button(tr("Continue"));
    w << html::form_end();
    return ctx.page(tr("Two-step log-in"), w.take(), {{tr("Log in"), ctx.url("/login")}, {tr("Two-step log-in"), ""}}, status);
}

http::Response get_code(web::Context& ctx) {
    if (ctx.logged_in()) return http::Response::redirect(http::local_path_or(ctx.query.value("next"), ctx.url("/my")));
    if (!ctx.pending_session) return http::Response::redirect(ctx.url("/login"));
    return code_page(ctx, ctx.query.value("next"), Errors(ctx.tr), 200);
}

http::Response post_code(web::Context& ctx) {
    const auto next = ctx.form.value("next");
    if (!ctx.pending_session) return http::Response::redirect(ctx.url("/login"));
    try {
        pass_second_factor(ctx, ctx.form.value("code"), ctx.client_ip());
    } catch (const web::Invalid& e) {
        return code_page(ctx, next, e.errors, 422);
    }
    return http::Response::redirect(http::local_path_or(next.empty() ? ctx.url("/my") : next, ctx.url("/")));
}

// ---------------------------------------------------------------- the account's page

html::Html codes_list(const i18n::Tr& tr, const std::vector<std::string>& codes) {
    Writer w;
    w << html::warning_text(tr, tr("Keep these recovery codes somewhere safe, apart from your phone. Each one lets you log in once without the app. They are shown only now."));
    w("<ul class=\"recovery-codes\">");
    for (const auto& c : codes) w("<li><code>{}</code></li>", c);
    w("</ul>");
    return w.take();
}

html::Html password_form(web::Context& ctx, const std::string& action, const std::string& button, const char* kind, const Errors& e,
                         const std::string& field_id) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::form_start(ctx.url(action));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "password", .id = field_id, .label = tr("Your password"), .type = "password", .autocomplete = "current-password"}, e);
    w << html::button(button, kind);
    w << html::form_end();
    return w.take();
}

http::Response account_page(web::Context& ctx, const Errors& e, int status) {
    auto& tr = ctx.tr;
    ctx.require_login();
    const auto st = second_factor_status(ctx);
    Writer w;
    w << html::error_summary(tr, e);
    if (st.enabled) {
        w("<p>{}</p>", tr.tf("Two-step log-in is on since {}. After your password, we ask for the code of your authenticator app.",
                             i18n::format_date(tr, st.since)));
        w("<p>{}</p>", tr.tn("You have {} recovery code left.", "You have {} recovery codes left.", st.codes_left));
        w("<h2>{}</h2>", tr("New recovery codes"));
        w("<p>{}</p>", tr("The old ones stop working."));
        w << password_form(ctx, std::string(kPath) + "/codes", tr("Make new recovery codes"), "secondary", e, "password");
        w("<h2>{}</h2>", tr("Turn off two-step log-in"));
        if (st.required) w << html::warning_text(tr, tr("Your role needs two-step log-in: without it, you can use the site only as a citizen until you set it up again."));
        w << password_form(ctx, std::string(kPath) + "/off", tr("Turn off two-step log-in"), "warning", e, "off-password");
    } else {
        const auto setup = start_second_factor(ctx);
        if (st.required) w << html::warning_text(tr, tr("Your role at the municipality lets you see other people's data, so it needs two-step log-in. Until you set it up, you can use the site only as a citizen."));
        w("<p>{}</p>", tr("With two-step log-in, someone who learns your password still cannot log in: we also ask for a code that an app on your phone makes every 30 seconds."));
        w("<ol class=\"list list--number\">");
        w("<li>{}</li>", tr("Install an authenticator app on your phone, if you have none: for example FreeOTP, Aegis, Microsoft Authenticator or Google Authenticator."));
        w("<li>{}", tr("In the app, add an account and scan this code:"));
        w << html::qr_svg(setup.uri, tr("QR code for your authenticator app"));
        w("<p>{} <code class=\"secret\">{}</code></p></li>", tr("If you cannot scan it, type this key instead:"), setup.spaced_secret);
        w("<li>{}</li></ol>", tr("Type the 6-digit code the app shows, to check that it works."));
        w << html::form_start(ctx.url(kPath));
        w << html::csrf_input(ctx.csrf_token());
        w << html::input({.name = "code", .label = tr("Code from the app"), .autocomplete = "one-time-code", .inputmode = "numeric"}, e);
        w << html::button(tr("Turn on two-step log-in"));
        w << html::form_end();
    }
    return ctx.page(tr("Two-step log-in"), w.take(), {{tr("My account"), ctx.url("/account")}, {tr("Two-step log-in"), ""}}, status);
}

http::Response get_account(web::Context& ctx) { return account_page(ctx, Errors(ctx.tr), 200); }

http::Response codes_page(web::Context& ctx, const std::string& title, const std::vector<std::string>& codes) {
    auto& tr = ctx.tr;
    Writer w;
    w << codes_list(tr, codes);
    w("<p><a href=\"{}\">{}</a></p>", ctx.url("/account"), tr("Back to my account"));
    return ctx.page(title, w.take(), {{tr("My account"), ctx.url("/account")}, {title, ""}});
}

http::Response post_turn_on(web::Context& ctx) {
    std::vector<std::string> codes;
    try {
        codes = confirm_second_factor(ctx, ctx.form.value("code"));
    } catch (const web::Invalid& e) {
        return account_page(ctx, e.errors, 422);
    }
    return codes_page(ctx, ctx.tr("Two-step log-in is on"), codes);
}

http::Response post_new_codes(web::Context& ctx) {
    std::vector<std::string> codes;
    try {
        codes = new_recovery_codes(ctx, ctx.form.value("password"));
    } catch (const web::Invalid& e) {
        return account_page(ctx, e.errors, 422);
    }
    return codes_page(ctx, ctx.tr("New recovery codes"), codes);
}

http::Response post_turn_off(web::Context& ctx) {
    try {
        turn_off_second_factor(ctx, ctx.form.value("password"));
    } catch (const web::Invalid& e) {
        // Both forms have a password: the message goes to this one's.
        html::Errors moved(ctx.tr);
        for (const auto& item : e.errors.items) moved.add(item.field == "password" ? "off-password" : item.field, item.message);
        return account_page(ctx, moved, 422);
    }
    return ctx.redirect(kPath, N_("Two-step log-in is off."));
}

}  // namespace

void register_second_factor_pages(web::App& app) {
    app.get(kLoginPath, get_code);
    app.post(kLoginPath, post_code);
    app.get(kPath, get_account);
    app.post(kPath, post_turn_on);
    app.post(std::string(kPath) + "/codes", post_new_codes);
    app.post(std::string(kPath) + "/off", post_turn_off);
}

}  // namespace syn::accounts
