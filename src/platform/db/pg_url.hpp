#pragma once
// PostgreSQL URLs. The connections a copy keeps besides its pool — the cache feed's LISTEN and
// the read replica — must notice a server that stopped answering (a partitioned network sends no
// reset), or a thread waits on them for ever: with_timeouts() adds libpq's timeouts to a URL.
// conninfo() turns a URL into libpq's key='value' form, which the pool hands to SOCI and the
// backup hands to pg_dump (without the password, which goes in PGPASSWORD).
#include <string>
#include <string_view>

namespace syn::db {

// url with connect_timeout, TCP keepalives and tcp_user_timeout added, each unless the URL sets
// it already; with `statement_timeout_ms`, also a statement timeout for the session.
std::string with_timeouts(std::string_view url, long statement_timeout_ms = 0);

// The URL's parameters as key='value' pairs, with or without its password. Throws db::Error
// with libpq's message for a URL libpq cannot parse.
std::string conninfo(std::string_view url, bool with_password = true);
// The URL's password ("" when it has none).
std::string password_of(std::string_view url);

}  // namespace syn::db
