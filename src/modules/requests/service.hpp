#pragma once
// Requests use cases (capability C3). Each checks who may act (rule 5), runs ONE transaction,
// writes the request's history (and the audit log for staff decisions), and queues mail and
// in-app notifications. Validation failures throw web::Invalid (messages in the caller's
// language, nothing written); a request of another municipality, or one the viewer may not see,
// throws web::NotFound; a refusal to someone who may see it throws web::Forbidden (or
// web::NeedLogin for a visitor).
//
// Who may do what
//   visitor          public requests (is_public, not merged away): list, view without personal data;
//                    statistics(); request_types().
//   any account      submit() in their own name; support()/unsupport() a public request; their
//                    requests: view in full, reopen() within cfg.requests_reopen_days of the
//                    outcome, rate() once resolved.
//   org admin        submit() on behalf of the organisation; every admin of it sees and follows
//                    its requests as the requester does (rate, reopen).
//   staff            ("requests.read": staff, tenant_admin, auditor) queue() and view every request
//                    of the municipality with personal data; ("requests.handle": staff,
//                    tenant_admin) act — transition(), reply(), note(), merge(), bulk_assign() —
//                    only on requests of their own departments, unless a supervisor
//                    (the supervisor role, or tenant_admin). Auditors never act.
//   tenant admin     ("requests.configure": tenant_admin) departments, their staff, request types,
//                    Open311 API keys.
// Every store call takes scope.tenant.id: municipality X never sees municipality Y's rows.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/requests/model.hpp"
#include "platform/http/multipart.hpp"
#include "platform/web/scope.hpp"

namespace syn::requests {

inline constexpr const char* kPermRead = "requests.read";
inline constexpr const char* kPermHandle = "requests.handle";
inline constexpr const char* kPermConfigure = "requests.configure";

// ---------------------------------------------------------------- configuration (service/config.cpp)

std::vector<Department> departments(const web::Scope& scope);                   // anyone (names are public)
std::int64_t save_department(const web::Scope& scope, std::optional<std::int64_t> id, const Department& d);  // configure
std::vector<DepartmentStaff> department_staff(const web::Scope& scope);         // requests.read
// configure. The account (by e-mail) must hold "staff" or "tenant_admin" in this municipality.
void add_department_staff(const web::Scope& scope, std::int64_t department_id, const std::string& email, bool supervisor);
void remove_department_staff(const web::Scope& scope, std::int64_t department_id, std::int64_t user_id);
// Active types in position order (anyone); all types for the configure permission with all=true.
std::vector<RequestType> request_types(const web::Scope& scope, bool all = false);
std::optional<RequestType> request_type_by_code(const web::Scope& scope, std::string_view code);
std::int64_t save_request_type(const web::Scope& scope, std::optional<std::int64_t> id, const RequestTypeInput& in);  // configure
std::vector<ApiKey> api_keys(const web::Scope& scope);                          // configure
// configure. Returns the key itself, shown once; only its hash is stored.
std::string create_api_key(const web::Scope& scope, const std::string& name);
void revoke_api_key(const web::Scope& scope, std::int64_t id);
// The key's id when it is a live key of scope.tenant (and notes its use); nullopt otherwise.
std::optional<std::int64_t> check_api_key(const web::Scope& scope, std::string_view key);

// ---------------------------------------------------------------- submission and viewing (service/submit.cpp, service/view.cpp)

// A logged-in account files a request (in its name, or its organisation's when it is an admin of
// it). Attachments are checked as the registry's documents (PDF/JPEG/PNG by content, ≤ 20 MiB,
// at most 5) and only for types that take them. Returns the new request's id.
std::int64_t submit(const web::Scope& scope, const RequestInput& in, const std::vector<http::Part>& files);
// Open311 POST with a valid API key (check_api_key); no account. Returns {id, token}.
std::pair<std::int64_t, std::string> submit_open311(const web::Scope& scope, std::int64_t api_key_id, const Open311Input& in);

// The "requests.search_index" job (app/commands.cpp runs it every second): on SQLite, adds the
// full-text entries that submit_open311() leaves out, 2,000 requests per write transaction, so an
// Open311 report can be searched for in the staff queue about a second after it was filed (store.hpp
// says why). Returns how many it indexed; 0 on PostgreSQL, which indexes as it inserts.
std::size_t index_new_requests(db::Database& db);

struct Viewer {
    bool requester = false;   // the person who filed it, or an admin of its organisation
    bool staff = false;       // requests.read
    bool can_act = false;     // requests.handle and (supervisor or the request's department)
    bool supporter = false;   // the viewer supports it
};
struct RequestView {
    Request request;          // personal data blanked unless requester or staff
    Viewer viewer;
    std::vector<HistoryEntry> history;  // internal notes only for staff
    std::vector<Attachment> attachments;
    std::string type_name;        // in the viewer's language
    std::string department_name;  // in the viewer's language
    bool withdrawable = false;    // the requester may still take it back (judged on the whole history)
};
RequestView view(const web::Scope& scope, std::int64_t id);
struct AttachmentContent {
    Attachment attachment;
    std::string data;
};
// The requester and staff; the public only for a public request.
AttachmentContent attachment(const web::Scope& scope, std::int64_t request_id, std::int64_t attachment_id);

// The logged-in account's requests and those of the organisations it administers, newest first.
std::vector<Request> my_requests(const web::Scope& scope);
// Public requests, personal data blanked. Also Open311's GET requests (limit ≤ 1000; without a
// date range, the last 90 days as the spec suggests).
std::vector<Request> public_requests(const web::Scope& scope, const PublicQuery& q);
// One public request for Open311 and the public pages; nullopt when unknown, private or merged.
std::optional<Request> public_request(const web::Scope& scope, std::int64_t id);
// Open311 tokens/{token}: the request id, when the token is one of scope.tenant's.
std::optional<std::int64_t> request_by_token(const web::Scope& scope, std::string_view token);

// ---------------------------------------------------------------- the requester (service/requester.cpp)

void support(const web::Scope& scope, std::int64_t id);    // any account, public open requests; not one's own
void unsupport(const web::Scope& scope, std::int64_t id);
void reopen(const web::Scope& scope, std::int64_t id);     // requester; rules.hpp next(Reopen)
// Requester, once, after resolution (resolved or closed with resolved_at). rating 1–5, comment ≤ 2,000.
void rate(const web::Scope& scope, std::int64_t id, int rating, const std::string& comment);
// Requester, while nobody at the municipality has acted on it (still submitted, with nothing in
// its history but the requester's own entries): it closes, with the reason (optional, ≤ 2,000
// characters) in its history, and whoever holds it is told. Otherwise web::Invalid says why.
void withdraw(const web::Scope& scope, std::int64_t id, const std::string& reason);
// Requester, while it is open: text (≤ 5,000 characters) and/or files (as when filing it),
// at least one of the two; in its history and told to whoever holds it.
void add_information(const web::Scope& scope, std::int64_t id, const std::string& text, const std::vector<http::Part>& files);
// Whether withdraw() would be allowed now, from the request's whole history.
bool withdrawable(const std::vector<HistoryEntry>& history, State state);
// Whether the requester withdrew it (then it cannot be reopened).
bool withdrawn(const std::vector<HistoryEntry>& history);

// ---------------------------------------------------------------- staff (service/workflow.cpp, service/queue.cpp)

struct TransitionCommand {
    Event event = Event::Acknowledge;
    std::string reason;                          // Reject: required; shown to the requester
    std::optional<std::int64_t> department_id;   // Assign: required
    std::optional<std::int64_t> assignee_user_id;  // Assign: optional, staff of that department
};
// requests.handle on this request's department (or supervisor). Refusals of the state machine
// throw Invalid with its message. Mails and notifies the requester (and, on resolve/reject, the
// supporters); an assignment to a person mails that person.
void transition(const web::Scope& scope, std::int64_t id, const TransitionCommand& c);
// A public reply (mailed to the requester; the first one counts as the first response) or an
// internal note (staff only). 1–5,000 characters.
void reply(const web::Scope& scope, std::int64_t id, const std::string& body, bool is_public);
// Closes `duplicate` as merged into `into` (same municipality, both actable, neither merged);
// the duplicate's requester and supporters become supporters of `into` and are told.
void merge(const web::Scope& scope, std::int64_t duplicate, std::int64_t into);
// Assigns each request (Assign transition); all or nothing: one refusal refuses the whole batch,
// naming the request. Returns how many were assigned.
std::size_t bulk_assign(const web::Scope& scope, const std::vector<std::int64_t>& ids, std::int64_t department_id,
                        std::optional<std::int64_t> assignee_user_id);

QueuePage queue(const web::Scope& scope, const QueueQuery& q);  // requests.read
// Changes whenever a request or the configuration (names of departments and types) changes in
// this process: what a rendered list (a staff queue page, Open311's list) is kept against.
std::uint64_t requests_version();
// Changes whenever this process changes departments, their staff or request types; pages key
// what they build from the configuration on it (other copies' changes show within its ttl).
std::uint64_t configuration_version();
// The same filter, every row (at most 100,000), for the CSV export.
std::vector<Request> queue_all(const web::Scope& scope, const QueueQuery& q);
// The departments the viewer may act on (all of them for a supervisor); for queue defaults.
std::vector<std::int64_t> my_departments(const web::Scope& scope);
bool is_supervisor(const web::Scope& scope);

// Inside the transaction that withdrew roles of `user_id` (web/roles_withdrawn.hpp): every open
// request assigned to them that they can no longer act on goes back to its unit's queue (no
// assignee, same state), with a history line, and the unit is told. Returns how many.
std::size_t return_to_queue(soci::session& s, const web::Scope& scope, std::int64_t user_id);

// ---------------------------------------------------------------- statistics (service/stats.cpp)

struct Statistics {
    std::vector<GroupStats> by_department;  // keys: department names in the viewer's language
    std::vector<GroupStats> by_type;        // keys: type names in the viewer's language
    GroupStats overall;
    std::int64_t computed_at = 0;
};
// The requests submitted from `from` to `to` (Athens days, both included); unset: no bound.
struct StatsPeriod {
    std::optional<Day> from, to;
};
// Public. Every request of the municipality except merged duplicates, submitted in the period.
// Cached per municipality, language and period for 60 s (platform/cache/read_cache.hpp).
Statistics statistics(const web::Scope& scope, const StatsPeriod& period = {});

// ---------------------------------------------------------------- demo and bench data (demo.cpp)

// Departments and the six demo types of the issue for a municipality; idempotent.
void seed_configuration(soci::session& s, std::int64_t municipality_id);

}  // namespace syn::requests
