#pragma once
// Requests to the municipality (capability C3). Types only.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// What the public statistics page needs to know about one request.
struct RequestFacts {
    std::string department;  // the group keys: department and request type, as stored
    std::string type;
    std::int64_t submitted_at = 0;                  // unix seconds
    std::optional<std::int64_t> first_response_at;  // acknowledged, or the first public reply
    std::optional<std::int64_t> resolved_at;        // resolved (a rejection is not a resolution)
    std::optional<Day> due;                         // the deadline, in working days from submission
    std::optional<Day> resolved_day;                // resolved_at as a date in Europe/Athens
    std::optional<int> rating;                      // 1–5, given by the requester after resolution
};

// One row of the statistics page: a department or a request type.
struct GroupStats {
    std::string key;
    int requests = 0;
    std::optional<double> median_first_response_hours;
    std::optional<double> median_resolution_days;
    std::optional<double> resolved_within_deadline;  // share 0..1 of the resolved that had a deadline
    std::optional<double> average_rating;
    int ratings = 0;
};

}  // namespace syn::requests
