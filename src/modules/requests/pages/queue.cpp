// The staff queue (/admin/requests): filters by department, status, type, overdue, "assigned
// to me" and full text; 50 a page; a checkbox per row for assigning many at once
// (/admin/requests/bulk-assign); and the same filter as a file for Excel (/admin/requests/export.csv and .xlsx).
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
#include "platform/text/number.hpp"
#include "platform/web/list.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/i18n/day_text.hpp"
#include "platform/web/export.hpp"
#include "platform/text/search.hpp"
#include "platform/text/text.hpp"

namespace syn::requests {

namespace ui {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

// ---------------------------------------------------------------- the filter

// The queue's filters. Unknown values count as "not set", like the public list.
std::vector<web::ListFilter> queue_filters(const i18n::Tr& tr, const Names& names) {
    using K = web::ListFilter::Kind;
    std::vector<html::Option> deps{{"", tr("All departments")}};
    for (const auto& d : names.departments) deps.push_back({std::to_string(d.id), local_name(tr, d.name_el, d.name_en)});
    std::vector<html::Option> states{{"", tr("Any status")}, {"open", tr("Open (not yet resolved or rejected)")}};
    for (State s : {State::Submitted, State::Acknowledged, State::Assigned, State::InProgress, State::Resolved,
                    State::Rejected, State::Closed})
        states.push_back({state_code(s), tr(state_label(s))});
    std::vector<html::Option> types{{"", tr("All types")}};
    for (const auto& t : names.types) types.push_back({std::to_string(t.id), local_name(tr, t.name_el, t.name_en)});
    return {{.kind = K::Search, .name = "q", .label = tr("Search"),
             .hint = tr("Words in the title, description or address, the requester's name, or the request number. Accents and endings are optional.")},
            {.kind = K::Select, .name = "department", .label = tr("Department"), .options = std::move(deps)},
            {.kind = K::Select, .name = "state", .label = tr("Status"), .options = std::move(states)},
            {.kind = K::Select, .name = "type", .label = tr("Type of request"), .options = std::move(types)},
            {.kind = K::Select, .name = "sort", .label = tr("Sort by"),
             .options = {{"best", tr("Best match (when searching), else newest")}, {"newest", tr("Newest requests first")}}, .narrows = false},
            {.kind = K::Checkbox, .name = "overdue", .label = tr("Overdue only")},
            {.kind = K::Checkbox, .name = "assignee", .label = tr("Assigned to me only"), .on = "me"}};
}

// Built once per municipality, language and configuration (departments and types); those who
// configure also see retired types (load_names), so they have their own.
web::ListFilters cached_queue_filters(const web::Context& ctx, const Names& names) {
    static cache::ReadCache<web::ListFilters> cache(400);
    const auto key = fmt::format("{}\x1f{}\x1f{}", ctx.tenant.id, i18n::code(ctx.tr.lang()), ctx.can(kPermConfigure));
    return cache.get(key, configuration_version(), [&] {
        return std::make_shared<const std::vector<web::ListFilter>>(queue_filters(ctx.tr, names));
    });
}

QueueQuery to_query(const web::Context& ctx, const web::ListPage& f) {
    QueueQuery q;
    q.department_id = text::parse_id(f.value("department"));
    q.type_id = text::parse_id(f.value("type"));
    if (f.value("state") == "open") q.open_only = true;
    else if (!f.value("state").empty()) q.state = parse_state(f.value("state"));
    q.overdue_only = f.ticked("overdue");
    if (f.ticked("assignee")) q.assignee_user_id = ctx.principal.user_id;
    q.q = f.value("q");
    q.newest_first = f.value("sort") == "newest";
    q.page = f.page();
    q.per_page = kPerPage;
    return q;
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

// Who may act on which rows: every row for a supervisor, else the rows of the person's
// departments; the others are marked, with no box to tick.
struct Actable {
    bool all = true;
    std::vector<std::int64_t> departments;
    bool allows(std::int64_t department_id) const {
        return all || std::find(departments.begin(), departments.end(), department_id) != departments.end();
    }
};

void queue_table(Writer& w, web::Context& ctx, const QueuePage& page, const Names& names, bool selectable,
                 const BulkForm& bulk, const Actable& actable) {
    const auto& tr = ctx.tr;
    w("<div class=\"table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table class=\"table table--stacked requests-queue\">",
      tr("Requests"));
    const std::int64_t first = (page.page - 1) * page.per_page + 1, last = first - 1 + static_cast<std::int64_t>(page.items.size());
    // A search stops counting at text::kSearchCountCap.
    const bool more = !ctx.query.value("q").empty() && text::more_than_counted(page.total);
    w("<caption class=\"table__caption\">{}</caption><thead><tr>",
      more ? tr.tf("Requests {}–{} (more than {} found)", first, last, text::kSearchCountCap)
           : tr.tf("Requests {}–{} of {}", first, last, page.total));
    // Each cell carries its column's heading for the phone layout (stacked rows, app.css).
    const std::string other_department = tr("Another department's"), select = tr("Select"), request = tr("Request"), type = tr("Type"), department = tr("Department"),
                      status = tr("Status"), submitted = tr("Submitted"), due = tr("Answer due by"), assigned = tr("Assigned to"),
                      supporters = tr("Supporters");
    if (selectable) w("<th class=\"table__header\" scope=\"col\">{}</th>", select);
    for (const auto* h : {&request, &type, &department, &status, &submitted, &due, &assigned})
        w("<th class=\"table__header\" scope=\"col\">{}</th>", *h);
    w("<th class=\"table__header table__cell--numeric\" scope=\"col\">{}</th></tr></thead><tbody>", supporters);
    for (const auto& r : page.items) {
        const bool mine = actable.allows(r.department_id);
        w("<tr class=\"requests-queue__row{}{}\">", r.overdue ? " requests-queue__row--overdue" : "", mine ? "" : " requests-queue__row--other");
        const auto id = std::to_string(r.id);
        if (selectable && !mine) {
            w("<td class=\"table__cell\" data-label=\"{}\">{}</td>", select, html::tag(other_department, "grey"));
        } else if (selectable) {
            const bool checked = std::find(bulk.ids.begin(), bulk.ids.end(), id) != bulk.ids.end();
            w("<td class=\"table__cell\" data-label=\"{}\"><input class=\"checkbox__input\" type=\"checkbox\" id=\"select-{}\" name=\"ids\" "
              "value=\"{}\"{}><label class=\"visually-hidden\" for=\"select-{}\">{}</label></td>",
              select, id, id, checked ? " checked" : "", id, tr.tf("Select request #{}", r.id));
        }
        w("<td class=\"table__cell\" data-label=\"{}\"><a href=\"{}\">{}</a><br><span class=\"secondary-text\">{}</span></td>",
          request, ctx.url(staff_path(r.id)), r.title, request_label(tr, r.id));
        w("<td class=\"table__cell\" data-label=\"{}\">{}</td><td class=\"table__cell\" data-label=\"{}\">{}</td>"
          "<td class=\"table__cell\" data-label=\"{}\">{}</td>",
          type, names.type(r), department, names.department(r.department_id), status, state_tag(tr, r.state));
        w("<td class=\"table__cell\" data-label=\"{}\">{}</td><td class=\"table__cell\" data-label=\"{}\">{}</td>", submitted,
          i18n::numeric_day(i18n::athens_day(r.submitted_at)), due, is_open(r.state) ? due_text(tr, r) : html::text("—"));
        w("<td class=\"table__cell\" data-label=\"{}\">{}</td><td class=\"table__cell table__cell--numeric\" data-label=\"{}\">{}</td></tr>",
          assigned, r.assignee_name.empty() ? std::string("—") : r.assignee_name, supporters, r.supporters);
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

QueueTable render_table(web::Context& ctx, const web::ListPage& f, const Names& names, bool selectable, const BulkForm& bulk,
                        const Actable& actable) {
    // The store shows the last page for an old link past the end.
    const QueuePage page = queue(ctx, to_query(ctx, f));
    Writer w;
    if (!page.items.empty()) queue_table(w, ctx, page, names, selectable, bulk, actable);
    return {page.total, page.page, w.take()};
}

std::shared_ptr<const QueueTable> queue_table_for(web::Context& ctx, const web::ListPage& f, const Names& names, bool selectable,
                                                  const BulkForm& bulk) {
    Actable actable;
    if (selectable && !is_supervisor(ctx)) {
        actable.all = false;
        actable.departments = my_departments(ctx);
        std::sort(actable.departments.begin(), actable.departments.end());
    }
    auto render = [&] { return std::make_shared<const QueueTable>(render_table(ctx, f, names, selectable, bulk, actable)); };
    if (!bulk.ids.empty()) return render();  // ticked boxes of a refused bulk form: this person's own
    static cache::ReadCache<std::shared_ptr<const QueueTable>> cache(500, std::chrono::seconds(10));
    const Day today = i18n::athens_day(db::now_unix());  // "Overdue" changes at midnight
    // The rows one may act on differ by department, so the departments are part of the key.
    std::string departments = actable.all ? "all" : "";
    for (const auto d : actable.departments) departments += std::to_string(d) + ",";
    const auto key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}-{}-{}\x1f{}\x1f{}", ctx.tenant.id, i18n::code(ctx.tr.lang()),
                                 ctx.base_path, selectable, f.ticked("assignee") ? ctx.principal.user_id : 0, static_cast<int>(today.year()),
                                 static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()), departments, f.url(f.page()));
    return cache.get(key, requests_version(), render);
}

http::Response show_queue(web::Context& ctx, const web::ListPage& f, const Names& names, const BulkForm& bulk, const Errors& e,
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
    w << f.form({tr("Filter the queue"), tr("Filter"), tr("Clear the filters")});
    w("<h2 id=\"results\">{}</h2>", !f.value("q").empty() && text::more_than_counted(table->total)
                                         ? tr.tf("More than {} requests", text::kSearchCountCap)
                                         : tr.tn("{} request", "{} requests", static_cast<long>(table->total)));
    const auto qs = f.query_string();
    w << web::export_links(tr, ctx.url("/admin/requests/export"), qs);
    if (table->rows.empty()) {
        w("<p>{}</p>", f.narrowed() ? tr("No requests match these filters.") : tr("There are no requests yet."));
        return ctx.page(tr("Requests queue"), w.take(), {{tr("Requests queue"), ""}}, status);
    }

    // The action above the list, where the eye starts; the boxes to tick are in the rows below.
    if (selectable) {
        w("<form action=\"{}\" method=\"post\" novalidate>", ctx.url("/admin/requests/bulk-assign"));
        w << html::csrf_input(ctx.csrf_token());
        w << html::hidden_input("return", f.query_string(table->page));
        const auto* error = errors.for_field("bulk");
        w("<fieldset class=\"fieldset{}\" id=\"bulk\" tabindex=\"-1\"><legend class=\"fieldset__legend\"><h2>{}</h2></legend>",
          error ? " form-group--error" : "", tr("Assign the selected requests"));
        w << html::error_message(&tr, "bulk", error);
        w << department_select(tr, names, bulk.department_id, errors, tr("Department"));
        w << assignee_select(tr, names, department_staff(ctx), bulk.assignee_user_id, errors,
                             tr("Only someone of the department chosen above."));
        w << html::button(tr("Assign the selected requests"), "secondary");
        w("</fieldset>\n");
    }
    w << table->rows;
    if (selectable) w("</form>\n");
    w << html::pagination(tr, table->page, pages, [&](int n) { return f.url(n); });

    std::string title = tr("Requests queue");
    if (table->page > 1) title = tr.tf("{} (page {} of {})", title, table->page, pages);
    return ctx.page(title, w.take(), {{tr("Requests queue"), ""}}, status);
}

http::Response queue_page(web::Context& ctx) {
    ctx.require(kPermRead);
    const Names names = load_names(ctx, true);
    const web::ListPage f(ctx, "/admin/requests", cached_queue_filters(ctx, names));
    return show_queue(ctx, f, names, {}, Errors(ctx.tr), 200);
}

http::Response bulk_assign_post(web::Context& ctx) {
    ctx.require(kPermHandle);
    const auto& tr = ctx.tr;
    const Names names = load_names(ctx, true);
    // The filter the queue showed comes back as a query string; re-read like a query.
    const auto back = http::parse_query(ctx.form.value("return"));
    const web::ListPage f(ctx, "/admin/requests", cached_queue_filters(ctx, names), back ? *back : http::Params{});
    BulkForm bulk;
    for (auto id : ctx.form.all("ids")) bulk.ids.emplace_back(id);
    bulk.department_id = ctx.form.value("department_id");
    bulk.assignee_user_id = ctx.form.value("assignee_user_id");

    Errors e(tr);
    std::vector<std::int64_t> ids;
    for (const auto& s : bulk.ids)
        if (auto id = text::parse_id(s)) ids.push_back(*id);
    if (ids.empty()) e.add("bulk", tr("Select at least one request in the table"));
    const auto department = text::parse_id(bulk.department_id);
    if (!department) e.add("department_id", tr("Choose the department to assign the requests to"));
    const auto assignee = text::parse_id(bulk.assignee_user_id);
    if (!bulk.assignee_user_id.empty() && !assignee) e.add("assignee_user_id", tr("Choose a person from the list"));
    if (!e.empty()) return show_queue(ctx, f, names, bulk, e, 422);
    std::size_t assigned = 0;
    try {
        assigned = bulk_assign(ctx, ids, *department, assignee);
    } catch (const web::Invalid& inv) {
        return show_queue(ctx, f, names, bulk, inv.errors, 422);
    } catch (const web::Forbidden&) {
        // All or nothing: say so, and why, instead of the generic "no permission" page.
        return message_page(ctx, 403, tr("The requests were not assigned"),
                            tr("At least one of the selected requests belongs to a department you cannot act on, so none was assigned. Select only your departments' requests, or ask a supervisor."),
                            {{tr("Requests queue"), ctx.url("/admin/requests")}, {tr("Assign the selected requests"), ""}});
    }
    const auto qs = f.query_string(f.page());  // back to the page of the queue the person was on
    // Already in the person's words (a message with a number has no msgid of its own); the
    // flash shows text that has no translation as it is.
    const auto done = tr.tn("{} request has been assigned.", "{} requests have been assigned.", static_cast<long>(assigned));
    return ctx.redirect("/admin/requests" + (qs.empty() ? "" : "?" + qs), done.c_str());
}

// ---------------------------------------------------------------- export

// The queue as a file, with the same filters as the page: for the department's own records
// and reports. In the person's language; see web/export.hpp for the two formats.
http::Response export_list(web::Context& ctx, web::ExportFormat format) {
    ctx.require(kPermRead);
    const auto& tr = ctx.tr;
    const Names names = load_names(ctx, true);
    const web::ListPage f(ctx, "/admin/requests", cached_queue_filters(ctx, names));
    const auto rows = queue_all(ctx, to_query(ctx, f));
    web::ExportTable t;
    t.sheet_name = tr("Requests");
    t.headings = {tr("Number"), tr("Submitted"), tr("Type"), tr("Department"), tr("Status"), tr("Answer due by"), tr("Overdue"),
                  tr("Assigned to"), tr("Title"), tr("Address"), tr("Supporters"), tr("Rating")};
    t.rows.reserve(rows.size());
    for (const auto& r : rows) {
        t.rows.push_back({r.id, i18n::athens_day(r.submitted_at), names.type(r), names.department(r.department_id), tr(state_label(r.state)),
                          r.due, r.overdue ? tr("Yes") : tr("No"), r.assignee_name, r.title, r.location.address,
                          static_cast<std::int64_t>(r.supporters),
                          r.rating ? web::ExportValue(static_cast<std::int64_t>(*r.rating)) : web::ExportValue()});
    }
    return web::export_response(t, format, "requests-" + ctx.tenant.slug);
}

}  // namespace

void install_queue_pages(web::App& app) {
    app.get("/admin/requests", queue_page);
    app.get("/admin/requests/export.csv", [](web::Context& ctx) { return export_list(ctx, web::ExportFormat::Csv); });
    app.get("/admin/requests/export.xlsx", [](web::Context& ctx) { return export_list(ctx, web::ExportFormat::Xlsx); });
    app.post("/admin/requests/bulk-assign", bulk_assign_post, {.body = web::Body::Form});
}

}  // namespace ui

void install_staff_pages(web::App& app) {
    ui::install_queue_pages(app);
    ui::install_staff_request_pages(app);
}

}  // namespace syn::requests
