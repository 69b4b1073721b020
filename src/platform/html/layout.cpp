#include "platform/html/layout.hpp"

#include "platform/html/forms.hpp"

namespace syn::html {
namespace {

// The default emblem (the same drawing as web/static/img/emblem.svg): a generic columned
// building in a shield, not any real coat of arms. Drawn inline so it costs no request and
// takes the header's text colour through currentColor. aria-hidden because the site name
// next to it is the link's text.
void default_emblem(Writer& w) {
    w("<svg class=\"site-header__emblem\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" "
      "width=\"48\" height=\"48\" aria-hidden=\"true\">"
      "<path fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\" stroke-linejoin=\"round\" "
      "d=\"M32 3 58 11v19c0 15-11 26-26 31C17 56 6 45 6 30V11z\"/>"
      "<g fill=\"currentColor\">"
      "<path d=\"M32 13 49 22H15z\"/>"
      "<rect x=\"15\" y=\"24\" width=\"34\" height=\"3\"/>"
      "<rect x=\"18\" y=\"29\" width=\"4\" height=\"13\"/>"
      "<rect x=\"26\" y=\"29\" width=\"4\" height=\"13\"/>"
      "<rect x=\"34\" y=\"29\" width=\"4\" height=\"13\"/>"
      "<rect x=\"42\" y=\"29\" width=\"4\" height=\"13\"/>"
      "<rect x=\"15\" y=\"43\" width=\"34\" height=\"3\"/>"
      "<rect x=\"12\" y=\"47\" width=\"40\" height=\"3\"/>"
      "</g></svg>");
}

void head(Writer& w, const Shell& s, std::string_view title) {
    const i18n::Tr& tr = *s.tr;
    w("<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
      i18n::code(tr.lang()));
    std::string full = s.site_name.empty() ? std::string(title)
                                           : std::string(title) + " \u2014 " + s.site_name;
    if (s.has_errors) full = tr.tf("Error: {}", full);
    w("<title>{}</title>\n", full);
    if (!s.css_url.empty()) w("<link rel=\"stylesheet\" href=\"{}\">\n", s.css_url);
    // After app.css so its custom properties win.
    if (!s.theme_css_url.empty()) w("<link rel=\"stylesheet\" href=\"{}\">\n", s.theme_css_url);
    for (const std::string& url : s.extra_css_urls) w("<link rel=\"stylesheet\" href=\"{}\">\n", url);
    for (const std::string& url : s.script_urls) w("<script defer src=\"{}\"></script>\n", url);
    w << s.head_extra;
    w("</head>\n");
}

// A POST form, not links: the choice is stored in a cookie, which a GET must not change.
// The button names are endonyms, each in its own language, so they are deliberately not
// translated; the lang attribute makes screen readers pronounce them right.
void language_switch(Writer& w, const Shell& s) {
    if (s.lang_switch_action.empty()) return;
    const i18n::Tr& tr = *s.tr;
    w("<form class=\"lang-switch\" action=\"{}\" method=\"post\" aria-label=\"{}\">",
      s.lang_switch_action, tr("Language"));
    if (!s.csrf_token.empty()) w << csrf_input(s.csrf_token);
    w << hidden_input("return", s.current_path_and_query);
    struct L { i18n::Lang lang; const char* name; };
    for (L l : {L{i18n::Lang::El, "Ελληνικά"}, L{i18n::Lang::En, "English"}}) {
        bool active = tr.lang() == l.lang;
        w("<button class=\"lang-switch__button\" type=\"submit\" name=\"lang\" value=\"{}\" lang=\"{}\"",
          i18n::code(l.lang), i18n::code(l.lang));
        if (active) w(" aria-current=\"true\"");
        w(">{}</button>", l.name);
    }
    w("</form>");
}

void account_nav(Writer& w, const Shell& s) {
    if (s.user_nav.empty() && !s.user_display_name) return;
    const i18n::Tr& tr = *s.tr;
    w("<nav class=\"account-nav\" aria-label=\"{}\"><ul class=\"account-nav__list\">", tr("Account"));
    if (s.user_display_name)
        w("<li class=\"account-nav__user\">{}</li>", *s.user_display_name);
    for (const NavItem& n : s.user_nav) {
        w("<li class=\"account-nav__item\"><a class=\"account-nav__link\" href=\"{}\"", n.href);
        if (n.current) w(" aria-current=\"page\"");
        w(">{}</a></li>", n.label);
    }
    if (s.user_display_name) {
        w("<li class=\"account-nav__item\"><form class=\"account-nav__logout\" action=\"{}/logout\" method=\"post\">",
          s.path_prefix);
        if (!s.csrf_token.empty()) w << csrf_input(s.csrf_token);
        w("<button class=\"link-button\" type=\"submit\">{}</button></form></li>", tr("Log out"));
    }
    w("</ul></nav>");
}

void header(Writer& w, const Shell& s) {
    w("<header class=\"site-header\"><div class=\"container site-header__inner\">"
      "<a class=\"site-header__brand\" href=\"{}/\">",
      s.path_prefix);
    // alt="" because the site name follows inside the same link.
    if (s.logo_url.empty()) default_emblem(w);
    else w("<img class=\"site-header__logo\" src=\"{}\" alt=\"\" width=\"48\" height=\"48\">", s.logo_url);
    w("<span class=\"site-header__name\">{}</span></a>", s.site_name);
    w("<div class=\"site-header__tools\">");
    language_switch(w, s);
    account_nav(w, s);
    w("</div></div></header>\n");
}

void main_nav(Writer& w, const Shell& s) {
    if (s.nav.empty()) return;
    const i18n::Tr& tr = *s.tr;
    w("<nav class=\"main-nav\" aria-label=\"{}\"><div class=\"container\"><ul class=\"main-nav__list\">",
      tr("Main menu"));
    for (const NavItem& n : s.nav) {
        w("<li class=\"main-nav__item\"><a class=\"main-nav__link\" href=\"{}\"", n.href);
        if (n.current) w(" aria-current=\"page\"");
        w(">{}</a></li>", n.label);
    }
    w("</ul></div></nav>\n");
}

void breadcrumbs(Writer& w, const Shell& s) {
    if (s.crumbs.empty()) return;
    const i18n::Tr& tr = *s.tr;
    w("<nav class=\"breadcrumbs\" aria-label=\"{}\"><ol class=\"breadcrumbs__list\">", tr("Breadcrumb"));
    for (std::size_t i = 0; i < s.crumbs.size(); ++i) {
        const Crumb& c = s.crumbs[i];
        bool last = i + 1 == s.crumbs.size();
        if (last)
            w("<li class=\"breadcrumbs__item\" aria-current=\"page\">{}</li>", c.label);
        else if (c.href.empty())
            w("<li class=\"breadcrumbs__item\">{}</li>", c.label);
        else
            w("<li class=\"breadcrumbs__item\"><a class=\"breadcrumbs__link\" href=\"{}\">{}</a></li>", c.href,
              c.label);
    }
    w("</ol></nav>\n");
}

// Success and information are polite (role=status); an error interrupts (role=alert).
void flashes(Writer& w, const Shell& s) {
    const i18n::Tr& tr = *s.tr;
    for (const Flash& f : s.flashes) {
        const char* modifier = "info";
        const char* role = "status";
        std::string title;
        switch (f.kind) {
            case Flash::Success: modifier = "success"; title = tr("Success"); break;
            case Flash::Info: title = tr("Important"); break;
            case Flash::Error: modifier = "error"; role = "alert"; title = tr("There is a problem"); break;
        }
        w("<div class=\"notification notification--{}\" role=\"{}\">"
          "<p class=\"notification__title\">{}</p><p class=\"notification__text\">{}</p>",
          modifier, role, title, f.text);
        if (!f.href.empty()) w("<p class=\"notification__text\"><a href=\"{}\">{}</a></p>", f.href, f.link_label);
        w("</div>\n");
    }
}

void footer(Writer& w, const Shell& s) {
    const i18n::Tr& tr = *s.tr;
    w("<footer class=\"site-footer\"><div class=\"container\">"
      "<nav class=\"site-footer__nav\" aria-label=\"{}\"><ul class=\"site-footer__list\">"
      "<li><a class=\"site-footer__link\" href=\"{}/accessibility\">{}</a></li>"
      "<li><a class=\"site-footer__link\" href=\"{}/privacy\">{}</a></li>"
      "</ul></nav>"
      "<p class=\"site-footer__meta\">{}</p>"
      "</div></footer>\n",
      tr("Support links"), s.path_prefix, tr("Accessibility statement"), s.path_prefix, tr("Privacy notice"),
      s.site_name);
}

}  // namespace

Html json_ld_script(std::string_view json) {
    std::string out = "<script type=\"application/ld+json\">";
    out.reserve(out.size() + json.size() + 10);
    for (char c : json) {
        if (c == '<') out += "\\u003c";
        else out += c;
    }
    out += "</script>\n";
    return Html(std::move(out));
}

Html page(const Shell& s, std::string_view title, const Html& body) {
    const i18n::Tr& tr = *s.tr;
    Writer w;
    head(w, s, title);
    w("<body>\n<a class=\"skip-link\" href=\"#main\">{}</a>\n", tr("Skip to main content"));
    header(w, s);
    main_nav(w, s);
    w("<div class=\"container page\">\n");
    breadcrumbs(w, s);
    w("<main class=\"main\" id=\"main\" tabindex=\"-1\">\n");
    flashes(w, s);
    w("<h1 class=\"page-title\">{}</h1>\n", title);
    w << body;
    w("\n</main>\n</div>\n");
    footer(w, s);
    w("</body>\n</html>\n");
    return w.take();
}

}  // namespace syn::html
