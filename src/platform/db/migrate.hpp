#pragma once
// Schema migrations: SQL files compiled into the binary (db/migrations/, see
// platform/embed/embedded.hpp) applied in order, each once, each in its own transaction.
//
// File names: NNNN_<module>_<what>.sql holds the statements both engines share; dialect twins
// NNNN_<module>_<what>.sqlite.sql and .pg.sql hold only the statements that differ, and run after
// it in the same transaction. A migration without a plain file needs both twins. A migration is
// known by its logical name ("0002_platform_audit", without dialect or extension) and its
// checksum is of the SQL actually run (plain, then twin), so a migration that was only a plain
// file or only twins keeps the checksum it was applied with.
//
// A file is one script of several statements. It runs inside a transaction, so it must not use
// statements that cannot (SQLite: VACUUM, PRAGMA foreign_keys; PostgreSQL: CREATE INDEX
// CONCURRENTLY, CREATE DATABASE).
#include "platform/db/database.hpp"
#include "platform/embed/embedded.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace syn::db {

struct MigrationError : Error {
    using Error::Error;
};

// Applies what has not been applied yet, in order of NNNN then name, recording each in
// schema_migrations (name, version, checksum, applied_at), a table the runner creates.
// Refuses with a MigrationError naming the file, before applying anything, when an applied
// file's checksum changed or a file name breaks the rules; a failing file is rolled back and
// reported with the engine's message, and the files before it stay applied.
// Safe to run from several processes at once (PostgreSQL advisory lock; SQLite BEGIN IMMEDIATE
// and a re-check). Returns the logical names applied, in order.
std::vector<std::string> migrate(Database& db, std::span<const embed::File> files);

struct AppliedMigration {
    std::string name;      // "0002_platform_audit"
    std::int64_t version;  // 2
    std::string checksum;  // sha256 hex of the file that ran
    std::int64_t applied_at;
};
// What schema_migrations records, in order (empty when the runner never ran). For `migrate status`.
std::vector<AppliedMigration> applied_migrations(Database& db);

}  // namespace syn::db
