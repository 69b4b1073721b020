#pragma once
// Who a session cookie belongs to, kept for a moment in this process, so that a logged-in page
// needs no trip to the database to know it: the session, and the account's grants.
//
// Every change in this process that can end a session or withdraw a grant (log-out, "log out
// everywhere", a password reset, a deleted account, a role withdrawn) calls sessions_changed(),
// which makes every cached entry stale at once. A change made by another copy of the program
// reaches this one when the entry's time runs out (App keeps them 2 seconds; the promise is 5).
// An unknown token is never cached, so random cookies cannot fill the cache.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "platform/auth/permissions.hpp"
#include "platform/auth/session_store.hpp"

namespace syn::auth {

void sessions_changed();
std::uint64_t sessions_generation();

struct KnownSession {
    ActiveSession session;
    Principal principal;
};

class SessionCache {
public:
    explicit SessionCache(std::chrono::milliseconds ttl, std::size_t max_entries = 20'000)
        : ttl_(ttl), max_entries_(max_entries) {}

    // The session of this cookie token as it was read at most ttl ago, and not since a change.
    std::optional<KnownSession> get(const std::string& token);
    // Read at `generation` (sessions_generation() before the database was asked).
    void put(const std::string& token, KnownSession known, std::uint64_t generation);

private:
    struct Entry {
        KnownSession known;
        std::chrono::steady_clock::time_point at;
        std::uint64_t generation;
    };
    const std::chrono::steady_clock::duration ttl_;
    const std::size_t max_entries_;
    std::mutex mu_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace syn::auth
