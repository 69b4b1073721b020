#include "modules/home/module.hpp"

#include "modules/accounts/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/http/local_path.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/notify/notify.hpp"

namespace syn::home {

namespace {

using html::Writer;

// For a visitor, the way in. What the platform offers is told by the modules' own sections
// (each module.cpp adds its card), so the home page promises only what exists.
std::optional<html::Html> get_started(web::Context& ctx) {
    if (ctx.logged_in()) return std::nullopt;
    auto& tr = ctx.tr;
    Writer w;
    w("<h2>{}</h2><p>{}</p>", tr("Take part"), tr("Reading needs no account. To take part, log in or create an account: it takes a minute."));
    w("<div class=\"button-group\">");
    w << html::button_link(tr("Create an account"), ctx.url("/register"));
    w << html::button_link(tr("Log in"), ctx.url("/login"), "secondary");
    w("</div>");
    return w.take();
}

http::Response home(web::Context& ctx) {
    auto& tr = ctx.tr;
    Writer w;
    w("<p class=\"lead\">{}</p>",
      tr("The Active Citizens' Centre connects the municipality with local associations, social economy entities, volunteers and citizens."));
    for (const auto& s : ctx.app.home_sections())
        if (auto h = s.render(ctx)) w << *h;
    return ctx.page(tr("Active Citizens' Centre"), w.take());
}

// The person's own page, where log-in lands when they were not on their way elsewhere: their
// newest notifications, then each module's part (their requests, their organisations, …).
constexpr std::size_t kNotificationsShown = 3;

http::Response my_page(web::Context& ctx) {
    ctx.require_login();
    auto& tr = ctx.tr;
    const auto user = ctx.principal.user_id;
    auto [latest, unread] = ctx.db.read([&](soci::session& s) {
        return std::pair{notify::list(s, ctx.tenant.id, user, 0, kNotificationsShown), notify::unread_count(s, ctx.tenant.id, user)};
    });
    Writer w;
    w("<p class=\"lead\">{}</p>", tr("Everything of yours in one place: what happened lately, your requests and your organisations."));
    w("<h2>{}</h2>", tr("Latest notifications"));
    if (latest.empty()) {
        w("<p>{}</p>", tr("Nothing yet. When something happens to your requests or organisations, you will find it here and in your mail."));
    } else {
        if (unread > 0) w("<p>{}</p>", tr.tn("You have {} unread notification.", "You have {} unread notifications.", static_cast<long>(unread)));
        w("<ul>");
        for (const auto& n : latest)
            w("<li>{} <span class=\"secondary-text\">({})</span></li>", n.title, i18n::format_datetime(tr, n.created_at));
        w("</ul><p><a href=\"{}\">{}</a></p>", ctx.url("/notifications"), tr("All notifications"));
    }
    for (const auto& section : ctx.app.my_sections())
        if (auto h = section.render(ctx)) w << *h;
    w("<h2>{}</h2><p><a href=\"{}\">{}</a></p>", tr("My account"), ctx.url("/account"),
      tr("Your name, e-mail address, password, two-step log-in and your data"));
    return ctx.page(tr("My page"), w.take(), {{tr("My page"), ""}});
}

// Sets the language cookie (and, for a logged-in person, the language of their mail) and goes
// back to the page the person was on. A form POST, so the switch works without JavaScript.
http::Response set_language(web::Context& ctx) {
    auto lang = i18n::parse_lang(ctx.form.value("lang")).value_or(i18n::Lang::El);
    ctx.set_cookie("lang", i18n::code(lang), 365L * 24 * 3600);
    accounts::remember_language(ctx, lang);  // and the mail they receive from now on
    return http::Response::redirect(http::local_path_or(ctx.form.value("return"), ctx.url("/")));
}

http::Response accessibility(web::Context& ctx) {
    auto& tr = ctx.tr;
    Writer w;
    w("<p>{}</p>", tr("The municipality is committed to making this web site accessible, in accordance with Law 4591/2019 transposing Directive (EU) 2016/2102."));
    w("<h2>{}</h2><p>{}</p>", tr("Compliance status"),
      tr("This web site is designed to conform with WCAG 2.1 level AA. Every page is checked automatically for accessibility problems before each release, and the main tasks are tested using the keyboard alone."));
    w("<h2>{}</h2><p>{}</p>", tr("Works without JavaScript"),
      tr("Every page and form works without JavaScript. Maps, where present, always have a list that says the same."));
    w("<h2>{}</h2><p>{}</p>", tr("Feedback and contact"),
      tr("If you meet a barrier on this site, tell the municipality through a request or at its offices, and we will answer within 30 days."));
    return ctx.page(tr("Accessibility statement"), w.take(), {{tr("Accessibility statement"), ""}});
}

http::Response privacy(web::Context& ctx) {
    auto& tr = ctx.tr;
    Writer w;
    w("<p>{}</p>", tr("The municipality is the controller of the personal data processed on this platform, under the General Data Protection Regulation (EU) 2016/679 and Law 4624/2019."));
    w("<h2>{}</h2><p>{}</p>", tr("What we keep"),
      tr("Your name and e-mail address, what you submit, and a record of important actions. We keep no advertising or tracking cookies: only the cookies needed to keep you logged in, protect forms and remember your language."));
    w("<h2>{}</h2><p>{}</p>", tr("Your rights"),
      tr("From your account page you can download all your data and delete your account. For any other request, contact the municipality's data protection officer."));
    return ctx.page(tr("Privacy notice"), w.take(), {{tr("Privacy notice"), ""}});
}

}  // namespace

void install(web::App& app) {
    app.home_section({.order = 1000, .render = get_started});
    app.nav({N_("Home"), "/", nullptr});
    app.get("/", home);
    app.post("/lang", set_language);
    app.get("/accessibility", accessibility);
    app.get("/my", my_page);
    app.get("/privacy", privacy);
}

}  // namespace syn::home
