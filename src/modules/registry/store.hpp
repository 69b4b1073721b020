#pragma once
// SQL for the organisations table and what hangs off it directly (areas, search index,
// history, notes). Every call takes the municipality: a row of another municipality is
// never read or changed (rule 6). Documents and people follow as their own sections.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/registry/model.hpp"

namespace syn::registry::store {

// States the public directory lists.
inline constexpr State kListedStates[] = {State::Submitted, State::Verified};

// Counts this process's writes to organisations (insert, profile, lifecycle, logo), so that
// caches of directory reads can tell they are stale. Other processes' writes are not seen:
// such caches also expire by time.
std::uint64_t generation();

// Inserts o (id ignored) with its areas and search entry; returns the new id. The slug is made
// unique within the municipality by appending -2, -3, … Throws db::UniqueViolation for a
// duplicate ΑΦΜ.
std::int64_t insert(soci::session& s, Organisation& o);
// Replaces the profile columns, areas, slug-independent search entry and updated_at.
void update_profile(soci::session& s, const Organisation& o);
// Lifecycle columns: state, return_reasons, submitted_at, verified_at, expires_at, reminded_at.
void update_lifecycle(soci::session& s, const Organisation& o);
void set_logo(soci::session& s, std::int64_t municipality_id, std::int64_t id, const std::string& sha256);

// Computes the search text and name order of at most at_most organisations that have none (after
// an upgrade changed what is indexed or how names sort, every one), oldest first; returns how many.
std::size_t refill_search(soci::session& s, std::size_t at_most);

std::optional<Organisation> by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id);
std::optional<Organisation> by_slug(soci::session& s, std::int64_t municipality_id, std::string_view slug);
// Locks the row for the rest of the transaction on PostgreSQL (SQLite's BEGIN IMMEDIATE
// already serialises writers), so two decisions on one organisation cannot interleave.
std::optional<Organisation> by_id_for_update(soci::session& s, std::int64_t municipality_id, std::int64_t id);

// Public directory: listed states only. Profiles are NOT redacted here.
DirectoryPage directory(soci::session& s, std::int64_t municipality_id, const DirectoryQuery& q);
// Back-office queue: any state (or q.state), oldest submission first.
DirectoryPage queue(soci::session& s, std::int64_t municipality_id, const QueueQuery& q);
std::vector<std::string> listed_neighbourhoods(soci::session& s, std::int64_t municipality_id);
// The middle of the seats the municipality's organisations gave (where a new pin likely goes);
// nullopt when none gave one.
std::optional<std::pair<double, double>> seats_centre(soci::session& s, std::int64_t municipality_id);
// Every (municipality, neighbourhood) that some organisation gives, however it is spelled.
std::vector<std::pair<std::int64_t, std::string>> neighbourhood_values(soci::session& s);
// Spells the neighbourhood `from` as `to` in every organisation of the municipality.
void respell_neighbourhood(soci::session& s, std::int64_t municipality_id, const std::string& from, const std::string& to);
// Same ΑΦΜ, or the same folded official name, excluding `except_id`.
std::vector<Organisation> duplicates(soci::session& s, std::int64_t municipality_id, std::int64_t except_id,
                                     const std::string& afm, const std::string& folded_name);
// Every organisation of the municipality, in any state.
std::int64_t count_in(soci::session& s, std::int64_t municipality_id);
bool afm_taken(soci::session& s, std::int64_t municipality_id, const std::string& afm, std::int64_t except_id);
// Verified organisations of every municipality whose expiry is before `before`.
std::vector<Organisation> verified_expiring_before(soci::session& s, std::int64_t before);

void add_history(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, const HistoryEntry& h);
std::vector<HistoryEntry> history(soci::session& s, std::int64_t municipality_id, std::int64_t org_id);
void add_note(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t author_id,
              const std::string& body, std::int64_t at);
std::vector<Note> notes(soci::session& s, std::int64_t municipality_id, std::int64_t org_id);

// Membership, needed by every access check (the rest of the people SQL is in its section below).
std::optional<std::string> member_role(soci::session& s, std::int64_t org_id, std::int64_t user_id);
void add_member(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t user_id,
                const std::string& role, std::int64_t at);
// Admins of an organisation of the municipality: account id and e-mail (active accounts).
std::vector<std::pair<std::int64_t, std::string>> admins(soci::session& s, std::int64_t municipality_id, std::int64_t org_id);
// Organisations the user belongs to in this municipality, with the role.
std::vector<std::pair<Organisation, std::string>> of_user(soci::session& s, std::int64_t municipality_id, std::int64_t user_id);
// Kinds of document on file (for the checklist).
std::vector<std::string> document_kinds(soci::session& s, std::int64_t org_id);

// ---------------------------------------------------------------- documents (store/documents.cpp)
// SQL for an organisation's documents (organisation_documents) and for the question the blob
// store cannot answer itself: is a stored file still referred to by anything?

// Inserts d (id ignored) and returns the new id.
std::int64_t insert_document(soci::session& s, std::int64_t municipality_id, const Document& d);
// Newest first.
std::vector<Document> documents(soci::session& s, std::int64_t municipality_id, std::int64_t org_id);
std::optional<Document> document(soci::session& s, std::int64_t municipality_id, std::int64_t org_id,
                                 std::int64_t document_id);
// true when a row was deleted.
bool delete_document(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t document_id);
// Whether any document or logo, of any municipality, refers to this content hash. Blobs are
// shared by content across the whole install, so only an unreferenced blob may be removed.
bool blob_in_use(soci::session& s, const std::string& sha256);

// ---------------------------------------------------------------- people (store/people.cpp)
// SQL for the people of an organisation: members (beyond the basics above that every
// access check needs) and invitations. Invitation tokens are kept only as their SHA-256.

// Members with their account's name and e-mail, admins first, then by name.
std::vector<Member> members(soci::session& s, std::int64_t municipality_id, std::int64_t org_id);
int admin_count(soci::session& s, std::int64_t org_id);
// true when a row changed.
bool set_member_role(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t user_id,
                     const std::string& role);
bool remove_member(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t user_id);
// Whether an active account with this (lower-case) e-mail address is a member already.
bool member_with_email(soci::session& s, std::int64_t org_id, const std::string& email);
// The account's display name ("" for a deleted account).
std::string display_name(soci::session& s, std::int64_t user_id);

// An invitation with what happened to it since.
struct InvitationRecord {
    Invitation invitation;
    std::optional<std::int64_t> accepted_at, revoked_at;
};

std::int64_t insert_invitation(soci::session& s, std::int64_t municipality_id, const Invitation& inv,
                               const std::string& token_hash);
// Not accepted, not revoked, not expired at `now`; oldest first.
std::vector<Invitation> pending_invitations(soci::session& s, std::int64_t municipality_id, std::int64_t org_id,
                                            std::int64_t now);
bool pending_invitation_for(soci::session& s, std::int64_t org_id, const std::string& email, std::int64_t now);
std::optional<InvitationRecord> invitation_by_hash(soci::session& s, std::int64_t municipality_id,
                                                   const std::string& token_hash);
// Only a pending invitation of this organisation; true when one was revoked.
bool revoke_invitation(soci::session& s, std::int64_t municipality_id, std::int64_t org_id,
                       std::int64_t invitation_id, std::int64_t now);
// Marks a still-pending invitation used; false when it was used, revoked or expired meanwhile.
bool accept_invitation(soci::session& s, std::int64_t invitation_id, std::int64_t user_id, std::int64_t now);

}  // namespace syn::registry::store
