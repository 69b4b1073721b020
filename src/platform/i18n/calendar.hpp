#pragma once
// Calendar days in Europe/Athens (rule 7), for deadlines counted in days: a request filed at
// 01:30 on a Tuesday in Athens was filed on Tuesday, whatever the server's zone or UTC says.
// GCC 12's <chrono> has no time-zone database, so ICU does the conversion.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace syn::i18n {

// The Athens calendar day that contains the instant.
std::chrono::year_month_day athens_day(std::int64_t unix_seconds);
// The instant (unix seconds) at which the Athens day begins (00:00 local time).
std::int64_t athens_day_start(std::chrono::year_month_day day);

// A day as stored and exchanged: "2026-03-09" (ISO 8601); "" for a day that is not valid.
std::string iso_day(std::chrono::year_month_day day);
// "2026-03-09" → that day; nullopt for anything else ("2026-3-9", "2026-02-30", "").
std::optional<std::chrono::year_month_day> parse_iso_day(std::string_view text);

}  // namespace syn::i18n
