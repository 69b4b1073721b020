#include "platform/db/database.hpp"

#include "platform/db/native.hpp"
#include "platform/db/commit_hooks.hpp"
#include "platform/db/pg_url.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <chrono>
#include <unordered_map>

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
    // temp_store=MEMORY: a SAVEPOINT keeps the pages it changes in a sub-journal, which otherwise
    // becomes a temporary file past 64 KiB and is not truncated until the transaction ends; in a
    // shared commit (transact_grouped, one savepoint per caller) writing it was a quarter of an
    // Open311 POST's inserts.
    exec_script(*s, "PRAGMA busy_timeout=" + std::to_string(kSqliteBusyTimeoutMs) +
                        "; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
    std::string mode;
    *s << "PRAGMA journal_mode", soci::into(mode);
    if (mode != "wal") throw Error("SQLite refused journal_mode=WAL (got '" + mode + "') for " + path);
    return s;
}

std::unique_ptr<soci::session> open_postgres(const std::string& url) {
    // SOCI 4.0 rewrites a URI before handing it to libpq (".../postgres" reached the server as
    // database "postgres="), so libpq parses the URI and SOCI gets plain key='value' pairs.
    auto s = std::make_unique<soci::session>(soci::postgresql, conninfo(url));
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

// The per-connection objects of every open Database, by session (per_connection()). An entry
// exists exactly while its session is in a pool, so a session address reused later never finds
// another session's statements.
struct ConnectionObjects {
    std::mutex mu;
    std::unordered_map<soci::session*, std::unordered_map<std::string, std::shared_ptr<void>>> by_session;
};
ConnectionObjects& connection_objects() {
    static ConnectionObjects objects;
    return objects;
}

}  // namespace

namespace detail {

std::shared_ptr<void>& connection_slot(soci::session& s, const char* key) {
    auto& o = connection_objects();
    std::lock_guard lock(o.mu);
    auto it = o.by_session.find(&s);
    if (it == o.by_session.end()) throw std::logic_error("per_connection: this session belongs to no Database pool");
    return it->second[key];  // a node of an unordered_map: the reference stays valid while the entry lives
}

// Drops a session's objects (its prepared statements) before the session is closed or reconnected.
void forget_connection_objects(soci::session& s, bool keep_entry) noexcept {
    std::unordered_map<std::string, std::shared_ptr<void>> dropped;
    {
        auto& o = connection_objects();
        std::lock_guard lock(o.mu);
        auto it = o.by_session.find(&s);
        if (it == o.by_session.end()) return;
        dropped.swap(it->second);
        if (!keep_entry) o.by_session.erase(it);
    }
    try {
        dropped.clear();  // statements finalised outside the lock
    } catch (...) {
        // A statement of a lost connection may fail to deallocate; the connection is going anyway.
    }
}

}  // namespace detail

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
    auto& o = connection_objects();
    std::lock_guard lock(o.mu);
    for (auto& s : sessions_) {
        free_.push_back(s.get());
        o.by_session[s.get()];
    }
}

Database::~Database() {
    for (auto& s : sessions_) detail::forget_connection_objects(*s, false);
}

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

namespace {
thread_local bool t_replica_reads = false;

// The transaction open on this thread (begin() to commit() or a rollback) and what waits for it.
thread_local bool t_in_transaction = false;
thread_local std::vector<std::function<void()>> t_after_commit;

void transaction_ended(bool committed) noexcept {
    t_in_transaction = false;
    auto after = std::exchange(t_after_commit, {});
    if (!committed) return;
    for (auto& f : after) {
        try {
            f();
        } catch (...) {
        }
    }
}
}  // namespace

bool after_commit(std::function<void()> after) {
    if (!t_in_transaction) return false;
    t_after_commit.push_back(std::move(after));
    return true;
}

ReplicaReads::ReplicaReads(bool allowed) : before_(t_replica_reads) { t_replica_reads = allowed; }
ReplicaReads::~ReplicaReads() { t_replica_reads = before_; }
bool ReplicaReads::allowed() { return t_replica_reads; }

void Database::use_replica(std::shared_ptr<Database> replica) {
    // Not usable yet: only the watcher says when it has caught up.
    replica_usable_.store(false, std::memory_order_release);
    replica_ = std::move(replica);
}

void Database::set_replica_usable(bool usable) { replica_usable_.store(usable && replica_ != nullptr, std::memory_order_release); }
bool Database::replica_usable() const { return replica_usable_; }
std::uint64_t Database::replica_reads() const { return replica_reads_; }

Database* Database::replica_for_read() {
    // acquire: pairs with the watcher's release after use_replica() stored replica_.
    if (!t_replica_reads || !replica_usable_.load(std::memory_order_acquire)) return nullptr;
    replica_reads_.fetch_add(1, std::memory_order_relaxed);
    return replica_.get();
}

void Database::replica_failed() noexcept {
    // Until the watcher sees it answer again: one lost replica costs one failed read, not one per page.
    replica_usable_ = false;
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
    t_in_transaction = true;
}

void Database::commit(soci::session& s) {
    try {
        s << "COMMIT";  // through SOCI, so a deferred constraint failing here is translated too
    } catch (...) {
        // The server may have committed before the connection failed: the work runs anyway (an
        // extra cache announcement is harmless, a missing one is not).
        transaction_ended(true);
        throw;
    }
    transaction_ended(true);
}

void Database::rollback_quietly(soci::session& s) noexcept {
    transaction_ended(false);
    try {
        if (in_transaction(s)) s << "ROLLBACK";
    } catch (...) {
        reset_session(s);  // last resort; a broken PostgreSQL connection is reconnected on next lease
    }
}

void Database::run_grouped(GroupJob& job) {
    std::unique_lock lock(group_mu_);
    group_queue_.push_back(&job);
    while (!job.done) {
        if (group_writing_) {
            job.wake.wait(lock);
            continue;
        }
        // No group is being written: this caller writes everything queued so far, its own job
        // included, while later arrivals queue up for the next group.
        group_writing_ = true;
        std::vector<GroupJob*> group;
        group.swap(group_queue_);
        lock.unlock();
        write_group(group);
        lock.lock();
        // Wake only the callers whose commit this was, and the first one queued meanwhile to
        // write the next group: one condition for all woke every waiter at each commit (about
        // 60 under load), and sent all but these back to sleep. Everything here runs under
        // group_mu_, so a caller cannot return, and its job go away, before these calls end.
        for (auto* j : group) {
            j->done = true;
            j->wake.notify_one();
        }
        group_writing_ = false;
        if (!group_queue_.empty()) group_queue_.front()->wake.notify_one();
    }
}

namespace {

// The statements of a grouped transaction, prepared once per connection.
struct GroupStatements {
    soci::statement savepoint, rollback_to, release;
    explicit GroupStatements(soci::session& s)
        : savepoint((s.prepare << "SAVEPOINT grouped")),
          rollback_to((s.prepare << "ROLLBACK TO SAVEPOINT grouped")),
          release((s.prepare << "RELEASE SAVEPOINT grouped")) {}
};

}  // namespace

void Database::write_group(const std::vector<GroupJob*>& group) {
    Conn c = acquire();
    try {
        auto& st = per_connection<GroupStatements>(*c, "db.group_statements", [&] { return std::make_unique<GroupStatements>(*c); });
        begin(*c);
        for (auto* j : group) {
            st.savepoint.execute(true);
            const auto hooks = t_after_commit.size();
            try {
                j->work(*c);
            } catch (...) {
                j->error = std::current_exception();
                t_after_commit.resize(hooks);  // what this caller's rolled-back work asked for goes too
                st.rollback_to.execute(true);  // throws (failing the group) only if the connection broke
            }
            st.release.execute(true);
        }
        commit(*c);
    } catch (...) {
        // BEGIN, a savepoint or the COMMIT failed: nothing of the group was written.
        auto e = std::current_exception();
        rollback_quietly(*c);
        for (auto* j : group)
            if (!j->error) j->error = e;
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
        // Class 08 (connection exception), 57P (the server shutting down or restarting), and a
        // connection that broke before the server could say why (libpq gives no state then).
        const std::string msg = pe.get_error_message();
        if (state.starts_with("08") || state.starts_with("57P") || msg.find("server closed the connection") != std::string::npos ||
            msg.find("no connection to the server") != std::string::npos || msg.find("connection to server") != std::string::npos)
            throw Unavailable("database unavailable: " + (state.empty() ? msg.substr(0, msg.find('\n')) : state));
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
