// The staff queue (/admin/requests): filters by department, status, type, overdue, "assigned
// to me" and full text; 50 a page; a checkbox per row for assigning many at once
// (/admin/requests/bulk-assign); and the same filter as a CSV file (/admin/requests/export.csv).
// install_staff_pages() also installs one request's staff page (pages/workflow.cpp).
//
// Overdue rows carry the word "Overdue", not only a colour. The filter is a GET form and the
// bulk assignment a POST form around the table, so both work without JavaScript.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "modules/requests/pages.hpp"
#include "modules/requests/pages/shared.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/db/database.hpp"
#include "platform/html/components.hpp"
#include "platform/http/percent.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/text/csv.hpp"
#include "platform/text/text.hpp"

namespace syn::requests {

namespace ui {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

// ---------------------------------------------------------------- the filter

struct QueueFilter {
    std::string department, state, type, q;  // ids and codes as in the query string
    bool overdue = false, mine = false;
    int page = 1;
    bool any() const { return !department.empty() || !state.empty() || !type.empty() || !q.empty() || overdue || mine; }
};

// Unknown values count as "not set", like the public list.
QueueFilter read_filter(const http::Params& p, const Names& names) {
    QueueFilter f;
    if (const auto d = parse_id(p.value("department")); d && names.department_names.count(*d)) f.department = std::to_string(*d);
    if (const auto s = p.value("state"); s == "open" || parse_state(s)) f.state = s;
    if (const auto t = parse_id(p.value("type")); t && names.type_names.count(*t)) f.type = std::to_string(*t);
    f.overdue = p.value("overdue") == "1";
    f.mine = p.value("assignee") == "me";
    f.q = text::trim(p.value("q"));
    if (f.q.size() > 200) f.q.resize(200);
    while (!f.q.empty() && (static_cast<unsigned char>(f.q.back()) & 0xC0) == 0x80) f.q.pop_back();
    if (const auto pg = p.value("page"); !pg.empty() && pg.size() <= 6 && pg.find_first_not_of("0123456789") == std::string::npos)
        f.page = std::max(1, std::stoi(pg));
    return f;
}

QueueQuery to_query(const web::Context& ctx, const QueueFilter& f) {
    QueueQuery q;
    if (!f.department.empty()) q.department_id = std::stoll(f.department);
    if (!f.type.empty()) q.type_id = std::stoll(f.type);
    if (f.state == "open") q.open_only = true;
    else if (!f.state.empty()) q.state = parse_state(f.state);
    q.overdue_only = f.overdue;
    if (f.mine) q.assignee_user_id = ctx.principal.user_id;
    q.q = f.q;
    q.page = f.page;
    q.per_page = kPerPage;
    return q;
}

// "department=3&state=open…" (no '?'), for links that keep the filter.
std::string query_string(const QueueFilter& f, int page) {
    std::string params;
    auto add = [&](std::string_view key, std::string_view value) {
        if (value.empty()) return;
        if (!params.empty()) params += '&';
        params += fmt::format("{}={}", key, http::percent_encode(value));
    };
    add("department", f.department);
    add("state", f.state);
    add("type", f.type);
    if (f.overdue) add("overdue", "1");
    if (f.mine) add("assignee", "me");
    add("q", f.q);
    if (page > 1) add("page", std::to_string(page));
    return params;
}

std::string queue_url(const web::Context& ctx, const QueueFilter& f, int page) {
    const auto qs = query_string(f, page);
    return ctx.url("/admin/requests") + (qs.empty() ? "" : "?" + qs);
}

void filter_form(Writer& w, web::Context& ctx, const QueueFilter& f, const Names& names) {
    const auto& tr = ctx.tr;
    const Errors none(tr);
    w("<form class=\"org-filters\" action=\"{}\" method=\"get\" role=\"search\" aria-label=\"{}\">", ctx.url("/admin/requests"),
      tr("Filter the queue"));
    w << html::input({.name = "q", .label = tr("Search"), .value = f.q,
                      .hint = tr("Words in the title, description or address, or the request number. Accents are optional."),
                      .type = "search"},
                     none);
    w("<div class=\"org-filters__row\">");
    std::vector<html::Option> deps{{"", tr("All departments")}};
    for (const auto& d : names.departments) deps.push_back({std::to_string(d.id), local_name(tr, d.name_el, d.name_en)});
    w << html::select({.name = "department", .label = tr("Department"), .value = f.department}, deps, none);
    std::vector<html::Option> states{{"", tr("Any status")}, {"open", tr("Open (not yet resolved or rejected)")}};
    for (State s : {State::Submitted, State::Acknowledged, State::Assigned, State::InProgress, State::Resolved,
                    State::Rejected, State::Closed})
        states.push_back({state_code(s), tr(state_label(s))});
    w << html::select({.name = "state", .label = tr("Status"), .value = f.state}, states, none);
    std::vector<html::Option> types{{"", tr("All types")}};
    for (const auto& t : names.types) types.push_back({std::to_string(t.id), local_name(tr, t.name_el, t.name_en)});
    w << html::select({.name = "type", .label = tr("Type of request"), .value = f.type}, types, none);
    w("</div>");
    w << html::checkbox("overdue", tr("Overdue only"), f.overdue);
    w("<div class=\"checkbox\"><input class=\"checkbox__input\" type=\"checkbox\" id=\"assignee\" name=\"assignee\" value=\"me\"{}>"
      "<label class=\"checkbox__label\" for=\"assignee\">{}</label></div>\n",
      f.mine ? " checked" : "", tr("Assigned to me only"));
    w("<div class=\"button-group\">");
    w << html::button(tr("Filter"));
    if (f.any()) w("<a href=\"{}\">{}</a>", ctx.url("/admin/requests"), tr("Clear the filters"));
    w("</div></form>\n");
}

// ---------------------------------------------------------------- the table and bulk assignment

// What the bulk form sent, kept when it comes back with a problem.
struct BulkForm {
    std::vector<std::string> ids;
    std::string department_id, assignee_user_id;
};

Html department_select(const i18n::Tr& tr, const Names& names, const std::string& value, const Errors& e, std::string_view label) {
    std::vector<html::Option> deps{{"", tr("Choose a department")}};
    for (const auto& d : names.departments) deps.push_back({std::to_string(d.id), local_name(tr, d.name_el, d.name_en)});
    return html::select({.name = "department_id", .label = std::string(label), .value = value}, deps, e);
}

void queue_table(Writer& w, web::Context& ctx, const QueuePage& page, const Names& names, bool selectable,
                 const BulkForm& bulk) {
    const auto& tr = ctx.tr;
    w("<div class=\"table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table class=\"table requests-queue\">",
      tr("Requests"));
    w("<caption class=\"table__caption\">{}</caption><thead><tr>",
      tr.tf("Requests {}–{} of {}", (page.page - 1) * page.per_page + 1,
            (page.page - 1) * page.per_page + static_cast<std::int64_t>(page.items.size()), page.total));
    if (selectable) w("<th class=\"table__header\" scope=\"col\">{}</th>", tr("Select"));
    for (const char* h : {N_("Request"), N_("Type"), N_("Department"), N_("Status"), N_("Submitted"), N_("Answer due by"),
                          N_("Assigned to")})
        w("<th class=\"table__header\" scope=\"col\">{}</th>", tr(h));
    w("<th class=\"table__header table__cell--numeric\" scope=\"col\">{}</th></tr></thead><tbody>", tr("Supporters"));
    for (const auto& r : page.items) {
        w("<tr class=\"requests-queue__row{}\">", r.overdue ? " requests-queue__row--overdue" : "");
        const auto id = std::to_string(r.id);
        if (selectable) {
            const bool checked = std::find(bulk.ids.begin(), bulk.ids.end(), id) != bulk.ids.end();
            w("<td class=\"table__cell\"><input class=\"checkbox__input\" type=\"checkbox\" id=\"select-{}\" name=\"ids\" "
              "value=\"{}\"{}><label class=\"visually-hidden\" for=\"select-{}\">{}</label></td>",
              id, id, checked ? " checked" : "", id, tr.tf("Select request #{}", r.id));
        }
        w("<td class=\"table__cell\"><a href=\"{}\">{}</a><br><span class=\"secondary-text\">{}</span></td>",
          ctx.url(staff_path(r.id)), r.title, request_label(tr, r.id));
        w("<td class=\"table__cell\">{}</td><td class=\"table__cell\">{}</td><td class=\"table__cell\">{}</td>", names.type(r),
          names.department(r.department_id), state_tag(tr, r.state));
        w("<td class=\"table__cell\">{}</td><td class=\"table__cell\">{}</td>", i18n::format_date(tr, r.submitted_at),
          is_open(r.state) ? due_text(tr, r) : html::text("—"));
        w("<td class=\"table__cell\">{}</td><td class=\"table__cell table__cell--numeric\">{}</td></tr>",
          r.assignee_name.empty() ? std::string("—") : r.assignee_name, r.supporters);
    }
    w("</tbody></table></div>\n");
}

// The table of a queue page and what is said about it: the same for all staff who ask for the
// same filter and page in the same language (the form around it carries the session's CSRF
// token), so it is rendered once per version of the requests and kept for a few seconds —
// a department's staff reload their first page of new requests all day (read_cache.hpp).
struct QueueTable {
    std::int64_t total = 0;
    int page = 1;
    Html rows;  // empty: no request on this page
};

QueueTable render_table(web::Context& ctx, const QueueFilter& f, const Names& names, bool selectable, const BulkForm& bulk) {
    QueuePage page = queue(ctx, to_query(ctx, f));
    const int pages = static_cast<int>((page.total + kPerPage - 1) / kPerPage);
    if (page.items.empty() && page.total > 0 && f.page > pages) {  // an old link past the end
        QueueFilter last = f;
        last.page = pages;
        page = queue(ctx, to_query(ctx, last));
    }
    Writer w;
    if (!page.items.empty()) queue_table(w, ctx, page, names, selectable, bulk);
    return {page.total, page.page, w.take()};
}

std::shared_ptr<const QueueTable> queue_table_for(web::Context& ctx, const QueueFilter& f, const Names& names, bool selectable,
                                                  const BulkForm& bulk) {
    auto render = [&] { return std::make_shared<const QueueTable>(render_table(ctx, f, names, selectable, bulk)); };
    if (!bulk.ids.empty()) return render();  // ticked boxes of a refused bulk form: this person's own
    static cache::ReadCache<std::shared_ptr<const QueueTable>> cache(500, std::chrono::seconds(10));
    const Day today = i18n::athens_day(db::now_unix());  // "Overdue" changes at midnight
    const auto key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}-{}-{}\x1f{}", ctx.tenant.id, i18n::code(ctx.tr.lang()),
                                 ctx.base_path, selectable, f.mine ? ctx.principal.user_id : 0, static_cast<int>(today.year()),
                                 static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()), query_string(f, f.page));
    return cache.get(key, queue_version(), render);
}

http::Response show_queue(web::Context& ctx, const QueueFilter& f, const Names& names, const BulkForm& bulk, const Errors& e,
                          int status) {
    const auto& tr = ctx.tr;
    const bool selectable = ctx.can(kPermHandle);
    const auto table = queue_table_for(ctx, f, names, selectable, bulk);
    const int pages = static_cast<int>((table->total + kPerPage - 1) / kPerPage);
    Errors errors = errors_for(e, {"department_id", "assignee_user_id"}, "bulk");
    errors.tr = &ctx.tr;

    Writer w;
    w << html::error_summary(tr, errors);
    if (ctx.can(kPermConfigure)) {
        w("<p>{} <a href=\"{}\">{}</a> · <a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></p>", tr("Settings:"),
          ctx.url("/admin/requests/departments"), tr("Departments and staff"), ctx.url("/admin/requests/types"),
          tr("Types of request"), ctx.url("/admin/requests/api-keys"), tr("Open311 API keys"));
    }
    filter_form(w, ctx, f, names);
    w("<h2 id=\"results\">{}</h2>", tr.tn("{} request", "{} requests", static_cast<long>(table->total)));
    const auto qs = query_string(f, 1);
    w("<p><a href=\"{}\">{}</a></p>", ctx.url("/admin/requests/export.csv") + (qs.empty() ? "" : "?" + qs),
      tr("Export these requests as CSV (opens in a spreadsheet)"));
    if (table->rows.empty()) {
        w("<p>{}</p>", f.any() ? tr("No requests match these filters.") : tr("There are no requests yet."));
        return ctx.page(tr("Requests queue"), w.take(), {{tr("Requests queue"), ""}}, status);
    }

    if (selectable) {
        w("<form action=\"{}\" method=\"post\" novalidate>", ctx.url("/admin/requests/bulk-assign"));
        w << html::csrf_input(ctx.csrf_token());
        w << html::hidden_input("return", query_string(f, table->page));
    }
    w << table->rows;
    if (selectable) {
        const auto* error = errors.for_field("bulk");
        w("<fieldset class=\"fieldset{}\" id=\"bulk\" tabindex=\"-1\"><legend class=\"fieldset__legend\"><h2>{}</h2></legend>",
          error ? " form-group--error" : "", tr("Assign the selected requests"));
        error_message(w, tr, "bulk", error);
        w << department_select(tr, names, bulk.department_id, errors, tr("Department"));
        w << assignee_select(tr, names, department_staff(ctx), bulk.assignee_user_id, errors,
                             tr("Only someone of the department chosen above."));
        w << html::button(tr("Assign the selected requests"), "secondary");
        w("</fieldset></form>\n");
    }
    w << html::pagination(tr, table->page, pages, [&](int n) { return queue_url(ctx, f, n); });

    std::string title = tr("Requests queue");
    if (table->page > 1) title = tr.tf("{} (page {} of {})", title, table->page, pages);
    return ctx.page(title, w.take(), {{tr("Requests queue"), ""}}, status);
}

http::Response queue_page(web::Context& ctx) {
    ctx.require(kPermRead);
    const Names names = load_names(ctx, true);
    return show_queue(ctx, read_filter(ctx.query, names), names, {}, Errors(ctx.tr), 200);
}

http::Response bulk_assign_post(web::Context& ctx) {
    ctx.require(kPermHandle);
    const auto& tr = ctx.tr;
    const Names names = load_names(ctx, true);
    // The filter the queue showed comes back as a query string; re-read like a query.
    const auto back = http::parse_query(ctx.form.value("return"));
    const QueueFilter f = read_filter(back ? *back : http::Params{}, names);
    BulkForm bulk;
    for (auto id : ctx.form.all("ids")) bulk.ids.emplace_back(id);
    bulk.department_id = ctx.form.value("department_id");
    bulk.assignee_user_id = ctx.form.value("assignee_user_id");

    Errors e(tr);
    std::vector<std::int64_t> ids;
    for (const auto& s : bulk.ids)
        if (auto id = parse_id(s)) ids.push_back(*id);
    if (ids.empty()) e.add("bulk", tr("Select at least one request in the table"));
    const auto department = parse_id(bulk.department_id);
    if (!department) e.add("department_id", tr("Choose the department to assign the requests to"));
    const auto assignee = parse_id(bulk.assignee_user_id);
    if (!bulk.assignee_user_id.empty() && !assignee) e.add("assignee_user_id", tr("Choose a person from the list"));
    if (!e.empty()) return show_queue(ctx, f, names, bulk, e, 422);
    try {
        bulk_assign(ctx, ids, *department, assignee);
    } catch (const web::Invalid& inv) {
        return show_queue(ctx, f, names, bulk, inv.errors, 422);
    } catch (const web::Forbidden&) {
        // All or nothing: say so, and why, instead of the generic "no permission" page.
        return message_page(ctx, 403, tr("The requests were not assigned"),
                            tr("At least one of the selected requests belongs to a department you cannot act on, so none was assigned. Select only your departments' requests, or ask a supervisor."),
                            {{tr("Requests queue"), ctx.url("/admin/requests")}, {tr("Assign the selected requests"), ""}});
    }
    const auto qs = query_string(f, f.page);
    return ctx.redirect("/admin/requests" + (qs.empty() ? "" : "?" + qs), N_("The selected requests have been assigned."));
}

// ---------------------------------------------------------------- CSV export

std::string iso_day(const Day& d) {
    if (!d.ok()) return {};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

http::Response export_csv(web::Context& ctx) {
    ctx.require(kPermRead);
    const Names names = load_names(ctx, true);
    const QueueFilter f = read_filter(ctx.query, names);
    const auto rows = queue_all(ctx, to_query(ctx, f));
    // Formula guard on: staff open this in a spreadsheet, and titles are typed by the public.
    const text::csv::WriteOptions opt;
    std::string body(text::csv::kUtf8Bom);  // so that Excel reads the Greek as UTF-8
    static const std::vector<std::string> header{"id", "submitted", "type", "department", "state", "due", "overdue",
                                                 "assignee", "title", "address", "supporters", "rating"};
    body += text::csv::row(header, opt);
    body.reserve(body.size() + rows.size() * 200);
    for (const auto& r : rows) {
        const std::vector<std::string> cells{
            std::to_string(r.id),          iso_day(i18n::athens_day(r.submitted_at)),
            names.type(r),                 names.department(r.department_id),
            state_code(r.state),           iso_day(r.due),
            r.overdue ? "yes" : "no",      r.assignee_name,
            r.title,                       r.location.address,
            std::to_string(r.supporters),  r.rating ? std::to_string(*r.rating) : std::string()};
        body += text::csv::row(cells, opt);
    }
    auto res = http::Response::text(200, std::move(body), "text/csv; charset=utf-8");
    res.headers.set("Content-Disposition", "attachment; filename=\"requests-" + ctx.tenant.slug + ".csv\"");
    res.headers.set("Cache-Control", "private, no-store");
    return res;
}

}  // namespace

void install_queue_pages(web::App& app) {
    app.get("/admin/requests", queue_page);
    app.get("/admin/requests/export.csv", export_csv);
    app.post("/admin/requests/bulk-assign", bulk_assign_post, {.body = web::Body::Form});
}

}  // namespace ui

void install_staff_pages(web::App& app) {
    ui::install_queue_pages(app);
    ui::install_staff_request_pages(app);
}

}  // namespace syn::requests
