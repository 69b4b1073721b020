#pragma once
// Registry use cases. Each checks who may act (rule 5), runs ONE transaction, records the
// organisation's history and the audit entry, and queues mail. Validation failures throw
// web::Invalid (messages already in the caller's language, nothing written); a missing or
// other-municipality organisation throws web::NotFound; a refusal throws web::Forbidden
// (or web::NeedLogin for a visitor).
//
// Who may do what
//   visitor/citizen  directory(), find_public(): listed organisations (submitted or verified),
//                    public fields only.
//   any account      create() a draft and become its first admin; accept_invitation().
//   org member       load() and see every field, documents, members; leave().
//   org admin        update(), submit(), documents, logo, invitations, roles, transfer_admin().
//   staff            ("registry.review": staff, tenant_admin) queue(), load() any organisation of
//                    their municipality, decide(), notes, history, update() on its behalf.
//   tenant admin     ("registry.import": tenant_admin) import_csv().
//   auditor          ("registry.read": staff, tenant_admin, auditor) read-only load()/history().
// Staff of municipality X get NotFound for organisations of municipality Y: every store call
// takes scope.tenant.id.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/registry/model.hpp"
#include "platform/http/multipart.hpp"
#include "platform/web/scope.hpp"

namespace syn::registry {

inline constexpr const char* kPermReview = "registry.review";
inline constexpr const char* kPermRead = "registry.read";
inline constexpr const char* kPermImport = "registry.import";

// ---------------------------------------------------------------- public (service/directory.cpp)

// Listed organisations only (submitted or verified), profiles already redacted to public fields.
DirectoryPage directory(const web::Scope& scope, const DirectoryQuery& q);
// Changes whenever this process writes to the registry; pages key cached fragments on it.
std::uint64_t directory_version();
// Distinct neighbourhoods of listed organisations, in Greek collation, for the filter.
std::vector<std::string> neighbourhoods(const web::Scope& scope);
// A listed organisation by slug, redacted for this viewer: members and staff see every field,
// everyone else only the public ones. nullopt when unknown or not listed.
std::optional<Organisation> find_public(const web::Scope& scope, std::string_view slug);
// The public logo (mime, bytes) of a listed organisation.
std::optional<std::pair<std::string, std::string>> public_logo(const web::Scope& scope, std::string_view slug);

// ---------------------------------------------------------------- the organisation (service/profile.cpp)

struct Access {
    bool member = false;  // any role in the organisation
    bool admin = false;   // organisation admin
    bool staff = false;   // registry.review in this municipality
    bool reader = false;  // registry.read (staff, auditor)
};
Access access(const web::Scope& scope, const Organisation& o);

struct MyOrganisation {
    Organisation organisation;
    std::string role;  // kRoleAdmin | kRoleMember
};
std::vector<MyOrganisation> my_organisations(const web::Scope& scope);

// The admins (account id and e-mail) of an organisation of the municipality, read inside the
// caller's transaction: other modules mail and notify them (requests: every admin of an
// organisation follows the requests filed on its behalf). Empty for an unknown organisation.
struct OrganisationAdmin {
    std::int64_t user_id = 0;
    std::string email;
};
std::vector<OrganisationAdmin> organisation_admins(soci::session& s, std::int64_t municipality_id, std::int64_t org_id);

// Every field, for members, staff and auditors; NotFound/Forbidden otherwise.
Organisation load(const web::Scope& scope, std::int64_t id);
// Creates a draft in scope.tenant; the caller becomes its admin. Returns the id.
std::int64_t create(const web::Scope& scope, const OrganisationInput& in);
// Replaces the profile (admin or staff). Allowed in every state but dissolved; an edit of a
// verified organisation keeps it verified (staff see the change in the history).
void update(const web::Scope& scope, std::int64_t id, const OrganisationInput& in);
// draft|returned → submitted (admin). Refused (Invalid) while the required documents are missing.
void submit(const web::Scope& scope, std::int64_t id);
// Required documents for a kind: the statute, except for informal groups (none).
std::vector<std::string> required_documents(const Organisation& o);

// ---------------------------------------------------------------- documents (service/documents.cpp)

std::vector<Document> documents(const web::Scope& scope, std::int64_t org_id);  // members, staff, auditors
// Admin or staff. kind ∈ kDocumentKinds. PDF/JPEG/PNG by content (libmagic), ≤ 20 MiB; stored
// by SHA-256 under cfg.files_dir. Throws Invalid (field "file" or "kind") and leaves no file.
Document add_document(const web::Scope& scope, std::int64_t org_id, const std::string& kind, const http::Part& file);
void remove_document(const web::Scope& scope, std::int64_t org_id, std::int64_t document_id);
struct DocumentContent {
    Document document;
    std::string data;
};
DocumentContent document_content(const web::Scope& scope, std::int64_t org_id, std::int64_t document_id);
// JPEG or PNG only, ≤ 2 MiB; the logo is always public.
void set_logo(const web::Scope& scope, std::int64_t org_id, const http::Part& file);

// ---------------------------------------------------------------- people (service/people.cpp)

std::vector<Member> members(const web::Scope& scope, std::int64_t org_id);          // members, staff
std::vector<Invitation> invitations(const web::Scope& scope, std::int64_t org_id);  // admins: pending only
// Admin. Mails a link to /invitations/<token> valid 14 days. Invalid for a bad address or a
// pending invitation to the same address.
void invite(const web::Scope& scope, std::int64_t org_id, const std::string& email, const std::string& role);
void revoke_invitation(const web::Scope& scope, std::int64_t org_id, std::int64_t invitation_id);
struct InvitationView {
    Organisation organisation;
    Invitation invitation;
};
// A pending, unexpired invitation by its token (any logged-in account may look).
std::optional<InvitationView> invitation_by_token(const web::Scope& scope, const std::string& token);
// The logged-in account joins with the invitation's role. Returns the organisation id.
std::int64_t accept_invitation(const web::Scope& scope, const std::string& token);
// A member leaves. The last admin cannot leave (Invalid: transfer admin rights first).
void leave(const web::Scope& scope, std::int64_t org_id);
// Admin: make another member admin and become a plain member.
void transfer_admin(const web::Scope& scope, std::int64_t org_id, std::int64_t to_user_id);
// Admin: change a member's role or remove them; never leaves the organisation without an admin.
void set_member_role(const web::Scope& scope, std::int64_t org_id, std::int64_t user_id, const std::string& role);
void remove_member(const web::Scope& scope, std::int64_t org_id, std::int64_t user_id);

// ---------------------------------------------------------------- back office (service/review.cpp)

DirectoryPage queue(const web::Scope& scope, const QueueQuery& q);  // registry.read
// The checklist items the system can tell by itself: required documents present, ΑΦΜ valid, no
// duplicate (same ΑΦΜ or same folded name in this municipality). seat_in_municipality is left
// false: only a person can tell.
Checklist automatic_checklist(const web::Scope& scope, const Organisation& o);
// Other organisations of the municipality with the same ΑΦΜ or the same folded name.
std::vector<Organisation> possible_duplicates(const web::Scope& scope, const Organisation& o);

struct Decision {
    Event event = Event::Verify;           // Verify, ReturnWithReasons, Suspend, Reinstate, Dissolve, Renew
    Checklist checklist;                   // as ticked by staff; Verify and Renew need every item
    std::vector<std::string> reasons;      // ReturnWithReasons: at least one; Suspend/Dissolve: optional
};
// registry.review. Applies the lifecycle (rules.hpp next()); refusals throw Invalid with the
// rule's message. Mails the organisation's admins the outcome.
void decide(const web::Scope& scope, std::int64_t org_id, const Decision& d);
std::vector<Note> notes(const web::Scope& scope, std::int64_t org_id);  // registry.read
void add_note(const web::Scope& scope, std::int64_t org_id, const std::string& body);  // registry.review; ≤ 5,000 chars
std::vector<HistoryEntry> history(const web::Scope& scope, std::int64_t org_id);  // members see theirs too

// ---------------------------------------------------------------- import (service/import.cpp)

struct ImportProblem {
    std::size_t line = 0;  // 1-based line in the file (the header is line 1)
    std::string field;     // column name
    std::string message;   // translated
};
struct ImportReport {
    std::size_t rows = 0;      // data rows read
    std::size_t valid = 0;
    std::size_t imported = 0;  // 0 on a dry run, and whenever any row is invalid unless skip_invalid
    std::vector<ImportProblem> problems;
};
// registry.import. One transaction: nothing is imported when any row is invalid, unless
// skip_invalid (then the valid rows are). A dry run only reports.
ImportReport import_csv(const web::Scope& scope, std::string_view csv, bool dry_run, bool skip_invalid);

// ---------------------------------------------------------------- jobs (service/expiry.cpp)

// The verification expiry of the scope's municipality, for the system only (a job): verified
// organisations past expires_at go back to submitted (history and audit without an actor, mail
// to the admins); those within 30 days of expiry get one reminder mail. Returns how many were
// expired and reminded.
struct ExpiryRun {
    int expired = 0, reminded = 0;
};
ExpiryRun expire_verifications(const web::Scope& scope);
// The jobs runner's hourly call: expire_verifications() for every municipality that has an
// organisation due, each on its own system Scope at `now`.
ExpiryRun run_expiry(db::Database& db, const config::Config& cfg, std::int64_t now);

// Where a new seat's pin likely goes: the middle of the seats organisations gave; nullopt when
// none gave one. Anyone may ask (it reveals no one seat).
std::optional<std::pair<double, double>> seats_centre(const web::Scope& scope);

// After an upgrade from free-text neighbourhoods: every spelling organisations give becomes one
// of the municipality's places (web/places.hpp), added when no place of that name exists,
// and each organisation then gives the place's spelling, so "ταμπακικα" and "Ταμπάκικα" are
// one filter entry. Idempotent; returns how many organisations changed spelling.
std::size_t adopt_neighbourhoods(db::Database& db);

// The search-index job: computes the search text of organisations that have none (after an
// upgrade changed what search keeps), in small transactions; returns how many.
std::size_t refill_search(db::Database& db);

// ---------------------------------------------------------------- invitations (service/people.cpp)
// Why an invitation link no longer works, so the page can tell the person (expired, used,
// withdrawn) instead of a bare "not found".

enum class InvitationStatus { Unknown, Pending, Accepted, Revoked, Expired };
// Any logged-in account may ask; the token is the secret.
InvitationStatus invitation_status(const web::Scope& scope, const std::string& token);

// Invitations are valid this long after they are sent.
inline constexpr long long kInvitationSeconds = 14LL * 24 * 3600;

}  // namespace syn::registry
