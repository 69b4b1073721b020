#include "platform/i18n/calendar.hpp"

#include <fmt/format.h>
#include <unicode/timezone.h>

#include <charconv>
#include <memory>
#include <stdexcept>

namespace syn::i18n {

namespace {

const icu::TimeZone& athens_zone() {
    static const std::unique_ptr<icu::TimeZone> tz = [] {
        std::unique_ptr<icu::TimeZone> z(icu::TimeZone::createTimeZone("Europe/Athens"));
        icu::UnicodeString id;
        if (!z || z->getID(id) == icu::UnicodeString("Etc/Unknown"))
            throw std::runtime_error("ICU has no Europe/Athens time zone data");
        return z;
    }();
    return *tz;
}

// Offset from UTC, in seconds, at an instant (ICU's TimeZone::getOffset is const and thread-safe).
std::int64_t offset_at(std::int64_t unix_seconds, bool local) {
    std::int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    athens_zone().getOffset(static_cast<UDate>(unix_seconds) * 1000.0, local, raw, dst, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU could not compute the Europe/Athens offset");
    return (static_cast<std::int64_t>(raw) + dst) / 1000;
}

}  // namespace

std::chrono::year_month_day athens_day(std::int64_t unix_seconds) {
    const std::int64_t local = unix_seconds + offset_at(unix_seconds, false);
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{local}})};
}

std::int64_t athens_day_start(std::chrono::year_month_day day) {
    const std::int64_t local_midnight = std::chrono::sys_days{day}.time_since_epoch() / std::chrono::seconds{1};
    return local_midnight - offset_at(local_midnight, true);
}

std::string iso_day(std::chrono::year_month_day d) {
    if (!d.ok()) return "";
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::optional<std::chrono::year_month_day> parse_iso_day(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    auto num = [&](std::size_t at, std::size_t len, auto& out) {
        auto [p, ec] = std::from_chars(t.data() + at, t.data() + at + len, out);
        return ec == std::errc() && p == t.data() + at + len;
    };
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
    const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!day.ok()) return std::nullopt;
    return day;
}

}  // namespace syn::i18n
