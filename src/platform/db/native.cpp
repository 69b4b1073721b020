#include "platform/db/native.hpp"

// soci-sqlite3.h wraps <sqlite3.h> in namespace sqlite_api; including <sqlite3.h> directly
// here as well would leave that namespace empty, so the SQLite API is used as sqlite_api::.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <string>

namespace syn::db {
namespace {

sqlite_api::sqlite3* sqlite_handle(soci::session& s) {
    return static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
}

PGconn* pg_handle(soci::session& s) {
    return static_cast<soci::postgresql_session_backend*>(s.get_backend())->conn_;
}

}  // namespace

Backend backend_of(soci::session& s) {
    const std::string name = s.get_backend_name();
    if (name == "sqlite3") return Backend::Sqlite;
    if (name == "postgresql") return Backend::Postgres;
    throw Error("unsupported SOCI backend: " + name);
}

void exec_script(soci::session& s, std::string_view sql) {
    const std::string text(sql);  // both C APIs want a terminating NUL
    if (backend_of(s) == Backend::Sqlite) {
        char* err = nullptr;
        const int rc = sqlite_api::sqlite3_exec(sqlite_handle(s), text.c_str(), nullptr, nullptr, &err);
        if (rc != 0 /* SQLITE_OK */) {
            std::string msg = err ? err : sqlite_api::sqlite3_errmsg(sqlite_handle(s));
            sqlite_api::sqlite3_free(err);
            throw Error(msg);
        }
        return;
    }
    PGresult* r = PQexec(pg_handle(s), text.c_str());
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
        std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(pg_handle(s));
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        PQclear(r);
        throw Error(msg);
    }
    PQclear(r);
}

bool in_transaction(soci::session& s) {
    if (backend_of(s) == Backend::Sqlite) return sqlite_api::sqlite3_get_autocommit(sqlite_handle(s)) == 0;
    const PGTransactionStatusType t = PQtransactionStatus(pg_handle(s));
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

void reset_session(soci::session& s) noexcept {
    try {
        if (backend_of(s) == Backend::Sqlite) {
            if (sqlite_api::sqlite3_get_autocommit(sqlite_handle(s)) == 0)
                sqlite_api::sqlite3_exec(sqlite_handle(s), "ROLLBACK", nullptr, nullptr, nullptr);
            return;
        }
        if (in_transaction(s)) PQclear(PQexec(pg_handle(s), "ROLLBACK"));
    } catch (...) {
        // A session we cannot even inspect is reconnected on its next lease.
    }
}

namespace {
// A SQLite file handle does not drop; a session without a backend is one an earlier reconnect
// failed to reopen (PostgreSQL).
bool session_connected(soci::session& s) noexcept {
    try {
        if (s.get_backend() == nullptr) return false;
        return backend_of(s) != Backend::Postgres || PQstatus(pg_handle(s)) == CONNECTION_OK;
    } catch (...) {
        return false;
    }
}
}  // namespace

// Here rather than in database.cpp: only this file sees libpq's handle.
bool Database::connected(soci::session& s) noexcept { return session_connected(s); }

bool Database::cancelled_on_replica(const soci::soci_error& e) noexcept {
    const auto* pe = dynamic_cast<const soci::postgresql_soci_error*>(&e);
    if (!pe) return false;
    try {
        const std::string state = pe->sqlstate();
        return state == "40001" || state == "57014";  // conflict with recovery; statement timeout
    } catch (...) {
        return false;
    }
}

void reconnect_if_broken(soci::session& s) {
    if (session_connected(s)) return;
    detail::forget_connection_objects(s, true);  // statements prepared on the lost connection
    try {
        s.reconnect();
    } catch (const std::exception& e) {
        // The first line only, without quotes: the message goes into one-line JSON logs.
        std::string why = e.what();
        why.resize(std::min(why.find('\n'), why.size()));
        std::replace(why.begin(), why.end(), '"', '\'');
        throw Unavailable("database connection lost and reconnecting failed: " + why);
    }
}

namespace {

// Copies every page of `from`'s main database into `to`'s, in one step.
void copy_database(sqlite_api::sqlite3* to, sqlite_api::sqlite3* from, const std::string& what) {
    sqlite_api::sqlite3_backup* b = sqlite_api::sqlite3_backup_init(to, "main", from, "main");
    if (!b) throw Error(what + ": " + sqlite_api::sqlite3_errmsg(to));
    const int step = sqlite_api::sqlite3_backup_step(b, -1);
    sqlite_api::sqlite3_backup_finish(b);
    if (step != SQLITE_DONE) throw Error(what + ": " + sqlite_api::sqlite3_errstr(step));
}

struct SqliteFile {
    sqlite_api::sqlite3* db = nullptr;
    SqliteFile(const std::string& path, int flags) {
        if (sqlite_api::sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
            const std::string msg = db ? sqlite_api::sqlite3_errmsg(db) : "out of memory";
            sqlite_api::sqlite3_close(db);
            throw Error("cannot open " + path + ": " + msg);
        }
    }
    ~SqliteFile() { sqlite_api::sqlite3_close(db); }
};

}  // namespace

void sqlite_backup(soci::session& from, const std::string& to_path) {
    if (backend_of(from) != Backend::Sqlite) throw Error("sqlite_backup: not a SQLite session");
    SqliteFile to(to_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    copy_database(to.db, sqlite_handle(from), "backing up to " + to_path);
}

void sqlite_restore(soci::session& into, const std::string& from_path) {
    if (backend_of(into) != Backend::Sqlite) throw Error("sqlite_restore: not a SQLite session");
    SqliteFile from(from_path, SQLITE_OPEN_READONLY);
    copy_database(sqlite_handle(into), from.db, "restoring from " + from_path);
}

void finish(soci::session& s, soci::statement& st) noexcept {
    // By the session's backend: SOCI's backend classes export no type information to test.
    if (s.get_backend_name() != "sqlite3") return;
    auto* sqlite = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
    if (sqlite && sqlite->stmt_) sqlite_api::sqlite3_reset(sqlite->stmt_);
}

bool fetch_one(soci::session& s, soci::statement& st) {
    const bool row = st.execute(true);
    finish(s, st);
    return row;
}

}  // namespace syn::db
