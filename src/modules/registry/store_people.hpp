#pragma once
// SQL for the people of an organisation: members (beyond the basics in store.hpp that every
// access check needs) and invitations. Invitation tokens are kept only as their SHA-256.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/registry/model.hpp"

namespace syn::registry::store {

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
