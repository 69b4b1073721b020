// The workflow of a request.
//
//   submitted ──acknowledge──▶ acknowledged ──assign──▶ assigned ──start──▶ in_progress
//   acknowledged, assigned, in_progress ──assign──▶ assigned        (reassignment)
//   submitted … in_progress ──resolve──▶ resolved
//   submitted … in_progress ──reject (reason)──▶ rejected
//   resolved, rejected ──close──▶ closed
//   resolved, rejected, closed ──reopen (requester, within the window)──▶ in_progress
//
// Staff may resolve straight from "submitted": a request answered on the day need not walk
// through every step. A reopened request goes back to "in progress", not to the queue: it
// keeps its department and assignee, who know it. Only the requester reopens, and only within
// the municipality's window counted from the resolution; after that, a new request.
#include <array>

#include "modules/requests/rules.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/codes.hpp"

namespace syn::requests {

namespace {

constexpr std::array<const char*, 7> kStateCodes{"submitted", "acknowledged", "assigned", "in_progress",
                                                 "resolved", "rejected", "closed"};
constexpr std::array<const char*, 7> kEventCodes{"acknowledge", "assign", "start", "resolve", "reject", "close", "reopen"};

Transition to(State s) { return {true, s, nullptr}; }
Transition refuse(State from, const char* msgid) { return {false, from, msgid}; }

bool active(State s) {
    return s == State::Submitted || s == State::Acknowledged || s == State::Assigned || s == State::InProgress;
}
bool finished(State s) { return s == State::Resolved || s == State::Rejected; }

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

const char* state_code(State s) { return text::code_of(kStateCodes, s); }
const char* event_code(Event e) { return text::code_of(kEventCodes, e); }
std::optional<State> parse_state(std::string_view code) { return text::parse_code<State>(kStateCodes, code); }
std::optional<Event> parse_event(std::string_view code) { return text::parse_code<Event>(kEventCodes, code); }

const char* state_label(State s) {
    switch (s) {
        case State::Submitted: return N_("New");
        case State::Acknowledged: return N_("Acknowledged");
        case State::Assigned: return N_("Assigned");
        case State::InProgress: return N_("In progress");
        case State::Resolved: return N_("Resolved");
        case State::Rejected: return N_("Rejected");
        case State::Closed: return N_("Closed");
    }
    return N_("New");
}

bool is_open(State s) { return s != State::Closed && s != State::Resolved && s != State::Rejected; }

Transition next(State from, Event event, const TransitionInput& in) {
    if (event == Event::Reopen) {
        if (in.actor != Actor::Requester) return refuse(from, N_("Only the person who made the request can reopen it"));
        if (!finished(from) && from != State::Closed) return refuse(from, N_("Only a resolved, rejected or closed request can be reopened"));
        if (!in.finished_at || in.now - *in.finished_at > static_cast<std::int64_t>(in.reopen_days) * 86400)
            return refuse(from, N_("The time for reopening this request has passed; please make a new request"));
        return to(State::InProgress);
    }
    if (in.actor != Actor::Staff) return refuse(from, N_("Only municipal staff can change the status of a request"));
    switch (event) {
        case Event::Acknowledge:
            if (from == State::Submitted) return to(State::Acknowledged);
            return refuse(from, N_("Only a newly submitted request can be acknowledged"));
        case Event::Assign:
            if (from == State::Submitted) return refuse(from, N_("Acknowledge the request before assigning it"));
            if (active(from)) return to(State::Assigned);
            return refuse(from, N_("A finished request cannot be assigned"));
        case Event::Start:
            if (from == State::Assigned) return to(State::InProgress);
            return refuse(from, N_("Assign the request before starting work on it"));
        case Event::Resolve:
            if (active(from)) return to(State::Resolved);
            return refuse(from, N_("This request is already finished"));
        case Event::Reject:
            if (!active(from)) return refuse(from, N_("This request is already finished"));
            if (blank(in.reason)) return refuse(from, N_("Give the reason for rejecting the request"));
            return to(State::Rejected);
        case Event::Close:
            if (finished(from)) return to(State::Closed);
            return refuse(from, N_("Only a resolved or rejected request can be closed"));
        case Event::Reopen: break;  // handled above
    }
    return refuse(from, N_("This change of status is not possible"));
}

}  // namespace syn::requests
