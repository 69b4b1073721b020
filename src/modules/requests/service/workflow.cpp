// Staff moving requests along: transitions (with assignment), public replies and internal notes,
// merging duplicates, and bulk assignment. Each is one transaction with its history lines, its
// audit entry and the mail and notifications to the people concerned.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/service/shared.hpp"
#include "modules/requests/store.hpp"
#include "platform/i18n/day_text.hpp"
#include "platform/auth/session_store.hpp"
#include "platform/auth/units.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/text/text.hpp"

namespace syn::requests {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxReason = 2000;
constexpr std::size_t kMaxReply = 5000;

// The department and person an assignment names, checked against the municipality's staff.
struct Assignment {
    Department department;
    std::optional<DepartmentStaff> assignee;
};

Assignment check_assignment(soci::session& s, const web::Scope& scope, std::optional<std::int64_t> department_id,
                            std::optional<std::int64_t> assignee_user_id) {
    if (!department_id) detail::invalid(scope, "department_id", N_("Choose the department to assign the request to"));
    auto d = store::department(s, scope.tenant.id, *department_id);
    if (!d || d->retired) detail::invalid(scope, "department_id", N_("Choose the department to assign the request to"));
    Assignment a{*d, std::nullopt};
    if (assignee_user_id) {
        for (auto& m : store::department_staff(s, scope.tenant.id))
            if (m.department_id == d->id && m.user_id == *assignee_user_id) a.assignee = m;
        if (!a.assignee) detail::invalid(scope, "assignee_user_id", N_("The person must be a member of staff of that department"));
    }
    return a;
}

// Mail and notifications of a status change: the requester always, the supporters when the
// request has an outcome.
void tell_status(soci::session& s, const web::Scope& scope, const Request& r, State to, const std::string& note) {
    const auto url = detail::request_url(scope, r.id);
    detail::tell_requester(s, scope, r, [&](const i18n::Tr& tr) {
        detail::Message m{tr.tf("Your request «{}»: {}", r.title, tr(state_label(to))),
                          tr.tf("The status of your request «{}» (number {}) is now: {}.", r.title, r.id, tr(state_label(to)))};
        if (!note.empty()) m.body += "\n\n" + note;
        m.body += "\n\n" + tr.tf("See the request: {}", url) + "\n";
        return m;
    });
    if (to == State::Resolved || to == State::Rejected) {
        detail::tell_supporters(s, scope, r, [&](const i18n::Tr& tr) {
            detail::Message m{tr.tf("A request you support: {}", tr(state_label(to))),
                              tr.tf("The request «{}» that you support is now: {}.", r.title, tr(state_label(to)))};
            if (!note.empty()) m.body += "\n\n" + note;
            m.body += "\n\n" + tr.tf("See the request: {}", url) + "\n";
            return m;
        }, r.requester_user_id);
    }
}

// Mail to whoever now holds the request: the person, or else the department's staff and mailbox.
void tell_assignment(soci::session& s, const web::Scope& scope, const Request& r, const Assignment& a) {
    const auto compose = [&](const i18n::Tr& tr) {
        const auto department = tr.lang() == i18n::Lang::En && !a.department.name_en.empty() ? a.department.name_en : a.department.name_el;
        return detail::Message{
            tr.tf("Request assigned to you: «{}»", r.title),
            tr.tf("The request «{}» (number {}) was assigned to {}. It must be answered by {}.", r.title, r.id,
                  a.assignee ? a.assignee->display_name : department, i18n::on_day(tr, r.due)) +
                "\n\n" + tr.tf("Open it in the back office: {}", scope.absolute_url("/admin/requests/" + std::to_string(r.id))) + "\n"};
    };
    if (a.assignee) {
        detail::tell(s, scope, a.assignee->user_id, a.assignee->email, compose, "/admin/requests/" + std::to_string(r.id));
        return;
    }
    for (const auto& to : store::department_emails(s, scope.tenant.id, a.department.id)) detail::tell(s, scope, std::nullopt, to, compose, "");
}

// Applies one staff transition to a locked request the caller may act on: checks, columns,
// history, audit, mail. Throws Invalid when the state machine or the input refuses it.
void apply(soci::session& s, const web::Scope& scope, Request& r, const TransitionCommand& c) {
    if (r.merged_into_id) detail::invalid(scope, "event", N_("This request was merged into another one; act on that one instead"));
    const std::string reason = text::trim(c.reason);
    if (!text::valid_utf8_text(reason) || text::characters(reason) > kMaxReason)
        detail::invalid(scope, "reason", N_("The reason must be 2,000 characters or fewer"));
    if (c.event == Event::Reject && reason.empty()) detail::invalid(scope, "reason", N_("Give the reason for rejecting the request"));
    std::optional<Assignment> assignment;
    if (c.event == Event::Assign) assignment = check_assignment(s, scope, c.department_id, c.assignee_user_id);

    TransitionInput in;
    in.actor = Actor::Staff;
    in.reason = reason;
    in.now = scope.now();
    const auto t = next(r.state, c.event, in);
    if (!t.ok) detail::invalid(scope, c.event == Event::Reject && reason.empty() ? "reason" : "event", t.refusal);

    const State from = r.state;
    const std::int64_t at = in.now;
    r.state = t.to;
    r.updated_at = at;
    json details{{"from", state_code(from)}, {"to", state_code(t.to)}};
    std::string public_note;
    switch (c.event) {
        case Event::Acknowledge:
            if (!r.first_response_at) r.first_response_at = at;
            break;
        case Event::Assign:
            r.department_id = assignment->department.id;
            r.assignee_user_id = assignment->assignee ? std::optional<std::int64_t>(assignment->assignee->user_id) : std::nullopt;
            details["department_id"] = r.department_id;
            if (r.assignee_user_id) details["assignee_user_id"] = *r.assignee_user_id;
            if (from == State::Assigned || from == State::InProgress) details["reassignment"] = true;
            break;
        case Event::Resolve:
            r.resolved_at = r.finished_at = at;
            if (!r.first_response_at) r.first_response_at = at;
            if (!reason.empty()) r.status_note = public_note = reason;
            break;
        case Event::Reject:
            r.finished_at = at;
            r.resolved_at.reset();
            if (!r.first_response_at) r.first_response_at = at;
            r.status_note = public_note = reason;
            break;
        case Event::Close:
            r.closed_at = at;
            break;
        default: break;
    }
    if (!reason.empty()) details["reason"] = reason;
    store::update_workflow(s, r);

    if (assignment) {
        // The status change is public; to whom it went is for staff (view() blanks the body).
        std::string body = assignment->department.name_el;
        if (assignment->assignee) body += " — " + assignment->assignee->display_name;
        detail::add_history(s, scope, r, EntryKind::Assignment, from, t.to, body, true, details.dump());
    } else {
        detail::add_history(s, scope, r, EntryKind::Transition, from, t.to, public_note, true, details.dump());
    }
    detail::audit_decision(s, scope, r, event_code(c.event), details.dump());
    if (from != t.to) tell_status(s, scope, r, t.to, public_note);
    if (assignment) tell_assignment(s, scope, r, *assignment);
}

// Locks and loads a request the viewer may act on.
Request actable(soci::session& s, const web::Scope& scope, std::int64_t id) {
    auto r = store::by_id_for_update(s, scope.tenant.id, id);
    if (!r) throw web::NotFound();
    detail::require_act(s, scope, *r);
    return *r;
}

}  // namespace

void transition(const web::Scope& scope, std::int64_t id, const TransitionCommand& c) {
    scope.require(kPermHandle);
    scope.db.transact([&](soci::session& s) {
        auto r = actable(s, scope, id);
        apply(s, scope, r, c);
    });
}

void reply(const web::Scope& scope, std::int64_t id, const std::string& body_in, bool is_public) {
    scope.require(kPermHandle);
    const std::string body = text::trim(body_in);
    if (!text::valid_utf8_text(body)) detail::invalid(scope, "body", N_("The text contains characters that are not allowed"));
    const auto n = text::characters(body);
    if (n < 1 || n > kMaxReply) detail::invalid(scope, "body", N_("Write a reply of 1 to 5,000 characters"));
    scope.db.transact([&](soci::session& s) {
        auto r = actable(s, scope, id);
        if (r.merged_into_id) detail::invalid(scope, "body", N_("This request was merged into another one; act on that one instead"));
        const std::int64_t at = scope.now();
        r.updated_at = at;
        if (is_public) {
            r.status_note = body;
            if (!r.first_response_at) r.first_response_at = at;
        }
        store::update_workflow(s, r);
        detail::add_history(s, scope, r, is_public ? EntryKind::Reply : EntryKind::Note, std::nullopt, std::nullopt, body, is_public);
        if (!is_public) return;
        detail::tell_requester(s, scope, r, [&](const i18n::Tr& tr) {
            return detail::Message{tr.tf("Reply to your request «{}»", r.title),
                                   tr.tf("The municipality replied to your request «{}» (number {}):", r.title, r.id) + "\n\n" + body +
                                       "\n\n" + tr.tf("See the request: {}", detail::request_url(scope, r.id)) + "\n"};
        });
    });
}

void merge(const web::Scope& scope, std::int64_t duplicate, std::int64_t into) {
    scope.require(kPermHandle);
    if (duplicate == into) detail::invalid(scope, "into", N_("A request cannot be merged into itself"));
    scope.db.transact([&](soci::session& s) {
        // Lock in id order, so two merges of the same pair cannot deadlock on PostgreSQL.
        auto first = actable(s, scope, std::min(duplicate, into));
        auto second = actable(s, scope, std::max(duplicate, into));
        Request& dup = first.id == duplicate ? first : second;
        Request& target = first.id == duplicate ? second : first;
        if (dup.merged_into_id) detail::invalid(scope, "into", N_("This request has already been merged into another one"));
        if (target.merged_into_id) detail::invalid(scope, "into", N_("The request to merge into has itself been merged; choose that one"));

        const std::int64_t at = scope.now();
        const State from = dup.state;
        dup.state = State::Closed;
        dup.merged_into_id = target.id;
        dup.closed_at = at;
        if (!dup.finished_at) dup.finished_at = at;
        dup.updated_at = at;
        store::update_workflow(s, dup);
        const json details{{"duplicate", dup.id}, {"into", target.id}};
        detail::add_history(s, scope, dup, EntryKind::Merge, from, State::Closed, "", true, details.dump());
        detail::add_history(s, scope, target, EntryKind::Merge, std::nullopt, std::nullopt, "", true, details.dump());
        // The audit entry says what the merge did to the duplicate's state, like every transition.
        detail::audit_decision(s, scope, dup, "merge",
                               json{{"from", state_code(from)}, {"to", state_code(State::Closed)}, {"duplicate", dup.id}, {"into", target.id}}.dump());

        // The duplicate's requester and supporters now follow the request it was merged into.
        std::vector<std::int64_t> followers = store::supporter_ids(s, scope.tenant.id, dup.id);
        if (dup.requester_user_id) followers.push_back(*dup.requester_user_id);
        for (auto uid : followers)
            if (!target.requester_user_id || uid != *target.requester_user_id) store::add_supporter(s, scope.tenant.id, target.id, uid, at);

        const auto url = detail::request_url(scope, target.id);
        detail::tell_requester(s, scope, dup, [&](const i18n::Tr& tr) {
            return detail::Message{tr.tf("Your request «{}» was merged", dup.title),
                                   tr.tf("Your request «{}» (number {}) is about the same matter as request «{}» (number {}), so the municipality "
                                         "merged it into that one. You will be told of its outcome.",
                                         dup.title, dup.id, target.title, target.id) +
                                       "\n\n" + tr.tf("See the request: {}", url) + "\n"};
        });
        detail::tell_supporters(s, scope, dup, [&](const i18n::Tr& tr) {
            return detail::Message{tr.tf("A request you support was merged: «{}»", dup.title),
                                   tr.tf("The request «{}» that you support was merged into request «{}» (number {}). You now follow "
                                         "that request and will be told of its outcome.",
                                         dup.title, target.title, target.id) +
                                       "\n\n" + tr.tf("See the request: {}", url) + "\n"};
        }, dup.requester_user_id);
    });
}

std::size_t bulk_assign(const web::Scope& scope, const std::vector<std::int64_t>& ids_in, std::int64_t department_id,
                        std::optional<std::int64_t> assignee_user_id) {
    scope.require(kPermHandle);
    std::vector<std::int64_t> ids = ids_in;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.empty()) detail::invalid(scope, "ids", N_("Choose at least one request"));
    if (ids.size() > 500) detail::invalid(scope, "ids", N_("Assign at most 500 requests at a time"));
    return scope.db.transact([&](soci::session& s) {
        for (auto id : ids) {
            auto r = actable(s, scope, id);
            try {
                // New requests are acknowledged on the way: choosing them for assignment is
                // acknowledging them.
                if (r.state == State::Submitted) apply(s, scope, r, {Event::Acknowledge, "", std::nullopt, std::nullopt});
                apply(s, scope, r, {Event::Assign, "", department_id, assignee_user_id});
            } catch (web::Invalid& e) {
                // Name the request the batch stopped at; the field stays as it was.
                html::Errors named(scope.tr);
                for (auto& item : e.errors.items) named.add(item.field, scope.tr.tf("Request {}: {}", id, item.message));
                throw web::Invalid(std::move(named));
            }
        }
        return ids.size();
    });
}

std::size_t return_to_queue(soci::session& s, const web::Scope& scope, std::int64_t user_id) {
    // What the person may still do, read in this transaction: after the withdrawal.
    const auto left = auth::load_principal(s, user_id);
    const auto tree = auth::unit_tree(s, scope.tenant.id);
    std::size_t returned = 0;
    for (const auto id : store::open_assigned_to(s, scope.tenant.id, user_id)) {
        auto r = store::by_id_for_update(s, scope.tenant.id, id);
        if (!r || auth::allowed_in(left, kPermHandle, scope.tenant.id, r->department_id, *tree)) continue;
        r->assignee_user_id.reset();
        r->updated_at = scope.now();
        store::update_workflow(s, *r);
        detail::add_history(s, scope, *r, EntryKind::Assignment, std::nullopt, std::nullopt, "", false,
                            json{{"department_id", r->department_id}, {"assignee_user_id", nullptr}, {"returned_from", user_id}}.dump());
        const auto department = store::department(s, scope.tenant.id, r->department_id);
        for (const auto& to : store::department_emails(s, scope.tenant.id, r->department_id))
            detail::tell(s, scope, std::nullopt, to, [&](const i18n::Tr& tr) {
                const auto name = !department ? std::string()
                                  : tr.lang() == i18n::Lang::En && !department->name_en.empty() ? department->name_en
                                                                                                 : department->name_el;
                return detail::Message{
                    tr.tf("Request back in the queue: «{}»", r->title),
                    tr.tf("The request «{}» (number {}) is back in the queue of «{}»: the person it was assigned to no longer "
                          "works on it. Assign it to someone: {}",
                          r->title, r->id, name, scope.absolute_url("/admin/requests/" + std::to_string(r->id))) + "\n"};
            }, "");
        ++returned;
    }
    return returned;
}

}  // namespace syn::requests
