#pragma once
// One handle to the database for the whole process: a small pool of SOCI sessions to SQLite
// (the default, one file) or PostgreSQL (production), and the one way to change data —
// transact(), which makes each state change a single transaction (rule 4).
//
// Usage:
//   auto db = syn::db::Database::open("sqlite:/var/lib/synergeia/data.db");
//   auto id = db->transact([&](soci::session& s) {
//       std::int64_t id = 0;
//       s << "INSERT INTO t (name) VALUES (:name) RETURNING id", soci::use(name), soci::into(id);
//       return id;
//   });
//
// Do not call transact()/read() from inside another transact() on the same Database: the inner
// call leases a second connection, which on SQLite waits for the outer transaction's write lock
// until the busy timeout (and on PostgreSQL may wait forever on a row lock the outer one holds).
// Pass the soci::session down instead.
#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace syn::db {

enum class Backend { Sqlite, Postgres };

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// A UNIQUE or PRIMARY KEY constraint refused the change.
struct UniqueViolation : Error {
    // The constraint (PostgreSQL, e.g. "users_email_key") or the columns (SQLite, e.g.
    // "users.email") when the engine names them; empty otherwise.
    std::string detail;
    using Error::Error;
};
// A FOREIGN KEY constraint refused the change.
struct ForeignKeyViolation : Error {
    using Error::Error;
};
// The database cannot be reached (down, restarting, the network): the page answers 503 and the
// next lease tries to connect again, so the program recovers on its own.
struct Unavailable : Error {
    using Error::Error;
};

// While one of these lives on a thread, read() on that thread may be served by the Database's
// streaming replica (Database::use_replica). The web layer allows it for anonymous GETs of
// public pages whose visitor has not just written anything (read your own writes).
class ReplicaReads {
public:
    explicit ReplicaReads(bool allowed);
    ~ReplicaReads();
    ReplicaReads(const ReplicaReads&) = delete;
    ReplicaReads& operator=(const ReplicaReads&) = delete;
    static bool allowed();

private:
    bool before_;
};

class Database {
public:
    // url: "sqlite:PATH" (also "sqlite:///abs/path") or "postgresql://user[:pw]@host:port/dbname"
    // (also "postgres://", and any libpq URI parameters after '?').
    // Throws Error with a clear message (password masked) for an unknown scheme or a failed
    // connection. All pool_size connections are opened here, so a bad URL fails at start-up.
    static std::shared_ptr<Database> open(std::string_view url, std::size_t pool_size = 4);

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Backend backend() const { return backend_; }
    std::size_t pool_size() const { return sessions_.size(); }
    std::size_t in_use() const;  // connections leased right now, for /metrics

    // RAII lease of one pooled connection; returned to the pool on destruction. The Database
    // must outlive its leases.
    class Conn {
    public:
        Conn(Conn&& o) noexcept : db_(std::exchange(o.db_, nullptr)), s_(std::exchange(o.s_, nullptr)) {}
        Conn& operator=(Conn&&) = delete;
        Conn(const Conn&) = delete;
        ~Conn();
        soci::session& operator*() { return *s_; }
        soci::session* operator->() { return s_; }

    private:
        friend class Database;
        Conn(Database* db, soci::session* s) : db_(db), s_(s) {}
        Database* db_;
        soci::session* s_;
    };

    // Blocks until a connection is free.
    Conn acquire();

    // A streaming replica that read() may use where ReplicaReads allows it, while it is usable.
    // The replica's watcher (platform/db/replica.hpp) marks it unusable when it lags or is lost;
    // a read that fails because the replica's connection broke is run again on this database,
    // so a lost replica never shows as an error page.
    void use_replica(std::shared_ptr<Database> replica);
    void set_replica_usable(bool usable);
    bool replica_usable() const;
    std::uint64_t replica_reads() const;  // reads the replica answered, for /metrics and tests

    // Runs f(soci::session&) in ONE transaction: commits when f returns, rolls back on any
    // exception and rethrows it, translated: unique → UniqueViolation, foreign key →
    // ForeignKeyViolation, anything else as it was. SQLite uses BEGIN IMMEDIATE, so concurrent
    // writers queue on the busy timeout instead of failing half-way with SQLITE_BUSY.
    template <class F>
    auto transact(F&& f) -> std::invoke_result_t<F&, soci::session&>;

    // Like transact(), but the transaction may be shared with other callers that arrive while one
    // is being written ("group commit"): one COMMIT — one fsync under synchronous=FULL — for the
    // whole group. Each caller's f runs inside its own SAVEPOINT, so when f throws only its own
    // changes are rolled back and only that caller gets the exception; every caller returns after
    // the shared COMMIT succeeded, so a returned result is as durable as with transact(). If the
    // COMMIT itself fails, every caller of the group gets that error. For many small independent
    // writes whose rate the commit's fsync limits (Open311 POSTs); f must not wait on other
    // callers or call transact()/read().
    template <class F>
    auto transact_grouped(F&& f) -> std::invoke_result_t<F&, soci::session&>;
    // Runs f(soci::session&) outside any explicit transaction (each statement autocommits),
    // with the same error translation. For reads. Where ReplicaReads allows it, f may run on the
    // replica first and, if the replica fails it, again on the primary: f must only read, and
    // must not keep what it saw before it throws.
    template <class F>
    auto read(F&& f) -> std::invoke_result_t<F&, soci::session&>;

private:
    struct GroupJob {
        std::function<void(soci::session&)> work;
        std::exception_ptr error;
        bool done = false;
        std::condition_variable wake;  // its caller waits here: for its group's commit, or to write the next group
    };
    void run_grouped(GroupJob& job);
    void write_group(const std::vector<GroupJob*>& group);

    Database(Backend backend, std::vector<std::unique_ptr<soci::session>> sessions);
    void release(soci::session* s) noexcept;
    void begin(soci::session& s);
    static void commit(soci::session& s);
    static void rollback_quietly(soci::session& s) noexcept;
    [[noreturn]] static void rethrow_translated(std::exception_ptr e);

    Database* replica_for_read();
    void replica_failed() noexcept;
    static bool connected(soci::session& s) noexcept;
    static bool cancelled_on_replica(const soci::soci_error& e) noexcept;

    Backend backend_;
    std::shared_ptr<Database> replica_;
    std::atomic<bool> replica_usable_{false};
    std::atomic<std::uint64_t> replica_reads_{0};
    std::vector<std::unique_ptr<soci::session>> sessions_;
    std::vector<soci::session*> free_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    // Group commit: callers queue their job; one of them at a time writes a whole group.
    std::mutex group_mu_;
    std::vector<GroupJob*> group_queue_;
    bool group_writing_ = false;
};

// Objects kept with one pooled connection — above all prepared statements, which SQLite would
// otherwise parse again on every use (a third of an Open311 POST's cost). make() builds the
// object on its first use on this connection, under `key` (one string literal per kind of
// object); it lives until the connection is reconnected or its Database closes. Use it only while
// holding the connection's lease (inside transact()/read()), and never for a session that no
// Database opened (std::logic_error).
template <class T, class Make>
T& per_connection(soci::session& s, const char* key, Make make);
namespace detail {
std::shared_ptr<void>& connection_slot(soci::session& s, const char* key);
}  // namespace detail

// Seconds since the epoch, UTC (rule 7: stored times are BIGINT unix seconds).
std::int64_t now_unix();

// ---------------------------------------------------------------- template definitions

template <class F>
auto Database::transact(F&& f) -> std::invoke_result_t<F&, soci::session&> {
    using R = std::invoke_result_t<F&, soci::session&>;
    Conn c = acquire();
    try {
        begin(*c);
    } catch (...) {
        rethrow_translated(std::current_exception());
    }
    try {
        if constexpr (std::is_void_v<R>) {
            f(*c);
            commit(*c);
        } else {
            R result = f(*c);
            commit(*c);
            return result;
        }
    } catch (...) {
        // Capture before rolling back: the rollback may raise and handle errors of its own.
        std::exception_ptr e = std::current_exception();
        rollback_quietly(*c);
        rethrow_translated(e);
    }
}

template <class F>
auto Database::transact_grouped(F&& f) -> std::invoke_result_t<F&, soci::session&> {
    using R = std::invoke_result_t<F&, soci::session&>;
    GroupJob job;
    if constexpr (std::is_void_v<R>) {
        job.work = [&](soci::session& s) { f(s); };
        run_grouped(job);
        if (job.error) rethrow_translated(job.error);
    } else {
        std::optional<R> result;
        job.work = [&](soci::session& s) { result.emplace(f(s)); };
        run_grouped(job);
        if (job.error) rethrow_translated(job.error);
        return std::move(*result);
    }
}

template <class T, class Make>
T& per_connection(soci::session& s, const char* key, Make make) {
    std::shared_ptr<void>& slot = detail::connection_slot(s, key);
    if (!slot) slot = std::shared_ptr<T>(make());
    return *static_cast<T*>(slot.get());
}

template <class F>
auto Database::read(F&& f) -> std::invoke_result_t<F&, soci::session&> {
    if (Database* r = replica_for_read()) {
        bool lost = true;  // unless the error turns out to be f's own
        try {
            Conn c = r->acquire();
            try {
                return f(*c);
            } catch (const soci::soci_error& e) {
                lost = !connected(*c);
                // A query the replica cancelled (to replay the primary's changes, or past its
                // statement timeout) is read again from the primary; any other error is f's own.
                if (!lost && !cancelled_on_replica(e)) rethrow_translated(std::current_exception());
            }
        } catch (const Unavailable&) {
        }
        if (lost) replica_failed();  // until the watcher sees it answer again
    }
    Conn c = acquire();
    try {
        return f(*c);
    } catch (...) {
        rethrow_translated(std::current_exception());
    }
}

}  // namespace syn::db
