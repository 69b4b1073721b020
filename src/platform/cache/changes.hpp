#pragma once
// What this process's caches depend on, by name, and how copies of the program tell each other
// that it changed.
//
// A Topic is a counter ("generation") that a cache stores with each entry: an entry read at an
// older generation is stale. changed() bumps the counter here and, once a ChangeFeed runs, in
// every other copy of the program on the same database, at once:
//   PostgreSQL: NOTIFY on the channel synergeia_changes, with the topic's name; each copy LISTENs
//               on a connection of its own.
//   SQLite:     one host, several processes: a row per topic in cache_changes, counted up by the
//               changer and read by every copy a few times a second.
// A change made inside a transaction is announced when it commits (db/commit_hooks.hpp). Every
// change is applied a second time 2.5 s later, in this copy and in those that heard of it: a
// cache filled from a replica that had not replayed it yet is dropped too. A copy that loses its connection bumps every topic when
// it is back, since it may have missed announcements.
//
//   cache::Topic units_topic{"auth.units"};           // at namespace scope, one per topic
//   units_topic.changed();                            // after writing units
//   cache.get(key, units_topic.generation(), load);   // ReadCache
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace syn::cache {

class Topic {
public:
    // name: unique in the program, [a-z._]; the object must live as long as the program (a
    // namespace-scope static), since the feed finds it by name.
    explicit Topic(const char* name);
    Topic(const Topic&) = delete;
    Topic& operator=(const Topic&) = delete;

    std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
    // Stale here, now, and in the other copies as soon as the feed has told them.
    void changed();
    // Stale here only: what the feed does when another copy announced a change.
    void bump() { generation_.fetch_add(1, std::memory_order_acq_rel); }
    const char* name() const { return name_; }

private:
    const char* name_;
    std::atomic<std::uint64_t> generation_{1};
};

// Tells the other copies of the program about this process's changes and hears theirs, through
// the database at `url` (the same one the program uses). One per process; changes made before it
// starts are only local. stop() (and the destructor) sends what is still waiting, then ends.
// Command-line verbs run one with listen = false, so an operator's "user revoke" reaches the
// running copies at once.
class ChangeFeed {
public:
    ChangeFeed(const std::string& url, bool listen = true);
    ~ChangeFeed();
    ChangeFeed(const ChangeFeed&) = delete;
    ChangeFeed& operator=(const ChangeFeed&) = delete;
    void stop();

    // Announcements heard from other copies so far (for /metrics and tests).
    static std::uint64_t heard();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace syn::cache
