// A person's own requests (/my/requests: theirs and their organisations') and the public
// statistics (/requests/statistics): how quickly each department and each type of request is
// answered and resolved, how often within the deadline, and how requesters rate the answers —
// the "social evaluation" of PRODUCT C3.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "modules/requests/pages/shared.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/i18n/day_text.hpp"
#include "platform/text/text.hpp"

namespace syn::requests::ui {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

// ---------------------------------------------------------------- my requests

// The newest few of the person's requests on their own page, with a link to all of them.
constexpr std::size_t kOnMyPage = 5;

std::optional<Html> my_section(web::Context& ctx) {
    const auto& tr = ctx.tr;
    const auto mine = my_requests(ctx);
    Writer w;
    w("<h2>{}</h2>", tr("My requests"));
    if (mine.empty()) {
        w("<p>{}</p>", tr("You have not made any requests yet."));
    } else {
        w("<ul class=\"org-list\">");
        for (std::size_t i = 0; i < mine.size() && i < kOnMyPage; ++i) {
            const auto& r = mine[i];
            w("<li class=\"org-list__item\"><p class=\"org-list__name\"><a href=\"{}\">{}</a></p><p class=\"org-list__facts\">",
              ctx.url(public_path(r.id)), r.title);
            w << state_tag(tr, r.state);
            w(" <span class=\"secondary-text\">{}</span></p></li>", request_label(tr, r.id));
        }
        w("</ul>");
        if (mine.size() > kOnMyPage)
            w("<p><a href=\"{}\">{}</a></p>", ctx.url("/my/requests"), tr.tn("See your {} request", "See all your {} requests", static_cast<long>(mine.size())));
    }
    w << html::button_link(tr("Make a request"), ctx.url("/requests/new"), "secondary");
    return w.take();
}

http::Response my_page(web::Context& ctx) {
    ctx.require_login();
    const auto& tr = ctx.tr;
    const auto mine = my_requests(ctx);
    const Names names = load_names(ctx, false);
    Writer w;
    w("<p class=\"lead\">{}</p>",
      tr("The requests you made, and those of the organisations you administer, with their status and deadline."));
    w << html::button_link(tr("Make a request"), ctx.url("/requests/new"));
    if (mine.empty()) {
        w("<p>{}</p>", tr("You have not made any requests yet."));
    } else {
        const bool any_org = std::any_of(mine.begin(), mine.end(), [](const Request& r) { return !r.organisation_name.empty(); });
        html::Table t;
        t.caption = tr("Your requests, newest first");
        t.head = {tr("Request"), tr("Type"), tr("Status"), tr("Submitted"), tr("Answer due by")};
        if (any_org) t.head.push_back(tr("On behalf of"));
        for (const auto& r : mine) {
            Writer title;
            title("<a href=\"{}\">{}</a><br><span class=\"secondary-text\">{}</span>", ctx.url(public_path(r.id)), r.title,
                  request_label(tr, r.id));
            std::vector<Html> row{title.take(), html::text(names.type(r)), state_tag(tr, r.state),
                                  html::text(i18n::format_date(tr, r.submitted_at)),
                                  is_open(r.state) ? due_text(tr, r) : html::text(tr("Answered"))};
            if (any_org) row.push_back(html::text(r.organisation_name));
            t.rows.push_back(std::move(row));
        }
        w << html::table(t);
    }
    return ctx.page(tr("My requests"), w.take(), {{tr("My requests"), ""}});
}

// ---------------------------------------------------------------- statistics

// No figure: a dash for the eye, words for screen readers; the page explains the dash.
Html no_data(const i18n::Tr& tr) {
    Writer w;
    w("<span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">{}</span>", tr("no data"));
    return w.take();
}

// Hours up to two days, then days with one decimal: "5 hours", "3,5 days".
std::string duration_text(const i18n::Tr& tr, double hours) {
    if (hours < 1) return tr("under an hour");
    if (hours < 48) return tr.tn("{} hour", "{} hours", std::lround(hours));
    return tr.tf("{} days", i18n::format_number(tr, hours / 24.0, 1));
}

Html figure(const i18n::Tr& tr, const std::optional<double>& v, const std::function<std::string(double)>& f) {
    return v ? html::text(f(*v)) : no_data(tr);
}

std::vector<Html> stats_row(const i18n::Tr& tr, const std::string& key, const GroupStats& g) {
    return {html::text(key),
            html::text(i18n::format_number(tr, g.requests, 0)),
            figure(tr, g.median_first_response_hours, [&](double h) { return duration_text(tr, h); }),
            figure(tr, g.median_resolution_days, [&](double d) { return duration_text(tr, d * 24.0); }),
            figure(tr, g.resolved_within_deadline, [&](double s) { return tr.tf("{}%", i18n::format_number(tr, s * 100.0, 0)); }),
            g.average_rating ? html::text(tr.tf("{} ({})", i18n::format_number(tr, *g.average_rating, 1),
                                                tr.tn("{} rating", "{} ratings", g.ratings)))
                             : no_data(tr)};
}

Html stats_table(const i18n::Tr& tr, const std::string& caption, const std::string& first_head,
                 const std::vector<GroupStats>& groups, const GroupStats& overall) {
    html::Table t;
    t.caption = caption;
    t.head = {first_head, tr("Requests"), tr("Median time to first response"), tr("Median time to resolution"),
              tr("Resolved within the deadline"), tr("Average rating (1 to 5)")};
    t.numeric_columns = {1, 2, 3, 4, 5};
    t.first_column_is_header = true;
    for (const auto& g : groups) t.rows.push_back(stats_row(tr, g.key, g));
    t.rows.push_back(stats_row(tr, tr("All requests"), overall));
    return html::table(t);
}

// The period the page was asked for: the choice, or a range of two days; problems go into `e`.
StatsPeriod read_period(const web::Context& ctx, const std::string& choice, const std::string& from, const std::string& to, Errors& e) {
    using namespace std::chrono;
    const auto today = i18n::athens_day(ctx.now());
    const auto year = today.year();
    StatsPeriod p;
    if (choice == "this-year") {
        p = {year / January / 1, year / December / 31};
    } else if (choice == "last-year") {
        p = {(year - years{1}) / January / 1, (year - years{1}) / December / 31};
    } else if (choice == "last-12-months") {
        p = {year_month_day{sys_days{today} - days{364}}, today};
    } else if (choice == "range") {
        p.from = i18n::parse_iso_day(text::trim(from));
        p.to = i18n::parse_iso_day(text::trim(to));
        if (!text::trim(from).empty() && !p.from) e.add("from", ctx.tr("Enter the first day as a date, like 2026-01-31"));
        if (!text::trim(to).empty() && !p.to) e.add("to", ctx.tr("Enter the last day as a date, like 2026-12-31"));
        if (p.from && p.to && *p.to < *p.from) e.add("to", ctx.tr("The last day must not be before the first"));
        if (!e.empty()) return {};
    }
    return p;
}

Html period_form(web::Context& ctx, const std::string& choice, const std::string& from, const std::string& to, const Errors& e) {
    const auto& tr = ctx.tr;
    Writer w;
    w << html::form_start(ctx.url("/requests/statistics"), "get");
    w << html::select({.name = "period", .label = tr("Requests submitted"), .value = choice},
                      {{"", tr("At any time")},
                       {"this-year", tr("This year")},
                       {"last-year", tr("Last year")},
                       {"last-12-months", tr("In the last 12 months")},
                       {"range", tr("Between two days")}},
                      e);
    w("<div class=\"org-filters\">");
    w << html::input({.name = "from", .label = tr("From (for «Between two days»)"), .value = from, .type = "date"}, e);
    w << html::input({.name = "to", .label = tr("To (for «Between two days»)"), .value = to, .type = "date"}, e);
    w("</div>");
    w << html::button(tr("Show"), "secondary");
    w << html::form_end();
    return w.take();
}

http::Response stats_page(web::Context& ctx) {
    const auto& tr = ctx.tr;
    Errors e(tr);
    const auto choice = ctx.query.value("period"), from = ctx.query.value("from"), to = ctx.query.value("to");
    const auto period = read_period(ctx, choice, from, to, e);
    const Statistics s = statistics(ctx, period);
    Writer w;
    w << html::error_summary(tr, e);
    w("<p class=\"lead\">{}</p>",
      tr("How quickly the municipality answers the requests of residents and organisations, how often it keeps the deadline, and how the requesters rate the answers."));
    w << period_form(ctx, choice, from, to, e);
    if (period.from && period.to)
        w("<p>{}</p>", tr.tf("Requests submitted from {} to {}.", i18n::numeric_day(*period.from), i18n::numeric_day(*period.to)));
    else if (period.from)
        w("<p>{}</p>", tr.tf("Requests submitted from {} on.", i18n::numeric_day(*period.from)));
    else if (period.to)
        w("<p>{}</p>", tr.tf("Requests submitted up to {}.", i18n::numeric_day(*period.to)));
    if (s.overall.requests == 0) {
        w("<p>{}</p>", period.from || period.to ? tr("No requests were made in this period, so there are no figures to show.")
                                                : tr("No requests have been made yet, so there are no figures to show."));
    } else {
        w << stats_table(tr, tr("By department"), tr("Department"), s.by_department, s.overall);
        w << stats_table(tr, tr("By type of request"), tr("Type of request"), s.by_type, s.overall);
        w("<p>{}</p>", tr("A dash (—) means that no request gave this figure yet: for example, none has been resolved or rated."));
    }
    Writer how;
    how("<ul class=\"list\"><li>{}</li><li>{}</li><li>{}</li><li>{}</li><li>{}</li></ul>",
        tr("Time to first response: from submission until the municipality acknowledged the request or first replied publicly."),
        tr("Time to resolution: from submission until the request was resolved. Rejected requests are not counted as resolved."),
        tr("Resolved within the deadline: the share of resolved requests that were resolved by their due date. Deadlines are counted in working days, without weekends and public holidays."),
        tr("Average rating: the requesters' own ratings of the answer, from 1 (very dissatisfied) to 5 (very satisfied)."),
        tr("A median is the middle value: half of the requests took less time and half took more."));
    w << html::details(tr("How these figures are calculated"), how.take());
    if (s.computed_at > 0)
        w("<p class=\"secondary-text\">{}</p>", tr.tf("Figures as of {}; they are updated every minute.",
                                                      i18n::format_datetime(tr, s.computed_at)));
    w("<p><a href=\"{}\">{}</a></p>", ctx.url("/requests"), tr("See the public requests"));
    return ctx.page(tr("How quickly the municipality answers"), w.take(),
                    {{tr("Requests"), ctx.url("/requests")}, {tr("Statistics"), ""}}, e.empty() ? 200 : 422);
}

}  // namespace

void install_mine_pages(web::App& app) {
    app.get("/my/requests", my_page);
    app.my_section({.order = 20, .render = my_section});
    app.get("/requests/statistics", stats_page);
}

}  // namespace syn::requests::ui
