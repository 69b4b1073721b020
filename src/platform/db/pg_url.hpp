#pragma once
// The connections a copy keeps to PostgreSQL besides its pool — the cache feed's LISTEN and the
// read replica — must notice a server that stopped answering (a partitioned network sends no
// reset), or a thread waits on them for ever. These add libpq's timeouts to a URL.
#include <string>
#include <string_view>

namespace syn::db {

// url with connect_timeout, TCP keepalives and tcp_user_timeout added, each unless the URL sets
// it already; with `statement_timeout_ms`, also a statement timeout for the session.
std::string with_timeouts(std::string_view url, long statement_timeout_ms = 0);

}  // namespace syn::db
