#include "platform/i18n/day_text.hpp"

#include <fmt/format.h>

#include "platform/i18n/calendar.hpp"

namespace syn::i18n {

std::string on_day(const Tr& tr, std::chrono::year_month_day day) {
    // Noon, so the Athens day is the same whatever the hour of its start.
    auto text = format_date(tr, athens_day_start(day) + 12 * 3600);
    if (tr.lang() != Lang::El) return text;
    const std::chrono::weekday wd{std::chrono::sys_days{day}};
    // The feminine article keeps its ν before a vowel and before κ, π, τ, ξ, ψ (and the
    // digraphs μπ, ντ, γκ, τσ, τζ); Δευτέρα starts with δ, so it takes «τη». Σάββατο is neuter.
    const char* article = wd == std::chrono::Monday ? "τη " : wd == std::chrono::Saturday ? "το " : "την ";
    return article + text;
}

std::string numeric_day(std::chrono::year_month_day d) {
    if (!d.ok()) return {};
    return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
}

std::string numeric_day(std::string_view iso_day) {
    const auto d = parse_iso_day(iso_day);
    return d ? numeric_day(*d) : std::string(iso_day);
}

}  // namespace syn::i18n
