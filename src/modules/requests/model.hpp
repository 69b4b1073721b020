#pragma once
// Requests to the municipality (capability C3). Types only.
// Tables: db/migrations/0006_requests.*; the use cases and who may call them: service.hpp.
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


// ---------------------------------------------------------------- configuration (per municipality)

// A unit of the municipality (platform/auth/units.hpp) as requests see it: the one that answers.
struct Department {
    std::int64_t id = 0;
    std::string name_el, name_en;
    std::string email;     // shared mailbox, may be empty
    bool retired = false;  // kept for the requests it answered; offered for nothing new
};

// Acts on every department's requests, not only their own (a municipality-wide role).
inline constexpr const char* kRoleSupervisor = "supervisor";

struct DepartmentStaff {
    std::int64_t department_id = 0;
    std::int64_t user_id = 0;
    std::string display_name, email;
    bool supervisor = false;
};

struct RequestType {
    std::int64_t id = 0;
    std::string code;  // Open311 service_code: [a-z0-9-]{1,40}, unique in the municipality
    std::string name_el, name_en;
    std::string description_el, description_en;
    std::int64_t department_id = 0;
    int deadline_days = 10;  // working days, 1–365
    bool takes_location = false;
    bool takes_attachments = false;
    bool public_default = true;
    bool active = true;
    int position = 0;
};

// What the tenant admin's form sends (text, validated by the service).
struct RequestTypeInput {
    std::string code, name_el, name_en, description_el, description_en;
    std::string department_id, deadline_days, position;
    bool takes_location = false, takes_attachments = false, public_default = true, active = true;
};

struct ApiKey {
    std::int64_t id = 0;
    std::string name;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> last_used_at, revoked_at;
};

// ---------------------------------------------------------------- requests

struct Location {
    std::string address, postal_code;
    std::string area;  // one of the municipality's areas (web/places.hpp), or ""
    std::optional<double> latitude, longitude;  // both or neither
};

enum class Source { Web, Api, Open311 };

struct Request {
    std::int64_t id = 0;
    std::int64_t municipality_id = 0;
    std::int64_t type_id = 0;
    std::string type_code;
    std::int64_t department_id = 0;
    std::optional<std::int64_t> assignee_user_id;
    std::string assignee_name;  // display name, for staff views
    std::optional<std::int64_t> requester_user_id;
    std::optional<std::int64_t> organisation_id;
    std::string organisation_name;
    // Personal data: shown to the requester, the organisation's admins and staff only.
    std::string requester_name, requester_email, requester_phone;
    std::string title, description;
    Location location;
    bool is_public = true;
    State state = State::Submitted;
    Source source = Source::Web;
    std::int64_t submitted_at = 0, updated_at = 0;
    std::optional<std::int64_t> first_response_at, resolved_at, finished_at, closed_at;
    Day due{};                   // deadline (Europe/Athens date)
    std::string status_note;     // the last public reply or the rejection reason
    std::optional<std::int64_t> merged_into_id;
    std::optional<int> rating;
    std::string rating_comment;
    int supporters = 0;
    bool overdue = false;        // open and past due (computed when read, against today in Athens)
};

// What a submission form or API call sends; the service validates it.
struct RequestInput {
    std::string type;            // the type's id (forms) or code (API, Open311)
    std::string organisation_id; // empty: in the person's own name
    std::string title, description;
    std::string address, postal_code, latitude, longitude;  // coordinates as typed, both or neither
    std::string area;  // any spelling of one of the municipality's areas, or ""
    std::optional<bool> is_public;  // nullopt: the type's default
};

// An Open311 POST: the spec's fields, form-encoded.
struct Open311Input {
    std::string service_code;
    std::string lat, lon, address_string, address_id;
    std::string email, device_id, account_id, first_name, last_name, phone;
    std::string description, media_url;
};

struct Attachment {
    std::int64_t id = 0;
    std::int64_t request_id = 0;
    std::string filename, mime, sha256;
    std::int64_t size = 0;
    std::int64_t created_at = 0;
};

// Withdrawal and Information are the requester's own: taking back a request nobody has acted on
// yet, and adding text or files to an open one.
enum class EntryKind { Submitted, Transition, Assignment, Note, Reply, Merge, Rating, Reopen, Withdrawal, Information };

// One line of a request's history. Notes are internal (is_public false).
struct HistoryEntry {
    std::int64_t id = 0;
    EntryKind kind = EntryKind::Submitted;
    std::optional<State> from, to;
    std::string body;
    bool is_public = false;
    std::optional<std::int64_t> actor_user_id;
    std::string actor_name;  // for staff views; the public sees "the municipality"
    std::int64_t at = 0;
};

struct QueueQuery {
    std::optional<std::int64_t> department_id, type_id, assignee_user_id;
    std::optional<State> state;
    bool open_only = false;      // submitted … in progress
    bool overdue_only = false;
    std::string q;               // full text (platform/text/search.hpp), with staff keys
    bool newest_first = false;   // a search, too, newest first rather than best match first
    int page = 1;                // 1-based
    int per_page = 50;
};

struct QueuePage {
    std::vector<Request> items;
    std::int64_t total = 0;
    int page = 1, per_page = 50;
};

// Public list and Open311 GET requests.
struct PublicQuery {
    std::vector<std::int64_t> ids;         // service_request_id, comma-separated in Open311
    std::string type_code;                 // service_code
    std::optional<std::int64_t> start, end;  // submitted_at range, unix seconds
    std::optional<bool> open;              // Open311 status open|closed
    std::string q;
    bool newest_first = false;  // a search, too, newest first rather than best match first
    int limit = 50;
    int page = 1;
};

}  // namespace syn::requests
