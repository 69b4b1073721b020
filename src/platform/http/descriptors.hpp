#pragma once
// How many connections the process can hold open: every connection costs a file descriptor,
// and so do the database, its write-ahead log, uploads and outgoing mail. Run out of them and
// the database is refused a file before the next client is refused a connection.
#include <cstddef>

namespace syn::http {

// Raises the soft limit on open descriptors to the hard one (systemd and most shells start a
// service at a soft 1,024 with a far higher hard limit) and returns the soft limit now in force.
std::size_t raise_descriptor_limit();

// Descriptors kept back from connections: 32 for the process itself (listening socket, standard
// streams, log files, an SMTP connection, libmagic's database), three per pooled database
// connection (SQLite's database, -wal and -shm files; PostgreSQL needs one), and one per handler
// thread (an upload being stored or a document being served).
std::size_t descriptor_reserve(std::size_t db_pool, std::size_t handler_threads);

// The connections to allow: the configured maximum, or what the descriptor limit leaves after
// the reserve if that is fewer; never below 16, so that a tiny limit still serves someone.
std::size_t connection_cap(std::size_t max_connections, std::size_t descriptor_limit, std::size_t reserve);

}  // namespace syn::http
