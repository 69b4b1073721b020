// The public list of requests (/requests: filters by type, open or closed and text, 50 a page),
// the home-page card and the menu entries. install_public_pages() puts together the citizens'
// route groups of pages/*.cpp.
//
// The list shows what the public may see of a public request: no personal data and no
// "overdue" (deadlines are the staff's tool; the statistics page reports how they are kept).
#include <fmt/format.h>

#include "modules/requests/pages.hpp"
#include "modules/requests/pages/shared.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "platform/html/components.hpp"
#include "platform/web/list.hpp"

namespace syn::requests {

namespace ui {

namespace {

using html::Html;
using html::Writer;

// Unknown values count as "not set": an old bookmark shows the list, not an error.
web::ListPage read_list(const web::Context& ctx, const std::vector<RequestType>& types) {
    const auto& tr = ctx.tr;
    std::vector<html::Option> type_opts{{"", tr("All types")}};
    for (const auto& t : types) type_opts.push_back({t.code, local_name(tr, t.name_el, t.name_en)});
    using K = web::ListFilter::Kind;
    return web::ListPage(ctx, "/requests",
                         {{.kind = K::Search, .name = "q", .label = tr("Words in the title, description or address"),
                           .hint = tr("Accents and endings are optional, Greek or Latin letters. For example: lighting")},
                          {.kind = K::Select, .name = "type", .label = tr("Type of request"), .options = std::move(type_opts)},
                          {.kind = K::Select, .name = "state", .label = tr("Status"),
                           .options = {{"", tr("Open and closed")}, {"open", tr("Open requests")}, {"closed", tr("Closed requests")}}},
                          {.kind = K::Select, .name = "sort", .label = tr("Sort by"),
                           .options = {{"best", tr("Best match (when searching), else newest")}, {"newest", tr("Newest requests first")}},
                           .narrows = false}});
}

http::Response list_page(web::Context& ctx) {
    const auto& tr = ctx.tr;
    const Names names = load_names(ctx, false);
    const web::ListPage list = read_list(ctx, names.types);

    PublicQuery q;
    q.type_code = list.value("type");
    if (const auto& state = list.value("state"); !state.empty()) q.open = state == "open";
    q.q = list.value("q");
    q.newest_first = list.value("sort") == "newest";
    q.start = 0;  // the whole history: the 90-day default is Open311's, not the site's
    q.limit = kPerPage;
    q.page = list.page();
    const auto items = public_requests(ctx, q);
    const bool has_more = static_cast<int>(items.size()) >= kPerPage;

    Writer w;
    w("<p class=\"lead\">{}</p>",
      tr("Requests and reports that residents and organisations have made to the municipality and chose to make public. You can support the ones that matter to you too."));
    w("<div class=\"button-group\">");
    w << html::button_link(tr("Make a request"), ctx.url("/requests/new"));
    if (ctx.logged_in()) w << html::button_link(tr("My requests"), ctx.url("/my/requests"), "secondary");
    w("<a href=\"{}\">{}</a></div>\n", ctx.url("/requests/statistics"), tr("How quickly the municipality answers"));
    w << list.form({tr("Search requests"), tr("Search"), tr("Clear search and filters")});

    w("<h2 id=\"results\">{}</h2>", tr("Public requests"));
    if (items.empty()) {
        if (list.page() > 1)
            w("<p>{} <a href=\"{}\">{}</a></p>", tr("There are no more public requests."), list.url(1),
              tr("Back to the first page"));
        else
            w("<p>{}</p>", list.narrowed() ? tr("No public requests match your search. Use fewer words or clear the filters.")
                                   : tr("No public requests yet."));
    } else {
        html::Table t;
        t.caption = list.page() > 1 ? tr.tf("Public requests, page {}", list.page()) : tr("Public requests, newest first");
        t.head = {tr("Request"), tr("Type"), tr("Status"), tr("Submitted"), tr("Supporters")};
        t.numeric_columns = {4};
        for (const auto& r : items) {
            Writer title;
            title("<a href=\"{}\">{}</a>", ctx.url(public_path(r.id)), r.title);
            title("<br><span class=\"secondary-text\">{}</span>", request_label(tr, r.id));
            t.rows.push_back({title.take(), html::text(names.type(r)), state_tag(tr, r.state),
                              html::text(i18n::format_date(tr, r.submitted_at)),
                              html::text(std::to_string(r.supporters))});
        }
        w << html::table(t);
    }
    w << list.prev_next(has_more);

    std::string title = tr("Requests to the municipality");
    if (list.page() > 1) title = tr.tf("{} (page {})", title, list.page());
    return ctx.page(title, w.take(), {{tr("Requests"), ""}});
}

std::optional<Html> home_card(web::Context& ctx) {
    const auto& tr = ctx.tr;
    Writer w;
    w("<h2>{}</h2>", tr("Requests to the municipality"));
    w << html::card_grid(
        {{tr("Make a request"), ctx.url("/requests/new"),
          tr("Ask the municipality for help or report a local problem, as a resident or on behalf of your organisation. You can follow every step, and the answer has a deadline.")},
         {tr("Public requests"), ctx.url("/requests"),
          tr("See what others have asked for and support the requests that matter to you.")},
         {tr("How quickly the municipality answers"), ctx.url("/requests/statistics"),
          tr("Response and resolution times, deadlines kept and ratings, for each department and type of request.")}},
        3);
    return w.take();
}

}  // namespace

void install_list_pages(web::App& app) {
    app.get("/requests", list_page);
    app.home_section({.order = 400, .render = home_card});
    app.nav({N_("Requests"), "/requests", nullptr});
    app.nav({N_("My requests"), "/my/requests", [](const web::Context& c) { return c.logged_in(); }});
    app.nav_if_allowed(N_("Requests queue"), "/admin/requests", kPermRead);
}

}  // namespace ui

void install_public_pages(web::App& app) {
    ui::install_list_pages(app);
    ui::install_form_pages(app);
    ui::install_mine_pages(app);
    ui::install_view_pages(app);
}

}  // namespace syn::requests
