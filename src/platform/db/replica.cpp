#include "platform/db/replica.hpp"

#include <cstdio>

#include "platform/db/pg_url.hpp"

namespace syn::db {
namespace {

// WAL positions as byte counts, comparable across the two servers.
long long position(Database& db, const char* function) {
    long long at = -1;
    soci::indicator ind = soci::i_ok;
    db.read([&](soci::session& s) {
        s << std::string("SELECT CAST(pg_wal_lsn_diff(") + function + "(), '0/0') AS BIGINT)", soci::into(at, ind);
    });
    return ind == soci::i_ok ? at : -1;
}

void log(const char* msg, const std::string& detail) {
    std::fprintf(stderr, "{\"level\":\"warn\",\"component\":\"db.replica\",\"msg\":\"%s\",\"detail\":\"%s\"}\n", msg,
                 detail.substr(0, detail.find('\n')).c_str());
}

}  // namespace

ReplicaWatch::ReplicaWatch(std::shared_ptr<Database> primary, std::string replica_url, std::size_t pool_size,
                           std::chrono::milliseconds every)
    : primary_(std::move(primary)), url_(std::move(replica_url)), pool_size_(pool_size), every_(every),
      thread_([this] { run(); }) {}

ReplicaWatch::~ReplicaWatch() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    primary_->set_replica_usable(false);
}

bool ReplicaWatch::caught_up() {
    // ReplicaReads is off on this thread: both reads go where they are addressed.
    const long long replayed = position(*replica_, "pg_last_wal_replay_lsn");
    const bool ok = replayed >= 0 && primary_position_ >= 0 && replayed >= primary_position_;
    primary_position_ = position(*primary_, "pg_current_wal_lsn");
    return ok;
}

void ReplicaWatch::run() {
    bool was_usable = false;
    for (;;) {
        {
            std::unique_lock lock(mu_);
            if (cv_.wait_for(lock, replica_ ? every_ : std::chrono::milliseconds(0), [&] { return stopping_; })) return;
        }
        bool usable = false;
        try {
            if (!replica_) {
                // Bounded waits: a replica that stops answering must not hold a visitor's page
                // (or this watcher) for long; its reads then go to the primary.
                replica_ = Database::open(with_timeouts(url_, 30'000), pool_size_);
                primary_->use_replica(replica_);  // once: later losses are the pool's to reconnect
                primary_->set_replica_usable(false);
            }
            usable = caught_up();
        } catch (const std::exception& e) {
            if (was_usable || !replica_) log("the read replica cannot be used; reading from the primary", e.what());
            usable = false;
            if (!replica_) {
                std::unique_lock lock(mu_);
                if (cv_.wait_for(lock, std::chrono::seconds(5), [&] { return stopping_; })) return;
            }
        }
        primary_->set_replica_usable(usable);
        was_usable = usable;
    }
}

}  // namespace syn::db
