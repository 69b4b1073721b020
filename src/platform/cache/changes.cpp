#include "platform/cache/changes.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <soci/soci.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "platform/db/commit_hooks.hpp"
#include "platform/db/database.hpp"
#include "platform/db/pg_url.hpp"

namespace syn::cache {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kChannel = "synergeia_changes";
// A change is applied again after this, for what was cached between the announcement and the
// commit, or read from a streaming replica before its watcher (platform/db/replica.hpp, one look
// a second) saw it fall behind.
constexpr auto kSecondBump = std::chrono::milliseconds(2500);
// SQLite: how often the counters are read; PostgreSQL: how long a wait for notifications lasts
// before this copy's own announcements are sent.
constexpr auto kTick = std::chrono::milliseconds(100);
// PostgreSQL: the shortest time between two announcements of this copy.
constexpr auto kGather = std::chrono::milliseconds(10);

struct Registry {
    std::mutex mu;
    std::map<std::string, Topic*, std::less<>> topics;
    std::set<std::string> pending;  // names changed here and not yet announced
    std::condition_variable wake;
    // Also signalled on a change, for the PostgreSQL feed, which waits on its socket with poll().
    int wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
};

Registry& registry() {
    static Registry* r = new Registry;  // never destroyed: topics outlive main()
    return *r;
}

std::atomic<std::uint64_t> g_heard{0};

Topic* find(std::string_view name) {
    auto& r = registry();
    std::lock_guard lock(r.mu);
    auto it = r.topics.find(name);
    return it == r.topics.end() ? nullptr : it->second;
}

void bump_all() {
    auto& r = registry();
    std::lock_guard lock(r.mu);
    for (auto& [name, topic] : r.topics) topic->bump();
}

std::set<std::string> take_pending() {
    auto& r = registry();
    std::lock_guard lock(r.mu);
    return std::exchange(r.pending, {});
}

void put_back(const std::set<std::string>& names) {
    auto& r = registry();
    std::lock_guard lock(r.mu);
    r.pending.insert(names.begin(), names.end());
}

void log_warning(const char* what, const std::string& detail) {
    std::fprintf(stderr, "{\"level\":\"warn\",\"component\":\"cache.changes\",\"msg\":\"%s\",\"detail\":\"%s\"}\n", what,
                 detail.substr(0, detail.find('\n')).c_str());
}

}  // namespace

Topic::Topic(const char* name) : name_(name) {
    auto& r = registry();
    std::lock_guard lock(r.mu);
    r.topics.emplace(name, this);
}

namespace {
void announce(const char* name) {
    auto& r = registry();
    {
        std::lock_guard lock(r.mu);
        r.pending.insert(name);
    }
    r.wake.notify_all();
    if (r.wake_fd >= 0) {
        const std::uint64_t one = 1;
        [[maybe_unused]] auto n = write(r.wake_fd, &one, sizeof one);
    }
}
}  // namespace

void Topic::changed() {
    bump();
    // Inside a transaction the change is not visible yet: bump again and tell the other copies
    // once it has committed, so that none of them reloads what is about to be replaced.
    if (!db::after_commit([this] {
            bump();
            announce(name_);
        }))
        announce(name_);
}

std::uint64_t ChangeFeed::heard() { return g_heard.load(); }

struct ChangeFeed::Impl {
    std::string url;
    bool listen;
    bool postgres;
    std::atomic<bool> stopping{false};
    std::vector<std::pair<Topic*, Clock::time_point>> second_bumps;
    std::thread thread;

    void heard_change(Topic* t) {
        if (!t) return;
        t->bump();
        g_heard.fetch_add(1);
        second_bumps.emplace_back(t, Clock::now() + kSecondBump);
    }

    // This copy's own changes get their second bump too (a replica read may have filled a cache).
    void second_bumps_for(const std::set<std::string>& names) {
        for (const auto& name : names)
            if (Topic* t = find(name)) second_bumps.emplace_back(t, Clock::now() + kSecondBump);
    }

    void run_second_bumps() {
        const auto now = Clock::now();
        std::erase_if(second_bumps, [&](const auto& b) {
            if (b.second > now) return false;
            b.first->bump();
            return true;
        });
    }

    // Sleeps up to d, waking early when the feed stops or (when `for_changes`) this process
    // changed something.
    void wait(Clock::duration d, bool for_changes = true) {
        auto& r = registry();
        std::unique_lock lock(r.mu);
        r.wake.wait_for(lock, d, [&] { return stopping.load() || (for_changes && !r.pending.empty()); });
    }

    // ---------------------------------------------------------------- PostgreSQL
    PGconn* pg = nullptr;
    Clock::time_point last_announced{};

    static bool has_pending() {
        auto& r = registry();
        std::lock_guard lock(r.mu);
        return !r.pending.empty();
    }

    bool pg_connect() {
        pg = PQconnectdb(db::with_timeouts(url).c_str());
        if (PQstatus(pg) != CONNECTION_OK) {
            log_warning("cannot reach the database to share cache changes", PQerrorMessage(pg));
            PQfinish(pg);
            pg = nullptr;
            return false;
        }
        if (listen) {
            PGresult* res = PQexec(pg, (std::string("LISTEN ") + kChannel).c_str());
            const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
            PQclear(res);
            if (!ok) {
                PQfinish(pg);
                pg = nullptr;
                return false;
            }
        }
        return true;
    }

    bool pg_announce(const std::set<std::string>& names) {
        for (const auto& name : names) {
            const char* params[] = {kChannel, name.c_str()};
            PGresult* res = PQexecParams(pg, "SELECT pg_notify($1, $2)", 2, nullptr, params, nullptr, nullptr, 0);
            const bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
            PQclear(res);
            if (!ok) return false;
        }
        return true;
    }

    // Waits up to `timeout` for a notification, and (when `for_changes`) for a change of this
    // process to announce.
    void pg_hear(std::chrono::milliseconds timeout, bool for_changes) {
        const int fd = PQsocket(pg);
        if (fd < 0) return;  // the connection broke: the loop sees its status
        pollfd fds[2] = {{fd, POLLIN, 0}, {registry().wake_fd, POLLIN, 0}};
        const int n = poll(fds, for_changes && registry().wake_fd >= 0 ? 2 : 1, static_cast<int>(timeout.count()));
        if (n <= 0) return;
        if (fds[1].revents & POLLIN) {
            std::uint64_t count = 0;
            [[maybe_unused]] auto r = read(registry().wake_fd, &count, sizeof count);
        }
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) && !PQconsumeInput(pg)) return;  // broke: the loop sees it
        drain_notifications();
    }

    // Notifications libpq has read: also those that arrived with the answer to our own NOTIFY,
    // which leave the socket quiet afterwards.
    void drain_notifications() {
        const int me = PQbackendPID(pg);
        while (PGnotify* n = PQnotifies(pg)) {
            if (n->be_pid != me) heard_change(find(n->extra));
            PQfreemem(n);
        }
    }

    void run_postgres() {
        bool first = true;
        while (!stopping) {
            if (!pg) {
                if (!first) wait(std::chrono::seconds(1), false);  // not woken by changes: no busy retries
                if (stopping) break;
                if (!pg_connect()) {
                    first = false;
                    continue;
                }
                if (!first) bump_all();  // announcements made while we were away are lost
                first = false;
            }
            // Changes are announced at once, but at most once per kGather: under a stream of writes
            // (Open311 posts) each topic goes out once per interval, not once per write.
            const auto now = Clock::now();
            if (now - last_announced >= kGather) {
                auto names = take_pending();
                if (!names.empty()) {
                    if (pg_announce(names)) last_announced = now;
                    else put_back(names);
                    second_bumps_for(names);
                    drain_notifications();
                }
            }
            if (has_pending()) {
                // Gathering: wait out the rest of the interval (at least a millisecond), not woken
                // by further changes, which join this announcement.
                const auto rest = std::chrono::ceil<std::chrono::milliseconds>(kGather - (Clock::now() - last_announced));
                pg_hear(std::max(rest, std::chrono::milliseconds(1)), false);
            } else {
                pg_hear(kTick, true);
            }
            run_second_bumps();
            if (PQstatus(pg) != CONNECTION_OK) {
                PQfinish(pg);
                pg = nullptr;
            }
        }
        pg_last_announcement(take_pending());
    }

    // What changed last still reaches the other copies: connects if it must, announces, closes.
    void pg_last_announcement(const std::set<std::string>& names) {
        if (!names.empty() && (pg || pg_connect()) && !pg_announce(names))
            log_warning("cannot share cache changes", PQerrorMessage(pg));
        if (pg) PQfinish(pg);
        pg = nullptr;
    }

    // ---------------------------------------------------------------- announcing only
    // A command-line verb: when it ends, and only if it changed something, one connection sends
    // its changes (not before: on SQLite the verb's own long transaction would hold the lock).
    void run_announcer() {
        wait_until_stopped();
        const auto names = take_pending();
        if (names.empty()) return;
        try {
            if (postgres) {
                pg_last_announcement(names);
            } else {
                auto db = db::Database::open(url, 1);
                sqlite_announce(*db, names);
            }
        } catch (const std::exception& e) {
            // Before the migration that makes cache_changes; the copies' caches expire anyway.
            log_warning("cannot share cache changes", e.what());
        }
    }

    void wait_until_stopped() {
        auto& r = registry();
        std::unique_lock lock(r.mu);
        r.wake.wait(lock, [&] { return stopping.load(); });
    }

    // ---------------------------------------------------------------- SQLite
    std::map<std::string, std::int64_t> seen;  // each topic's counter as last read or written here

    void sqlite_announce(db::Database& db, const std::set<std::string>& names) {
        db.transact([&](soci::session& s) {
            for (const auto& name : names) {
                std::int64_t generation = 0;
                s << "INSERT INTO cache_changes (topic, generation) VALUES (:t, 1)"
                     " ON CONFLICT (topic) DO UPDATE SET generation = cache_changes.generation + 1 RETURNING generation",
                    soci::use(name), soci::into(generation);
                // Someone else counted up since we last looked: theirs is a change for us.
                if (auto it = seen.find(name); it != seen.end() && it->second != generation - 1) heard_change(find(name));
                seen[name] = generation;
            }
        });
    }

    void sqlite_hear(db::Database& db, bool baseline) {
        db.read([&](soci::session& s) {
            soci::rowset<soci::row> rows = (s.prepare << "SELECT topic, generation FROM cache_changes");
            for (const auto& row : rows) {
                const auto name = row.get<std::string>(0);
                const auto generation = static_cast<std::int64_t>(row.get<long long>(1));
                auto it = seen.find(name);
                if (!baseline && (it == seen.end() || it->second != generation)) heard_change(find(name));
                seen[name] = generation;
            }
        });
    }

    void run_sqlite() {
        std::shared_ptr<db::Database> db;
        bool baseline = true;
        auto last_read = Clock::now() - kTick;
        for (;;) {
            const bool last_round = stopping.load();
            try {
                if (!db) db = db::Database::open(url, 1);
                auto names = take_pending();
                if (!names.empty()) {
                    try {
                        sqlite_announce(*db, names);
                    } catch (...) {
                        put_back(names);
                        throw;
                    }
                    second_bumps_for(names);
                }
                if (listen && Clock::now() - last_read >= kTick) {
                    sqlite_hear(*db, baseline);
                    baseline = false;
                    last_read = Clock::now();
                }
            } catch (const std::exception& e) {
                // Before the migration that makes cache_changes, or the file is locked for long.
                if (last_round) break;
                log_warning("cannot share cache changes through the database; trying again in a second", e.what());
                wait(std::chrono::seconds(1), false);  // not woken by changes: no busy retries
                continue;
            }
            if (last_round) break;
            run_second_bumps();
            // Not woken by changes: under a stream of writes each announcement is a write of its
            // own, so they are gathered for a tick (the pending set keeps one entry per topic).
            wait(kTick, false);
        }
    }
};

ChangeFeed::ChangeFeed(const std::string& url, bool listen) : impl_(std::make_unique<Impl>()) {
    impl_->url = url;
    impl_->listen = listen;
    impl_->postgres = url.starts_with("postgresql://") || url.starts_with("postgres://");
    if (!impl_->postgres && !url.starts_with("sqlite:")) return;  // Database::open reports a bad URL
    impl_->thread = std::thread([impl = impl_.get()] {
        if (!impl->listen) impl->run_announcer();
        else if (impl->postgres) impl->run_postgres();
        else impl->run_sqlite();
    });
}

ChangeFeed::~ChangeFeed() { stop(); }

void ChangeFeed::stop() {
    if (!impl_->thread.joinable()) return;
    {
        // Under the lock the waits check it with: set between a check and the wait, the wake-up
        // would be lost and a verb's feed would wait for ever.
        std::lock_guard lock(registry().mu);
        impl_->stopping = true;
    }
    registry().wake.notify_all();
    if (registry().wake_fd >= 0) {  // the PostgreSQL loop waits in poll(), not on the condition
        const std::uint64_t one = 1;
        [[maybe_unused]] auto n = write(registry().wake_fd, &one, sizeof one);
    }
    impl_->thread.join();
}

}  // namespace syn::cache
