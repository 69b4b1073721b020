#include "platform/auth/session_cache.hpp"

#include "platform/cache/changes.hpp"
#include "platform/cache/read_cache.hpp"

namespace syn::auth {

namespace {
cache::Topic g_sessions{"auth.sessions"};
}  // namespace

void sessions_changed() { g_sessions.changed(); }

std::uint64_t sessions_generation() { return g_sessions.generation(); }

std::optional<KnownSession> SessionCache::get(const std::string& token) {
    if (cache::FreshReads::on()) return std::nullopt;  // someone who just wrote: from the database
    const auto now = std::chrono::steady_clock::now();
    const auto generation = sessions_generation();
    std::lock_guard lock(mu_);
    const auto it = entries_.find(token);
    if (it == entries_.end()) return std::nullopt;
    if (it->second.generation != generation || now - it->second.at >= ttl_) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.known;
}

void SessionCache::put(const std::string& token, KnownSession known, std::uint64_t generation) {
    // A change that happened while the database was being read makes this read stale already.
    if (generation != sessions_generation()) return;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mu_);
    if (entries_.size() >= max_entries_) {
        // Bounded: drop what has expired; if everything is fresh, start over.
        for (auto it = entries_.begin(); it != entries_.end();)
            it = now - it->second.at >= ttl_ ? entries_.erase(it) : std::next(it);
        if (entries_.size() >= max_entries_) entries_.clear();
    }
    entries_.insert_or_assign(token, Entry{std::move(known), now, generation});
}

}  // namespace syn::auth
