// The organisation lifecycle and verification expiry.
//
//   draft    ── submit ──────────────▶ submitted
//   returned ── submit ──────────────▶ submitted
//   submitted ─ verify ──────────────▶ verified
//   submitted ─ return_with_reasons ─▶ returned   (at least one non-blank reason)
//   verified ── suspend ─────────────▶ suspended ── reinstate ──▶ verified
//   verified ── renew ───────────────▶ verified   (the service resets the expiry)
//   verified ── expire ──────────────▶ submitted
//   any state but dissolved ──dissolve──▶ dissolved (final)
//
// Why expiry goes back to "submitted" (not draft or returned): the data was accepted once and the
// organisation has done nothing wrong, so it should not have to edit and resubmit; it simply
// re-enters the staff queue, where the same checklist is run again. Leaving "verified" drops the
// public badge at once, and "returned" would need reasons nobody has given.
#include <algorithm>
#include <array>
#include <chrono>

#include "modules/registry/rules.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/codes.hpp"
#include "platform/text/text.hpp"

namespace syn::registry {

namespace {

constexpr std::array<const char*, 6> kStateCodes{"draft", "submitted", "verified", "returned", "suspended", "dissolved"};
constexpr std::array<const char*, 8> kEventCodes{"submit", "verify", "return_with_reasons", "suspend",
                                                 "reinstate", "dissolve", "renew", "expire"};

Transition to(State s) { return {true, s, nullptr}; }
Transition refuse(const char* msgid, State from) { return {false, from, msgid}; }

}  // namespace

const char* state_code(State s) { return text::code_of(kStateCodes, s); }
const char* event_code(Event e) { return text::code_of(kEventCodes, e); }
std::optional<State> parse_state(std::string_view code) { return text::parse_code<State>(kStateCodes, code); }
std::optional<Event> parse_event(std::string_view code) { return text::parse_code<Event>(kEventCodes, code); }

const char* state_label(State s) {
    switch (s) {
        case State::Draft: return N_("Draft");
        case State::Submitted: return N_("Submitted for verification");
        case State::Verified: return N_("Verified");
        case State::Returned: return N_("Returned for corrections");
        case State::Suspended: return N_("Suspended");
        case State::Dissolved: return N_("Dissolved");
    }
    return N_("Draft");
}

Transition next(State from, Event event, const std::vector<std::string>& reasons) {
    switch (event) {
        case Event::Submit:
            if (from == State::Draft || from == State::Returned) return to(State::Submitted);
            return refuse(N_("Only a draft or returned organisation can be submitted"), from);
        case Event::Verify:
            if (from == State::Submitted) return to(State::Verified);
            return refuse(N_("Only a submitted organisation can be verified"), from);
        case Event::ReturnWithReasons: {
            if (from != State::Submitted) return refuse(N_("Only a submitted organisation can be returned"), from);
            const bool blank = std::any_of(reasons.begin(), reasons.end(),
                                           [](const std::string& r) { return text::trim(r).empty(); });
            if (reasons.empty() || blank)
                return refuse(N_("Give at least one reason for returning the organisation"), from);
            return to(State::Returned);
        }
        case Event::Suspend:
            if (from == State::Verified) return to(State::Suspended);
            return refuse(N_("Only a verified organisation can be suspended"), from);
        case Event::Reinstate:
            if (from == State::Suspended) return to(State::Verified);
            return refuse(N_("Only a suspended organisation can be reinstated"), from);
        case Event::Dissolve:
            if (from != State::Dissolved) return to(State::Dissolved);
            return refuse(N_("This organisation is already dissolved"), from);
        case Event::Renew:
            if (from == State::Verified) return to(State::Verified);
            return refuse(N_("Only a verified organisation can renew its verification"), from);
        case Event::Expire:
            if (from == State::Verified) return to(State::Submitted);
            return refuse(N_("Only a verified organisation's verification can expire"), from);
    }
    return refuse(N_("This action is not possible for this organisation"), from);
}

std::int64_t verification_expires_at(std::int64_t verified_at, int months) {
    using namespace std::chrono;
    if (months < 1) months = 1;
    const sys_seconds t{seconds{verified_at}};
    const sys_days day = floor<days>(t);
    const auto time_of_day = t - day;
    year_month_day ymd{day};
    year_month_day target = ymd + std::chrono::months{months};
    if (!target.ok()) target = year_month_day_last{target.year(), month_day_last{target.month()}};
    return (sys_days{target} + time_of_day).time_since_epoch().count();
}

bool reminder_due(std::int64_t now, std::int64_t expires_at, std::optional<std::int64_t> last_reminded_at) {
    const std::int64_t window_start = expires_at - kReminderSecondsBefore;
    if (now < window_start || now >= expires_at) return false;
    return !last_reminded_at || *last_reminded_at < window_start;
}

}  // namespace syn::registry
