#pragma once
// Pure rules for requests: the workflow and Greek working days. No I/O, no clock.
//
// Deadlines are counted in working days: Monday to Friday that are not Greek public holidays.
// The national holidays are fixed dates plus four that move with Orthodox Easter:
// Καθαρά Δευτέρα (Easter − 48 days), Μεγάλη Παρασκευή (− 2), Δευτέρα του Πάσχα (+ 1) and
// Αγίου Πνεύματος (+ 50).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/requests/model.hpp"

namespace syn::requests {

// ---- rules/workflow.cpp
const char* state_code(State s);   // "submitted", "acknowledged", … (stored, and Open311's status source)
const char* event_code(Event e);
std::optional<State> parse_state(std::string_view code);
std::optional<Event> parse_event(std::string_view code);
const char* state_label(State s);  // msgid
// Open311 GeoReport v2 knows only "open" and "closed".
bool is_open(State s);
// The transition for an event, or a refusal whose msgid explains it to the person who asked.
Transition next(State from, Event event, const TransitionInput& in);

// ---- rules/stats.cpp
enum class GroupBy { Department, Type };
// One row per department or type (in key order); a figure is nullopt when no request gives it.
// Medians of an even count are the mean of the middle two.
std::vector<GroupStats> group_stats(const std::vector<RequestFacts>& facts, GroupBy by);
std::optional<double> median(std::vector<double> values);

// ---------------------------------------------------------------- search text (rules/search.cpp)
// The search text of a request (ARCHITECTURE rule 9): text::search_document() of
// "<title> | <description start> | <address>", so "λακκουβα", "λακκούβες" and "lakouva" all find
// "Λακκούβα"; the requester's name rides along as a private key (kRequesterKey) that only the
// staff queue asks for. Stored in requests.search_text (PostgreSQL indexes its tsvector) and
// request_search (SQLite FTS5).
inline constexpr char kRequesterKey = 'r';
// The request number a staff search names: "302" or "#302" (spaces around allowed), else nullopt.
std::optional<std::int64_t> request_number(std::string_view query);
std::string request_search_text(const Request& r);
// The list filters that also ride in the index as tokens (text::filter_token): the municipality,
// publicly listed (public and not merged), open or finished, the state, the department and the
// type. A search that asks for them as exact tokens is counted and paged on the index alone; the
// text is rewritten whenever they change (store::update_workflow).
struct RequestFilterTerms {
    std::int64_t municipality_id = 0;
    bool listed_only = false;
    std::optional<bool> open = {};
    std::optional<State> state = {};
    std::optional<std::int64_t> department_id = {}, type_id = {};
};
std::vector<std::string> request_filter_terms(const RequestFilterTerms& f);

}  // namespace syn::requests
