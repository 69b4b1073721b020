#pragma once
// The page shell every HTML response is wrapped in: document head, skip link, header with the
// municipality's name and emblem, navigation, language switch, breadcrumbs, flash messages,
// <main> with the page's <h1>, and the footer. Everything a request knows about its context
// goes in a Shell; page() turns it and a body into the whole document.
//
// Nothing here needs JavaScript and nothing writes a style attribute: the strict CSP forbids
// inline style, so the municipality's colour comes from a per-tenant stylesheet (theme.hpp).
#include "platform/html/writer.hpp"
#include "platform/i18n/i18n.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace syn::html {

// A breadcrumb; the last one is the current page and has an empty href.
struct Crumb {
    std::string label = {};
    std::string href = {};
};

// A message carried over a redirect ("Your changes were saved").
struct Flash {
    enum Kind { Success, Info, Error } kind = Info;
    std::string text = {};
    std::string href = {}, link_label = {};  // a link after the text, when there is something to do
};

struct NavItem {
    std::string label = {};
    std::string href = {};
    bool current = false;
};

// Everything the layout needs to know about this request.
struct Shell {
    const i18n::Tr* tr = nullptr;          // language + translator (required)
    std::string site_name;                 // e.g. "Δήμος Καλαμάτας"
    // Empty → the default emblem, drawn inline in the header's text colour. A logo image is
    // shown on a small white plate, so a coloured logo stays visible on the brand colour.
    std::string logo_url;
    std::string theme_css_url;             // per-tenant colour stylesheet, may be empty
    std::string css_url;                   // fingerprinted main stylesheet URL
    std::string current_path_and_query;    // sent back by the language switch as "return"
    std::string lang_switch_action;        // POST endpoint that sets the language cookie, e.g. "/lang"
    std::string csrf_token;                // for the language switch and logout forms; omitted when empty
    std::optional<std::string> user_display_name;  // set when logged in
    std::vector<NavItem> nav;              // main navigation
    std::vector<NavItem> user_nav;         // account links; logout is added by the layout as a POST form
    std::vector<Crumb> crumbs;
    std::vector<Flash> flashes;
    // Prefix for the links the layout makes itself (home, /logout, /accessibility, /privacy),
    // for tenants chosen by path prefix, e.g. "/kalamata". Empty for host-based tenancy.
    std::string path_prefix;
    // Set when a form re-renders with errors: the <title> then starts with "Error: " so that
    // screen-reader users hear at once that the submission failed (GOV.UK pattern).
    bool has_errors = false;
    // Page-specific additions to <head>, after the main stylesheets: stylesheets and deferred
    // scripts (asset URLs: the CSP allows only 'self', never inline script), and markup such
    // as Open Graph <meta> tags or a JSON-LD block (Html, so a Writer escaped it).
    std::vector<std::string> extra_css_urls = {};
    std::vector<std::string> script_urls = {};
    Html head_extra = {};
};

// <script type="application/ld+json"> with already serialised JSON (e.g. schema.org data), for
// Shell::head_extra. Every '<' is written as \u003c, so no value can close the script or open
// a comment; the JSON means the same. Browsers never execute it, so the CSP allows it.
Html json_ld_script(std::string_view json);

// The whole document: <!doctype html> … </html>. `title` is the page's <h1> and the first part
// of <title> ("Title — Site"). Valid HTML5 and axe-clean.
Html page(const Shell& shell, std::string_view title, const Html& body);

}  // namespace syn::html
