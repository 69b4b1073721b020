#include "modules/settings/rules.hpp"

#include "platform/i18n/i18n.hpp"
#include "platform/i18n/working_days.hpp"
#include "platform/text/number.hpp"
#include "platform/text/text.hpp"

namespace syn::settings {

std::optional<web::LocalHoliday> check_holiday(const HolidayInput& in, std::vector<Problem>& problems) {
    const auto day = text::parse_int(text::trim(in.day), 1, 31);
    const auto month = text::parse_int(text::trim(in.month), 1, 12);
    const auto year = text::parse_int(text::trim(in.year), 2000, 2100);
    std::optional<i18n::Day> date;
    if (in.day.empty() && in.month.empty() && in.year.empty()) {
        problems.push_back({"date", N_("Enter the date of the holiday")});
    } else if (!day || !month || !year) {
        problems.push_back({"date", N_("Enter the date as day, month and year in numbers, e.g. 2 2 2027")});
    } else {
        date = i18n::Day{std::chrono::year{static_cast<int>(*year)}, std::chrono::month{static_cast<unsigned>(*month)},
                         std::chrono::day{static_cast<unsigned>(*day)}};
        if (!date->ok()) {
            problems.push_back({"date", N_("This date does not exist")});
            date.reset();
        } else if (!in.yearly && i18n::is_greek_public_holiday(*date)) {
            problems.push_back({"date", N_("This day is a national public holiday already")});
        }
    }
    const std::string name = text::trim(in.name);
    if (name.empty()) problems.push_back({"name", N_("Enter the name of the holiday")});
    else if (text::characters(name) > 120 || !text::valid_utf8_text(name) || name.find('\n') != std::string::npos)
        problems.push_back({"name", N_("The name must be one line of 120 characters or fewer")});
    if (!problems.empty()) return std::nullopt;
    return web::LocalHoliday{*date, name, in.yearly};
}

}  // namespace syn::settings
