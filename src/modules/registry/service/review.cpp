// Municipal staff: the queue, the verification checklist, decisions, internal notes, history.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/service/shared.hpp"
#include "modules/registry/store.hpp"
#include "platform/web/app.hpp"
#include "platform/text/text.hpp"

namespace syn::registry {

namespace {

constexpr std::size_t kMaxNote = 5000;

bool staff_event(Event e) {
    return e == Event::Verify || e == Event::ReturnWithReasons || e == Event::Suspend || e == Event::Reinstate ||
           e == Event::Dissolve || e == Event::Renew;
}

Checklist checklist_in(soci::session& s, const Organisation& o) {
    Checklist c;
    c.documents_present = detail::missing_documents(s, o).empty();
    c.afm_valid = o.profile.afm.empty() ? o.profile.subtype == kSubtypeInformalGroup : text::valid_afm(o.profile.afm);
    c.no_duplicate = store::duplicates(s, o.municipality_id, o.id, o.profile.afm, text::fold(o.profile.official_name)).empty();
    c.seat_in_municipality = false;  // only a person can tell
    return c;
}

nlohmann::json checklist_json(const Checklist& c) {
    return {{"documents_present", c.documents_present},
            {"afm_valid", c.afm_valid},
            {"seat_in_municipality", c.seat_in_municipality},
            {"no_duplicate", c.no_duplicate}};
}

// The mail to the organisation's admins after a decision, each in their language.
void mail_outcome(soci::session& s, const web::Scope& scope, const Organisation& o, Event e, const std::vector<std::string>& reasons) {
    const char* subject = nullptr;
    const char* lead = nullptr;
    switch (e) {
        case Event::Verify:
        case Event::Renew:
            subject = N_("Your organisation has been verified");
            lead = N_("The municipality has verified «{}». The verified badge now shows in the public directory.");
            break;
        case Event::ReturnWithReasons:
            subject = N_("Your organisation's registration needs changes");
            lead = N_("The municipality returned the registration of «{}» with the reasons below. Make the changes and submit it again.");
            break;
        case Event::Suspend:
            subject = N_("Your organisation has been suspended");
            lead = N_("The municipality suspended «{}» in the registry. It no longer shows in the public directory.");
            break;
        case Event::Reinstate:
            subject = N_("Your organisation has been reinstated");
            lead = N_("The municipality reinstated «{}» in the registry.");
            break;
        case Event::Dissolve:
            subject = N_("Your organisation has been marked as dissolved");
            lead = N_("The municipality recorded «{}» as dissolved. It no longer shows in the public directory.");
            break;
        default: return;
    }
    detail::tell_admins(s, scope, o, [&](const i18n::Tr& tr) {
        std::string body = tr.tf(lead, o.profile.official_name) + "\n\n";
        for (const auto& r : reasons) body += "- " + r + "\n";
        if (!reasons.empty()) body += "\n";
        body += tr.tf("Manage the organisation: {}", scope.absolute_url("/my/organisations/" + std::to_string(o.id))) + "\n";
        return std::pair{tr(subject), body};
    });
}

}  // namespace

DirectoryPage queue(const web::Scope& scope, const QueueQuery& q) {
    scope.require(kPermRead);
    return scope.db.read([&](soci::session& s) { return store::queue(s, scope.tenant.id, q); });
}

Checklist automatic_checklist(const web::Scope& scope, const Organisation& o) {
    scope.require(kPermRead);
    if (o.municipality_id != scope.tenant.id) throw web::NotFound();
    return scope.db.read([&](soci::session& s) { return checklist_in(s, o); });
}

std::vector<Organisation> possible_duplicates(const web::Scope& scope, const Organisation& o) {
    scope.require(kPermRead);
    if (o.municipality_id != scope.tenant.id) throw web::NotFound();
    return scope.db.read([&](soci::session& s) {
        return store::duplicates(s, scope.tenant.id, o.id, o.profile.afm, text::fold(o.profile.official_name));
    });
}

void decide(const web::Scope& scope, std::int64_t org_id, const Decision& d) {
    scope.require(kPermReview);
    scope.db.transact([&](soci::session& s) {
        auto o = store::by_id_for_update(s, scope.tenant.id, org_id);
        if (!o) throw web::NotFound();
        html::Errors e(scope.tr);
        if (!staff_event(d.event)) e.add("decision", scope.tr("Choose a decision from the list"));
        std::vector<std::string> reasons;
        for (const auto& r : d.reasons)
            if (auto t = text::trim(r); !t.empty()) reasons.push_back(t);
        for (const auto& r : reasons)
            if (text::characters(r) > 1000 || !text::valid_utf8_text(r)) e.add("reasons", scope.tr("Each reason must be 1,000 characters or fewer"));
        if (e.empty() && (d.event == Event::Verify || d.event == Event::Renew))
            for (const char* failure : checklist_failures(d.checklist)) e.add("checklist", scope.tr(failure));
        Transition t;
        if (e.empty()) {
            t = next(o->state, d.event, d.event == Event::ReturnWithReasons ? d.reasons : reasons);
            if (!t.ok) e.add(d.event == Event::ReturnWithReasons ? "reasons" : "decision", scope.tr(t.refusal));
        }
        if (!e.empty()) throw web::Invalid(std::move(e));

        const State from = o->state;
        const auto now = scope.now();
        o->state = t.to;
        o->updated_at = now;
        if (d.event == Event::Verify || d.event == Event::Renew) {
            o->verified_at = now;
            o->expires_at = verification_expires_at(now, static_cast<int>(scope.cfg.verification_months));
            o->reminded_at.reset();
            o->return_reasons.clear();
        } else if (d.event == Event::ReturnWithReasons) {
            o->return_reasons = reasons;
        }
        if (t.to != State::Verified) o->expires_at.reset();
        store::update_lifecycle(s, *o);
        detail::record(s, scope, *o, event_code(d.event), state_code(from), state_code(t.to), reasons,
                       nlohmann::json{{"checklist", checklist_json(d.checklist)}}.dump());
        mail_outcome(s, scope, *o, d.event, reasons);
    });
    scope.wake_jobs();
}

std::vector<Note> notes(const web::Scope& scope, std::int64_t org_id) {
    scope.require(kPermRead);
    return scope.db.read([&](soci::session& s) {
        if (!store::by_id(s, scope.tenant.id, org_id)) throw web::NotFound();
        return store::notes(s, scope.tenant.id, org_id);
    });
}

void add_note(const web::Scope& scope, std::int64_t org_id, const std::string& raw) {
    scope.require(kPermReview);
    const std::string body = text::trim(raw);
    html::Errors e(scope.tr);
    if (body.empty()) e.add("note", scope.tr("Write the note"));
    else if (!text::valid_utf8_text(body) || text::characters(body) > kMaxNote)
        e.add("note", scope.tr("A note must be 5,000 characters or fewer"));
    if (!e.empty()) throw web::Invalid(std::move(e));
    scope.db.transact([&](soci::session& s) {
        auto o = store::by_id(s, scope.tenant.id, org_id);
        if (!o) throw web::NotFound();
        store::add_note(s, scope.tenant.id, org_id, scope.principal.user_id, body, scope.now());
        // The note's text stays out of the audit log: it may name people.
        detail::record(s, scope, *o, "note", "", "", {}, "{}");
    });
}

std::vector<HistoryEntry> history(const web::Scope& scope, std::int64_t org_id) {
    scope.require_login();
    return scope.db.read([&](soci::session& s) {
        auto o = store::by_id(s, scope.tenant.id, org_id);
        if (!o) throw web::NotFound();
        const Access a = detail::access_in(s, scope, *o);
        if (!a.member && !a.reader) throw web::NotFound();
        return store::history(s, scope.tenant.id, org_id);
    });
}

}  // namespace syn::registry
