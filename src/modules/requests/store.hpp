#pragma once
// SQL for the requests themselves and what hangs off them: history events, attachments,
// supporters, ratings, the search index, the staff queue, the public list and the statistics
// facts. Every call takes the municipality (rule 6): a row of another municipality is never read
// or changed. Departments, types, staff and API keys are in store.hpp.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/requests/model.hpp"

namespace syn::requests::store {

// Counts this process's writes to requests (insert, workflow, rating, supporters), so that caches
// of reads (the statistics page) can tell they are stale. Other processes' writes are not seen:
// such caches also expire by time.
std::uint64_t generation();

// "2026-03-09" and back; the due_day column.

// What insert_request stores beyond the Request itself.
struct NewRequestExtras {
    std::string search_text;    // rules.hpp request_search_text(r): text::search_document()
    std::string open311_token;  // empty: none (NULL)
};

// Inserts r (its id is ignored and set on return) and, on SQLite, the full-text entries of every
// request not yet indexed, its own included (index_new_requests); returns the new id.
// Writes: municipality_id, type_id, department_id, assignee_user_id, requester_user_id,
// organisation_id, requester_*, title, description, location, is_public, state, source,
// submitted_at, updated_at, first_response_at, resolved_at, finished_at, closed_at, due,
// status_note, merged_into_id, rating, rating_comment (rated_at = updated_at when a rating is
// set), supporters (the counter only: add supporter rows with add_supporter).
std::int64_t insert_request(soci::session& s, Request& r, const NewRequestExtras& extras);
std::int64_t insert_request(soci::session& s, Request& r, const std::string& search_text);

// Appends one history line (h.id ignored; returns its id). details: JSON text ("{}" when empty),
// e.g. {"department_id":3,"assignee_user_id":9} or {"merged_into":12}.
std::int64_t add_event(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, const HistoryEntry& h,
                       const std::string& details = "{}");

// The same two inserts with their statements prepared once per connection and kept for the
// connection's life (db::per_connection), so a request filed on the web or by Open311 does not
// parse its SQL again. The writer must not outlive the session, nor the transaction. It writes no
// full-text entries on SQLite: call index_new_requests() in the same transaction, or leave them
// to the "requests.search_index" job.
//   store::BulkWriter w(s);
//   for (...) { Request r = ...; w.insert_request(r, {request_search_text(r), ""}); w.add_event(mid, r.id, h); }
//   store::index_new_requests(s);
class BulkWriter {
public:
    explicit BulkWriter(soci::session& s);
    BulkWriter(const BulkWriter&) = delete;
    BulkWriter& operator=(const BulkWriter&) = delete;
    std::int64_t insert_request(Request& r, const NewRequestExtras& extras);
    std::int64_t add_event(std::int64_t municipality_id, std::int64_t request_id, const HistoryEntry& h,
                           const std::string& details = "{}");
    struct Impl;

private:
    Impl* impl_;  // the connection's
};

// SQLite's full-text index (request_search) is written apart from the rows: an Open311 POST
// leaves its entry to a job, because FTS5 writes a small index segment at every savepoint and
// every POST has its own (db::Database::transact_grouped); a batch writes one. PostgreSQL indexes
// requests.search_vector itself: both are 0 there.
// How many requests the index lacks (a read; the job's check before it takes the write lock).
std::size_t unindexed_requests(soci::session& s);
// Adds the entries of the oldest at_most unindexed requests (all without a limit), in a write
// transaction; returns how many.
std::size_t index_new_requests(soci::session& s, std::optional<std::size_t> at_most = std::nullopt);
// Computes the search text of at most at_most requests that have none (after an upgrade changed
// what is indexed, every request), oldest first; returns how many. Both engines.
std::size_t refill_search_texts(soci::session& s, std::size_t at_most);

// Oldest first; public_only drops internal notes and staff-only lines. actor_name from users.
std::vector<HistoryEntry> events(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, bool public_only);

// A request with type_code, assignee_name and organisation_name filled; overdue is NOT computed
// here (the service does it against today in Athens, see rules/service).
std::optional<Request> by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id);
// The same, locking the row for the rest of the transaction on PostgreSQL (SQLite's BEGIN
// IMMEDIATE already serialises writers), so two decisions on one request cannot interleave.
std::optional<Request> by_id_for_update(soci::session& s, std::int64_t municipality_id, std::int64_t id);
// The request id of an Open311 token of this municipality.
std::optional<std::int64_t> id_by_token(soci::session& s, std::int64_t municipality_id, std::string_view token);

// Writes the workflow columns of r: department_id, assignee_user_id, state, updated_at,
// first_response_at, resolved_at, finished_at, closed_at, status_note, merged_into_id.
void update_workflow(soci::session& s, const Request& r);
// The requests of the municipality assigned to the person and not finished, by id.
std::vector<std::int64_t> open_assigned_to(soci::session& s, std::int64_t municipality_id, std::int64_t user_id);
// rating, rating_comment, rated_at, updated_at.
void set_rating(soci::session& s, std::int64_t municipality_id, std::int64_t id, int rating, const std::string& comment,
                std::int64_t at);

// ---- attachments (metadata; the bytes are in the BlobStore under sha256)
std::int64_t add_attachment(soci::session& s, std::int64_t municipality_id, const Attachment& a,
                            std::optional<std::int64_t> uploaded_by);
std::vector<Attachment> attachments(soci::session& s, std::int64_t municipality_id, std::int64_t request_id);
std::optional<Attachment> attachment(soci::session& s, std::int64_t municipality_id, std::int64_t request_id,
                                     std::int64_t attachment_id);

// ---- supporters ("me too"); the requests.supporters counter is kept in step by these.
// false when the user already supports it.
bool add_supporter(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, std::int64_t user_id,
                   std::int64_t at);
// false when the user did not support it.
bool remove_supporter(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, std::int64_t user_id);
bool is_supporter(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, std::int64_t user_id);
std::vector<std::int64_t> supporter_ids(soci::session& s, std::int64_t municipality_id, std::int64_t request_id);
// user id + e-mail of each supporter (for mail and notifications).
struct Recipient {
    std::int64_t user_id = 0;
    std::string email;
};
std::vector<Recipient> supporters(soci::session& s, std::int64_t municipality_id, std::int64_t request_id);

// ---- lists
// Staff queue: newest submitted first, one page (q.page, q.per_page) plus the total count.
// today: Athens date, for the overdue filter (due_day < today and open state).
// total: the filter's count when the caller knows it (a cache of queue_count); else counted here.
QueuePage queue(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today,
                std::optional<std::int64_t> total = std::nullopt);
std::int64_t queue_count(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today);
// Every row of the filter (at most `limit`), newest first.
std::vector<Request> queue_all(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today,
                               std::size_t limit = 100000);
// Public (is_public, not merged) requests, newest first; personal data NOT blanked here.
std::vector<Request> public_list(soci::session& s, std::int64_t municipality_id, const PublicQuery& q);
std::int64_t public_count(soci::session& s, std::int64_t municipality_id, const PublicQuery& q);
// The user's own requests and those of the given organisations, newest first (at most limit).
std::vector<Request> of_requester(soci::session& s, std::int64_t municipality_id, std::int64_t user_id,
                                  const std::vector<std::int64_t>& organisation_ids, std::size_t limit = 500);

// ---- statistics: one row per request of the municipality that is not a merged duplicate.
// The service maps the ids to names in the viewer's language.
struct StatsRow {
    std::int64_t department_id = 0, type_id = 0;
    RequestFacts facts;  // department/type keys left empty; due and resolved_day filled
};
std::vector<StatsRow> stats_facts(soci::session& s, std::int64_t municipality_id);

// The account's display name and e-mail (requester data of a submission made with an API token).
struct Contact {
    std::string name, email;
};
std::optional<Contact> contact(soci::session& s, std::int64_t user_id);

// Every request of the municipality (for tests and the bench's row count).
std::int64_t count_in(soci::session& s, std::int64_t municipality_id);

// ---------------------------------------------------------------- configuration (store/config.cpp)
// SQL for a municipality's requests configuration: departments and their staff, request types,
// Open311 API keys. Every call takes the municipality (rule 6).

// Bumped by every change of departments, their staff or request types made through this
// process: the configuration's read caches compare it (changes made by other copies of the
// program show when the cache's ttl runs out).
std::uint64_t config_generation();

std::vector<Department> departments(soci::session& s, std::int64_t municipality_id);  // retired ones too
std::optional<Department> department(soci::session& s, std::int64_t municipality_id, std::int64_t id);
// Throws db::UniqueViolation for a name_el already used in the municipality.
std::int64_t insert_department(soci::session& s, std::int64_t municipality_id, const Department& d);
void update_department(soci::session& s, std::int64_t municipality_id, const Department& d);

// The holders of a staff grant on each unit (not on the units above it), active accounts only.
std::vector<DepartmentStaff> department_staff(soci::session& s, std::int64_t municipality_id);
// Grants staff on the unit, and the supervisor role when `supervisor` (never withdraws it:
// that is done on the person's page).
void put_department_staff(soci::session& s, std::int64_t municipality_id, std::int64_t department_id, std::int64_t user_id,
                          bool supervisor);
bool remove_department_staff(soci::session& s, std::int64_t municipality_id, std::int64_t department_id, std::int64_t user_id);
// E-mail addresses of a department's staff (and its shared mailbox, when set), for assignment mail.
std::vector<std::string> department_emails(soci::session& s, std::int64_t municipality_id, std::int64_t department_id);
// What still needs the department: active request types it answers, requests it has open.
struct DepartmentUse {
    long long active_types = 0, open_requests = 0;
};
DepartmentUse department_use(soci::session& s, std::int64_t municipality_id, std::int64_t department_id);
// The active account with this (normalised, lower-case) e-mail that belongs to the
// municipality (its home, or it holds a role there): who may be given a role in it.
std::optional<std::int64_t> municipality_account(soci::session& s, std::int64_t municipality_id, const std::string& email);

// Ordered by position, then name_el. active_only: what citizens may choose.
std::vector<RequestType> types(soci::session& s, std::int64_t municipality_id, bool active_only);
std::optional<RequestType> type_by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id);
std::optional<RequestType> type_by_code(soci::session& s, std::int64_t municipality_id, std::string_view code);
// Throws db::UniqueViolation for a code already used in the municipality.
std::int64_t insert_type(soci::session& s, std::int64_t municipality_id, const RequestType& t);
void update_type(soci::session& s, std::int64_t municipality_id, const RequestType& t);

std::vector<ApiKey> api_keys(soci::session& s, std::int64_t municipality_id);
std::int64_t insert_api_key(soci::session& s, std::int64_t municipality_id, const std::string& name,
                            const std::string& key_hash, std::int64_t created_by, std::int64_t at);
bool revoke_api_key(soci::session& s, std::int64_t municipality_id, std::int64_t id, std::int64_t at);
// A live (not revoked) key of the municipality by its hash.
std::optional<std::int64_t> live_api_key(soci::session& s, std::int64_t municipality_id, const std::string& key_hash);
void touch_api_key(soci::session& s, std::int64_t id, std::int64_t at);

}  // namespace syn::requests::store
