// One request as citizens see it (/requests/{id}): what was asked, where, its status and
// deadline, attachments and the public history; "Me too" for other residents; reopening and
// rating for the requester. The service decides what each viewer may see (view()): the public
// gets no personal data and no internal notes, and a private request is a 404 to them.
#include <fmt/format.h>

#include <ctime>

#include "modules/requests/pages/shared.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "platform/files/filename.hpp"
#include "platform/html/components.hpp"
#include "platform/http/percent.hpp"

namespace syn::requests::ui {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

// What the requester's forms sent (rating, withdrawal, information), kept when one comes back
// with a problem.
struct RatingForm {
    std::string rating = {}, comment = {}, reason = {}, information = {};
    bool files_sent = false;
};

bool can_reopen(const web::Context& ctx, const RequestView& v) {
    const auto& r = v.request;
    if (!v.viewer.requester || r.merged_into_id || withdrawn(v.history)) return false;
    TransitionInput in;
    in.actor = Actor::Requester;
    in.now = static_cast<std::int64_t>(std::time(nullptr));
    in.finished_at = r.finished_at;
    in.reopen_days = static_cast<int>(ctx.cfg.requests_reopen_days);
    return next(r.state, Event::Reopen, in).ok;
}

bool can_rate(const RequestView& v) {
    const auto& r = v.request;
    const bool resolved = r.state == State::Resolved || (r.state == State::Closed && r.resolved_at);
    return v.viewer.requester && resolved && !r.rating && !r.merged_into_id;
}

bool can_withdraw(const RequestView& v) { return v.viewer.requester && !v.request.merged_into_id && v.withdrawable; }

bool can_add_information(const RequestView& v) {
    return v.viewer.requester && !v.request.merged_into_id && is_open(v.request.state);
}

bool can_support(const web::Context& ctx, const RequestView& v) {
    const auto& r = v.request;
    return ctx.logged_in() && !v.viewer.requester && r.is_public && is_open(r.state) && !r.merged_into_id;
}

Html rating_text(const i18n::Tr& tr, int rating) {
    Writer w;
    w("<span class=\"request-rating\">{}</span>", tr.tf("{} out of 5", rating));
    return w.take();
}

Html summary(web::Context& ctx, const RequestView& v) {
    const auto& tr = ctx.tr;
    const auto& r = v.request;
    const bool insider = v.viewer.requester || v.viewer.staff;
    std::vector<html::SummaryRow> rows;
    rows.push_back({tr("Request number"), html::text(fmt::format("#{}", r.id))});
    {
        Writer s;
        s << state_tag(tr, r.state);
        if (insider && r.overdue) s(" {}", overdue_tag(tr));
        rows.push_back({tr("Status"), s.take()});
    }
    rows.push_back({tr("Type"), html::text(v.type_name)});
    if (!v.department_name.empty()) rows.push_back({tr("Handled by"), html::text(v.department_name)});
    rows.push_back({tr("Submitted"), html::text(i18n::format_date(tr, r.submitted_at))});
    if (is_open(r.state) && r.due.ok()) rows.push_back({tr("Answer due by"), html::text(day_text(tr, r.due))});
    if (insider && !r.organisation_name.empty()) rows.push_back({tr("On behalf of"), html::text(r.organisation_name)});
    if (insider)
        rows.push_back({tr("Visibility"), html::text(r.is_public ? tr("Public: anyone can read it and support it")
                                                                  : tr("Private: only the requester and the municipality"))});
    if (r.is_public) rows.push_back({tr("Supporters"), html::text(tr.tn("{} person", "{} people", r.supporters))});
    if (r.rating) rows.push_back({tr("Rating of the answer"), rating_text(tr, *r.rating)});
    if (r.rating && !r.rating_comment.empty())
        rows.push_back({tr("Comment on the answer"), html::text(r.rating_comment)});
    return html::summary_list(rows);
}

Html rating_form(web::Context& ctx, const Request& r, const RatingForm& f, const Errors& e) {
    const auto& tr = ctx.tr;
    Writer w;
    w("<h3>{}</h3>", tr("Rate the answer"));
    w("<p>{}</p>", tr("Your rating helps the municipality improve and is counted, without your name, in the public statistics. You can rate once."));
    w << html::form_start(ctx.url(public_path(r.id, "/rating")));
    w << html::csrf_input(ctx.csrf_token());
    w << html::radios({.name = "rating", .label = tr("How satisfied are you with the answer?"), .value = f.rating},
                      {{"1", tr("1 — Very dissatisfied")},
                       {"2", tr("2 — Dissatisfied")},
                       {"3", tr("3 — Neither satisfied nor dissatisfied")},
                       {"4", tr("4 — Satisfied")},
                       {"5", tr("5 — Very satisfied")}},
                      e);
    w << html::textarea({.name = "comment", .label = tr("Comment (optional)"), .value = f.comment,
                         .hint = tr("Up to 2,000 characters. It is shown with the rating on the request's page, without your name.")}, e, 4);
    w << html::button(tr("Send the rating"));
    w << html::form_end();
    return w.take();
}

Html information_form(web::Context& ctx, const Request& r, const RatingForm& f, const Errors& e) {
    const auto& tr = ctx.tr;
    Writer w;
    w("<h3>{}</h3>", tr("Add information"));
    w("<p>{}</p>", tr("Something to add, or a photo or document that helps? It goes into the request's history, and the department handling it is told."));
    w << html::form_start(ctx.url(public_path(r.id, "/information")), "post", true);
    w << html::csrf_input(ctx.csrf_token());
    w << html::textarea({.name = "information", .label = tr("Information"), .value = f.information,
                         .hint = tr("Up to 5,000 characters. Whoever can read the request can read this too.")}, e, 4);
    w << attachments_input(tr, e, f.files_sent);
    w << html::button(tr("Add the information"), "secondary");
    w << html::form_end();
    return w.take();
}

Html withdraw_form(web::Context& ctx, const Request& r, const RatingForm& f, const Errors& e) {
    const auto& tr = ctx.tr;
    Writer w;
    w("<h3>{}</h3>", tr("Withdraw the request"));
    w("<p>{}</p>", tr("Nobody at the municipality has worked on it yet, so you can still take it back: it will be closed, and this cannot be undone."));
    w << html::form_start(ctx.url(public_path(r.id, "/withdraw")));
    w << html::csrf_input(ctx.csrf_token());
    w << html::textarea({.name = "reason", .label = tr("Why (optional)"), .value = f.reason,
                         .hint = tr("For example: the problem was fixed, or it was filed by mistake.")}, e, 2);
    w << html::button(tr("Withdraw the request"), "warning");
    w << html::form_end();
    return w.take();
}

void actions_section(Writer& w, web::Context& ctx, const RequestView& v, const RatingForm& f, const Errors& e) {
    const auto& tr = ctx.tr;
    const auto& r = v.request;
    Writer a;
    if (can_support(ctx, v)) {
        if (v.viewer.supporter) {
            a("<p>{}</p>", tr("You support this request. You will be told of its outcome."));
            a << post_button(ctx, public_path(r.id, "/unsupport"), tr("Withdraw support"), r.title);
        } else {
            a("<p>{}</p>", tr("Does this matter to you too? Support it: the municipality sees how many people it concerns, and you will be told of its outcome."));
            a << post_button(ctx, public_path(r.id, "/support"), tr("Me too"), r.title, "primary");
        }
    } else if (!ctx.logged_in() && r.is_public && is_open(r.state) && !r.merged_into_id) {
        a("<p><a href=\"{}\">{}</a></p>",
          ctx.url("/login") + "?next=" + http::percent_encode(ctx.url(public_path(r.id))), tr("Log in to support this request"));
    }
    if (can_reopen(ctx, v)) {
        a("<p>{}</p>", tr.tn("Not satisfied with the outcome? You can reopen the request within {} day of it.",
                             "Not satisfied with the outcome? You can reopen the request within {} days of it.",
                             ctx.cfg.requests_reopen_days));
        a << post_button(ctx, public_path(r.id, "/reopen"), tr("Reopen the request"), r.title);
    }
    if (can_rate(v)) a << rating_form(ctx, r, f, e);
    if (can_add_information(v)) a << information_form(ctx, r, f, e);
    if (can_withdraw(v)) a << withdraw_form(ctx, r, f, e);
    if (v.viewer.staff)
        a("<p><a href=\"{}\">{}</a></p>", ctx.url(staff_path(r.id)), tr("Open in the staff queue"));
    const auto body = a.take();
    if (body.empty()) return;
    w("<h2 id=\"actions\" tabindex=\"-1\">{}</h2>", tr("What you can do"));
    w << html::error_message(&tr, "actions", e.for_field("actions"));
    w << body;
}

http::Response show(web::Context& ctx, std::int64_t id, const Errors& e = {}, const RatingForm& f = {}, int status = 200) {
    const auto& tr = ctx.tr;
    const RequestView v = view(ctx, id);
    const auto& r = v.request;
    // A message goes to its field when the page shows that field, else under "What you can do".
    std::vector<std::string_view> fields;
    if (can_rate(v)) fields = {"rating", "comment"};
    if (can_add_information(v)) fields.insert(fields.end(), {"information", "attachments"});
    if (can_withdraw(v)) fields.push_back("reason");
    Errors errors = errors_for(e, fields, "actions");
    errors.tr = &ctx.tr;

    Writer w;
    w << html::error_summary(tr, errors);
    if (r.merged_into_id) {
        Writer m;
        m("{} <a href=\"{}\">{}</a>.", tr("This request was a duplicate and has been merged into"),
          ctx.url(public_path(*r.merged_into_id)), request_label(tr, *r.merged_into_id));
        m(" {}", tr("Follow that request instead: its supporters include everyone who supported this one."));
        w << html::inset_text(m.take());
    }
    if (v.viewer.requester && !r.is_public)
        w << html::inset_text(html::text(tr("This request is private: only you and the municipality can see it.")));
    w << summary(ctx, v);
    if ((r.state == State::Resolved || r.state == State::Rejected || r.state == State::Closed) && !r.status_note.empty()) {
        w("<h2>{}</h2>", r.state == State::Rejected ? tr("Why the request was rejected") : tr("The municipality's answer"));
        w("<div class=\"request-text\">{}</div>\n", r.status_note);
    }
    w("<h2>{}</h2><div class=\"request-text\">{}</div>\n", tr("Description"), r.description);
    bool with_map = false;
    w << location_block(ctx, r, with_map);
    w << attachment_list(ctx, r.id, v.attachments);
    actions_section(w, ctx, v, f, errors);
    w("<h2>{}</h2>", tr("History"));
    w << history_list(tr, v.history, false);

    std::vector<html::Crumb> crumbs{{tr("Requests"), ctx.url("/requests")}};
    if (v.viewer.requester) crumbs.push_back({tr("My requests"), ctx.url("/my/requests")});
    crumbs.push_back({request_label(tr, r.id), ""});
    auto sh = ctx.shell(std::move(crumbs));
    sh.has_errors = status == 422;
    if (!r.is_public || r.merged_into_id) {  // search engines: only public requests, once each
        Writer m;
        m("<meta name=\"robots\" content=\"noindex\">\n");
        sh.head_extra = m.take();
    }
    if (with_map) web::add_map_assets(sh, ctx, "js/request-map.js");
    return ctx.page(std::move(sh), r.title, w.take(), status);
}

// A requester's or supporter's action: done, then back to the request with a message; refused,
// then the request again with the reason at the top.
template <class Action>
http::Response act(web::Context& ctx, Action action, const char* done_msgid) {
    ctx.require_login();
    const auto id = ctx.id_param();
    try {
        action(id);
        return ctx.redirect(public_path(id), done_msgid);
    } catch (const web::Invalid& inv) {
        return show(ctx, id, inv.errors, {}, 422);
    }
}

}  // namespace

void install_view_pages(web::App& app) {
    app.get("/requests/{id}", [](web::Context& ctx) { return show(ctx, ctx.id_param()); });
    app.post("/requests/{id}/support", [](web::Context& ctx) {
        return act(ctx, [&](std::int64_t id) { support(ctx, id); },
                   N_("Thank you: your support has been counted. You will be told of the outcome."));
    }, {.body = web::Body::Form});
    app.post("/requests/{id}/unsupport", [](web::Context& ctx) {
        return act(ctx, [&](std::int64_t id) { unsupport(ctx, id); }, N_("You no longer support this request."));
    }, {.body = web::Body::Form});
    app.post("/requests/{id}/reopen", [](web::Context& ctx) {
        return act(ctx, [&](std::int64_t id) { reopen(ctx, id); },
                   N_("The request has been reopened. The department that handled it will look at it again."));
    }, {.body = web::Body::Form});
    app.post("/requests/{id}/withdraw", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        RatingForm f;
        f.reason = ctx.form.value("reason");
        try {
            withdraw(ctx, id, f.reason);
            return ctx.redirect(public_path(id), N_("The request has been withdrawn and closed."));
        } catch (const web::Invalid& inv) {
            return show(ctx, id, inv.errors, f, 422);
        }
    }, {.body = web::Body::Form});
    app.post("/requests/{id}/information", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        RatingForm f;
        f.information = ctx.form.value("information");
        for (const auto& p : ctx.files) f.files_sent = f.files_sent || (p.filename && !p.filename->empty());
        try {
            add_information(ctx, id, f.information, ctx.files);
            return ctx.redirect(public_path(id), N_("Your information has been added. The department handling the request has been told."));
        } catch (const web::Invalid& inv) {
            return show(ctx, id, inv.errors, f, 422);
        }
    }, {.body = web::Body::Upload});
    app.post("/requests/{id}/rating", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        const RatingForm f{.rating = ctx.form.value("rating"), .comment = ctx.form.value("comment")};
        try {
            int rating = 0;
            if (f.rating.size() == 1 && f.rating[0] >= '1' && f.rating[0] <= '5') rating = f.rating[0] - '0';
            if (rating == 0) {
                Errors e(ctx.tr);
                e.add("rating", ctx.tr("Choose a rating from 1 to 5"));
                throw web::Invalid(e);
            }
            rate(ctx, id, rating, f.comment);
            return ctx.redirect(public_path(id), N_("Thank you for rating the answer."));
        } catch (const web::Invalid& inv) {
            return show(ctx, id, inv.errors, f, 422);
        }
    }, {.body = web::Body::Form});
    app.get("/requests/{id}/attachments/{aid}", [](web::Context& ctx) {
        auto c = attachment(ctx, ctx.id_param(), ctx.id_param("aid"));
        http::Response r;
        r.body = std::move(c.data);
        r.headers.set("Content-Type", c.attachment.mime);
        r.headers.set("Content-Disposition", files::content_disposition("attachment", c.attachment.filename));
        r.headers.set("Cache-Control", "private, no-store");
        r.headers.set("X-Content-Type-Options", "nosniff");
        return r;
    });
}

}  // namespace syn::requests::ui
