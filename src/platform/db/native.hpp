#pragma once
// What SOCI does not do for us, done on the engine's own handle behind a soci::session.
// Kept apart so the SQLite and libpq headers (which clash when mixed) stay in one .cpp.
#include "platform/db/database.hpp"

#include <string_view>

namespace syn::db {

// The backend of a session from any pool (or a bare session opened by a test).
Backend backend_of(soci::session& s);

// Runs a script of several statements (SOCI runs one at a time): sqlite3_exec / PQexec.
// Throws Error with the engine's message.
void exec_script(soci::session& s, std::string_view sql);

// True while the session is inside an explicit transaction. Code that must not run in
// autocommit mode (audit::append, which reads then writes the chain head) checks this.
bool in_transaction(soci::session& s);

// Pool hygiene, used when a lease ends: rolls back a transaction left open by a failed
// rollback, and reconnects a PostgreSQL session whose connection was lost (a server restart),
// so one broken connection costs one failed request, not a broken pool.
void reset_session(soci::session& s) noexcept;
namespace detail {
// Drops the session's per_connection() objects; keep_entry: the session stays in its pool.
void forget_connection_objects(soci::session& s, bool keep_entry) noexcept;
}  // namespace detail
void reconnect_if_broken(soci::session& s);

}  // namespace syn::db
