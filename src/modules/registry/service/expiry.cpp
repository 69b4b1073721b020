// The verification-expiry job: a verification expires after a configurable period unless it is
// renewed, with a reminder mail 30 days before. The jobs runner calls run_expiry() every hour.
//
// Each organisation is handled in its own transaction and re-read under a row lock, so a staff
// decision taken between the scan and the change (a renewal, a suspension) wins, and one bad
// organisation (say, an admin address the outbox refuses) does not hold back the others.
// It runs on a system Scope, through the same history and audit as a person's decision. Mail
// goes to the organisation's admins in Greek: the job has no request, hence no user language,
// and Greek is the municipality's own.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <set>

#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/service/shared.hpp"
#include "modules/registry/store.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/web/tenant.hpp"
#include "platform/web/letter.hpp"

namespace syn::registry {

namespace {

enum class Outcome { None, Expired, Reminded };

void log_failure(const Organisation& o, std::int64_t now, const std::string& error) {
    const nlohmann::json line = {{"at", now}, {"level", "error"}, {"component", "registry.expiry"},
                                 {"municipality_id", o.municipality_id}, {"organisation_id", o.id}, {"error", error}};
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

// Where the organisation's admins manage it (the same link as in the decision mails).
std::string manage_url(const web::Scope& scope, const Organisation& o) {
    return scope.absolute_url("/my/organisations/" + std::to_string(o.id));
}

void expire(soci::session& s, const web::Scope& scope, Organisation& o) {
    const auto now = scope.now();
    const auto expired_at = *o.expires_at;
    const auto t = next(o.state, Event::Expire);
    const auto from = o.state;
    o.state = t.to;
    // Back in the staff queue as a fresh submission (see rules/lifecycle.cpp for why "submitted").
    o.submitted_at = now;
    o.expires_at.reset();
    o.reminded_at.reset();
    store::update_lifecycle(s, o);
    detail::record(s, scope, o, "expire", state_code(from), state_code(o.state), {},
                   nlohmann::json{{"expired_at", expired_at}}.dump());
    const auto& name = o.profile.official_name;
    detail::tell_admins(s, scope, o, [&](const i18n::Tr& tr) {
        return std::pair{tr.tf("The verification of «{}» has expired — {}", name, web::municipality_title(scope, tr)),
                         tr.tf("The municipality's verification of the organisation «{}» expired on {}.", name, i18n::format_date(tr, expired_at)) +
                             "\n\n" +
                             tr("The organisation stays in the public directory, without the verified badge, and is back in the "
                                "municipality's review queue. You do not need to submit it again; check that its details and "
                                "documents are up to date so that it can be verified again:") +
                             "\n" + manage_url(scope, o)};
    });
}

void remind(soci::session& s, const web::Scope& scope, Organisation& o) {
    o.reminded_at = scope.now();
    store::update_lifecycle(s, o);
    detail::record(s, scope, o, "expiry.reminder", "", "", {});
    const auto& name = o.profile.official_name;
    const auto expires = *o.expires_at;
    detail::tell_admins(s, scope, o, [&](const i18n::Tr& tr) {
        const auto when = i18n::format_date(tr, expires);
        return std::pair{tr.tf("The verification of «{}» expires on {} — {}", name, when, web::municipality_title(scope, tr)),
                         tr.tf("The municipality's verification of the organisation «{}» expires on {}.", name, when) +
                             "\n\n" +
                             tr("To keep the verified badge, check that the organisation's details and documents are up to date "
                                "and ask the municipality to renew the verification before then:") +
                             "\n" + manage_url(scope, o)};
    });
}

Outcome handle(soci::session& s, const web::Scope& scope, const Organisation& scanned) {
    auto o = store::by_id_for_update(s, scope.tenant.id, scanned.id);
    if (!o || o->state != State::Verified || !o->expires_at) return Outcome::None;  // changed since the scan
    if (scope.now() >= *o->expires_at) {
        expire(s, scope, *o);
        return Outcome::Expired;
    }
    if (reminder_due(scope.now(), *o->expires_at, o->reminded_at)) {
        remind(s, scope, *o);
        return Outcome::Reminded;
    }
    return Outcome::None;
}

}  // namespace

ExpiryRun expire_verifications(const web::Scope& scope) {
    // People ask for a renewal; only the job lets a verification lapse.
    if (!scope.system) throw web::Forbidden();
    ExpiryRun run;
    // Everything that expires before the end of the reminder window: both the expired and those due a reminder.
    const auto candidates =
        scope.db.read([&](soci::session& s) { return store::verified_expiring_before(s, scope.now() + kReminderSecondsBefore); });
    for (const auto& o : candidates) {
        if (o.municipality_id != scope.tenant.id) continue;
        try {
            switch (scope.db.transact([&](soci::session& s) { return handle(s, scope, o); })) {
                case Outcome::Expired: ++run.expired; break;
                case Outcome::Reminded: ++run.reminded; break;
                case Outcome::None: break;
            }
        } catch (const std::exception& e) {
            log_failure(o, scope.now(), e.what());  // nothing of it was written; the next run tries again
        }
    }
    if (run.expired + run.reminded > 0) scope.wake_jobs();
    return run;
}

ExpiryRun run_expiry(db::Database& db, const config::Config& cfg, std::int64_t now) {
    const auto candidates = db.read([&](soci::session& s) { return store::verified_expiring_before(s, now + kReminderSecondsBefore); });
    if (candidates.empty()) return {};
    std::set<std::int64_t> due;
    for (const auto& o : candidates) due.insert(o.municipality_id);
    ExpiryRun total;
    for (const auto& t : db.read([](soci::session& s) { return web::load_tenants(s); })) {
        if (!due.count(t.id)) continue;
        auto scope = web::Scope::system_for(t, db, cfg);
        scope.clock = [now] { return now; };
        const auto run = expire_verifications(scope);
        total.expired += run.expired;
        total.reminded += run.reminded;
    }
    return total;
}

}  // namespace syn::registry
