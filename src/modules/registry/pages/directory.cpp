// The public side of the registry: the directory (/organisations: search, filters, list and
// map), each organisation's profile (/organisations/{slug}, with schema.org JSON-LD and Open
// Graph tags) and its logo, plus the home-page card and the "Organisations" menu entry.
//
// Everything works without JavaScript. The map (web/static/js/map.js with Leaflet) is an
// enhancement drawn from the list's data-* attributes; the list stays the screen-reader and
// no-JS view of the same organisations.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "modules/registry/pages.hpp"
#include "platform/cache/read_cache.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/layout.hpp"
#include "platform/html/markdown.hpp"
#include "platform/i18n/day_text.hpp"
#include "platform/http/percent.hpp"
#include "platform/web/components.hpp"
#include "platform/web/list.hpp"
#include "platform/text/search.hpp"
#include "platform/text/text.hpp"

namespace syn::registry {

namespace {

using html::Writer;

constexpr int kPerPage = 50;

// ---------------------------------------------------------------- the directory's filters

// Unknown values are treated as "not set": a stale bookmark or a hand-edited link shows the
// directory instead of an error (only the search box takes free text).
std::vector<web::ListFilter> directory_filters(const i18n::Tr& tr, const std::vector<std::string>& hoods) {
    using K = web::ListFilter::Kind;
    std::vector<html::Option> kinds_opts{{"", tr("All kinds")}};
    for (const auto& k : kinds()) kinds_opts.push_back({k.code, tr(k.label)});
    std::vector<html::Option> area_opts{{"", tr("All areas")}};
    for (const auto& a : areas()) area_opts.push_back({a.code, tr(a.label)});
    std::vector<html::Option> hood_opts{{"", tr("All neighbourhoods")}};
    for (const auto& h : hoods) hood_opts.push_back({h, h});
    return {{.kind = K::Search, .name = "q", .label = tr("Name, distinctive title, neighbourhood or description"),
             .hint = tr("In Greek or Latin letters; accents and endings are optional. For example: syllogos goneon")},
            {.kind = K::Select, .name = "kind", .label = tr("Kind"), .options = std::move(kinds_opts)},
            {.kind = K::Select, .name = "area", .label = tr("Area of action"), .options = std::move(area_opts)},
            {.kind = K::Select, .name = "neighbourhood", .label = tr("Neighbourhood"), .options = std::move(hood_opts)},
            {.kind = K::Select, .name = "sort", .label = tr("Sort by"),
             .options = {{"best", tr("Best match (when searching), else name")}, {"name", tr("Name (A to Z)")}, {"newest", tr("Newest first")}},
             .narrows = false},
            {.kind = K::Checkbox, .name = "verified", .label = tr("Verified organisations only")}};
}

// Built once per municipality, language and version of the registry (the neighbourhoods come
// from the organisations): every request reads the query against them.
web::ListFilters cached_directory_filters(const web::Context& ctx) {
    static cache::ReadCache<web::ListFilters> cache(400);
    return cache.get(fmt::format("{}\x1f{}", ctx.tenant.id, i18n::code(ctx.tr.lang())), directory_version(), [&] {
        return std::make_shared<const std::vector<web::ListFilter>>(directory_filters(ctx.tr, neighbourhoods(ctx)));
    });
}

DirectoryQuery to_query(const web::ListPage& list) {
    DirectoryQuery q;
    q.per_page = kPerPage;
    q.q = list.value("q");
    q.kind = list.value("kind");
    q.area = list.value("area");
    q.neighbourhood = list.value("neighbourhood");
    q.verified_only = list.ticked("verified");
    const auto& sort = list.value("sort");
    q.sort = sort == "newest" ? DirectorySort::Newest : sort == "name" ? DirectorySort::Name : DirectorySort::Best;
    q.page = list.page();
    return q;
}

// ---------------------------------------------------------------- shared bits

std::string profile_path(const Organisation& o) { return "/organisations/" + http::percent_encode(o.slug); }

// "Cultural association", or the kind's label when the subtype is unknown.
std::string type_label(const i18n::Tr& tr, const OrganisationInput& p) {
    if (const char* s = subtype_label(p.kind, p.subtype)) return tr(s);
    if (const char* k = kind_label(p.kind)) return tr(k);
    return {};
}

std::string area_list(const i18n::Tr& tr, const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes)
        if (const char* l = area_label(c)) {
            if (!out.empty()) out += ", ";
            out += tr(l);
        }
    return out;
}

// The data a map marker is made from; on an element that already shows the same in words.
void marker_attrs(Writer& w, const Organisation& o, std::string_view name, std::string_view href) {
    if (!o.latitude || !o.longitude) return;
    w(" data-lat=\"{:.6f}\" data-lng=\"{:.6f}\" data-name=\"{}\"", *o.latitude, *o.longitude, name);
    if (!href.empty()) w(" data-href=\"{}\"", href);
}

// ---------------------------------------------------------------- the directory

void directory_item(Writer& w, web::Context& ctx, const Organisation& o) {
    const auto& tr = ctx.tr;
    const auto& p = o.profile;
    const std::string href = ctx.url(profile_path(o));
    w("<li class=\"org-list__item\"");
    marker_attrs(w, o, p.official_name, href);
    w("><h3 class=\"org-list__name\"><a href=\"{}\">{}</a></h3>", href, p.official_name);
    if (!p.distinctive_title.empty() && p.distinctive_title != p.official_name)
        w("<p class=\"org-list__title\">{}</p>", p.distinctive_title);
    w("<p class=\"org-list__type\">{}", type_label(tr, p));
    if (o.state == State::Verified) w(" {}", html::tag(tr("Verified"), "green"));
    w("</p>");
    const std::string areas_text = area_list(tr, p.areas);
    if (!areas_text.empty() || !p.neighbourhood.empty()) {
        w("<dl class=\"org-list__facts\">");
        if (!areas_text.empty()) w("<div><dt>{}</dt><dd>{}</dd></div>", tr("Areas of action"), areas_text);
        if (!p.neighbourhood.empty()) w("<div><dt>{}</dt><dd>{}</dd></div>", tr("Neighbourhood"), p.neighbourhood);
        w("</dl>");
    }
    w("</li>\n");
}

// The directory's main content: the same for everyone who asks the same question in the same
// language (no per-user parts; the shell around it carries the session's), so it is rendered
// once per registry version and kept (read_cache.hpp).
struct DirectoryBody {
    std::string title;
    html::Html body;
};

DirectoryBody render_directory(web::Context& ctx, const web::ListPage& list) {
    const auto& tr = ctx.tr;
    // The store shows the last page for an old link past the end (after organisations left).
    const DirectoryPage result = directory(ctx, to_query(list));

    Writer w;
    w("<p class=\"lead\">{}</p>",
      tr("Associations, social economy entities and other civil-society bodies active in the municipality. Organisations marked \"Verified\" have been checked by the municipality."));
    w << list.form({tr("Search organisations"), tr("Search"), tr("Clear search and filters")});

    // A search stops counting at text::kSearchCountCap.
    w("<h2 class=\"org-results__count\" id=\"results\">{}</h2>",
      !list.value("q").empty() && text::more_than_counted(result.total)
          ? tr.tf("More than {} organisations", text::kSearchCountCap)
          : tr.tn("{} organisation", "{} organisations", static_cast<long>(result.total)));
    if (result.items.empty()) {
        w("<p>{}</p>", list.narrowed() ? tr("No organisations match your search. Check the spelling, use fewer words or clear some filters.")
                                      : tr("No organisations are listed yet."));
    } else {
        const bool any_coordinates = std::any_of(result.items.begin(), result.items.end(),
                                                 [](const Organisation& o) { return o.latitude && o.longitude; });
        // The results first, then the map (beside them on a wide screen, after them on a phone),
        // so the order a keyboard or a screen reader meets them is the order on the screen.
        w("<div class=\"org-results\">");
        w("<ul class=\"org-list\" id=\"organisations-list\" tabindex=\"-1\" aria-labelledby=\"results\">\n");
        for (const auto& o : result.items) directory_item(w, ctx, o);
        w("</ul>\n");
        if (map_enabled(ctx) && any_coordinates)
            w << web::map_region(ctx, {.id = "organisations-map",
                                      .label = tr("Map of the organisations on this page. The list has the same organisations."),
                                      .small = false, .skip_to = "organisations-pages"});
        w("</div><div id=\"organisations-pages\" tabindex=\"-1\">");
        w << html::pagination(tr, result.page, result.pages, [&](int n) { return list.url(n); });
        w("</div>");
    }

    std::string title = tr("Organisations");
    if (result.page > 1) title = tr.tf("{} (page {} of {})", title, result.page, result.pages);
    return {std::move(title), w.take()};
}

http::Response directory_page(web::Context& ctx) {
    const auto& tr = ctx.tr;
    const web::ListPage list(ctx, "/organisations", cached_directory_filters(ctx));
    static cache::ReadCache<std::shared_ptr<const DirectoryBody>> cache(500);  // ~45 KB each
    const auto key = fmt::format("{}\x1f{}\x1f{}", ctx.tenant.id, i18n::code(tr.lang()), list.url(list.page()));
    const auto content = cache.get(key, directory_version(), [&] {
        return std::make_shared<const DirectoryBody>(render_directory(ctx, list));
    });
    auto sh = ctx.shell({{tr("Organisations"), ""}});
    web::add_map_assets(sh, ctx, "js/map.js");  // only when the install has a tile server
    return ctx.page(std::move(sh), content->title, content->body);
}

// ---------------------------------------------------------------- the profile

bool listed(const Organisation& o) { return o.state == State::Submitted || o.state == State::Verified; }

// The profile's rows. Members and municipal staff get every field from find_public(); for
// them a field the public cannot see is marked, so nobody mistakes it for published.
struct ProfileRows {
    const i18n::Tr& tr;
    const OrganisationInput& p;
    bool insider;
    std::vector<html::SummaryRow> rows = {};

    void add(const char* field, std::string key, html::Html value) {
        if (insider && field && visibility_of(p, field) == Visibility::Municipality) {
            Writer w;
            w("{} {}", value, html::tag(tr("Not public"), "grey"));
            value = w.take();
        }
        rows.push_back({std::move(key), std::move(value)});
    }
    void add_text(const char* field, std::string key, const std::string& value) {
        if (!value.empty()) add(field, std::move(key), html::text(value));
    }
};

void identity_rows(ProfileRows& r, const Organisation& o) {
    const auto& tr = r.tr;
    const auto& p = o.profile;
    if (const char* k = kind_label(p.kind)) r.add_text(nullptr, tr("Kind"), tr(k));
    if (const char* s = subtype_label(p.kind, p.subtype)) r.add_text(nullptr, tr("Type or legal form"), tr(s));
    r.add_text(nullptr, tr("Areas of action"), area_list(tr, p.areas));
    if (!p.founding_date.empty()) r.add_text("founding_date", tr("Founded"), i18n::numeric_day(p.founding_date));
    r.add_text("declared_members", tr("Declared members"), p.declared_members);
    r.add_text("afm", tr("Tax number (AFM)"), p.afm);
    r.add_text("gemi_number", tr("GEMI number"), p.gemi_number);
    r.add_text("kalo_registry_number", tr("KAlO registry number"), p.kalo_registry_number);
    r.add_text("court_registry_number", tr("Court registry number"), p.court_registry_number);
}

void seat_and_contact_rows(ProfileRows& r, const Organisation& o) {
    const auto& tr = r.tr;
    const auto& p = o.profile;
    if (!p.seat_address.empty() || !p.postal_code.empty()) {
        Writer a;
        a("<span class=\"org-profile__address\"");
        marker_attrs(a, o, p.official_name, "");
        a(">{}{}{}</span>", p.seat_address, p.seat_address.empty() || p.postal_code.empty() ? "" : ", ", p.postal_code);
        r.add(p.seat_address.empty() ? "postal_code" : "seat_address", tr("Seat"), a.take());
    }
    r.add_text("neighbourhood", tr("Neighbourhood"), p.neighbourhood);
    if (!p.email.empty()) r.add("email", tr("E-mail"), html::link("mailto:" + p.email, p.email));
    if (!p.phone.empty()) r.add("phone", tr("Phone"), html::link("tel:" + p.phone, p.phone));
    if (!p.website.empty()) r.add("website", tr("Web site"), html::link(p.website, p.website));
    if (!p.social_links.empty()) {
        Writer w;
        w("<ul class=\"org-profile__links\">");
        for (const auto& l : p.social_links) w("<li>{}</li>", html::link(l, l));
        w("</ul>");
        r.add("social_links", tr("Social media"), w.take());
    }
}

void board_rows(ProfileRows& r, const Board& b) {
    const auto& tr = r.tr;
    r.add_text("board", tr("President"), b.president);
    r.add_text("board", tr("Secretary"), b.secretary);
    r.add_text("board", tr("Treasurer"), b.treasurer);
    if (!b.members.empty()) {
        Writer w;
        w("<ul class=\"org-profile__board\">");
        for (const auto& m : b.members) w("<li>{}</li>", m);
        w("</ul>");
        r.add("board", tr("Members of the board"), w.take());
    }
}


// schema.org Organization: lets search engines and other registries read the profile. Only
// public fields: an insider's view of the page must not publish more through its metadata.
html::Html json_ld(const web::Context& ctx, const Organisation& o, const std::string& plain_description) {
    const auto& p = o.profile;
    nlohmann::json j = {{"@context", "https://schema.org"}, {"@type", "Organization"}, {"name", p.official_name},
                        {"url", ctx.absolute_url(profile_path(o))}};
    if (!p.distinctive_title.empty()) j["alternateName"] = p.distinctive_title;
    if (!plain_description.empty()) j["description"] = plain_description;
    if (!o.logo_sha256.empty()) j["logo"] = ctx.absolute_url(profile_path(o) + "/logo");
    if (!p.email.empty()) j["email"] = p.email;
    if (!p.phone.empty()) j["telephone"] = p.phone;
    if (!p.founding_date.empty()) j["foundingDate"] = p.founding_date;
    if (!p.afm.empty()) j["taxID"] = p.afm;
    nlohmann::json same_as = nlohmann::json::array();
    if (!p.website.empty()) same_as.push_back(p.website);
    for (const auto& l : p.social_links) same_as.push_back(l);
    if (!same_as.empty()) j["sameAs"] = same_as;
    if (!p.seat_address.empty() || !p.postal_code.empty()) {
        nlohmann::json addr = {{"@type", "PostalAddress"}, {"addressCountry", "GR"}};
        if (!p.seat_address.empty()) addr["streetAddress"] = p.seat_address;
        if (!p.postal_code.empty()) addr["postalCode"] = p.postal_code;
        j["address"] = addr;
    }
    if (o.latitude && o.longitude)
        j["location"] = {{"@type", "Place"},
                         {"geo", {{"@type", "GeoCoordinates"}, {"latitude", *o.latitude}, {"longitude", *o.longitude}}}};
    // replace: a stray invalid byte must not turn the page into a 500.
    return html::json_ld_script(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Open Graph: the title, text and logo a link preview shows when the profile is shared.
html::Html head_meta(const web::Context& ctx, const Organisation& o, const std::string& plain_description) {
    const auto& p = o.profile;
    Writer w;
    const std::string url = ctx.absolute_url(profile_path(o));
    if (!listed(o)) w("<meta name=\"robots\" content=\"noindex\">\n");
    if (!plain_description.empty()) w("<meta name=\"description\" content=\"{}\">\n", plain_description);
    w("<link rel=\"canonical\" href=\"{}\">\n", url);
    w("<meta property=\"og:type\" content=\"website\">\n");
    w("<meta property=\"og:title\" content=\"{}\">\n", p.official_name);
    w("<meta property=\"og:url\" content=\"{}\">\n", url);
    w("<meta property=\"og:locale\" content=\"{}\">\n", ctx.tr.lang() == i18n::Lang::En ? "en_GB" : "el_GR");
    if (!plain_description.empty()) w("<meta property=\"og:description\" content=\"{}\">\n", plain_description);
    if (!o.logo_sha256.empty()) {
        w("<meta property=\"og:image\" content=\"{}\">\n", ctx.absolute_url(profile_path(o) + "/logo"));
        w("<meta property=\"og:image:alt\" content=\"{}\">\n", ctx.tr.tf("Logo of {}", p.official_name));
    }
    return w.take();
}

void manage_link(Writer& w, web::Context& ctx, const Organisation& o, const Access& a) {
    const auto id = std::to_string(o.id);
    if (a.member) w << html::button_link(ctx.tr("Manage this organisation"), ctx.url("/my/organisations/" + id), "secondary");
    else if (a.staff || a.reader)
        w << html::button_link(ctx.tr("Open in the back office"), ctx.url("/admin/organisations/" + id), "secondary");
}

void status_line(Writer& w, const i18n::Tr& tr, const Organisation& o) {
    w("<p class=\"org-profile__status\">{}", type_label(tr, o.profile));
    if (o.state == State::Verified) {
        w(" {}", html::tag(tr("Verified"), "green"));
        if (o.verified_at)
            w(" <span class=\"secondary-text\">{}</span>",
              tr.tf("Verified by the municipality on {}", i18n::format_date(tr, *o.verified_at)));
    } else if (o.state == State::Submitted) {
        w(" {}", html::tag(tr("Not yet verified"), "grey"));
    } else {
        w(" {}", html::tag(tr(state_label(o.state)), "yellow"));
    }
    w("</p>");
}

http::Response profile_page(web::Context& ctx) {
    const auto& tr = ctx.tr;
    auto found = find_public(ctx, ctx.param("slug"));
    if (!found) throw web::NotFound();
    const Organisation& o = *found;
    const auto& p = o.profile;
    const Access a = ctx.logged_in() ? access(ctx, o) : Access{};
    const bool insider = a.member || a.staff || a.reader;  // find_public() gave them every field
    // The metadata says only what everyone may see, whoever is looking.
    const Organisation pub = insider ? redact_for_public(o) : o;
    const std::string plain = html::markdown_to_plain_text(pub.profile.description_markdown, 200);

    Writer w;
    if (!listed(o))
        w << html::inset_text(html::text(tr("This organisation is not in the public directory: only its members and the municipality can see this page.")));
    w("<div class=\"org-profile__head\">");
    // The logo route serves listed organisations only.
    if (!o.logo_sha256.empty() && listed(o))
        w("<img class=\"org-profile__logo\" src=\"{}\" alt=\"{}\">", ctx.url(profile_path(o) + "/logo"),
          tr.tf("Logo of {}", p.official_name));
    w("<div class=\"org-profile__intro\">");
    if (!p.distinctive_title.empty() && p.distinctive_title != p.official_name)
        w("<p class=\"lead\">{}</p>", p.distinctive_title);
    status_line(w, tr, o);
    manage_link(w, ctx, o, a);
    w("</div></div>\n");

    if (!p.description_markdown.empty()) {
        w("<h2>{}", tr("About the organisation"));
        if (insider && visibility_of(p, "description_markdown") == Visibility::Municipality)
            w(" {}", html::tag(tr("Not public"), "grey"));
        w("</h2><div class=\"org-profile__description\">");
        w << html::render_markdown(p.description_markdown);
        w("</div>\n");
    }

    ProfileRows details{tr, p, insider};
    identity_rows(details, o);
    w("<h2>{}</h2>", tr("Details"));
    w << html::summary_list(details.rows);

    ProfileRows where{tr, p, insider};
    seat_and_contact_rows(where, o);
    if (!where.rows.empty()) {
        w("<h2>{}</h2>", tr("Seat and contact"));
        w << html::summary_list(where.rows);
    }
    const bool show_map = map_enabled(ctx) && o.latitude && o.longitude;
    if (show_map) {
        if (p.seat_address.empty() && p.postal_code.empty()) {
            // Coordinates without an address: the marker still needs an element to come from.
            w("<p class=\"visually-hidden\"");
            marker_attrs(w, o, p.official_name, "");
            w(">{}</p>", tr("The seat is shown on the map."));
        }
        w << web::map_region(ctx, {.id = "organisations-map", .label = tr("Map of the organisation's seat")});
    }

    ProfileRows board{tr, p, insider};
    board_rows(board, p.board);
    if (!board.rows.empty()) {
        w("<h2>{}</h2>", tr("Board"));
        w << html::summary_list(board.rows);
    }

    auto sh = ctx.shell({{tr("Organisations"), ctx.url("/organisations")}, {p.official_name, ""}});
    if (show_map) web::add_map_assets(sh, ctx, "js/map.js");
    Writer head;
    head << head_meta(ctx, pub, plain);
    head << json_ld(ctx, pub, plain);
    sh.head_extra = head.take();
    return ctx.page(std::move(sh), p.official_name, w.take());
}

http::Response logo(web::Context& ctx) {
    auto l = public_logo(ctx, ctx.param("slug"));
    if (!l) throw web::NotFound();
    http::Response r;
    r.headers.set("Content-Type", l->first);
    r.headers.set("Cache-Control", "public, max-age=86400");
    r.body = std::move(l->second);
    return r;
}

// ---------------------------------------------------------------- home page

std::optional<html::Html> home_card(web::Context& ctx) {
    const auto& tr = ctx.tr;
    Writer w;
    w("<h2>{}</h2>", tr("Local organisations"));
    w << html::card_grid({{tr("Directory of organisations"), ctx.url("/organisations"),
                           tr("Find the associations and social economy entities of the municipality by name, kind, area of action or neighbourhood, and see them on a map.")}},
                         3);
    return w.take();
}

}  // namespace

void install_public_pages(web::App& app) {
    app.get("/organisations", directory_page);
    app.get("/organisations/{slug}", profile_page);
    app.get("/organisations/{slug}/logo", logo);
    app.home_section({.order = 500, .render = home_card});
    app.nav({N_("Organisations"), "/organisations", nullptr});
}

}  // namespace syn::registry
