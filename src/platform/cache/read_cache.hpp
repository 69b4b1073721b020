#pragma once
// A small in-process cache for public reads and rendered fragments (the registry's directory,
// the requests statistics). An entry is fresh while the module's version is unchanged (a
// cache::Topic's generation, which every copy's writes bump: platform/cache/changes.hpp) and for
// at most the cache's ttl.
// An entry loaded where reads may come from the streaming replica (db::ReplicaReads) serves only
// such readers: a person who just wrote reads from the primary, and a value the replica gave
// cannot hide their write from them. Where FreshReads is on (a visitor who wrote something a
// moment ago, whose next page another copy may serve before it has heard of the change), get()
// loads again and keeps what it loaded.
// When a popular entry goes stale, one request reloads it while the others keep getting the
// stale value for that moment, instead of all of them running the same query at once.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/db/database.hpp"

namespace syn::cache {

namespace detail {
inline thread_local bool t_fresh_reads = false;
}  // namespace detail

class FreshReads {
public:
    explicit FreshReads(bool on) : before_(detail::t_fresh_reads) { detail::t_fresh_reads = on; }
    ~FreshReads() { detail::t_fresh_reads = before_; }
    FreshReads(const FreshReads&) = delete;
    FreshReads& operator=(const FreshReads&) = delete;
    static bool on() { return detail::t_fresh_reads; }

private:
    bool before_;
};

template <class V>
class ReadCache {
public:
    explicit ReadCache(std::size_t max_entries, std::chrono::seconds ttl = std::chrono::seconds(10))
        : max_entries_(max_entries), ttl_(ttl) {}

    // The cached value for key at this version, or load()'s result (then cached).
    template <class Load>
    V get(const std::string& key, std::uint64_t version, Load load) {
        const auto now = std::chrono::steady_clock::now();
        const bool replica = db::ReplicaReads::allowed();
        const bool fresh = FreshReads::on();
        {
            std::lock_guard lock(mu_);
            if (auto it = entries_.find(key); it != entries_.end()) {
                Entry& e = it->second;
                const bool usable = !fresh && (!e.from_replica || replica);
                if (usable && e.version == version && now - e.at < ttl_) return e.value;
                if (usable && e.loading) return e.value;  // someone is refreshing it: stale for a moment
                e.loading = true;
            }
        }
        V value;
        try {
            value = load();
        } catch (...) {
            std::lock_guard lock(mu_);
            if (auto it = entries_.find(key); it != entries_.end()) it->second.loading = false;
            throw;
        }
        std::lock_guard lock(mu_);
        if (entries_.size() >= max_entries_ && !entries_.count(key)) entries_.clear();  // crude but bounded
        entries_.insert_or_assign(key, Entry{version, now, value, false, replica});
        return value;
    }

private:
    struct Entry {
        std::uint64_t version;
        std::chrono::steady_clock::time_point at;
        V value;
        bool loading;
        bool from_replica;
    };
    const std::size_t max_entries_;
    const std::chrono::steady_clock::duration ttl_;
    std::mutex mu_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace syn::cache
