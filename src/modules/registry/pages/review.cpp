// Municipal staff's side of the organisation registry: the queue of submissions, the review page
// (every field, documents, possible duplicates, the automatic checks, the decision form with the
// verification checklist, internal notes and the full history) and the CSV import.
//
// The pages only turn input into commands and results into HTML: every permission is checked by
// the services (registry.read to look, registry.review to decide or write notes, registry.import
// to import), which throw Forbidden/NotFound; hiding a form here is a courtesy, not a check.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "modules/registry/formats.hpp"
#include "modules/registry/pages.hpp"
#include "modules/registry/pages/shared.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/fields.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/markdown.hpp"
#include "platform/http/percent.hpp"
#include "platform/text/csv.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/i18n/day_text.hpp"
#include "platform/web/components.hpp"
#include "platform/web/export.hpp"
#include "platform/web/location_map.hpp"
#include "platform/text/number.hpp"
#include "platform/text/search.hpp"
#include "platform/text/text.hpp"
#include "platform/web/app.hpp"

namespace syn::registry {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

constexpr const char* kQueuePath = "/admin/organisations";
constexpr const char* kImportPath = "/admin/organisations/import";
constexpr std::size_t kMaxQueryChars = 200;

// ---------------------------------------------------------------- small helpers

// The {id} of the route; an id that cannot be one is a page that does not exist.
std::int64_t org_id(const web::Context& ctx) { return ctx.id_param(); }

std::string review_path(std::int64_t id) { return fmt::format("{}/{}", kQueuePath, id); }

std::string label_or_code(const web::Context& ctx, const char* msgid, const std::string& code) {
    return msgid ? ctx.tr(msgid) : code;
}

std::string date_or_dash(const web::Context& ctx, const std::optional<std::int64_t>& t) {
    return t ? i18n::format_date(ctx.tr, *t) : "—";
}

// Multi-line text typed by people (notes, reasons) as escaped paragraphs with line breaks.
Html paragraphs(std::string_view text) {
    Writer w;
    w("<p>");
    std::size_t start = 0;
    bool first = true;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!first) w("<br>");
        w("{}", line);
        first = false;
        start = end + 1;
    }
    w("</p>");
    return w.take();
}

Html bullet_list(const std::vector<std::string>& items) {
    Writer w;
    w("<ul>");
    for (const auto& i : items) w("<li>{}</li>", i);
    w("</ul>");
    return w.take();
}

// Reasons are stored as typed, except the failed checklist items, which are stored as msgids so
// that each reader sees them in their own language; tr() leaves other text as it is.
std::vector<std::string> translated(const web::Context& ctx, const std::vector<std::string>& reasons) {
    std::vector<std::string> out;
    for (const auto& r : reasons) out.push_back(ctx.tr(r.c_str()));
    return out;
}

// One line per reason; blank lines are dropped (people leave one at the end).
std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text::trim(text.substr(start, end - start));
        if (!line.empty()) out.push_back(std::move(line));
        start = end + 1;
    }
    return out;
}

// ---------------------------------------------------------------- the queue

struct StateChoice {
    const char* value;
    std::optional<State> state;  // nullopt: every state
};
constexpr StateChoice kStateChoices[] = {
    {"submitted", State::Submitted}, {"returned", State::Returned}, {"verified", State::Verified},
    {"suspended", State::Suspended}, {"dissolved", State::Dissolved}, {"draft", State::Draft},
    {"all", std::nullopt},
};

// The review list's filters as the query gives them; problems go into `e`.
struct QueueFilter {
    std::string state, q;
    QueueQuery query;
};
QueueFilter read_queue_filter(web::Context& ctx, Errors& e) {
    auto& tr = ctx.tr;
    QueueFilter f;
    f.state = ctx.query.value("state");
    if (f.state.empty()) f.state = "submitted";
    const auto choice = std::find_if(std::begin(kStateChoices), std::end(kStateChoices),
                                     [&](const StateChoice& c) { return f.state == c.value; });
    if (choice == std::end(kStateChoices)) e.add("state", tr("Choose a state from the list"));
    f.q = text::trim(ctx.query.value("q"));
    if (text::characters(f.q) > kMaxQueryChars) e.add("q", tr("The search text must be 200 characters or fewer"));
    if (auto p = text::parse_int(ctx.query.value("page"), 1, 999'999)) f.query.page = static_cast<int>(*p);
    f.query.state = choice == std::end(kStateChoices) || !choice->state ? "" : state_code(*choice->state);
    f.query.q = f.q;
    return f;
}

http::Response queue_page(web::Context& ctx);

// Every organisation the filters choose (all pages, at most kMaxExportedPages of them), as a
// file for Excel. A wrong filter shows the list with its message, as the page itself does.
constexpr int kMaxExportedPages = 100;

http::Response queue_export(web::Context& ctx, web::ExportFormat format) {
    auto& tr = ctx.tr;
    Errors e(tr);
    auto f = read_queue_filter(ctx, e);
    ctx.require(kPermRead);
    if (!e.empty()) return queue_page(ctx);
    web::ExportTable t;
    t.sheet_name = tr("Organisations");
    t.headings = {tr("Name"), tr("Distinctive title"), tr("Kind"), tr("Tax number (AFM)"), tr("Neighbourhood"), tr("Submitted"), tr("State"),
                  tr("Verification expires")};
    const auto day = [](const std::optional<std::int64_t>& at) {
        return at ? web::ExportValue(i18n::athens_day(*at)) : web::ExportValue();
    };
    f.query.per_page = 100;
    for (f.query.page = 1; f.query.page <= kMaxExportedPages; ++f.query.page) {
        const auto result = queue(ctx, f.query);
        for (const auto& o : result.items)
            t.rows.push_back({o.profile.official_name, o.profile.distinctive_title, label_or_code(ctx, kind_label(o.profile.kind), o.profile.kind),
                              o.profile.afm, o.profile.neighbourhood, day(o.submitted_at), tr(state_label(o.state)),
                              o.state == State::Verified ? day(o.expires_at) : web::ExportValue()});
        if (f.query.page >= result.pages) break;
    }
    return web::export_response(t, format, "organisations-" + ctx.tenant.slug);
}

http::Response queue_page(web::Context& ctx) {
    auto& tr = ctx.tr;
    Errors e(tr);
    const auto filter = read_queue_filter(ctx, e);
    const auto& state = filter.state;
    const auto& q = filter.q;
    const auto& qq = filter.query;
    // The service checks registry.read even when the filter is wrong, so nobody else sees the form.
    DirectoryPage result;
    if (e.empty()) result = queue(ctx, qq);
    else ctx.require(kPermRead);

    Writer w;
    w << html::error_summary(tr, e);
    w << html::form_start(ctx.url(kQueuePath), "get");
    std::vector<html::Option> options;
    for (const auto& c : kStateChoices)
        options.push_back({c.value, c.state ? tr(state_label(*c.state)) : tr("All states")});
    w << html::select({.name = "state", .label = tr("State"), .value = state}, options, e);
    w << html::input({.name = "q", .label = tr("Name or tax number (AFM)"), .value = q, .type = "search"}, e);
    w << html::button(tr("Show"), "secondary");
    w << html::form_end();

    if (e.empty()) {
        w("<p>{}</p>", !q.empty() && text::more_than_counted(result.total)
                           ? tr.tf("More than {} organisations found.", text::kSearchCountCap)
                           : tr.tn("{} organisation found.", "{} organisations found.", static_cast<long>(result.total)));
        if (!result.items.empty()) {
            html::Table t;
            t.caption = tr("Organisations, oldest submission first");
            t.head = {tr("Name"), tr("Kind"), tr("Submitted"), tr("State"), tr("Verification expires")};
            for (const auto& o : result.items) {
                Writer name;
                name("<a href=\"{}\">{}</a>", ctx.url(review_path(o.id)), o.profile.official_name);
                t.rows.push_back({name.take(), html::text(label_or_code(ctx, kind_label(o.profile.kind), o.profile.kind)),
                                  html::text(date_or_dash(ctx, o.submitted_at)), state_tag(ctx.tr, o.state),
                                  html::text(o.state == State::Verified ? date_or_dash(ctx, o.expires_at) : "")});
            }
            w << html::table(t);
        }
        w << html::pagination(tr, result.page, result.pages, [&](int n) {
            return fmt::format("{}?state={}&q={}&page={}", ctx.url(kQueuePath), http::percent_encode(state), http::percent_encode(q), n);
        });
        if (!result.items.empty())
            w << web::export_links(tr, ctx.url(std::string(kQueuePath) + "/export"),
                                   fmt::format("state={}&q={}", http::percent_encode(state), http::percent_encode(q)));
    }
    if (ctx.can(kPermImport))
        w("<p><a href=\"{}\">{}</a></p>", ctx.url(kImportPath), tr("Import organisations from a CSV file"));
    return ctx.page(tr("Organisation registry"), w.take(), {{tr("Organisation registry"), ""}}, e.empty() ? 200 : 422);
}

// ---------------------------------------------------------------- the review page

// What the decision and note forms hold when the page is shown again after an error.
struct ReviewForm {
    std::string decision;
    std::optional<Checklist> checklist;  // nullopt: pre-tick from the automatic checks
    std::string reasons;
    std::string note;
};

// The decisions staff may take; only those the lifecycle allows from the current state are offered.
struct DecisionChoice {
    Event event;
    const char* label;
};
constexpr DecisionChoice kDecisions[] = {
    {Event::Verify, N_("Verify")},
    {Event::ReturnWithReasons, N_("Return for corrections, with reasons")},
    {Event::Renew, N_("Renew the verification")},
    {Event::Suspend, N_("Suspend")},
    {Event::Reinstate, N_("Reinstate")},
    {Event::Dissolve, N_("Record as dissolved")},
};

std::vector<DecisionChoice> allowed_decisions(State from) {
    std::vector<DecisionChoice> out;
    // A placeholder reason, so that "return" is judged on the state alone.
    const std::vector<std::string> any_reason{"-"};
    for (const auto& d : kDecisions)
        if (next(from, d.event, any_reason).ok) out.push_back(d);
    return out;
}

struct ChecklistItem {
    const char* name;
    const char* label;
    bool Checklist::*member;
};
constexpr ChecklistItem kChecklist[] = {
    {"documents_present", N_("The required documents are present"), &Checklist::documents_present},
    {"afm_valid", N_("The tax number (AFM) is valid"), &Checklist::afm_valid},
    {"seat_in_municipality", N_("The seat is within the municipality"), &Checklist::seat_in_municipality},
    {"no_duplicate", N_("The organisation is not already registered"), &Checklist::no_duplicate},
};

const char* document_kind_label(std::string_view kind) {
    if (kind == "statute") return N_("Statute");
    if (kind == "board_decision") return N_("Board decision");
    if (kind == "registry_certificate") return N_("Registry certificate");
    return N_("Other document");
}

const char* history_action_label(std::string_view a) {
    if (a == "create") return N_("Creation");
    if (a == "edit" || a == "update") return N_("Change of details");
    if (a == "submit") return N_("Submission");
    if (a == "verify") return N_("Verification");
    if (a == "return" || a == "return_with_reasons") return N_("Return for corrections");
    if (a == "suspend") return N_("Suspension");
    if (a == "reinstate") return N_("Reinstatement");
    if (a == "dissolve") return N_("Dissolution");
    if (a == "renew") return N_("Renewal of the verification");
    if (a == "expire") return N_("Expiry of the verification");
    if (a == "expiry.reminder") return N_("Expiry reminder sent");
    if (a == "document.add") return N_("Document added");
    if (a == "document.remove") return N_("Document removed");
    if (a == "logo" || a == "logo.set") return N_("Logo changed");
    if (a == "member.join") return N_("Member joined");
    if (a == "member.leave") return N_("Member left");
    if (a == "member.remove") return N_("Member removed");
    if (a == "member.promote") return N_("Member made admin");
    if (a == "member.demote") return N_("Admin made a plain member");
    if (a == "member.role") return N_("Member's role changed");
    if (a == "admin.transfer") return N_("Admin rights transferred");
    if (a == "member.invite" || a == "invite") return N_("Invitation sent");
    if (a == "invitation.revoke") return N_("Invitation withdrawn");
    if (a == "import") return N_("Imported from a CSV file");
    if (a == "note") return N_("Internal note added");
    return nullptr;
}

// A profile field with a "municipality only" tag when the public cannot see it.
html::SummaryRow field_row(const web::Context& ctx, const Organisation& o, std::string key, Html value, const char* visibility_field) {
    if (visibility_field && visibility_of(o.profile, visibility_field) == Visibility::Municipality) {
        Writer w;
        w << value;
        w(" {}", html::tag(ctx.tr("Municipality only"), "grey"));
        value = w.take();
    }
    return {.key = std::move(key), .value = std::move(value)};
}

Html details_section(const web::Context& ctx, const Organisation& o) {
    auto& tr = ctx.tr;
    const auto& p = o.profile;
    auto txt = [](const std::string& s) { return html::text(s.empty() ? "—" : s); };
    std::vector<std::string> area_names;
    for (const auto& a : p.areas) area_names.push_back(label_or_code(ctx, area_label(a), a));
    std::string coordinates = o.latitude && o.longitude ? fmt::format("{:.6f}, {:.6f}", *o.latitude, *o.longitude) : "";
    Html links = p.social_links.empty() ? html::text("—") : [&] {
        Writer w;
        w("<ul>");
        for (const auto& l : p.social_links) w("<li>{}</li>", l);  // shown, not linked: staff check them first
        w("</ul>");
        return w.take();
    }();
    Html board = [&] {
        Writer w;
        w("<ul>");
        w("<li>{}: {}</li>", tr("President"), p.board.president.empty() ? "—" : p.board.president);
        w("<li>{}: {}</li>", tr("Secretary"), p.board.secretary.empty() ? "—" : p.board.secretary);
        w("<li>{}: {}</li>", tr("Treasurer"), p.board.treasurer.empty() ? "—" : p.board.treasurer);
        for (const auto& m : p.board.members) w("<li>{}: {}</li>", tr("Member"), m);
        w("</ul>");
        return w.take();
    }();
    Html description = p.description_markdown.empty() ? html::text("—") : html::render_markdown(p.description_markdown);

    std::vector<html::SummaryRow> rows{
        field_row(ctx, o, tr("Official name"), txt(p.official_name), nullptr),
        field_row(ctx, o, tr("Distinctive title"), txt(p.distinctive_title), nullptr),
        field_row(ctx, o, tr("Kind"), txt(label_or_code(ctx, kind_label(p.kind), p.kind)), nullptr),
        field_row(ctx, o, tr("Type or legal form"), txt(label_or_code(ctx, subtype_label(p.kind, p.subtype), p.subtype)), nullptr),
        field_row(ctx, o, tr("Tax number (AFM)"), txt(p.afm), "afm"),
        field_row(ctx, o, tr("GEMI number"), txt(p.gemi_number), "gemi_number"),
        field_row(ctx, o, tr("KAlO registry number"), txt(p.kalo_registry_number), "kalo_registry_number"),
        field_row(ctx, o, tr("Court registry number"), txt(p.court_registry_number), "court_registry_number"),
        field_row(ctx, o, tr("Founding date"), txt(i18n::numeric_day(p.founding_date)), "founding_date"),
        field_row(ctx, o, tr("Areas of action"), area_names.empty() ? html::text("—") : bullet_list(area_names), nullptr),
        field_row(ctx, o, tr("Description"), description, "description_markdown"),
        field_row(ctx, o, tr("Seat address"), txt(p.seat_address), "seat_address"),
        field_row(ctx, o, tr("Neighbourhood"), txt(p.neighbourhood), "neighbourhood"),
        field_row(ctx, o, tr("Postal code"), txt(p.postal_code), "postal_code"),
        field_row(ctx, o, tr("Coordinates"), txt(coordinates), "coordinates"),
        field_row(ctx, o, tr("Email"), txt(p.email), "email"),
        field_row(ctx, o, tr("Phone"), txt(p.phone), "phone"),
        field_row(ctx, o, tr("Web site"), txt(p.website), "website"),
        field_row(ctx, o, tr("Social media"), links, "social_links"),
        field_row(ctx, o, tr("Declared members"), txt(p.declared_members), "declared_members"),
        field_row(ctx, o, tr("Board"), board, "board"),
    };
    Writer w;
    w("<h2>{}</h2>", tr("Details"));
    w << html::summary_list(rows);
    if (o.latitude && o.longitude) w << web::pin_view(ctx, tr("Map of the organisation's seat"), *o.latitude, *o.longitude, p.official_name);
    return w.take();
}

Html status_section(const web::Context& ctx, const Organisation& o) {
    auto& tr = ctx.tr;
    std::vector<html::SummaryRow> rows{
        {.key = tr("State"), .value = state_tag(ctx.tr, o.state)},
        {.key = tr("Created"), .value = html::text(i18n::format_date(tr, o.created_at))},
        {.key = tr("Submitted"), .value = html::text(date_or_dash(ctx, o.submitted_at))},
    };
    if (o.verified_at) rows.push_back({.key = tr("Verified on"), .value = html::text(i18n::format_date(tr, *o.verified_at))});
    if (o.expires_at) rows.push_back({.key = tr("Verification expires"), .value = html::text(i18n::format_date(tr, *o.expires_at))});
    if (o.reminded_at) rows.push_back({.key = tr("Expiry reminder sent"), .value = html::text(i18n::format_date(tr, *o.reminded_at))});
    if (o.state == State::Returned && !o.return_reasons.empty())
        rows.push_back({.key = tr("Reasons for the return"), .value = bullet_list(translated(ctx, o.return_reasons))});
    Writer w;
    w("<h2>{}</h2>", tr("Status"));
    w << html::summary_list(rows);
    if (o.state == State::Submitted || o.state == State::Verified)
        w("<p><a href=\"{}\">{}</a></p>", ctx.url("/organisations/" + o.slug), tr("See the public profile"));
    return w.take();
}

Html documents_section(web::Context& ctx, const Organisation& o) {
    auto& tr = ctx.tr;
    const auto docs = documents(ctx, o.id);
    Writer w;
    w("<h2>{}</h2>", tr("Documents"));
    if (docs.empty()) {
        w("<p>{}</p>", tr("The organisation has not filed any documents."));
        return w.take();
    }
    html::Table t;
    t.caption = tr("Documents filed by the organisation");
    t.head = {tr("Document"), tr("File"), tr("Size"), tr("Uploaded")};
    t.numeric_columns = {2};
    for (const auto& d : docs) {
        Writer file;
        file("<a href=\"{}\">{}</a>", ctx.url(fmt::format("/organisation-documents/{}/{}", o.id, d.id)), d.filename);
        t.rows.push_back({html::text(tr(document_kind_label(d.kind))), file.take(),
                          html::text(tr.tf("{} KB", i18n::format_number(tr, std::max<double>(1.0, static_cast<double>(d.size) / 1024.0)))),
                          html::text(i18n::format_date(tr, d.uploaded_at))});
    }
    w << html::table(t);
    return w.take();
}

Html duplicates_section(web::Context& ctx, const Organisation& o) {
    auto& tr = ctx.tr;
    const auto dups = possible_duplicates(ctx, o);
    Writer w;
    w("<h2>{}</h2>", tr("Possible duplicates"));
    if (dups.empty()) {
        w("<p>{}</p>", tr("No other organisation of the municipality has the same tax number (AFM) or name."));
        return w.take();
    }
    w("<ul>");
    for (const auto& d : dups) {
        w("<li><a href=\"{}\">{}</a>", ctx.url(review_path(d.id)), d.profile.official_name);
        if (!d.profile.afm.empty()) w(" — {} {}", tr("AFM"), d.profile.afm);
        w(" {}</li>", state_tag(ctx.tr, d.state));
    }
    w("</ul>");
    return w.take();
}

Html automatic_section(const web::Context& ctx, const Checklist& c) {
    auto& tr = ctx.tr;
    Writer w;
    w("<h2>{}</h2>", tr("Automatic checks"));
    w("<p>{}</p>", tr("What the platform could check by itself. Whether the seat is within the municipality only a person can tell."));
    std::vector<html::SummaryRow> rows;
    for (const auto& item : kChecklist) {
        Html value = item.member == &Checklist::seat_in_municipality
                         ? html::tag(tr("Check by hand"), "yellow")
                         : (c.*item.member ? html::tag(tr("Passed"), "green") : html::tag(tr("Not passed"), "red"));
        rows.push_back({.key = tr(item.label), .value = value});
    }
    w << html::summary_list(rows);
    return w.take();
}

Html decision_section(web::Context& ctx, const Organisation& o, const Checklist& automatic, const ReviewForm& f, const Errors& e) {
    auto& tr = ctx.tr;
    Writer w;
    w("<h2>{}</h2>", tr("Decision"));
    const auto choices = allowed_decisions(o.state);
    if (choices.empty()) {
        w("<p>{}</p>", tr("No decision can be taken on an organisation in this state."));
        return w.take();
    }
    w << html::form_start(ctx.url(review_path(o.id) + "/decision"));
    w << html::csrf_input(ctx.csrf_token());
    std::vector<html::Option> options;
    for (const auto& d : choices) options.push_back({event_code(d.event), tr(d.label)});
    w << html::radios({.name = "decision", .label = tr("What do you decide?"), .value = f.decision}, options, e);

    // The checklist: every item must be ticked to verify or renew.
    const Checklist ticked = f.checklist.value_or([&] {
        Checklist c = automatic;
        c.seat_in_municipality = false;  // only a person can tell
        return c;
    }());
    Writer boxes;
    for (const auto& item : kChecklist) boxes << html::checkbox(item.name, tr(item.label), ticked.*item.member);
    w << html::fieldset_group(
        {.name = "checklist", .label = tr("Verification checklist"),
         .hint = tr("Needed to verify or renew: tick each item you have checked. The automatic checks are ticked for you; check them too.")},
        e, boxes.take(), true);

    w << html::textarea({.name = "reasons", .label = tr("Reasons"), .value = f.reasons,
                         .hint = tr("One reason per line. Needed to return the organisation for corrections, optional for a suspension or dissolution. The organisation's admins see them.")},
                        e, 5);
    w << html::button(tr("Record the decision"));
    w << html::form_end();
    return w.take();
}

Html notes_section(web::Context& ctx, const Organisation& o, const ReviewForm& f, const Errors& e) {
    auto& tr = ctx.tr;
    const auto list = notes(ctx, o.id);
    Writer w;
    w("<h2>{}</h2>", tr("Internal notes"));
    w("<p>{}</p>", tr("Only municipal staff see these notes; the organisation never does."));
    if (list.empty()) w("<p>{}</p>", tr("There are no notes yet."));
    for (const auto& n : list) {
        w("<div class=\"inset-text\"><p class=\"secondary-text\">{} — {}</p>", n.author_name, i18n::format_datetime(tr, n.created_at));
        w << paragraphs(n.body);
        w("</div>");
    }
    if (ctx.can(kPermReview)) {
        w << html::form_start(ctx.url(review_path(o.id) + "/notes"));
        w << html::csrf_input(ctx.csrf_token());
        w << html::textarea({.name = "note", .label = tr("New note"), .value = f.note, .hint = tr("At most 5,000 characters.")}, e, 4);
        w << html::button(tr("Add the note"), "secondary");
        w << html::form_end();
    }
    return w.take();
}

Html history_section(web::Context& ctx, const Organisation& o) {
    auto& tr = ctx.tr;
    const auto entries = history(ctx, o.id);
    Writer w;
    w("<h2>{}</h2>", tr("History"));
    if (entries.empty()) {
        w("<p>{}</p>", tr("Nothing has been recorded yet."));
        return w.take();
    }
    html::Table t;
    t.caption = tr("Everything that happened to the organisation, newest first");
    t.head = {tr("When"), tr("Who"), tr("What"), tr("State"), tr("Reasons")};
    for (const auto& h : entries) {
        const char* action = history_action_label(h.action);
        Html change;
        if (!h.from_state.empty() || !h.to_state.empty()) {
            Writer c;
            if (!h.from_state.empty()) c << state_tag(ctx.tr, h.from_state);
            c(" → ");
            c << state_tag(ctx.tr, h.to_state);
            change = c.take();
        }
        std::string who = h.actor_id ? (h.actor_name.empty() ? tr("Deleted account") : h.actor_name) : tr("The system");
        t.rows.push_back({html::text(i18n::format_datetime(tr, h.at)), html::text(who), html::text(action ? tr(action) : h.action), change,
                          h.reasons.empty() ? Html{} : bullet_list(translated(ctx, h.reasons))});
    }
    w << html::table(t);
    return w.take();
}

http::Response review_page(web::Context& ctx, std::int64_t id, const ReviewForm& f, const Errors& e, int status) {
    auto& tr = ctx.tr;
    // A staff page: anyone else gets 403 here, even for an organisation they belong to (load()
    // alone would let its members in, and answer strangers 404).
    ctx.require(kPermRead);
    const auto o = load(ctx, id);  // NotFound for another municipality's organisation
    const auto automatic = automatic_checklist(ctx, o);
    Writer w;
    w << html::error_summary(tr, e);
    w << status_section(ctx, o);
    w << details_section(ctx, o);
    w << documents_section(ctx, o);
    w << duplicates_section(ctx, o);
    w << automatic_section(ctx, automatic);
    if (ctx.can(kPermReview)) w << decision_section(ctx, o, automatic, f, e);
    w << notes_section(ctx, o, f, e);
    w << history_section(ctx, o);
    auto sh = ctx.shell({{tr("Organisation registry"), ctx.url(kQueuePath)}, {o.profile.official_name, ""}});
    if (o.latitude && o.longitude) web::add_map_assets(sh, ctx, "js/request-map.js");
    return ctx.page(std::move(sh), o.profile.official_name, w.take(), status);
}

http::Response get_review(web::Context& ctx) { return review_page(ctx, org_id(ctx), {}, Errors(ctx.tr), 200); }

http::Response post_decision(web::Context& ctx) {
    const auto id = org_id(ctx);
    ReviewForm f;
    f.decision = ctx.form.value("decision");
    f.reasons = ctx.form.value("reasons");
    Checklist c;
    for (const auto& item : kChecklist) c.*item.member = !ctx.form.value(item.name).empty();
    f.checklist = c;

    const auto event = parse_event(f.decision);
    const bool offered = event && std::any_of(std::begin(kDecisions), std::end(kDecisions),
                                              [&](const DecisionChoice& d) { return d.event == *event; });
    try {
        if (!offered) {
            ctx.require(kPermReview);  // a bad form from someone who may not decide is still a 403
            Errors e(ctx.tr);
            e.add("decision", ctx.tr("Choose a decision"));
            throw web::Invalid(std::move(e));
        }
        decide(ctx, id, Decision{*event, c, lines_of(f.reasons)});
    } catch (const web::Invalid& inv) {
        return review_page(ctx, id, f, inv.errors, 422);
    }
    return ctx.redirect(review_path(id), N_("The decision has been recorded."));
}

http::Response post_note(web::Context& ctx) {
    const auto id = org_id(ctx);
    ReviewForm f;
    f.note = ctx.form.value("note");
    try {
        add_note(ctx, id, f.note);
    } catch (const web::Invalid& inv) {
        return review_page(ctx, id, f, inv.errors, 422);
    }
    return ctx.redirect(review_path(id) + "#note", N_("The note has been added."));
}

// ---------------------------------------------------------------- CSV import

Html columns_help(const web::Context& ctx) {
    auto& tr = ctx.tr;
    Writer w;
    w("<h2>{}</h2>", tr("The file"));
    w("<p>{}</p>", tr("A CSV file in UTF-8 or in Excel's Greek encoding, with commas or semicolons between the fields. "
                      "The first line names the columns; their order does not matter. Each following line is one organisation."));
    w("<p><a href=\"{}\" download>{}</a></p>", ctx.url(std::string(kImportPath) + "/template.csv"),
      tr("Download a template with every column"));
    html::Table t;
    t.caption = tr("Columns");
    t.head = {tr("Column"), tr("What it holds"), tr("Also accepted as"), tr("Required")};
    for (const auto& c : formats::import_columns()) {
        std::string greek;
        for (const char* g : c.greek) greek += (greek.empty() ? "" : ", ") + std::string(g);
        t.rows.push_back({html::text(c.code), html::text(tr(c.label)), html::text(greek), html::text(c.required ? tr("Yes") : tr("No"))});
    }
    w << html::details(tr("Which columns the file may have"), html::table(t));
    w("<p>{}</p>", tr.tf("Separate the items of a list (areas of action, social media links, board members) with «{}».",
                         std::string(1, formats::kListSeparator)));
    return w.take();
}

Html import_form(web::Context& ctx, bool dry_run, bool skip_invalid, const Errors& e) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::form_start(ctx.url(kImportPath), "post", true);
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "file", .label = tr("CSV file"), .hint = tr("At most 20 MB."), .type = "file"}, e);
    w << html::checkbox("dry_run", tr("Dry run (check only)"), dry_run, tr("Reports the problems line by line and imports nothing."));
    w << html::checkbox("skip_invalid", tr("Skip invalid rows"), skip_invalid,
                        tr("Imports the valid rows even when others have problems. Without it, nothing is imported while any row is invalid."));
    w << html::button(tr("Check or import the file"));
    w << html::form_end();
    return w.take();
}

Html import_report(const web::Context& ctx, const ImportReport& r, bool dry_run) {
    auto& tr = ctx.tr;
    Writer w;
    w("<h2>{}</h2>", dry_run ? tr("Result of the check") : tr("Result of the import"));
    w << html::summary_list({
        {.key = tr("Rows read"), .value = html::text(std::to_string(r.rows))},
        {.key = tr("Valid rows"), .value = html::text(std::to_string(r.valid))},
        {.key = tr("Organisations imported"), .value = html::text(std::to_string(r.imported))},
    });
    if (r.problems.empty()) {
        w("<p>{}</p>", dry_run ? tr("No problems found. Untick «Dry run» and send the file again to import it.")
                               : tr("No problems found."));
        return w.take();
    }
    if (r.imported == 0 && !dry_run)
        w << html::warning_text(tr, tr("Nothing was imported, because some rows have problems. Correct them, or tick «Skip invalid rows»."));
    html::Table t;
    t.caption = tr("Problems, by line of the file");
    t.head = {tr("Line"), tr("Column"), tr("Problem")};
    t.numeric_columns = {0};
    for (const auto& p : r.problems)
        t.rows.push_back({html::text(std::to_string(p.line)), html::text(p.field.empty() ? "—" : p.field), html::text(p.message)});
    w << html::table(t);
    return w.take();
}

http::Response import_page(web::Context& ctx, bool dry_run, bool skip_invalid, const Errors& e, const ImportReport* report, int status) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::error_summary(tr, e);
    if (report) w << import_report(ctx, *report, dry_run);
    w << import_form(ctx, dry_run, skip_invalid, e);
    w << columns_help(ctx);
    return ctx.page(tr("Import organisations"), w.take(),
                    {{tr("Organisation registry"), ctx.url(kQueuePath)}, {tr("Import organisations"), ""}}, status);
}

http::Response get_import(web::Context& ctx) {
    ctx.require(kPermImport);
    return import_page(ctx, true, false, Errors(ctx.tr), nullptr, 200);
}

http::Response post_import(web::Context& ctx) {
    ctx.require(kPermImport);
    const bool dry_run = !ctx.form.value("dry_run").empty();
    const bool skip_invalid = !ctx.form.value("skip_invalid").empty();
    const auto file = std::find_if(ctx.files.begin(), ctx.files.end(), [](const http::Part& p) { return p.name == "file"; });
    if (file == ctx.files.end() || file->data.empty()) {
        Errors e(ctx.tr);
        e.add("file", ctx.tr("Choose a CSV file to import"));
        return import_page(ctx, dry_run, skip_invalid, e, nullptr, 422);
    }
    try {
        const auto report = import_csv(ctx, file->data, dry_run, skip_invalid);
        return import_page(ctx, dry_run, skip_invalid, Errors(ctx.tr), &report, 200);
    } catch (const web::Invalid& inv) {
        return import_page(ctx, dry_run, skip_invalid, inv.errors, nullptr, 422);
    }
}

// The header line and one example row, with a byte-order mark so that Excel on Greek Windows
// reads the file as UTF-8.
http::Response get_template(web::Context& ctx) {
    ctx.require(kPermImport);
    auto body = formats::import_template();
    if (!body.starts_with(text::csv::kUtf8Bom)) body.insert(0, text::csv::kUtf8Bom);
    http::Response r;
    r.headers.set("Content-Type", "text/csv; charset=utf-8");
    r.headers.set("Content-Disposition", "attachment; filename=\"organisations-template.csv\"");
    r.body = std::move(body);
    return r;
}

}  // namespace

void install_review_pages(web::App& app) {
    app.nav_if_allowed(N_("Organisation registry"), kQueuePath, kPermRead);
    app.get(kQueuePath, queue_page);
    app.get(std::string(kQueuePath) + "/export.csv", [](web::Context& ctx) { return queue_export(ctx, web::ExportFormat::Csv); });
    app.get(std::string(kQueuePath) + "/export.xlsx", [](web::Context& ctx) { return queue_export(ctx, web::ExportFormat::Xlsx); });
    app.get(kImportPath, get_import);
    app.post(kImportPath, post_import, web::RouteOptions{.body = web::Body::Upload});
    app.get(std::string(kImportPath) + "/template.csv", get_template);
    app.get(std::string(kQueuePath) + "/{id}", get_review);
    app.post(std::string(kQueuePath) + "/{id}/decision", post_decision, web::RouteOptions{.body = web::Body::Form});
    app.post(std::string(kQueuePath) + "/{id}/notes", post_note, web::RouteOptions{.body = web::Body::Form});
}

}  // namespace syn::registry
