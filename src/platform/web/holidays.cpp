#include "platform/web/holidays.hpp"
#include "platform/cache/changes.hpp"

#include <chrono>

#include "platform/cache/read_cache.hpp"
#include "platform/db/row.hpp"
#include "platform/i18n/calendar.hpp"

namespace syn::web {

namespace {

cache::Topic g_holidays{"web.holidays"};

}  // namespace

std::vector<LocalHoliday> list_local_holidays(soci::session& s, std::int64_t municipality_id) {
    std::vector<LocalHoliday> out;
    const long long mid = municipality_id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT day, name, yearly FROM municipal_holidays WHERE municipality_id = :m ORDER BY day", soci::use(mid));
    for (const auto& r : rows)
        if (auto d = i18n::parse_iso_day(db::get_text(r, 0))) out.push_back({*d, db::get_text(r, 1), db::get_int(r, 2) != 0});
    return out;
}

bool add_local_holiday(soci::session& s, std::int64_t municipality_id, const LocalHoliday& holiday) {
    const long long mid = municipality_id, now = db::now_unix();
    const int yearly = holiday.yearly ? 1 : 0;
    const std::string text = i18n::iso_day(holiday.day);
    long long n = 0;
    s << "SELECT COUNT(*) FROM municipal_holidays WHERE municipality_id = :m AND day = :d", soci::use(mid), soci::use(text), soci::into(n);
    if (n > 0) return false;
    s << "INSERT INTO municipal_holidays (municipality_id, day, name, yearly, created_at) VALUES (:m, :d, :n, :y, :t)", soci::use(mid),
        soci::use(text), soci::use(holiday.name), soci::use(yearly), soci::use(now);
    return true;
}

bool remove_local_holiday(soci::session& s, std::int64_t municipality_id, i18n::Day day) {
    const long long mid = municipality_id;
    const std::string text = i18n::iso_day(day);
    soci::statement st = (s.prepare << "DELETE FROM municipal_holidays WHERE municipality_id = :m AND day = :d", soci::use(mid), soci::use(text));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

void local_holidays_changed() { g_holidays.changed(); }

std::shared_ptr<const std::vector<i18n::Day>> local_holiday_days(const Scope& scope) {
    static cache::ReadCache<std::shared_ptr<const std::vector<i18n::Day>>> cache(1000, std::chrono::seconds(60));
    return cache.get(std::to_string(scope.tenant.id), g_holidays.generation(), [&] {
        auto days = std::make_shared<std::vector<i18n::Day>>();
        const int until = static_cast<int>(i18n::athens_day(scope.now()).year()) + 2;
        for (const auto& h : scope.db.read([&](soci::session& s) { return list_local_holidays(s, scope.tenant.id); })) {
            days->push_back(h.day);
            if (!h.yearly) continue;
            for (int y = static_cast<int>(h.day.year()) + 1; y <= until; ++y) {
                const i18n::Day again{std::chrono::year{y}, h.day.month(), h.day.day()};
                if (again.ok()) days->push_back(again);  // 29 February only in leap years
            }
        }
        return std::shared_ptr<const std::vector<i18n::Day>>(std::move(days));
    });
}

}  // namespace syn::web
