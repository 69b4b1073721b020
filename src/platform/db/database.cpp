#include "platform/db/database.hpp"

#include "platform/db/native.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <chrono>

namespace syn::db {
namespace {

constexpr int kSqliteBusyTimeoutMs = 5000;

// The URL as it may appear in an error message: the password is replaced by "***".
std::string masked(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::string(url);
    const auto auth_begin = scheme_end + 3;
    const auto at = url.find('@', auth_begin);
    const auto slash = url.find('/', auth_begin);
    if (at == std::string_view::npos || (slash != std::string_view::npos && at > slash)) return std::string(url);
    const auto colon = url.find(':', auth_begin);
    if (colon == std::string_view::npos || colon > at) return std::string(url);
    return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

// SOCI's sqlite3 connect string is "key=value ..."; a path with a space must be quoted.
std::string sqlite_connect_string(const std::string& path) {
    if (path.find_first_of(" \"") == std::string::npos) return "db=" + path;
    if (path.find('"') != std::string::npos) throw Error("SQLite path must not contain '\"': " + path);
    return "db=\"" + path + "\"";
}

std::unique_ptr<soci::session> open_sqlite(const std::string& path) {
    auto s = std::make_unique<soci::session>(soci::sqlite3, sqlite_connect_string(path));
    // busy_timeout first, so switching to WAL waits for another process's lock instead of failing.
    exec_script(*s, "PRAGMA busy_timeout=" + std::to_string(kSqliteBusyTimeoutMs) +
                        "; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    std::string mode;
    *s << "PRAGMA journal_mode", soci::into(mode);
    if (mode != "wal") throw Error("SQLite refused journal_mode=WAL (got '" + mode + "') for " + path);
    return s;
}

// SOCI 4.0 rewrites a URI before handing it to libpq (".../postgres" reached the server as
// database "postgres="), so libpq parses the URI and SOCI gets plain key='value' pairs.
std::string pg_conninfo(const std::string& url) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
    if (!opts) {
        std::string msg = err ? err : "cannot parse the URL";
        PQfreemem(err);
        while (!msg.empty() && msg.back() == '\n') msg.pop_back();
        throw Error(msg);
    }
    std::string out;
    for (PQconninfoOption* o = opts; o->keyword; ++o) {
        if (!o->val) continue;
        if (!out.empty()) out += ' ';
        out += o->keyword;
        out += "='";
        for (const char* c = o->val; *c; ++c) {
            if (*c == '\'' || *c == '\\') out += '\\';
            out += *c;
        }
        out += '\'';
    }
    PQconninfoFree(opts);
    return out;
}

std::unique_ptr<soci::session> open_postgres(const std::string& url) {
    auto s = std::make_unique<soci::session>(soci::postgresql, pg_conninfo(url));
    exec_script(*s, "SET client_encoding TO 'UTF8'; SET TIME ZONE 'UTC'");
    return s;
}

// The text between the first pair of double quotes, e.g. the constraint in
// `duplicate key value violates unique constraint "users_email_key"`.
std::string first_quoted(const std::string& msg) {
    const auto a = msg.find('"');
    if (a == std::string::npos) return {};
    const auto b = msg.find('"', a + 1);
    if (b == std::string::npos) return {};
    return msg.substr(a + 1, b - a - 1);
}

// After "UNIQUE constraint failed: " SQLite lists table.column pairs, e.g. "users.email", or
// "t.a, t.b" for a composite key.
std::string sqlite_unique_columns(const std::string& msg, std::size_t at) {
    std::size_t begin = msg.find(':', at);
    if (begin == std::string::npos) return {};
    begin = msg.find_first_not_of(' ', begin + 1);
    if (begin == std::string::npos) return {};
    // An index on expressions is named instead: "UNIQUE constraint failed: index 'user_roles_unique'".
    if (msg.compare(begin, 7, "index '") == 0) {
        const auto close = msg.find('\'', begin + 7);
        return close == std::string::npos ? std::string() : msg.substr(begin + 7, close - begin - 7);
    }
    std::size_t end = begin;
    // columns are "t.a, t.b"; stop at anything that cannot belong to them (SOCI's context)
    while (end < msg.size() && (std::isalnum(static_cast<unsigned char>(msg[end])) || msg[end] == '_' ||
                                msg[end] == '.' || (msg[end] == ',' && end + 1 < msg.size() && msg[end + 1] == ' ') ||
                                (msg[end] == ' ' && end > 0 && msg[end - 1] == ',')))
        ++end;
    return msg.substr(begin, end - begin);
}

}  // namespace

std::int64_t now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::shared_ptr<Database> Database::open(std::string_view url, std::size_t pool_size) {
    if (pool_size == 0) throw Error("database pool size must be at least 1");
    Backend backend;
    std::string target;
    if (url.starts_with("sqlite:")) {
        backend = Backend::Sqlite;
        target = std::string(url.substr(7));
        if (target.starts_with("//")) target.erase(0, 2);  // sqlite:///abs/path
        if (target.empty()) throw Error("database URL 'sqlite:' names no file; use sqlite:PATH");
        // Each pooled connection to ":memory:" would be a different, empty database.
        if ((target == ":memory:" || target.starts_with("file::memory:")) && pool_size > 1)
            throw Error("an in-memory SQLite database cannot be pooled; use a file or pool_size 1");
    } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        backend = Backend::Postgres;
        target = std::string(url);
    } else {
        throw Error("unsupported database URL '" + masked(url) +
                    "': expected sqlite:PATH or postgresql://user@host:port/dbname");
    }

    std::vector<std::unique_ptr<soci::session>> sessions;
    sessions.reserve(pool_size);
    try {
        for (std::size_t i = 0; i < pool_size; ++i)
            sessions.push_back(backend == Backend::Sqlite ? open_sqlite(target) : open_postgres(target));
    } catch (const Error& e) {
        throw Error("cannot open database " + masked(url) + ": " + e.what());
    } catch (const soci::soci_error& e) {
        throw Error("cannot open database " + masked(url) + ": " + e.get_error_message());
    }
    return std::shared_ptr<Database>(new Database(backend, std::move(sessions)));
}

Database::Database(Backend backend, std::vector<std::unique_ptr<soci::session>> sessions)
    : backend_(backend), sessions_(std::move(sessions)) {
    for (auto& s : sessions_) free_.push_back(s.get());
}

Database::~Database() = default;

std::size_t Database::in_use() const {
    std::lock_guard lock(mu_);
    return sessions_.size() - free_.size();
}

Database::Conn Database::acquire() {
    soci::session* s = nullptr;
    {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !free_.empty(); });
        s = free_.back();
        free_.pop_back();
    }
    Conn c(this, s);  // returns the session to the pool even if reconnecting throws
    reconnect_if_broken(*s);
    return c;
}

Database::Conn::~Conn() {
    if (db_) db_->release(s_);
}

void Database::release(soci::session* s) noexcept {
    reset_session(*s);
    {
        std::lock_guard lock(mu_);
        free_.push_back(s);
    }
    cv_.notify_one();
}

void Database::begin(soci::session& s) {
    s << (backend_ == Backend::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

void Database::commit(soci::session& s) {
    s << "COMMIT";  // through SOCI, so a deferred constraint failing here is translated too
}

void Database::rollback_quietly(soci::session& s) noexcept {
    try {
        if (in_transaction(s)) s << "ROLLBACK";
    } catch (...) {
        reset_session(s);  // last resort; a broken PostgreSQL connection is reconnected on next lease
    }
}

void Database::rethrow_translated(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const soci::postgresql_soci_error& pe) {
        // The full SOCI text carries PostgreSQL's DETAIL line with the offending values, which may
        // be personal data; the translated errors name only the constraint.
        const std::string state = pe.sqlstate();
        if (state == "23505") {
            UniqueViolation u("unique constraint violated: " + first_quoted(pe.get_error_message()));
            u.detail = first_quoted(pe.get_error_message());
            throw u;
        }
        if (state == "23503") throw ForeignKeyViolation("foreign key constraint violated: " + first_quoted(pe.get_error_message()));
        throw;
    } catch (const soci::sqlite3_soci_error& se) {
        const std::string msg = se.get_error_message();
        if (const auto at = msg.find("UNIQUE constraint failed"); at != std::string::npos) {
            UniqueViolation u("unique constraint violated: " + sqlite_unique_columns(msg, at));
            u.detail = sqlite_unique_columns(msg, at);
            throw u;
        }
        if (msg.find("FOREIGN KEY constraint failed") != std::string::npos)
            throw ForeignKeyViolation("foreign key constraint violated");
        throw;
    }
}

}  // namespace syn::db
