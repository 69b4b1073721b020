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
#include "platform/http/percent.hpp"

namespace syn::requests {

namespace ui {

namespace {

using html::Html;
using html::Writer;

struct ListFilter {
    std::string type;   // a type's code
    std::string state;  // "", "open" or "closed"
    std::string q;
    int page = 1;
    bool any() const { return !type.empty() || !state.empty() || !q.empty(); }
};

// Unknown values count as "not set": an old bookmark shows the list, not an error.
ListFilter read_filter(const web::Context& ctx, const std::vector<RequestType>& types) {
    ListFilter f;
    const auto type = ctx.query.value("type");
    for (const auto& t : types)
        if (t.code == type) f.type = type;
    if (const auto s = ctx.query.value("state"); s == "open" || s == "closed") f.state = s;
    f.q = search_param(ctx);
    f.page = page_param(ctx);
    return f;
}

std::string list_url(const web::Context& ctx, const ListFilter& f, int page) {
    std::string params;
    auto add = [&](std::string_view key, std::string_view value) {
        if (value.empty()) return;
        params += params.empty() ? '?' : '&';
        params += fmt::format("{}={}", key, http::percent_encode(value));
    };
    add("type", f.type);
    add("state", f.state);
    add("q", f.q);
    if (page > 1) add("page", std::to_string(page));
    return ctx.url("/requests") + params;
}

void filter_form(Writer& w, web::Context& ctx, const ListFilter& f, const std::vector<RequestType>& types) {
    const auto& tr = ctx.tr;
    const html::Errors none(tr);
    w("<form class=\"org-filters\" action=\"{}\" method=\"get\" role=\"search\" aria-label=\"{}\">", ctx.url("/requests"),
      tr("Search requests"));
    w << html::input({.name = "q", .label = tr("Words in the title or description"), .value = f.q,
                      .hint = tr("Accents are optional. For example: lighting"), .type = "search"},
                     none);
    w("<div class=\"org-filters__row\">");
    std::vector<html::Option> type_opts{{"", tr("All types")}};
    for (const auto& t : types) type_opts.push_back({t.code, local_name(tr, t.name_el, t.name_en)});
    w << html::select({.name = "type", .label = tr("Type of request"), .value = f.type}, type_opts, none);
    w << html::select({.name = "state", .label = tr("Status"), .value = f.state},
                      {{"", tr("Open and closed")}, {"open", tr("Open requests")}, {"closed", tr("Closed requests")}}, none);
    w("</div><div class=\"button-group\">");
    w << html::button(tr("Search"));
    if (f.any()) w("<a href=\"{}\">{}</a>", ctx.url("/requests"), tr("Clear search and filters"));
    w("</div></form>\n");
}

// Previous/next only: counting every match of a free-text search would cost more than the page.
Html prev_next(const i18n::Tr& tr, const web::Context& ctx, const ListFilter& f, bool has_more) {
    if (f.page <= 1 && !has_more) return {};
    Writer w;
    w("<nav class=\"pagination\" aria-label=\"{}\">", tr("Pagination"));
    if (f.page > 1)
        w("<a class=\"pagination__prev\" href=\"{}\" rel=\"prev\">{}</a>", list_url(ctx, f, f.page - 1), tr("Previous page"));
    w("<p class=\"pagination__item\">{}</p>", tr.tf("Page {}", f.page));
    if (has_more)
        w("<a class=\"pagination__next\" href=\"{}\" rel=\"next\">{}</a>", list_url(ctx, f, f.page + 1), tr("Next page"));
    w("</nav>\n");
    return w.take();
}

http::Response list_page(web::Context& ctx) {
    const auto& tr = ctx.tr;
    const Names names = load_names(ctx, false);
    const ListFilter f = read_filter(ctx, names.types);

    PublicQuery q;
    q.type_code = f.type;
    if (!f.state.empty()) q.open = f.state == "open";
    q.q = f.q;
    q.start = 0;  // the whole history: the 90-day default is Open311's, not the site's
    q.limit = kPerPage;
    q.page = f.page;
    const auto items = public_requests(ctx, q);
    const bool has_more = static_cast<int>(items.size()) >= kPerPage;

    Writer w;
    w("<p class=\"lead\">{}</p>",
      tr("Requests and reports that residents and organisations have made to the municipality and chose to make public. You can support the ones that matter to you too."));
    w("<div class=\"button-group\">");
    w << html::button_link(tr("Make a request"), ctx.url("/requests/new"));
    if (ctx.logged_in()) w << html::button_link(tr("My requests"), ctx.url("/my/requests"), "secondary");
    w("<a href=\"{}\">{}</a></div>\n", ctx.url("/requests/statistics"), tr("How quickly the municipality answers"));
    filter_form(w, ctx, f, names.types);

    w("<h2 id=\"results\">{}</h2>", tr("Public requests"));
    if (items.empty()) {
        if (f.page > 1)
            w("<p>{} <a href=\"{}\">{}</a></p>", tr("There are no more public requests."), list_url(ctx, f, 1),
              tr("Back to the first page"));
        else
            w("<p>{}</p>", f.any() ? tr("No public requests match your search. Use fewer words or clear the filters.")
                                   : tr("No public requests yet."));
    } else {
        html::Table t;
        t.caption = f.page > 1 ? tr.tf("Public requests, page {}", f.page) : tr("Public requests, newest first");
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
    w << prev_next(tr, ctx, f, has_more);

    std::string title = tr("Requests to the municipality");
    if (f.page > 1) title = tr.tf("{} (page {})", title, f.page);
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
