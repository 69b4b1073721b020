// Shared pieces of the requests pages for citizens and staff (see pages/shared.hpp).
#include "modules/requests/pages/shared.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/fields.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/text/text.hpp"
#include "platform/web/location_map.hpp"

namespace syn::requests {

namespace ui {

using html::Html;
using html::Writer;

std::string public_path(std::int64_t id, std::string_view rest) { return fmt::format("/requests/{}{}", id, rest); }
std::string staff_path(std::int64_t id, std::string_view rest) { return fmt::format("/admin/requests/{}{}", id, rest); }

std::string local_name(const i18n::Tr& tr, const std::string& el, const std::string& en) {
    if (tr.lang() == i18n::Lang::En) return en.empty() ? el : en;
    return el.empty() ? en : el;
}

std::string Names::type(const Request& r) const {
    if (auto it = type_names.find(r.type_id); it != type_names.end()) return it->second;
    return r.type_code;  // a type the viewer may not list (retired): its code still tells it apart
}

std::string Names::department(std::int64_t id) const {
    if (auto it = department_names.find(id); it != department_names.end()) return it->second;
    return {};
}

Names load_names(web::Context& ctx, bool all_types) {
    Names n;
    // Retired types are listed for those who configure them only (request_types() refuses the
    // others); for the rest a retired type shows its code.
    n.types = request_types(ctx, all_types && ctx.can(kPermConfigure));
    n.departments = departments(ctx);
    for (const auto& t : n.types) n.type_names[t.id] = local_name(ctx.tr, t.name_el, t.name_en);
    for (const auto& d : n.departments) n.department_names[d.id] = local_name(ctx.tr, d.name_el, d.name_en);
    return n;
}

Html state_tag(const i18n::Tr& tr, State s) {
    static const std::vector<html::TagStyle> styles = [] {
        const std::pair<State, std::string_view> colours[] = {
            {State::Submitted, "blue"},   {State::Acknowledged, "purple"}, {State::Assigned, "yellow"}, {State::InProgress, "yellow"},
            {State::Resolved, "green"},   {State::Rejected, "red"},        {State::Closed, "grey"}};
        std::vector<html::TagStyle> v;
        for (const auto& [st, colour] : colours) v.push_back({state_code(st), state_label(st), colour});
        return v;
    }();
    return html::state_tag(tr, styles, state_code(s));
}

Html overdue_tag(const i18n::Tr& tr) { return html::tag(tr("Overdue"), "red"); }

std::string day_text(const i18n::Tr& tr, const Day& d) {
    if (!d.ok()) return {};
    // Noon: the date is the same in every zone format_date() might think of.
    return i18n::format_date(tr, i18n::athens_day_start(d) + 12 * 3600);
}

Html due_text(const i18n::Tr& tr, const Request& r) {
    Writer w;
    w.text(day_text(tr, r.due));
    if (r.overdue) w(" {}", overdue_tag(tr));
    return w.take();
}

std::string request_label(const i18n::Tr& tr, std::int64_t id) { return tr.tf("Request #{}", id); }

namespace {

const char* entry_label(EntryKind k) {
    switch (k) {
        case EntryKind::Submitted: return N_("Request submitted");
        case EntryKind::Transition: return N_("Status changed");
        case EntryKind::Assignment: return N_("Assigned");
        case EntryKind::Note: return N_("Internal note");
        case EntryKind::Reply: return N_("Reply from the municipality");
        case EntryKind::Merge: return N_("Merged with another request");
        case EntryKind::Rating: return N_("Rated by the requester");
        case EntryKind::Reopen: return N_("Reopened by the requester");
        case EntryKind::Withdrawal: return N_("Withdrawn by the requester");
        case EntryKind::Information: return N_("Information added by the requester");
    }
    return N_("Status changed");
}

// What the public may see of an entry: everything marked public. An assignment may name the
// member of staff, so the public reads only that it happened.
bool public_entry(const HistoryEntry& h) { return h.is_public || h.kind != EntryKind::Note; }

}  // namespace

Html history_list(const i18n::Tr& tr, const std::vector<HistoryEntry>& entries, bool staff) {
    Writer w;
    std::size_t shown = 0;
    w("<ol class=\"request-history\">");
    for (const auto& h : entries) {
        if (!staff && !public_entry(h)) continue;
        if (!staff && !h.is_public && h.kind == EntryKind::Reply) continue;
        ++shown;
        const bool internal = !h.is_public && (h.kind == EntryKind::Note || h.kind == EntryKind::Reply);
        w("<li class=\"request-history__item{}\">", internal ? " request-history__item--internal" : "");
        w("<p class=\"request-history__what\"><strong>{}</strong>", tr(internal ? N_("Internal note") : entry_label(h.kind)));
        if (h.from && h.to && *h.from != *h.to) w(": {} → {}", tr(state_label(*h.from)), tr(state_label(*h.to)));
        else if (h.to && h.kind == EntryKind::Transition) w(": {}", tr(state_label(*h.to)));
        if (internal) w(" {}", html::tag(tr("Not public"), "grey"));
        w("</p><p class=\"request-history__meta secondary-text\">{}", i18n::format_datetime(tr, h.at));
        std::string by;
        if (staff) by = h.actor_name.empty() ? (h.actor_user_id ? tr("A deleted account") : tr("The system")) : h.actor_name;
        else if (h.kind == EntryKind::Submitted || h.kind == EntryKind::Reopen || h.kind == EntryKind::Rating ||
                 h.kind == EntryKind::Withdrawal || h.kind == EntryKind::Information)
            by = tr("The requester");
        else by = tr("The municipality");
        w(" · {}</p>", by);
        const bool show_body = staff || h.kind != EntryKind::Assignment;
        if (show_body && !h.body.empty()) w("<div class=\"request-history__body\">{}</div>", h.body);
        w("</li>");
    }
    w("</ol>\n");
    if (shown == 0) {
        Writer empty;
        empty("<p>{}</p>", tr("Nothing has happened yet."));
        return empty.take();
    }
    return w.take();
}

namespace {

std::string size_text(const i18n::Tr& tr, std::int64_t bytes) {
    if (bytes < 1024) return tr.tn("{} byte", "{} bytes", static_cast<long>(bytes));
    if (bytes < 1024 * 1024) return tr.tf("{} KB", i18n::format_number(tr, static_cast<double>(bytes) / 1024.0, 0));
    return tr.tf("{} MB", i18n::format_number(tr, static_cast<double>(bytes) / (1024.0 * 1024.0), 1));
}

}  // namespace

Html location_block(web::Context& ctx, const Request& r, bool& with_map) {
    const auto& tr = ctx.tr;
    const auto& l = r.location;
    if (l.address.empty() && l.postal_code.empty() && l.area.empty() && !(l.latitude && l.longitude)) return {};
    Writer w;
    w("<h2>{}</h2>", tr("Location"));
    std::vector<html::SummaryRow> rows;
    if (!l.address.empty()) rows.push_back({tr("Address or place"), html::text(l.address)});
    if (!l.postal_code.empty()) rows.push_back({tr("Postal code"), html::text(l.postal_code)});
    if (!l.area.empty()) rows.push_back({tr("Area"), html::text(l.area)});
    if (l.latitude && l.longitude)
        rows.push_back({tr("Coordinates"), html::text(fmt::format("{:.6f}, {:.6f}", *l.latitude, *l.longitude))});
    w << html::summary_list(rows);
    if (l.latitude && l.longitude && map_enabled(ctx)) {
        with_map = true;
        w << web::pin_view(ctx, tr("Map of the request's location"), *l.latitude, *l.longitude, r.title);
    }
    return w.take();
}

Html attachment_list(web::Context& ctx, std::int64_t request_id, const std::vector<Attachment>& attachments) {
    const auto& tr = ctx.tr;
    if (attachments.empty()) return {};
    Writer w;
    w("<h2>{}</h2><ul class=\"list\">", tr("Attachments"));
    for (const auto& a : attachments)
        w("<li><a href=\"{}\">{}</a> <span class=\"secondary-text\">({})</span></li>",
          ctx.url(public_path(request_id, fmt::format("/attachments/{}", a.id))), a.filename, size_text(tr, a.size));
    w("</ul>\n");
    return w.take();
}

Html attachments_input(const i18n::Tr& tr, const html::Errors& e, bool files_were_sent) {
    return html::file_input({.name = "attachments", .label = tr("Attachments (optional)"),
                             .hint = tr("PDF, JPEG or PNG files of up to 20 MB each, at most 5. Only for the types of request that take attachments.")},
                            e, ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png", true,
                            files_were_sent ? tr("Choose your files again: they are not kept when the form has a problem.") : std::string());
}

html::Errors errors_for(const html::Errors& e, const std::vector<std::string_view>& fields, const std::string& fallback) {
    html::Errors out;
    out.tr = e.tr;
    for (const auto& item : e.items) {
        const bool known = std::find(fields.begin(), fields.end(), item.field) != fields.end();
        out.add(known ? item.field : fallback, item.message);
    }
    return out;
}


http::Response message_page(web::Context& ctx, int status, std::string_view title, std::string_view message,
                            std::vector<html::Crumb> crumbs) {
    Writer w;
    w("<p>{}</p>", message);
    return ctx.page(title, w.take(), std::move(crumbs), status);
}

html::Html assignee_select(const i18n::Tr& tr, const Names& names, const std::vector<DepartmentStaff>& staff,
                           const std::string& value, const html::Errors& e, std::string_view hint, const std::string& department) {
    std::vector<html::OptionGroup> groups;
    for (const auto& d : names.departments) {
        // A person in two departments is listed under both, and chosen under the department the
        // form chose.
        html::OptionGroup g{local_name(tr, d.name_el, d.name_en), {}, department.empty() || std::to_string(d.id) == department};
        for (const auto& s : staff)
            if (s.department_id == d.id) g.options.push_back({std::to_string(s.user_id), s.display_name.empty() ? s.email : s.display_name});
        groups.push_back(std::move(g));
    }
    return html::grouped_select({.name = "assignee_user_id", .label = tr("Assign to a person (optional)"), .value = value, .hint = std::string(hint)},
                                {{"", tr("Nobody in particular: the department")}}, groups, e);
}


}  // namespace ui

}  // namespace syn::requests
