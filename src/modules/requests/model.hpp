#pragma once
// Requests to the municipality (capability C3). Types only.
#include <chrono>

namespace syn::requests {

// A calendar day, in the municipality's own calendar (Europe/Athens dates; no time of day).
using Day = std::chrono::year_month_day;

}  // namespace syn::requests
