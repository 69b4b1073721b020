#pragma once
// Calendar days in Europe/Athens (rule 7), for deadlines counted in days: a request filed at
// 01:30 on a Tuesday in Athens was filed on Tuesday, whatever the server's zone or UTC says.
// GCC 12's <chrono> has no time-zone database, so ICU does the conversion.
#include <chrono>
#include <cstdint>

namespace syn::i18n {

// The Athens calendar day that contains the instant.
std::chrono::year_month_day athens_day(std::int64_t unix_seconds);
// The instant (unix seconds) at which the Athens day begins (00:00 local time).
std::int64_t athens_day_start(std::chrono::year_month_day day);

}  // namespace syn::i18n
