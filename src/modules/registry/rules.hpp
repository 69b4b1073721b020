#pragma once
// Pure registry logic: taxonomy look-ups, lifecycle state machine, verification expiry,
// validation of organisation input, verification checklist. No I/O, no clock: callers pass `now`
// (Unix seconds, UTC).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "modules/registry/model.hpp"
#include "platform/text/search.hpp"

namespace syn::registry {

// ---- rules/taxonomy.cpp
std::span<const Option> kinds();
std::span<const Option> subtypes(std::string_view kind);  // empty for an unknown kind
std::span<const Option> areas();                           // areas of action
// The msgid for a code, or nullptr when the code is unknown.
const char* kind_label(std::string_view kind);
const char* subtype_label(std::string_view kind, std::string_view subtype);
const char* area_label(std::string_view area);
// Fields that may carry a Visibility, and their default. official_name, distinctive_title,
// kind, subtype and areas are always public: the directory cannot list an organisation without them.
std::span<const char* const> visibility_fields();
Visibility default_visibility(std::string_view field);
Visibility visibility_of(const OrganisationInput& in, std::string_view field);

// ---- rules/visibility.cpp
// The organisation as the public may see it: every municipality-only field blanked, and the
// return reasons and reminder bookkeeping dropped.
Organisation redact_for_public(Organisation o);

// ---- rules/lifecycle.cpp
const char* state_code(State s);   // "draft", "submitted", … (stored)
const char* event_code(Event e);   // "submit", "verify", …
std::optional<State> parse_state(std::string_view code);
std::optional<Event> parse_event(std::string_view code);
const char* state_label(State s);  // msgid
// The transition for an event; reasons matter only for ReturnWithReasons, which needs at least
// one reason and no blank ones.
Transition next(State from, Event event, const std::vector<std::string>& reasons = {});
// verified_at plus `months` calendar months in UTC, same time of day; a day past the end of the
// target month is clamped to its last day (2026-01-31 + 1 month = 2026-02-28). months ≥ 1.
std::int64_t verification_expires_at(std::int64_t verified_at, int months = kDefaultVerificationMonths);
// True when `now` is in the last 30 days before expiry and no reminder was sent in that window
// (a reminder from an earlier verification period, before a renewal, does not count).
bool reminder_due(std::int64_t now, std::int64_t expires_at,
                  std::optional<std::int64_t> last_reminded_at = std::nullopt);

// ---- rules/validation.cpp
// Every problem in the input, in form order; empty when the input is acceptable.
std::vector<Problem> check(const OrganisationInput& in, std::int64_t now);
// The input as it is stored: fields trimmed, phone as +30…, decimal comma → point in coordinates,
// blank and repeated list items dropped. Apply before check() so messages match what is saved.
OrganisationInput normalised(OrganisationInput in);
// Helpers used by check(), exposed for the CSV import and for tests.
bool valid_web_url(std::string_view url, bool https_only = false);
std::optional<double> parse_coordinate(std::string_view s);  // "37.0389" or "37,0389"

// ---- checklist (rules/validation.cpp)
// msgids of the failed items, in checklist order; empty when the organisation may be verified.
std::vector<const char*> checklist_failures(const Checklist& c);

// ---------------------------------------------------------------- search keys (rules/search.cpp)
// Pure search keys for the directory (ARCHITECTURE rule 9): the stored text of
// text::search_document(), so that "συλλογοσ γονεων", "syllogos goneon", "γονείς" and "sylogos"
// all find "Σύλλογος Γονέων" (platform/text/search.hpp).

// Of "<folded official name> | <folded title> | <neighbourhood> | <description start>", then the
// caller's tokens (filter_tokens). Only public fields take part: a search must not reveal what
// the profile hides. The folded official name comes first, up to " |", which the duplicate check
// relies on.
std::string search_text(const Organisation& o, std::string_view tokens = {});
// Filter tokens appended to the stored search text, so the full-text index alone can answer
// "in this municipality, listed, verified, of this kind, in this area" together with the words
// (counting the matches of a broad prefix then never touches the table). They start with "zz"
// and have no separators, so the tokenizers keep each one whole.
std::string filter_tokens(const Organisation& o, bool listed);
struct FilterTerms {
    std::int64_t municipality_id = 0;
    bool verified_only = false;  // else: listed
    std::string kind, area;
};
// The exact (not prefix) terms that select what FilterTerms names.
std::vector<std::string> filter_terms(const FilterTerms& f);


}  // namespace syn::registry
