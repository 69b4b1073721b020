// The request workflow: every state × event pair against the table in rules/workflow.cpp, the
// reason a rejection needs, who may reopen and for how long.
#include <gtest/gtest.h>

#include <map>
#include <utility>

#include "modules/requests/rules.hpp"

using namespace syn::requests;

namespace {

constexpr State kStates[] = {State::Submitted, State::Acknowledged, State::Assigned, State::InProgress,
                             State::Resolved,  State::Rejected,     State::Closed};
constexpr Event kStaffEvents[] = {Event::Acknowledge, Event::Assign, Event::Start, Event::Resolve, Event::Reject, Event::Close};

TransitionInput staff() {
    TransitionInput in;
    in.reason = "Δεν αφορά αρμοδιότητα του Δήμου";
    return in;
}

}  // namespace

TEST(RequestLifecycle, StaffTransitionsFollowTheTable) {
    const std::map<std::pair<State, Event>, State> allowed{
        {{State::Submitted, Event::Acknowledge}, State::Acknowledged},
        {{State::Acknowledged, Event::Assign}, State::Assigned},
        {{State::Assigned, Event::Assign}, State::Assigned},
        {{State::InProgress, Event::Assign}, State::Assigned},
        {{State::Assigned, Event::Start}, State::InProgress},
        {{State::Submitted, Event::Resolve}, State::Resolved},
        {{State::Acknowledged, Event::Resolve}, State::Resolved},
        {{State::Assigned, Event::Resolve}, State::Resolved},
        {{State::InProgress, Event::Resolve}, State::Resolved},
        {{State::Submitted, Event::Reject}, State::Rejected},
        {{State::Acknowledged, Event::Reject}, State::Rejected},
        {{State::Assigned, Event::Reject}, State::Rejected},
        {{State::InProgress, Event::Reject}, State::Rejected},
        {{State::Resolved, Event::Close}, State::Closed},
        {{State::Rejected, Event::Close}, State::Closed},
    };
    for (State from : kStates)
        for (Event e : kStaffEvents) {
            const auto t = next(from, e, staff());
            const auto it = allowed.find({from, e});
            if (it == allowed.end()) {
                EXPECT_FALSE(t.ok) << state_code(from) << " + " << event_code(e);
                EXPECT_NE(t.refusal, nullptr);
                EXPECT_EQ(t.to, from);
            } else {
                EXPECT_TRUE(t.ok) << state_code(from) << " + " << event_code(e);
                EXPECT_EQ(t.to, it->second) << state_code(from) << " + " << event_code(e);
            }
        }
}

TEST(RequestLifecycle, RejectionNeedsAReason) {
    TransitionInput in;
    in.reason = "  \n ";
    const auto t = next(State::InProgress, Event::Reject, in);
    EXPECT_FALSE(t.ok);
    EXPECT_STREQ(t.refusal, "Give the reason for rejecting the request");
}

TEST(RequestLifecycle, OnlyStaffMoveARequestAlong) {
    TransitionInput requester;
    requester.actor = Actor::Requester;
    for (State from : kStates)
        for (Event e : kStaffEvents) EXPECT_FALSE(next(from, e, requester).ok) << state_code(from) << " + " << event_code(e);
}

TEST(RequestLifecycle, TheRequesterReopensWithinTheWindow) {
    TransitionInput in;
    in.actor = Actor::Requester;
    in.reopen_days = 14;
    in.finished_at = 1'000'000;
    in.now = *in.finished_at + 14 * 86400;  // the last second of the window
    for (State from : {State::Resolved, State::Rejected, State::Closed}) {
        const auto t = next(from, Event::Reopen, in);
        EXPECT_TRUE(t.ok) << state_code(from);
        EXPECT_EQ(t.to, State::InProgress);
    }
    in.now += 1;
    EXPECT_FALSE(next(State::Resolved, Event::Reopen, in).ok);
    in.now -= 1;
    in.finished_at.reset();
    EXPECT_FALSE(next(State::Resolved, Event::Reopen, in).ok);
    in.finished_at = 1'000'000;
    EXPECT_FALSE(next(State::InProgress, Event::Reopen, in).ok);  // not finished
    TransitionInput by_staff = in;
    by_staff.actor = Actor::Staff;
    EXPECT_FALSE(next(State::Resolved, Event::Reopen, by_staff).ok);
}

TEST(RequestLifecycle, CodesRoundTripAndOpen311Status) {
    for (State s : kStates) {
        EXPECT_EQ(parse_state(state_code(s)), s);
        EXPECT_NE(state_label(s), nullptr);
    }
    for (Event e : kStaffEvents) EXPECT_EQ(parse_event(event_code(e)), e);
    EXPECT_EQ(parse_event("reopen"), Event::Reopen);
    EXPECT_FALSE(parse_state("open"));
    EXPECT_TRUE(is_open(State::InProgress));
    EXPECT_FALSE(is_open(State::Resolved));
    EXPECT_FALSE(is_open(State::Closed));
}
