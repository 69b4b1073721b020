// HTML pages for registration, log-in, password reset and the account page.
#include "modules/accounts/pages.hpp"

#include <fmt/format.h>

#include "modules/accounts/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/http/local_path.hpp"
#include "platform/http/percent.hpp"
#include "platform/web/app.hpp"

namespace syn::accounts {

namespace {

using html::Errors;
using html::Field;
using html::Html;
using html::Writer;

Html message_page_body(const web::Context& ctx, const std::string& text, const std::string& link_href, const std::string& link_label) {
    Writer w;
    w("<p class=\"lead\">{}</p>", text);
    if (!link_href.empty()) w("<p><a href=\"{}\">{}</a></p>", link_href, link_label);
    return w.take();
}

// In the demo no mail leaves the machine: the pages that promise a message say where to read it.
void demo_mailbox_note(web::Context& ctx, Writer& w) {
    if (!ctx.cfg.demo) return;
    w("<p class=\"inset-text\">{} <a href=\"{}\">{}</a></p>", ctx.tr("This is a demo: no mail leaves this computer."),
      ctx.url("/demo/mail"), ctx.tr("Read the messages in the demo mailbox"));
}

// --------------------------------------------------------------------- registration
Html register_form(web::Context& ctx, const RegisterInput& in, const Errors& e) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::error_summary(tr, e);
    w << html::form_start(ctx.url("/register"));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "display_name", .label = tr("Full name"), .value = in.display_name,
                      .hint = tr("As you would like the municipality to address you."), .autocomplete = "name", .required = true}, e);
    w << html::input({.name = "email", .label = tr("E-mail address"), .value = in.email,
                      .hint = tr("We will send you a link to confirm it."), .type = "email", .autocomplete = "email", .required = true}, e);
    w << html::input({.name = "password", .label = tr("Password"), .hint = tr("At least 10 characters. A few unrelated words make a strong password."),
                      .type = "password", .autocomplete = "new-password", .required = true}, e);
    w << html::input({.name = "password_confirm", .label = tr("Confirm password"), .type = "password", .autocomplete = "new-password", .required = true}, e);
    w("<div class=\"form-group{}\" id=\"accept_terms-group\">", e.for_field("accept_terms") ? " form-group--error" : "");
    if (auto m = e.for_field("accept_terms"))
        w("<p class=\"error-message\" id=\"accept_terms-error\"><span class=\"visually-hidden\">{}</span> {}</p>", tr("Error:"), *m);
    w << html::checkbox("accept_terms", tr("I have read the privacy notice"), in.accept_terms);
    w("<p><a href=\"{}\">{}</a></p></div>", ctx.url("/privacy"), tr("Read the privacy notice"));
    w << html::button(tr("Create account"));
    w << html::form_end();
    demo_mailbox_note(ctx, w);
    w("<p>{} <a href=\"{}\">{}</a></p>", tr("Already have an account?"), ctx.url("/login"), tr("Log in"));
    return w.take();
}

http::Response get_register(web::Context& ctx) {
    if (ctx.logged_in()) return http::Response::redirect(ctx.url("/my"));
    return ctx.page(ctx.tr("Create an account"), register_form(ctx, {}, Errors(ctx.tr)), {{ctx.tr("Create an account"), ""}});
}

http::Response post_register(web::Context& ctx) {
    RegisterInput in{ctx.form.value("display_name"), ctx.form.value("email"), ctx.form.value("password"),
                     ctx.form.value("password_confirm"), !ctx.form.value("accept_terms").empty()};
    try {
        register_account(ctx, in);
    } catch (const web::Invalid& inv) {
        in.password.clear();
        in.password_confirm.clear();
        return ctx.page(ctx.tr("Create an account"), register_form(ctx, in, inv.errors), {{ctx.tr("Create an account"), ""}}, 422);
    }
    return ctx.redirect("/register/check-email");
}

http::Response get_check_email(web::Context& ctx) {
    auto& tr = ctx.tr;
    Writer w;
    w << message_page_body(ctx, tr("We have sent you a message with a link. Open it to confirm your address and finish creating your account."),
                           ctx.url("/login"), tr("Log in"));
    demo_mailbox_note(ctx, w);
    w("<p>{} <a href=\"{}\">{}</a></p>", tr("No message after a few minutes? Look in the spam folder, or"), ctx.url("/verify/resend"),
      tr("send the link again"));
    return ctx.page(tr("Check your e-mail"), w.take(), {{tr("Check your e-mail"), ""}});
}

// --------------------------------------------------------------------- the confirmation link again
Html resend_form(web::Context& ctx, const std::string& email, const Errors& e) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::error_summary(tr, e);
    w("<p>{}</p>", tr("Enter the address you registered with. If its account is still waiting for confirmation, we will send it a new link."));
    w << html::form_start(ctx.url("/verify/resend"));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "email", .label = tr("E-mail address"), .value = email, .type = "email", .autocomplete = "email", .required = true}, e);
    w << html::button(tr("Send the link again"));
    w << html::form_end();
    return w.take();
}

http::Response get_resend(web::Context& ctx) {
    auto& tr = ctx.tr;
    return ctx.page(tr("Send the confirmation link again"), resend_form(ctx, ctx.query.value("email"), Errors(tr)),
                    {{tr("Send the confirmation link again"), ""}});
}

http::Response post_resend(web::Context& ctx) {
    auto& tr = ctx.tr;
    const auto email = ctx.form.value("email");
    const std::vector<html::Crumb> crumbs = {{tr("Send the confirmation link again"), ""}};
    bool sent = false;
    try {
        sent = resend_confirmation_link(ctx, email, ctx.client_ip());
    } catch (const web::Invalid& inv) {
        return ctx.page(tr("Send the confirmation link again"), resend_form(ctx, email, inv.errors), crumbs, 422);
    }
    if (!sent) {
        Errors e(tr);
        e.add("email", tr("You have asked for a new link several times. Wait 15 minutes and try again."));
        return ctx.page(tr("Send the confirmation link again"), resend_form(ctx, email, e), crumbs, 429);
    }
    Writer w;
    w << message_page_body(ctx, tr("If an account with this address is waiting for confirmation, we have sent it a new link. The link works for 48 hours."),
                           ctx.url("/login"), tr("Log in"));
    demo_mailbox_note(ctx, w);
    return ctx.page(tr("Check your e-mail"), w.take(), crumbs);
}

http::Response get_verify(web::Context& ctx) {
    return token_confirm_page(ctx, ctx.tr("Confirm your e-mail address"), "/verify", ctx.tr("Confirm my e-mail address"));
}

http::Response post_verify(web::Context& ctx) {
    auto r = verify_email(ctx, ctx.form.value("token"));
    if (!r.ok) {
        auto& tr = ctx.tr;
        return ctx.page(tr("The link has expired"), message_page_body(ctx, tr(r.msgid), ctx.url("/verify/resend"), tr("Send the link again")), {}, r.status);
    }
    return ctx.redirect("/login", N_("Your e-mail address is confirmed. You can now log in."));
}

// --------------------------------------------------------------------- log-in
Html login_form(web::Context& ctx, const std::string& email, const std::string& next, const Errors& e) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::error_summary(tr, e);
    // Sent here from a page that needs an account: say so, and that they will go back to it.
    if (!next.empty()) w("<p class=\"lead\">{}</p>", tr("The page you asked for needs an account. Log in and you will go straight back to it."));
    w << html::form_start(ctx.url("/login"));
    w << html::csrf_input(ctx.csrf_token());
    w << html::hidden_input("next", next);
    w << html::input({.name = "email", .label = tr("E-mail address"), .value = email, .type = "email", .autocomplete = "username", .required = true}, e);
    w << html::input({.name = "password", .label = tr("Password"), .type = "password", .autocomplete = "current-password", .required = true}, e);
    w << html::button(tr("Log in"));
    w << html::form_end();
    w("<p><a href=\"{}\">{}</a></p>", ctx.url("/password/forgot"), tr("I have forgotten my password"));
    w("<p>{} <a href=\"{}\">{}</a></p>", tr("No account yet?"), ctx.url("/register"), tr("Create an account"));
    w("<p>{} <a href=\"{}\">{}</a></p>", tr("Registered but the confirmation mail never came?"), ctx.url("/verify/resend"),
      tr("Send the link again"));
    return w.take();
}

http::Response get_login(web::Context& ctx) {
    if (ctx.logged_in()) return http::Response::redirect(http::local_path_or(ctx.query.value("next"), ctx.url("/")));
    return ctx.page(ctx.tr("Log in"), login_form(ctx, "", ctx.query.value("next"), Errors(ctx.tr)), {{ctx.tr("Log in"), ""}});
}

http::Response post_login(web::Context& ctx) {
    const auto email = ctx.form.value("email");
    const auto next = ctx.form.value("next");
    LoginResult r;
    try {
        r = login(ctx, {email, ctx.form.value("password"), ctx.client_ip()});
    } catch (const web::Invalid& inv) {
        return ctx.page(ctx.tr("Log in"), login_form(ctx, email, next, inv.errors), {{ctx.tr("Log in"), ""}}, 422);
    }
    if (!r.outcome.ok) {
        Errors e(ctx.tr);
        e.add(r.outcome.status == 401 ? "password" : "email", ctx.tr(r.outcome.msgid));
        return ctx.page(ctx.tr("Log in"), login_form(ctx, email, next, e), {{ctx.tr("Log in"), ""}}, r.outcome.status);
    }
    ctx.set_cookie("sid", r.session->token);
    ctx.clear_cookie("csrf");
    // Only to a path on this site, never another host; anything else goes to the home page.
    const auto to = http::local_path_or(next.empty() ? ctx.url("/my") : next, ctx.url("/"));
    if (r.second_factor) return http::Response::redirect(ctx.url("/login/code") + "?next=" + http::percent_encode(to));
    return http::Response::redirect(to);
}

http::Response post_logout(web::Context& ctx) {
    logout(ctx);
    ctx.clear_cookie("sid");
    return ctx.redirect("/", N_("You have logged out."));
}

http::Response post_logout_everywhere(web::Context& ctx) {
    logout_everywhere(ctx);
    ctx.clear_cookie("sid");
    return ctx.redirect("/login", N_("You have been logged out on every device."));
}

// --------------------------------------------------------------------- password reset
Html forgot_form(web::Context& ctx, const std::string& email, const Errors& e) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::error_summary(tr, e);
    w("<p>{}</p>", tr("Enter the e-mail address of your account and we will send you a link to choose a new password."));
    w << html::form_start(ctx.url("/password/forgot"));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "email", .label = tr("E-mail address"), .value = email, .type = "email", .autocomplete = "email", .required = true}, e);
    w << html::button(tr("Send me a link"));
    w << html::form_end();
    return w.take();
}

http::Response get_forgot(web::Context& ctx) {
    return ctx.page(ctx.tr("Reset your password"), forgot_form(ctx, "", Errors(ctx.tr)), {{ctx.tr("Reset your password"), ""}});
}

http::Response post_forgot(web::Context& ctx) {
    const auto email = ctx.form.value("email");
    try {
        request_password_reset(ctx, email);
    } catch (const web::Invalid& inv) {
        return ctx.page(ctx.tr("Reset your password"), forgot_form(ctx, email, inv.errors), {{ctx.tr("Reset your password"), ""}}, 422);
    }
    auto& tr = ctx.tr;
    return ctx.page(tr("Check your e-mail"),
                    message_page_body(ctx, tr("If an account uses this address, we have sent it a link to choose a new password. The link works for one hour."), "", ""),
                    {{tr("Reset your password"), ""}});
}

Html reset_form(web::Context& ctx, const std::string& token, const Errors& e) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::error_summary(tr, e);
    w << html::form_start(ctx.url("/password/reset"));
    w << html::csrf_input(ctx.csrf_token());
    w << html::hidden_input("token", token);
    w << html::input({.name = "password", .label = tr("New password"), .hint = tr("At least 10 characters."), .type = "password", .autocomplete = "new-password", .required = true}, e);
    w << html::input({.name = "password_confirm", .label = tr("Confirm new password"), .type = "password", .autocomplete = "new-password", .required = true}, e);
    w << html::button(tr("Save new password"));
    w << html::form_end();
    return w.take();
}

http::Response expired_link(web::Context& ctx, const char* msgid, int status) {
    auto& tr = ctx.tr;
    return ctx.page(tr("The link has expired"), message_page_body(ctx, tr(msgid), ctx.url("/password/forgot"), tr("Ask for a new link")), {}, status);
}

http::Response get_reset(web::Context& ctx) {
    const auto token = ctx.query.value("token");
    if (!reset_token_valid(ctx, token)) return expired_link(ctx, N_("This link has expired or has already been used. Ask for a new one."), 400);
    return ctx.page(ctx.tr("Choose a new password"), reset_form(ctx, token, Errors(ctx.tr)), {{ctx.tr("Choose a new password"), ""}});
}

http::Response post_reset(web::Context& ctx) {
    const auto token = ctx.form.value("token");
    try {
        auto r = reset_password(ctx, token, ctx.form.value("password"), ctx.form.value("password_confirm"));
        if (!r.ok) return expired_link(ctx, r.msgid, r.status);
    } catch (const web::Invalid& inv) {
        return ctx.page(ctx.tr("Choose a new password"), reset_form(ctx, token, inv.errors), {{ctx.tr("Choose a new password"), ""}}, 422);
    }
    return ctx.redirect("/login", N_("Your password has been changed. Log in with the new one."));
}

}  // namespace

// Confirmation links land on a page with a button: mail scanners that prefetch links must not
// be able to confirm an address on the person's behalf.
http::Response token_confirm_page(web::Context& ctx, const std::string& title, const std::string& action, const std::string& button) {
    Writer w;
    w << html::form_start(ctx.url(action));
    w << html::csrf_input(ctx.csrf_token());
    w << html::hidden_input("token", ctx.query.value("token"));
    w << html::button(button);
    w << html::form_end();
    return ctx.page(title, w.take(), {{title, ""}});
}

void register_pages(web::App& app) {
    app.get("/register", get_register);
    app.post("/register", post_register);
    app.get("/register/check-email", get_check_email);
    app.get("/verify", get_verify);
    app.post("/verify", post_verify);
    app.get("/verify/resend", get_resend);
    app.post("/verify/resend", post_resend);
    app.get("/login", get_login);
    app.post("/login", post_login);
    app.post("/logout", post_logout);
    app.post("/logout/everywhere", post_logout_everywhere);
    app.get("/password/forgot", get_forgot);
    app.post("/password/forgot", post_forgot);
    app.get("/password/reset", get_reset);
    app.post("/password/reset", post_reset);
    register_account_pages(app);
    register_second_factor_pages(app);
}

}  // namespace syn::accounts
