// The verification-expiry job: a verification expires after a configurable period unless it is
// renewed, with a reminder mail 30 days before. The jobs runner calls run_expiry() every hour.
//
// Each organisation is handled in its own transaction and re-read under a row lock, so a staff
// decision taken between the scan and the change (a renewal, a suspension) wins, and one bad
// organisation (say, an admin address the outbox refuses) does not hold back the others.
// Mail goes to the organisation's admins in Greek: the job has no request, hence no user
// language, and Greek is the municipality's own.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/service/shared.hpp"
#include "modules/registry/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/web/tenant.hpp"

namespace syn::registry {

namespace {

enum class Outcome { None, Expired, Reminded };

struct Municipality {
    std::string site;      // "Δήμος Καλαμάτας"
    std::string base_url;  // links in mail, with the /m/<slug> prefix under path tenancy
};

// Where the organisation's admins manage it (the same link as in the decision mails).
std::string manage_url(const Municipality& m, const Organisation& o) {
    return m.base_url + "/my/organisations/" + std::to_string(o.id);
}

void log_failure(const Organisation& o, const std::string& error) {
    const nlohmann::json line = {{"at", db::now_unix()}, {"level", "error"}, {"component", "registry.expiry"},
                                 {"municipality_id", o.municipality_id}, {"organisation_id", o.id}, {"error", error}};
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

void expire(soci::session& s, Organisation& o, const Municipality& m, const i18n::Tr& tr, std::int64_t now) {
    const auto expired_at = *o.expires_at;
    const auto t = next(o.state, Event::Expire);
    const auto from = o.state;
    o.state = t.to;
    // Back in the staff queue as a fresh submission (see rules/lifecycle.cpp for why "submitted").
    o.submitted_at = now;
    o.expires_at.reset();
    o.reminded_at.reset();
    store::update_lifecycle(s, o);
    HistoryEntry h;  // no actor: the system did it
    h.action = "expire";
    h.from_state = state_code(from);
    h.to_state = state_code(o.state);
    h.at = now;
    store::add_history(s, o.municipality_id, o.id, h);
    audit::append(s, {o.municipality_id, std::nullopt, "registry.expire", fmt::format("organisation:{}", o.id),
                      nlohmann::json{{"expired_at", expired_at}, {"to", state_code(o.state)}}.dump()});
    const auto& name = o.profile.official_name;
    detail::mail_admins(s, o, tr.tf("The verification of «{}» has expired — {}", name, m.site),
                tr("Hello,") + "\n\n" +
                    tr.tf("The municipality's verification of the organisation «{}» expired on {}.", name, i18n::format_date(tr, expired_at)) +
                    "\n\n" +
                    tr("The organisation stays in the public directory, without the verified badge, and is back in the "
                       "municipality's review queue. You do not need to submit it again; check that its details and "
                       "documents are up to date so that it can be verified again:") +
                    "\n" + manage_url(m, o) + "\n\n" + m.site);
}

void remind(soci::session& s, Organisation& o, const Municipality& m, const i18n::Tr& tr, std::int64_t now) {
    o.reminded_at = now;
    store::update_lifecycle(s, o);
    HistoryEntry h;
    h.action = "expiry.reminder";
    h.at = now;
    store::add_history(s, o.municipality_id, o.id, h);
    const auto& name = o.profile.official_name;
    const auto when = i18n::format_date(tr, *o.expires_at);
    detail::mail_admins(s, o, tr.tf("The verification of «{}» expires on {} — {}", name, when, m.site),
                tr("Hello,") + "\n\n" +
                    tr.tf("The municipality's verification of the organisation «{}» expires on {}.", name, when) + "\n\n" +
                    tr("To keep the verified badge, check that the organisation's details and documents are up to date "
                       "and ask the municipality to renew the verification before then:") +
                    "\n" + manage_url(m, o) + "\n\n" + m.site);
}

Outcome handle(soci::session& s, const Organisation& scanned, const Municipality& m, const i18n::Tr& tr, std::int64_t now) {
    auto o = store::by_id_for_update(s, scanned.municipality_id, scanned.id);
    if (!o || o->state != State::Verified || !o->expires_at) return Outcome::None;  // changed since the scan
    if (now >= *o->expires_at) {
        expire(s, *o, m, tr, now);
        return Outcome::Expired;
    }
    if (reminder_due(now, *o->expires_at, o->reminded_at)) {
        remind(s, *o, m, tr, now);
        return Outcome::Reminded;
    }
    return Outcome::None;
}

std::map<std::int64_t, Municipality> municipalities(db::Database& db, const config::Config& cfg, const i18n::Tr& tr) {
    std::map<std::int64_t, Municipality> out;
    for (const auto& t : db.read([](soci::session& s) { return web::load_tenants(s); })) {
        const std::string prefix = cfg.tenancy == "path" ? "/m/" + t.slug : "";
        out[t.id] = {tr.tf("Municipality of {}", t.name), cfg.base_url + prefix};
    }
    return out;
}

}  // namespace

ExpiryRun run_expiry(db::Database& db, const config::Config& cfg, std::int64_t now) {
    const i18n::Tr tr(i18n::Lang::El);
    ExpiryRun run;
    // Everything that expires before the end of the reminder window: both the expired and those due a reminder.
    const auto candidates = db.read([&](soci::session& s) { return store::verified_expiring_before(s, now + kReminderSecondsBefore); });
    if (candidates.empty()) return run;
    const auto places = municipalities(db, cfg, tr);
    for (const auto& o : candidates) {
        const auto m = places.find(o.municipality_id);
        if (m == places.end()) continue;  // cannot happen: the foreign key holds
        try {
            switch (db.transact([&](soci::session& s) { return handle(s, o, m->second, tr, now); })) {
                case Outcome::Expired: ++run.expired; break;
                case Outcome::Reminded: ++run.reminded; break;
                case Outcome::None: break;
            }
        } catch (const std::exception& e) {
            log_failure(o, e.what());  // nothing of it was written; the next run tries again
        }
    }
    return run;
}

}  // namespace syn::registry
