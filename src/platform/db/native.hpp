#pragma once
// What SOCI does not do for us, done on the engine's own handle behind a soci::session.
// Kept apart so the SQLite and libpq headers (which clash when mixed) stay in one .cpp.
#include "platform/db/database.hpp"

#include <memory>
#include <string>
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

// SQLite's online backup API: copies the whole database behind `from` into the file `to_path`
// (replaced if it exists), consistent even while other connections write; and the reverse,
// which replaces the database behind `into` with the file's. Throw Error with SQLite's message.
void sqlite_backup(soci::session& from, const std::string& to_path);
void sqlite_restore(soci::session& into, const std::string& from_path);

// Ends a statement that is kept prepared between uses (per_connection) once its one row was
// read, as sqlite3_reset does: SQLite counts a statement that returned a row and was not run to
// completion as still "in progress" — an unfinished INSERT … RETURNING forbids the next SAVEPOINT,
// and an unfinished SELECT outside a transaction keeps its read snapshot open, so later reads on
// the connection would not see newer commits. PostgreSQL keeps nothing open: a no-op there.
void finish(soci::session& s, soci::statement& st) noexcept;

// A query kept prepared on this connection (per_connection): T's constructor takes the session
// and prepares its statement `st`, bound to T's own variables (session_store.cpp has examples).
template <class T>
T& kept(soci::session& s, const char* key) {
    return per_connection<T>(s, key, [&] { return std::make_unique<T>(s); });
}
// Runs a kept statement for its first row and finish()es it; true when there was a row.
bool fetch_one(soci::session& s, soci::statement& st);

}  // namespace syn::db
