#pragma once
// Server-side sessions: the browser holds a random token, the database only its hash.
#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "platform/auth/permissions.hpp"

namespace syn::auth {

struct SessionPolicy {
    long idle_seconds = 2 * 3600;
    long absolute_seconds = 12 * 3600;
};

struct ActiveSession {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string csrf_token;
    std::string email;
    std::string display_name;
    std::int64_t last_seen_at = 0;
    bool second_factor_enrolled = false;  // the account has a confirmed second factor
    bool second_factor_passed = false;    // this session passed it
};

struct NewSession {
    std::string token;       // for the cookie; never stored
    std::string csrf_token;
};

// Creates a session (the old one, if any, is deleted by the caller: the token rotates at log-in).
NewSession create_session(soci::session& s, std::int64_t user_id, const SessionPolicy& p);
// The live session for a cookie token, or nullopt when unknown, idle too long or past its
// absolute expiry (expired rows are deleted on sight).
std::optional<ActiveSession> find_session(soci::session& s, const std::string& token, const SessionPolicy& p);
// Moves last_seen forward, at most once a minute to spare the database a write per request.
void touch_session(soci::session& s, const ActiveSession& a, const SessionPolicy& p);
void delete_session(soci::session& s, std::int64_t session_id);
void delete_user_sessions(soci::session& s, std::int64_t user_id);
// Every session of the user but one (the device that changed the password stays logged in).
void delete_other_sessions(soci::session& s, std::int64_t user_id, std::int64_t keep_session_id);
// The active account a personal API token belongs to, or nullopt (unknown, revoked, deleted).
std::optional<std::int64_t> user_for_api_token(soci::session& s, const std::string& token);
std::size_t delete_expired_sessions(soci::session& s, const SessionPolicy& p);

// Grants from user_roles.
Principal load_principal(soci::session& s, std::int64_t user_id);

}  // namespace syn::auth
