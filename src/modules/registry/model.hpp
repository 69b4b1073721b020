#pragma once
// Registry: associations, social-economy (ΚΑλΟ) entities and other civil-society bodies.
// Types only. Codes are stable ASCII strings because they are stored in the database, sent in
// the API and exported as open data; labels are English msgids translated at render time.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace syn::registry {

// A stored code with the msgid that names it to people (translate with tr(label)).
struct Option {
    const char* code;
    const char* label;
};

// Kinds (families) and their subtypes. The subtype must belong to the kind; the tables are in
// rules/taxonomy.cpp and read through kinds()/subtypes()/areas() in rules.hpp.
//   association   cultural sports parents neighbourhood environmental volunteer youth women
//                 seniors disability migrants professional other
//   kalo          koinsep_vulnerable koinsep_special koinsep_collective koispe workers_coop
//                 other_kalo                                      (Law 4430/2016 forms)
//   civil_society amke somateio foundation informal_group
inline constexpr const char* kKindAssociation = "association";
inline constexpr const char* kKindKalo = "kalo";
inline constexpr const char* kKindCivilSociety = "civil_society";
inline constexpr const char* kSubtypeInformalGroup = "informal_group";

// Each profile field is either shown in the public directory or only to municipal staff.
enum class Visibility { Public, Municipality };

struct Board {
    std::string president, secretary, treasurer;
    std::vector<std::string> members;
};

// What an organisation admin submits, as typed (strings, so that each bad value gets its own
// message instead of failing a conversion before validation runs).
struct OrganisationInput {
    std::string official_name;
    std::string distinctive_title;
    std::string kind;     // kKind*
    std::string subtype;  // a code from subtypes(kind)
    std::string afm;
    std::string gemi_number;
    std::string kalo_registry_number;
    std::string court_registry_number;
    std::string founding_date;  // "YYYY-MM-DD", or empty
    std::vector<std::string> areas;  // area-of-action codes
    std::string description_markdown;
    std::string seat_address;
    std::string neighbourhood;
    std::string postal_code;
    std::string latitude, longitude;  // decimal degrees, both or neither
    std::string email;
    std::string phone;
    std::string website;
    std::vector<std::string> social_links;
    std::string declared_members;  // whole number, or empty
    Board board;
    // Field name (as in Problem::field) → visibility; fields not listed use default_visibility().
    std::map<std::string, Visibility> visibility;
};

// A field that failed validation and the English msgid explaining why. Items of a list are
// named "field.N" (0-based), e.g. "social_links.2", "board.members.0".
struct Problem {
    std::string field;
    const char* msgid;
};

// Lifecycle (see rules/lifecycle.cpp for the transition table and why expiry goes back to submitted).
enum class State { Draft, Submitted, Verified, Returned, Suspended, Dissolved };
enum class Event { Submit, Verify, ReturnWithReasons, Suspend, Reinstate, Dissolve, Renew, Expire };

// Result of next(): either the new state, or a refusal whose msgid says why.
struct Transition {
    bool ok = false;
    State to = State::Draft;
    const char* refusal = nullptr;  // set when !ok
};

// Staff verification checklist; every item must hold before an organisation is verified.
struct Checklist {
    bool documents_present = false;
    bool afm_valid = false;
    bool seat_in_municipality = false;
    bool no_duplicate = false;
};

// Limits, named so that pages can state them in hints.
inline constexpr std::size_t kMaxName = 200;
inline constexpr std::size_t kMaxDescription = 10'000;
inline constexpr std::size_t kMaxPersonName = 120;
inline constexpr std::size_t kMaxBoardMembers = 50;
inline constexpr std::size_t kMaxSocialLinks = 10;
inline constexpr std::size_t kMaxUrl = 500;
inline constexpr long long kMaxDeclaredMembers = 1'000'000;
inline constexpr int kDefaultVerificationMonths = 12;
inline constexpr std::int64_t kReminderSecondsBefore = 30LL * 24 * 3600;

// Greece's bounding box (mainland and islands, Gavdos to Evros, Corfu to Kastellorizo).
inline constexpr double kMinLatitude = 34.7, kMaxLatitude = 41.8;
inline constexpr double kMinLongitude = 19.3, kMaxLongitude = 29.7;


// ---------------------------------------------------------------- stored records

// Documents an organisation files with the municipality; stored by content hash.
inline constexpr const char* kDocumentKinds[] = {"statute", "board_decision", "registry_certificate", "other"};

struct Document {
    std::int64_t id = 0;
    std::int64_t organisation_id = 0;
    std::string kind;       // one of kDocumentKinds
    std::string filename;   // as uploaded, path stripped
    std::string mime;       // sniffed from the content: application/pdf, image/jpeg, image/png
    std::int64_t size = 0;
    std::string sha256;
    std::int64_t uploaded_by = 0;
    std::int64_t uploaded_at = 0;
};

// An organisation as stored. `profile` holds the validated, normalised input (phone as +30…,
// coordinates as typed after validation); lat/lng are its parsed coordinates.
struct Organisation {
    std::int64_t id = 0;
    std::int64_t municipality_id = 0;
    std::string slug;  // unique within the municipality, for public URLs
    OrganisationInput profile;
    std::optional<double> latitude, longitude;
    State state = State::Draft;
    std::vector<std::string> return_reasons;  // the reasons of the last return, when Returned
    std::int64_t created_at = 0, updated_at = 0;
    std::optional<std::int64_t> submitted_at, verified_at, expires_at, reminded_at;
    std::string logo_sha256;  // empty: no logo (served at /organisations/<slug>/logo)
};

inline constexpr const char* kRoleAdmin = "admin";
inline constexpr const char* kRoleMember = "member";

struct Member {
    std::int64_t user_id = 0;
    std::string display_name, email;
    std::string role;  // kRoleAdmin | kRoleMember
    std::int64_t joined_at = 0;
};

struct Invitation {
    std::int64_t id = 0;
    std::int64_t organisation_id = 0;
    std::string email;
    std::string role;
    std::int64_t invited_by = 0;
    std::int64_t created_at = 0, expires_at = 0;
};

// Internal note by municipal staff; never shown to the organisation or the public.
struct Note {
    std::int64_t id = 0;
    std::int64_t author_id = 0;
    std::string author_name;
    std::string body;
    std::int64_t created_at = 0;
};

// One line of an organisation's history: lifecycle events, edits, documents, membership.
struct HistoryEntry {
    std::int64_t id = 0;
    std::optional<std::int64_t> actor_id;  // nullopt: the system (e.g. expiry)
    std::string actor_name;
    std::string action;        // "submit", "verify", "return", "edit", "document.add", "member.join", …
    std::string from_state, to_state;  // state codes; empty when the state did not change
    std::vector<std::string> reasons;  // return reasons, failed checklist items, suspension reason
    std::int64_t at = 0;
};

// Public directory query (all fields optional). Page is 1-based.
// Best: the best matches first when there is a search (then by name), else by name.
enum class DirectorySort { Best, Name, Newest };
struct DirectoryQuery {
    std::string q;              // free text, Greek or Latin letters (platform/text/search.hpp)
    std::string kind;           // kKind*
    std::string area;           // area code
    std::string neighbourhood;  // exact neighbourhood name
    bool verified_only = false;
    DirectorySort sort = DirectorySort::Best;
    int page = 1;
    int per_page = 50;          // 1..100
};
struct DirectoryPage {
    std::vector<Organisation> items;
    std::int64_t total = 0;
    int page = 1, pages = 1;
};

// Back-office queue filter.
struct QueueQuery {
    std::string state = "submitted";  // a state code, or "" for all
    std::string q;
    int page = 1;
    int per_page = 50;
};

}  // namespace syn::registry
