// An organisation's own people: the list of my organisations and each organisation's overview
// (state, what is missing, submission, history). The profile form, documents and members have
// their own files; install_admin_pages() installs them all.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "modules/registry/pages.hpp"
#include "modules/registry/pages/shared.hpp"
#include "platform/html/fields.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "platform/html/components.hpp"

namespace syn::registry {

html::Html state_tag(const i18n::Tr& tr, std::string_view code) {
    static const std::vector<html::TagStyle> styles = [] {
        const std::pair<State, std::string_view> colours[] = {{State::Draft, "grey"},     {State::Submitted, "blue"},
                                                              {State::Verified, "green"}, {State::Returned, "yellow"},
                                                              {State::Suspended, "red"},  {State::Dissolved, "purple"}};
        std::vector<html::TagStyle> v;
        for (const auto& [s, colour] : colours) v.push_back({state_code(s), state_label(s), colour});
        return v;
    }();
    return html::state_tag(tr, styles, code);
}

html::Html state_tag(const i18n::Tr& tr, State s) { return state_tag(tr, state_code(s)); }

namespace admin_pages {

std::string org_path(std::int64_t id, std::string_view rest) { return fmt::format("/my/organisations/{}{}", id, rest); }

std::string display_name(const Organisation& o) {
    return o.profile.distinctive_title.empty() ? o.profile.official_name : o.profile.distinctive_title;
}

const char* document_kind_label(std::string_view kind) {
    if (kind == "statute") return N_("Statute");
    if (kind == "board_decision") return N_("Board decision");
    if (kind == "registry_certificate") return N_("Registry certificate");
    return N_("Other document");
}

std::vector<html::Crumb> crumbs(web::Context& ctx, const Organisation* o, const std::string& current) {
    std::vector<html::Crumb> c{{ctx.tr("My organisations"), ctx.url("/my/organisations")}};
    if (o) c.push_back({display_name(*o), ctx.url(org_path(o->id))});
    c.push_back({current, ""});
    return c;
}

html::Errors errors_on(const html::Errors& e, const std::string& field) {
    html::Errors out;
    out.tr = e.tr;
    for (const auto& item : e.items) out.add(field, item.message);
    return out;
}

}  // namespace admin_pages

namespace {

using namespace admin_pages;
using html::Html;
using html::Writer;

// ---------------------------------------------------------------- my organisations

// The person's organisations, their role and the municipality's decision: on "My
// organisations" and in its part of the person's own page.
Html organisations_table(web::Context& ctx, const std::vector<MyOrganisation>& mine) {
    auto& tr = ctx.tr;
    html::Table t;
    t.caption = tr("Your organisations");
    t.head = {tr("Organisation"), tr("Your role"), tr("State")};
    for (const auto& m : mine) {
        const auto& o = m.organisation;
        t.rows.push_back({html::link(ctx.url(org_path(o.id)), display_name(o)),
                          html::text(m.role == kRoleAdmin ? tr("Administrator") : tr("Member")), state_tag(tr, o.state)});
    }
    return html::table(t);
}

std::optional<Html> my_section(web::Context& ctx) {
    auto& tr = ctx.tr;
    const auto mine = my_organisations(ctx);
    Writer w;
    w("<h2>{}</h2>", tr("My organisations"));
    if (mine.empty()) w("<p>{}</p>", tr("You do not belong to any organisation yet. Register yours, or ask its admin to invite you."));
    else w << organisations_table(ctx, mine);
    w << html::button_link(tr("Register an organisation"), ctx.url("/my/organisations/new"), "secondary");
    return w.take();
}

http::Response my_list(web::Context& ctx) {
    ctx.require_login();
    auto& tr = ctx.tr;
    const auto mine = my_organisations(ctx);
    Writer w;
    w("<p class=\"lead\">{}</p>", tr("The organisations you belong to, and what the municipality has decided about them."));
    if (mine.empty()) {
        w("<p>{}</p>", tr("You do not belong to any organisation yet. Register yours, or ask its admin to invite you."));
    } else {
        w << organisations_table(ctx, mine);
    }
    w << html::button_link(tr("Register an organisation"), ctx.url("/my/organisations/new"));
    return ctx.page(tr("My organisations"), w.take(), {{tr("My organisations"), ""}});
}

// ---------------------------------------------------------------- overview

const char* history_label(std::string_view action) {
    struct Label { const char* action; const char* msgid; };
    static constexpr Label kLabels[] = {
        {"create", N_("Registered as a draft")},
        {"edit", N_("Details changed")},
        {"submit", N_("Submitted for verification")},
        {"verify", N_("Verified by the municipality")},
        {"return", N_("Returned by the municipality")},
        {"suspend", N_("Suspended")},
        {"reinstate", N_("Reinstated")},
        {"dissolve", N_("Marked as dissolved")},
        {"renew", N_("Verification renewed")},
        {"expire", N_("Verification expired")},
        {"expiry.reminder", N_("Reminder sent that the verification expires soon")},
        {"note", N_("The municipality added an internal note")},
        {"import", N_("Imported from the municipal register")},
        {"document.add", N_("Document uploaded")},
        {"document.remove", N_("Document deleted")},
        {"logo.set", N_("Logo changed")},
        {"member.invite", N_("Invitation sent")},
        {"invitation.revoke", N_("Invitation withdrawn")},
        {"member.join", N_("Member joined")},
        {"member.leave", N_("Member left")},
        {"member.promote", N_("Member made admin")},
        {"member.demote", N_("Admin made a plain member")},
        {"member.remove", N_("Member removed")},
        {"admin.transfer", N_("Admin rights transferred")},
    };
    for (const auto& l : kLabels)
        if (action == l.action) return l.msgid;
    return nullptr;
}

Html history_table(web::Context& ctx, const std::vector<HistoryEntry>& entries) {
    auto& tr = ctx.tr;
    if (entries.empty()) return {};
    html::Table t;
    t.caption = tr("History");
    t.head = {tr("Date"), tr("What happened"), tr("By")};
    for (const auto& h : entries) {
        Writer what;
        const char* label = history_label(h.action);
        what.text(label ? tr(label) : h.action);
        if (!h.from_state.empty() && !h.to_state.empty()) {
            const auto from = parse_state(h.from_state), to = parse_state(h.to_state);
            if (from && to) what(" ({} → {})", tr(state_label(*from)), tr(state_label(*to)));
        }
        if (!h.reasons.empty()) {
            what("<ul class=\"list\">");
            for (const auto& r : h.reasons) what("<li>{}</li>", r);
            what("</ul>");
        }
        const auto by = !h.actor_id ? tr("The system") : h.actor_name.empty() ? tr("A deleted account") : h.actor_name;
        t.rows.push_back({html::text(i18n::format_datetime(tr, h.at)), what.take(), html::text(by)});
    }
    return html::table(t);
}

Html overview_body(web::Context& ctx, const Organisation& o, const html::Errors& e) {
    auto& tr = ctx.tr;
    const auto a = access(ctx, o);
    Writer w;
    w << html::error_summary(tr, e);
    w("<p>{} {}</p>", tr("State:"), state_tag(tr, o.state));

    if (o.state == State::Returned && !o.return_reasons.empty()) {
        Writer r;
        r("<h2>{}</h2><ul class=\"list\">", tr("The municipality returned the application for these reasons"));
        for (const auto& reason : o.return_reasons) r("<li>{}</li>", reason);
        r("</ul><p>{}</p>", tr("Correct the details or the documents, then submit again."));
        w << html::inset_text(r.take());
    }
    if (o.state == State::Submitted)
        w("<p>{}</p>", tr("The municipality is checking the details and documents. You will get an e-mail when it decides."));
    if (o.state == State::Verified && o.expires_at)
        w("<p>{}</p>", tr.tf("Verified by the municipality until {}.", i18n::format_date(tr, *o.expires_at)));

    const bool listed = o.state == State::Submitted || o.state == State::Verified;
    if (listed)
        w("<p><a href=\"{}\">{}</a></p>", ctx.url("/organisations/" + o.slug), tr("See the public profile"));

    w("<div class=\"button-group\">");
    if (a.admin || a.staff) w << html::button_link(tr("Edit details"), ctx.url(org_path(o.id, "/edit")), "secondary");
    w << html::button_link(tr("Documents"), ctx.url(org_path(o.id, "/documents")), "secondary");
    w << html::button_link(tr("Members"), ctx.url(org_path(o.id, "/members")), "secondary");
    w("</div>");

    const bool can_submit = o.state == State::Draft || o.state == State::Returned;
    if (can_submit) {
        const auto docs = documents(ctx, o.id);
        w("<h2 id=\"submit\">{}</h2>", tr("Before you submit"));
        w("<ul class=\"list\">");
        std::size_t missing = 0;
        for (const auto& kind : required_documents(o)) {
            const bool present = std::any_of(docs.begin(), docs.end(), [&](const Document& d) { return d.kind == kind; });
            missing += present ? 0 : 1;
            w("<li>{}: {}</li>", tr(document_kind_label(kind)),
              present ? html::tag(tr("On file"), "green") : html::tag(tr("Missing"), "red"));
        }
        w("</ul>");
        if (missing > 0)
            w("<p>{} <a href=\"{}\">{}</a></p>", tr("Upload the missing documents before you submit."),
              ctx.url(org_path(o.id, "/documents")), tr("Go to the documents"));
        if (a.admin && missing == 0) {
            w << html::form_start(ctx.url(org_path(o.id, "/submit")));
            w << html::csrf_input(ctx.csrf_token());
            w("<p>{}</p>", tr("By submitting you confirm that the details and documents are true and complete, and you ask the municipality to verify the organisation. Its name, kind and public details will then appear in the public directory."));
            w << html::button(tr("Submit for verification"));
            w << html::form_end();
        }
    }

    w("<h2>{}</h2>", tr("Main details"));
    const char* kind = kind_label(o.profile.kind);
    const char* subtype = subtype_label(o.profile.kind, o.profile.subtype);
    w << html::summary_list({
        {tr("Official name"), html::text(o.profile.official_name)},
        {tr("Kind"), html::text(kind ? tr(kind) : o.profile.kind)},
        {tr("Type or legal form"), html::text(subtype ? tr(subtype) : o.profile.subtype)},
        {tr("Tax number (AFM)"), html::text(o.profile.afm)},
        {tr("Seat address"), html::text(o.profile.seat_address)},
    });

    w("<h2>{}</h2>", tr("History"));
    const auto entries = history(ctx, o.id);
    if (entries.empty()) w("<p>{}</p>", tr("Nothing has happened yet."));
    else w << history_table(ctx, entries);
    return w.take();
}

http::Response overview(web::Context& ctx, std::int64_t id, const html::Errors& e, int status = 200) {
    const auto o = load(ctx, id);
    return ctx.page(display_name(o), overview_body(ctx, o, e), crumbs(ctx, nullptr, display_name(o)), status);
}

}  // namespace

void install_admin_pages(web::App& app) {
    app.nav({N_("My organisations"), "/my/organisations", [](const web::Context& c) { return c.logged_in(); }});
    app.get("/my/organisations", my_list);
    app.my_section({.order = 30, .render = my_section});
    app.get("/my/organisations/{id}", [](web::Context& ctx) {
        ctx.require_login();
        return overview(ctx, ctx.id_param(), html::Errors(ctx.tr));
    });
    app.post("/my/organisations/{id}/submit", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        try {
            submit(ctx, id);
        } catch (const web::Invalid& inv) {
            return overview(ctx, id, errors_on(inv.errors, "submit"), 422);
        }
        return ctx.redirect(org_path(id), N_("The organisation has been submitted. The municipality will check it and let you know."));
    });
    install_form_pages(app);
    install_document_pages(app);
    install_people_pages(app);
}

}  // namespace syn::registry
