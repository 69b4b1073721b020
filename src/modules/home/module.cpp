#include "modules/home/module.hpp"

#include "modules/accounts/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/http/local_path.hpp"

namespace syn::home {

namespace {

using html::Writer;

// What the platform offers each kind of person; modules add their own sections later.
std::optional<html::Html> audiences(web::Context& ctx) {
    auto& tr = ctx.tr;
    Writer w;
    w("<h2>{}</h2>", tr("What you can do here"));
    std::vector<html::Card> cards = {
        {tr("Citizens"), ctx.url(ctx.logged_in() ? "/account" : "/register"),
         tr("Submit requests and ideas to the municipality, support what matters to you, rate the answers you get, and volunteer.")},
        {tr("Associations and social economy entities"), ctx.url(ctx.logged_in() ? "/account" : "/register"),
         tr("Present your organisation, promote your activities through the municipality, find volunteers and apply for support.")},
        {tr("Volunteers"), ctx.url(ctx.logged_in() ? "/account" : "/register"),
         tr("Join the common volunteer pool once and help any organisation or the municipality.")},
        {tr("Municipal staff"), ctx.url("/login"),
         tr("Answer requests within their deadlines, verify organisations and publish decisions with a full record.")},
    };
    w << html::card_grid(cards, 3);
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
    app.home_section({.order = 1000, .render = audiences});
    app.nav({N_("Home"), "/", nullptr});
    app.get("/", home);
    app.post("/lang", set_language);
    app.get("/accessibility", accessibility);
    app.get("/privacy", privacy);
}

}  // namespace syn::home
