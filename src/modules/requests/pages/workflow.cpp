// One request as staff see it (/admin/requests/{id}): everything, the requester's personal
// data included, the full history with internal notes, and the forms to act on it — only the
// status changes that rules.hpp next() allows from the current state, a reply or internal note,
// and merging a duplicate. The service checks every action (department, supervisor); a refusal
// of the state machine comes back as the form with its reason, and acting on another
// department's request gives a 403 page that says why.
#include <fmt/format.h>

#include "modules/requests/pages/shared.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "platform/text/number.hpp"
#include "platform/html/components.hpp"

namespace syn::requests::ui {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

// What the action forms sent, kept when one comes back with a problem.
struct ActionForm {
    std::string event, reason, department_id, assignee_user_id, body, is_public, into;
};

bool allowed(State s, Event e) {
    TransitionInput in;
    in.actor = Actor::Staff;
    in.reason = "-";  // a reason is asked for in the form; here only whether the step exists
    return next(s, e, in).ok;
}

const char* source_label(Source s) {
    switch (s) {
        case Source::Web: return N_("This web site");
        case Source::Api: return N_("The JSON API");
        case Source::Open311: return N_("An Open311 application");
    }
    return N_("This web site");
}

Html summary(web::Context& ctx, const RequestView& v) {
    const auto& tr = ctx.tr;
    const auto& r = v.request;
    std::vector<html::SummaryRow> rows;
    rows.push_back({tr("Request number"), html::text(fmt::format("#{}", r.id))});
    {
        Writer s;
        s << state_tag(tr, r.state);
        if (r.overdue) s(" {}", overdue_tag(tr));
        rows.push_back({tr("Status"), s.take()});
    }
    rows.push_back({tr("Type"), html::text(v.type_name)});
    rows.push_back({tr("Department"), html::text(v.department_name)});
    rows.push_back({tr("Assigned to"), html::text(r.assignee_name.empty() ? tr("Nobody in particular: the department") : r.assignee_name)});
    rows.push_back({tr("Submitted"), html::text(i18n::format_datetime(tr, r.submitted_at))});
    if (r.due.ok()) rows.push_back({tr("Answer due by"), due_text(tr, r)});
    rows.push_back({tr("Made through"), html::text(tr(source_label(r.source)))});
    rows.push_back({tr("Visibility"), html::text(r.is_public ? tr("Public: anyone can read it and support it")
                                                             : tr("Private: only the requester and the municipality"))});
    rows.push_back({tr("Supporters"), html::text(tr.tn("{} person", "{} people", r.supporters))});
    if (r.rating) {
        Writer rt;
        rt("{}", tr.tf("{} out of 5", *r.rating));
        if (!r.rating_comment.empty()) rt("<br>{}", r.rating_comment);
        rows.push_back({tr("Rating of the answer"), rt.take()});
    }
    return html::summary_list(rows);
}

Html requester(web::Context& ctx, const Request& r) {
    const auto& tr = ctx.tr;
    std::vector<html::SummaryRow> rows;
    rows.push_back({tr("Name"), html::text(r.requester_name.empty() ? tr("Not given") : r.requester_name)});
    if (!r.requester_email.empty()) rows.push_back({tr("E-mail"), html::link("mailto:" + r.requester_email, r.requester_email)});
    if (!r.requester_phone.empty()) rows.push_back({tr("Phone"), html::link("tel:" + r.requester_phone, r.requester_phone)});
    if (!r.organisation_name.empty()) rows.push_back({tr("On behalf of"), html::text(r.organisation_name)});
    Writer w;
    w("<h2>{}</h2>", tr("Requester"));
    w("<p class=\"hint\">{}</p>", tr("Personal data: use it only to handle this request. It is never shown publicly."));
    w << html::summary_list(rows);
    return w.take();
}

// The form for one status change: the event, maybe a few fields, one button.
void transition_form(Writer& w, web::Context& ctx, const Request& r, Event e, std::string_view label, const Html& fields = {},
                     std::string_view kind = "secondary") {
    w("<form class=\"request-action\" action=\"{}\" method=\"post\" novalidate>", ctx.url(staff_path(r.id, "/transition")));
    w << html::csrf_input(ctx.csrf_token());
    w << fields;
    // The event rides on the button itself, so the button says what it does and sends it.
    w("<button class=\"button button--{}\" type=\"submit\" name=\"event\" value=\"{}\">{}</button></form>\n",
      kind == "warning" || kind == "secondary" ? kind : std::string_view("primary"), event_code(e), label);
}

Html assign_fields(web::Context& ctx, const Request& r, const ActionForm& f, const Errors& e) {
    const auto& tr = ctx.tr;
    const Names names = load_names(ctx, false);
    std::vector<html::Option> deps;
    for (const auto& d : names.departments) deps.push_back({std::to_string(d.id), local_name(tr, d.name_el, d.name_en)});
    const std::string dep = f.department_id.empty() ? std::to_string(r.department_id) : f.department_id;
    const std::string who = f.department_id.empty() && r.assignee_user_id ? std::to_string(*r.assignee_user_id) : f.assignee_user_id;
    Writer w;
    w << html::select({.name = "department_id", .label = tr("Department"), .value = dep}, deps, e);
    w << assignee_select(tr, names, department_staff(ctx), who, e, tr("Only someone of the department chosen above. They get an e-mail."), dep);
    return w.take();
}

// The resolve form's optional answer. Its field is "reason" like the reject form's, so it gets
// an id of its own.
Html resolve_answer(const i18n::Tr& tr, const std::string& value, const Errors& e) {
    return html::textarea({.name = "reason", .id = "resolve-reason", .label = tr("Answer to the requester (optional)"), .value = value,
                           .hint = tr("How the request was resolved. It is e-mailed to the requester and the supporters, and shown on the request's page.")},
                          e, 3);
}

void status_forms(Writer& w, web::Context& ctx, const Request& r, const ActionForm& f, const Errors& e) {
    const auto& tr = ctx.tr;
    w("<h3>{}</h3>", tr("Change the status"));
    bool any = false;
    w("<div class=\"request-actions\">");
    if (allowed(r.state, Event::Acknowledge)) {
        any = true;
        transition_form(w, ctx, r, Event::Acknowledge, tr("Acknowledge receipt"), {}, "primary");
    }
    if (allowed(r.state, Event::Start)) {
        any = true;
        transition_form(w, ctx, r, Event::Start, tr("Start work"), {}, "primary");
    }
    if (allowed(r.state, Event::Close)) {
        any = true;
        transition_form(w, ctx, r, Event::Close, tr("Close the request"));
    }
    w("</div>");
    if (allowed(r.state, Event::Resolve)) {
        any = true;
        w("<h3>{}</h3>", tr("Resolve"));
        transition_form(w, ctx, r, Event::Resolve, tr("Mark as resolved"),
                        resolve_answer(tr, f.event == "resolve" ? f.reason : std::string(), e));
    }
    if (allowed(r.state, Event::Assign)) {
        any = true;
        w("<h3>{}</h3>", r.state == State::Acknowledged ? tr("Assign") : tr("Reassign"));
        transition_form(w, ctx, r, Event::Assign, r.state == State::Acknowledged ? tr("Assign") : tr("Reassign"),
                        assign_fields(ctx, r, f, e));
    }
    if (allowed(r.state, Event::Reject)) {
        any = true;
        w("<h3>{}</h3>", tr("Reject"));
        transition_form(w, ctx, r, Event::Reject, tr("Reject the request"),
                        html::textarea({.name = "reason", .label = tr("Reason for rejecting"),
                                        .value = f.event == "reject" ? f.reason : std::string(),
                                        .hint = tr("Required. The requester and the supporters read it, and it is shown on the request's page if the request is public.")},
                                       e, 3),
                        "warning");
    }
    if (!any) w("<p>{}</p>", tr("No status change is possible now. The requester can still reopen it within the allowed time."));
}

void reply_form(Writer& w, web::Context& ctx, const Request& r, const ActionForm& f, const Errors& e) {
    const auto& tr = ctx.tr;
    w("<h3>{}</h3>", tr("Reply or add a note"));
    w << html::form_start(ctx.url(staff_path(r.id, "/reply")));
    w << html::csrf_input(ctx.csrf_token());
    w << html::textarea({.name = "body", .label = tr("Message"), .value = f.body, .hint = tr("Up to 5,000 characters.")}, e, 5);
    // A public reply is what staff send most; an internal note is a deliberate choice.
    w << html::radios({.name = "public", .label = tr("Who reads it"), .value = f.is_public.empty() ? "1" : f.is_public},
                      {{"1", tr("Public reply: e-mailed to the requester and shown on the request's page")},
                       {"0", tr("Internal note: only the municipality's staff")}},
                      e);
    w << html::button(tr("Send"), "secondary");
    w << html::form_end();
}

void merge_form(Writer& w, web::Context& ctx, const Request& r, const ActionForm& f, const Errors& e) {
    const auto& tr = ctx.tr;
    w("<h3>{}</h3>", tr("Merge a duplicate"));
    w << html::form_start(ctx.url(staff_path(r.id, "/merge")));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "into", .label = tr("Number of the request to keep"), .value = f.into,
                      .hint = tr("This request is closed as a duplicate of that one; its requester and supporters become supporters of it and are told."),
                      .inputmode = "numeric"}, e);
    w << html::button(tr("Merge into that request"), "warning");
    w << html::form_end();
}

http::Response show(web::Context& ctx, std::int64_t id, const Errors& in_errors = {}, const ActionForm& f = {}, int status = 200) {
    ctx.require(kPermRead);
    const auto& tr = ctx.tr;
    const RequestView v = view(ctx, id);
    const auto& r = v.request;
    // A message goes to its field when the page shows that field, else under "Actions". Both
    // the resolve and the reject form have a "reason".
    html::Errors renamed;
    for (const auto& item : in_errors.items)
        renamed.add(item.field == "reason" && f.event == "resolve" ? "resolve-reason" : item.field, item.message);
    std::vector<std::string_view> fields;
    const bool acting = v.viewer.can_act && !r.merged_into_id;
    if (acting) {
        fields = {"body", "public"};
        if (allowed(r.state, Event::Resolve)) fields.push_back("resolve-reason");
        if (allowed(r.state, Event::Reject)) fields.push_back("reason");
        if (allowed(r.state, Event::Assign)) fields.insert(fields.end(), {"department_id", "assignee_user_id"});
        if (is_open(r.state)) fields.push_back("into");
    }
    Errors e = errors_for(renamed, fields, "actions");
    e.tr = &ctx.tr;

    Writer w;
    w << html::error_summary(tr, e);
    if (r.merged_into_id) {
        Writer m;
        m("{} <a href=\"{}\">{}</a>.", tr("This request was merged into"), ctx.url(staff_path(*r.merged_into_id)),
          request_label(tr, *r.merged_into_id));
        w << html::inset_text(m.take());
    }
    w << summary(ctx, v);
    w("<p><a href=\"{}\">{}</a></p>", ctx.url(public_path(r.id)), tr("See the page the requester sees"));
    w << requester(ctx, r);
    w("<h2>{}</h2><div class=\"request-text\">{}</div>\n", tr("Description"), r.description);
    bool with_map = false;
    w << location_block(ctx, r, with_map);
    w << attachment_list(ctx, r.id, v.attachments);

    w("<h2 id=\"actions\" tabindex=\"-1\">{}</h2>", tr("Actions"));
    w << html::error_message(&tr, "actions", e.for_field("actions"));
    if (r.merged_into_id) {
        w("<p>{}</p>", tr("A merged request is handled through the request it was merged into."));
    } else if (!v.viewer.can_act) {
        w << html::inset_text(html::text(
            ctx.can(kPermHandle)
                ? tr.tf("You can read this request but not act on it: it belongs to the department «{}». Its staff and the supervisors can act on it.",
                        v.department_name)
                : tr("Your role lets you read requests but not act on them.")));
    } else {
        status_forms(w, ctx, r, f, e);
        reply_form(w, ctx, r, f, e);
        if (is_open(r.state)) merge_form(w, ctx, r, f, e);
    }

    w("<h2>{}</h2>", tr("History"));
    w << history_list(tr, v.history, true);

    auto sh = ctx.shell({{tr("Requests queue"), ctx.url("/admin/requests")}, {request_label(tr, r.id), ""}});
    sh.has_errors = status == 422;
    if (with_map) web::add_map_assets(sh, ctx, "js/request-map.js");
    return ctx.page(std::move(sh), r.title, w.take(), status);
}

// Acting on another department's request (or as an auditor): a 403 that says why, instead of
// the generic "no permission" page.
http::Response refused(web::Context& ctx, std::int64_t id) {
    const auto& tr = ctx.tr;
    std::string message = tr("Your role lets you read requests but not act on them.");
    if (ctx.can(kPermHandle)) {
        std::string department;
        try {
            department = view(ctx, id).department_name;
        } catch (const std::exception&) {
            // it is enough to say that it is another department's
        }
        message = department.empty()
                      ? tr("This request belongs to another department. Only its staff and the supervisors can act on it.")
                      : tr.tf("This request belongs to the department «{}». Only its staff and the supervisors can act on it.", department);
    }
    Writer w;
    w("<p>{}</p><p><a href=\"{}\">{}</a></p>", message, ctx.url(staff_path(id)), tr("Back to the request"));
    return ctx.page(tr("You cannot act on this request"), w.take(),
                    {{tr("Requests queue"), ctx.url("/admin/requests")}, {request_label(tr, id), ""}}, 403);
}

// Runs one staff action: done → back to the request with a message; refused by the rules →
// the page with the reason; another department's → the 403 page.
template <class Action>
http::Response act(web::Context& ctx, const ActionForm& f, Action action) {
    ctx.require(kPermRead);
    const auto id = ctx.id_param();
    try {
        const auto [path, msgid] = action(id);
        return ctx.redirect(path, msgid);
    } catch (const web::Invalid& inv) {
        return show(ctx, id, inv.errors, f, 422);
    } catch (const web::Forbidden&) {
        return refused(ctx, id);
    }
}

using Done = std::pair<std::string, const char*>;

const char* done_message(Event e) {
    switch (e) {
        case Event::Acknowledge: return N_("The request is acknowledged. The requester has been told.");
        case Event::Assign: return N_("The request has been assigned.");
        case Event::Start: return N_("The request is now in progress. The requester has been told.");
        case Event::Resolve: return N_("The request is resolved. The requester and the supporters have been told.");
        case Event::Reject: return N_("The request is rejected. The requester and the supporters have been told the reason.");
        case Event::Close: return N_("The request is closed.");
        case Event::Reopen: break;
    }
    return N_("The status has been changed.");
}

ActionForm read_form(const http::Params& p) {
    return {p.value("event"), p.value("reason"), p.value("department_id"), p.value("assignee_user_id"), p.value("body"), p.value("public"),
            p.value("into")};
}

}  // namespace

void install_staff_request_pages(web::App& app) {
    app.get("/admin/requests/{id}", [](web::Context& ctx) { return show(ctx, ctx.id_param()); });

    app.post("/admin/requests/{id}/transition", [](web::Context& ctx) {
        const ActionForm f = read_form(ctx.form);
        return act(ctx, f, [&](std::int64_t id) -> Done {
            const auto event = parse_event(ctx.form.value("event"));
            Errors e(ctx.tr);
            if (!event || *event == Event::Reopen) {
                e.add("actions", ctx.tr("Choose one of the actions offered"));
                throw web::Invalid(e);
            }
            TransitionCommand c;
            c.event = *event;
            c.reason = f.reason;
            if (c.event == Event::Assign) {
                c.department_id = text::parse_id(f.department_id);
                if (!c.department_id) e.add("department_id", ctx.tr("Choose the department to assign the request to"));
                if (!f.assignee_user_id.empty()) {
                    c.assignee_user_id = text::parse_id(f.assignee_user_id);
                    if (!c.assignee_user_id) e.add("assignee_user_id", ctx.tr("Choose a person from the list"));
                }
                if (!e.empty()) throw web::Invalid(e);
            }
            transition(ctx, id, c);
            return {staff_path(id), done_message(c.event)};
        });
    }, {.body = web::Body::Form});

    app.post("/admin/requests/{id}/reply", [](web::Context& ctx) {
        const ActionForm f = read_form(ctx.form);
        return act(ctx, f, [&](std::int64_t id) -> Done {
            if (f.is_public != "1" && f.is_public != "0") {
                Errors e(ctx.tr);
                e.add("public", ctx.tr("Choose whether this is a public reply or an internal note"));
                if (f.body.find_first_not_of(" \t\r\n") == std::string::npos) e.add("body", ctx.tr("Write the message"));
                throw web::Invalid(e);
            }
            const bool pub = f.is_public == "1";
            reply(ctx, id, f.body, pub);
            return {staff_path(id), pub ? N_("Your reply has been e-mailed to the requester and published on the request's page.")
                                        : N_("The internal note has been added.")};
        });
    }, {.body = web::Body::Form});

    app.post("/admin/requests/{id}/merge", [](web::Context& ctx) {
        const ActionForm f = read_form(ctx.form);
        return act(ctx, f, [&](std::int64_t id) -> Done {
            const auto into = text::parse_id(f.into);
            if (!into) {
                Errors e(ctx.tr);
                e.add("into", ctx.tr("Enter the number of the request to keep, like 1234"));
                throw web::Invalid(e);
            }
            if (*into == id) {
                Errors e(ctx.tr);
                e.add("into", ctx.tr("A request cannot be merged into itself"));
                throw web::Invalid(e);
            }
            // The request of this page first: one of another municipality is a 404 here, whatever
            // the number typed (merge() locks both in id order and may refuse the other first).
            (void)view(ctx, id);
            merge(ctx, id, *into);
            return {staff_path(*into), N_("The duplicate has been merged into this request. Its requester and supporters have been told.")};
        });
    }, {.body = web::Body::Form});
}

}  // namespace syn::requests::ui
