// The municipality's own holidays: the administrator adds and removes them; every working-day
// deadline computed afterwards counts them (web/holidays.hpp).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "modules/settings/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/i18n/calendar.hpp"

namespace syn::settings {

namespace {

constexpr const char* kPermission = "tenant.configure";

[[noreturn]] void invalid(const web::Scope& scope, const std::vector<Problem>& problems) {
    html::Errors e(scope.tr);
    for (const auto& p : problems) e.add(p.field, scope.tr(p.msgid));
    throw web::Invalid(std::move(e));
}

void audit_holiday(soci::session& s, const web::Scope& scope, const char* action, const web::LocalHoliday& h) {
    const auto actor = scope.logged_in() ? std::optional<std::int64_t>(scope.principal.user_id) : std::nullopt;
    audit::append(s, {scope.tenant.id, actor, action, "municipality:" + std::to_string(scope.tenant.id),
                      nlohmann::json{{"day", i18n::iso_day(h.day)}, {"name", h.name}, {"yearly", h.yearly}}.dump()});
}

}  // namespace

std::vector<web::LocalHoliday> holidays(const web::Scope& scope) {
    return scope.db.read([&](soci::session& s) { return web::list_local_holidays(s, scope.tenant.id); });
}

void add_holiday(const web::Scope& scope, const HolidayInput& in) {
    scope.require(kPermission);
    std::vector<Problem> problems;
    const auto holiday = check_holiday(in, problems);
    if (!holiday) invalid(scope, problems);
    bool added = false;
    try {
        added = scope.db.transact([&](soci::session& s) {
            if (!web::add_local_holiday(s, scope.tenant.id, *holiday)) return false;
            audit_holiday(s, scope, "tenant.holiday_added", *holiday);
            return true;
        });
    } catch (const db::UniqueViolation&) {
        // Two administrators adding the same day at the same moment: the second is told, as if
        // the first had finished before.
    }
    if (!added) invalid(scope, {{"date", N_("This day is already one of the municipality's holidays")}});
    web::local_holidays_changed();
}

void remove_holiday(const web::Scope& scope, const std::string& iso_day) {
    scope.require(kPermission);
    const auto day = i18n::parse_iso_day(iso_day);
    if (!day) throw web::NotFound();
    scope.db.transact([&](soci::session& s) {
        const auto all = web::list_local_holidays(s, scope.tenant.id);
        const auto it = std::find_if(all.begin(), all.end(), [&](const web::LocalHoliday& h) { return h.day == *day; });
        if (it == all.end() || !web::remove_local_holiday(s, scope.tenant.id, *day)) throw web::NotFound();
        audit_holiday(s, scope, "tenant.holiday_removed", *it);
    });
    web::local_holidays_changed();
}

}  // namespace syn::settings
