#include "platform/db/migrate.hpp"

#include "platform/db/checksum.hpp"
#include "platform/db/native.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace syn::db {
namespace {

// Same DDL on both engines. Keyed by logical name, not version, so two modules that picked the
// same NNNN in parallel branches both apply.
constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " name TEXT PRIMARY KEY,"
    " version BIGINT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

// Any constant will do; it only has to be the same in every copy of the program.
constexpr const char* kPgLock = "SELECT pg_advisory_lock(7302157301)";
constexpr const char* kPgUnlock = "SELECT pg_advisory_unlock(7302157301)";

enum class Dialect { Any, Sqlite, Postgres };

struct Planned {
    std::string name;  // logical
    std::int64_t version;
    std::string file;  // as embedded, for messages ("a.sql + a.pg.sql" when both run)
    std::string sql;
};

struct ParsedName {
    std::string name;  // "0002_platform_audit"
    Dialect dialect;
};

// NNNN_<words>[.sqlite|.pg].sql, words lowercase [a-z0-9] joined by single '_'.
std::optional<ParsedName> parse_name(std::string_view path) {
    Dialect dialect = Dialect::Any;
    std::string_view stem = path;
    if (stem.ends_with(".sqlite.sql")) {
        dialect = Dialect::Sqlite;
        stem.remove_suffix(11);
    } else if (stem.ends_with(".pg.sql")) {
        dialect = Dialect::Postgres;
        stem.remove_suffix(7);
    } else if (stem.ends_with(".sql")) {
        stem.remove_suffix(4);
    } else {
        return std::nullopt;
    }
    if (stem.size() < 6 || stem[4] != '_') return std::nullopt;
    for (std::size_t i = 0; i < 4; ++i)
        if (stem[i] < '0' || stem[i] > '9') return std::nullopt;
    const std::string_view words = stem.substr(5);
    if (words.front() == '_' || words.back() == '_' || words.find("__") != std::string_view::npos) return std::nullopt;
    for (char c : words)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return std::nullopt;
    return ParsedName{std::string(stem), dialect};
}

// Chooses, for the backend, one file per logical name, and checks the naming rules.
std::vector<Planned> plan(std::span<const embed::File> files, Backend backend) {
    struct Seen {
        std::optional<std::size_t> any, sqlite, pg;
    };
    std::map<std::string, Seen> by_name;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string path(files[i].path);
        const auto parsed = parse_name(path);
        if (!parsed)
            throw MigrationError("migration file name '" + path +
                                 "' does not match NNNN_<module>_<what>[.sqlite|.pg].sql (lowercase)");
        Seen& seen = by_name[parsed->name];
        std::optional<std::size_t>& slot = parsed->dialect == Dialect::Sqlite     ? seen.sqlite
                                           : parsed->dialect == Dialect::Postgres ? seen.pg
                                                                                  : seen.any;
        if (slot) throw MigrationError("migration file '" + path + "' is given twice");
        slot = i;
    }
    std::vector<Planned> out;
    for (const auto& [name, seen] : by_name) {
        // Without a plain file, each engine needs its own: otherwise one of them would skip the
        // migration silently.
        if (!seen.any && (!seen.sqlite || !seen.pg))
            throw MigrationError("migration '" + name + "' has a " + (seen.sqlite ? ".sqlite.sql" : ".pg.sql") +
                                 " file but neither a " + (seen.sqlite ? ".pg.sql" : ".sqlite.sql") +
                                 " twin nor a plain .sql file");
        // The plain file holds what both engines share and runs first; the backend's twin adds
        // only its dialect's statements. The checksum is of what ran, so a migration that was
        // only a twin or only plain keeps the checksum it was applied with.
        Planned p{name, std::stoll(name.substr(0, 4)), "", ""};
        const std::optional<std::size_t>& twin = backend == Backend::Sqlite ? seen.sqlite : seen.pg;
        for (const std::optional<std::size_t>& i : {seen.any, twin}) {
            if (!i) continue;
            if (!p.file.empty()) {
                p.file += " + ";
                p.sql += "\n";
            }
            p.file += files[*i].path;
            p.sql += files[*i].data;
        }
        out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(),
              [](const Planned& a, const Planned& b) { return std::tie(a.version, a.name) < std::tie(b.version, b.name); });
    return out;
}

std::map<std::string, std::string> applied_checksums(soci::session& s) {
    std::map<std::string, std::string> out;
    soci::rowset<soci::row> rows = (s.prepare << "SELECT name, checksum FROM schema_migrations");
    for (const soci::row& r : rows) out[r.get<std::string>(0)] = r.get<std::string>(1);
    return out;
}

// Holds PostgreSQL's migration lock for the lifetime of the object.
class PgLock {
public:
    explicit PgLock(soci::session& s) : s_(backend_of(s) == Backend::Postgres ? &s : nullptr) {
        if (s_) exec_script(*s_, kPgLock);
    }
    ~PgLock() {
        try {
            if (s_) exec_script(*s_, kPgUnlock);
        } catch (...) {
            // The lock is a session lock: a dead connection released it already.
        }
    }
    PgLock(const PgLock&) = delete;
    PgLock& operator=(const PgLock&) = delete;

private:
    soci::session* s_;
};

}  // namespace

std::vector<std::string> migrate(Database& db, std::span<const embed::File> files) {
    const std::vector<Planned> planned = plan(files, db.backend());
    auto conn = db.acquire();
    soci::session& s = *conn;
    PgLock lock(s);
    exec_script(s, kCreateTable);

    // Refuse a drifted history before changing anything.
    const auto applied = applied_checksums(s);
    for (const Planned& p : planned) {
        const auto it = applied.find(p.name);
        if (it != applied.end() && it->second != sha256_hex(p.sql))
            throw MigrationError("migration " + p.file + " was changed after it was applied (recorded checksum " +
                                 it->second + ", file now " + sha256_hex(p.sql) +
                                 "); add a new migration instead of editing an applied one");
    }

    std::vector<std::string> done;
    for (const Planned& p : planned) {
        if (applied.count(p.name)) continue;
        try {
            s << (db.backend() == Backend::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
            // Another process may have applied it since we looked (SQLite has no advisory lock).
            int already = 0;
            s << "SELECT COUNT(*) FROM schema_migrations WHERE name = :name", soci::use(p.name), soci::into(already);
            if (already == 0) {
                exec_script(s, p.sql);
                const std::string checksum = sha256_hex(p.sql);
                const std::int64_t at = now_unix();
                s << "INSERT INTO schema_migrations (name, version, checksum, applied_at)"
                     " VALUES (:name, :version, :checksum, :at)",
                    soci::use(p.name), soci::use(p.version), soci::use(checksum), soci::use(at);
                done.push_back(p.name);
            }
            s << "COMMIT";
        } catch (const std::exception& e) {
            reset_session(s);
            if (!done.empty() && done.back() == p.name) done.pop_back();
            throw MigrationError("migration " + p.file + " failed: " + e.what());
        }
    }
    return done;
}

std::vector<AppliedMigration> applied_migrations(Database& db) {
    return db.read([&](soci::session& s) {
        std::vector<AppliedMigration> out;
        int exists = 0;
        if (db.backend() == Backend::Sqlite)
            s << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
                soci::into(exists);
        else
            s << "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'",
                soci::into(exists);
        if (exists == 0) return out;
        std::string name, checksum;
        std::int64_t version = 0, at = 0;
        soci::statement st = (s.prepare << "SELECT name, version, checksum, applied_at FROM schema_migrations"
                                           " ORDER BY version, name",
                              soci::into(name), soci::into(version), soci::into(checksum), soci::into(at));
        st.execute();
        while (st.fetch()) out.push_back({name, version, checksum, at});
        return out;
    });
}

}  // namespace syn::db
