#pragma once
// Internal to the requests store (store/*.cpp): the typed binding of one requests row, the codes
// stored for enums, and the plumbing of the lists (queue, public list, mine). Not for services.
#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "modules/requests/model.hpp"
#include "platform/db/filter.hpp"

namespace syn::requests::store::detail {

const char* source_code(Source s);
Source parse_source(const std::string& code);
const char* kind_code(EntryKind k);
EntryKind parse_kind(const std::string& code);

// The SELECT list and FROM clause every request read uses ("r" is the requests row).
extern const char* const kRequestColumns;
extern const char* const kRequestFrom;

// Typed binding of kRequestColumns: faster than soci::row, and NULLs explicit.
struct RequestBinding {
    long long id = 0, municipality_id = 0, type_id = 0, department_id = 0, assignee = 0, requester = 0, organisation = 0;
    std::string type_code, assignee_name, organisation_name, requester_name, requester_email, requester_phone, title,
        description, address, postal_code, state, source, due_day, status_note, rating_comment, area;
    double lat = 0, lng = 0;
    int is_public = 1, rating = 0, supporters = 0;
    long long submitted = 0, updated = 0, first_response = 0, resolved = 0, finished = 0, closed = 0, merged_into = 0;
    soci::indicator assignee_i = soci::i_ok, requester_i = soci::i_ok, organisation_i = soci::i_ok, lat_i = soci::i_ok,
                    lng_i = soci::i_ok, first_response_i = soci::i_ok, resolved_i = soci::i_ok, finished_i = soci::i_ok,
                    closed_i = soci::i_ok, merged_into_i = soci::i_ok, rating_i = soci::i_ok;

    void exchange(soci::statement& st);
    Request current() const;
};

bool is_postgres(soci::session& s);

// ---------------------------------------------------------------- lists

inline constexpr const char* kOpenStates = "('submitted', 'acknowledged', 'assigned', 'in_progress')";
inline constexpr const char* kFinishedStates = "('resolved', 'rejected', 'closed')";
// Where a request's folded text is indexed (rule 9).
extern const db::FullText kRequestSearch;
// Newest first; the id breaks ties so pages never overlap.
inline constexpr const char* kNewestFirst = " ORDER BY r.submitted_at DESC, r.id DESC";

// How a search reads its page, given how many requests it matches: from its matches, unless on
// PostgreSQL they are so many that walking the list newest first fills a page sooner than
// joining and sorting them all. Not for a ranked page: it is read tier by tier, and a rare best
// tier of a common search would walk the whole list. SQLite always starts from its matches: its
// index hands them over newest first (Filter::match_id). Count under db::PreferIndex.
db::Drive drive_for(soci::session& s, std::int64_t matches, bool ranked);
// Every request the filter selects, joined for display, in `tail`'s order and limit.
std::vector<Request> fetch(soci::session& s, db::Filter& f, const std::string& tail);
// One page, newest first (a search's best matches first, then newest), in two steps: the page's ids off the indexes alone (an OFFSET then
// skips index entries, not rows), then those few rows in full. several_states: the filter reads
// several states (open, overdue), whose index ranges are read and sorted rather than walking
// every request newest first hoping to meet them.
// ranked: a search's best matches first (else newest first all the same).
// total: the filter's count, when the caller has it.
std::vector<Request> fetch_page(soci::session& s, db::Filter& f, bool several_states, std::int64_t limit, std::int64_t offset,
                                bool ranked = true, std::optional<std::int64_t> total = std::nullopt);

}  // namespace syn::requests::store::detail
