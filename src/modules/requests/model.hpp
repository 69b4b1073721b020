#pragma once
// Requests to the municipality (capability C3). Types only.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace syn::requests {

// A calendar day, in the municipality's own calendar (Europe/Athens dates; no time of day).
using Day = std::chrono::year_month_day;

// The workflow of one request (rules.hpp next() holds the table).
enum class State { Submitted, Acknowledged, Assigned, InProgress, Resolved, Rejected, Closed };
enum class Event { Acknowledge, Assign, Start, Resolve, Reject, Close, Reopen };
// Who asks for a transition: staff move requests along; only the requester reopens.
enum class Actor { Staff, Requester };

struct TransitionInput {
    Actor actor = Actor::Staff;
    std::string reason;                        // Reject: required
    std::int64_t now = 0;                      // Reopen: unix seconds
    std::optional<std::int64_t> finished_at;   // Reopen: when it was resolved or rejected
    int reopen_days = 14;                      // Reopen: the municipality's window
};

struct Transition {
    bool ok = false;
    State to = State::Submitted;
    const char* refusal = nullptr;  // msgid, when !ok
};

}  // namespace syn::requests
