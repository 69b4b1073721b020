#pragma once
// Work that must wait until the data it is about is visible to everyone: the cache announcements
// of platform/cache/changes.hpp run after the writer's COMMIT, so another copy of the program
// never reloads, and caches, what it is about to replace.
#include <functional>

namespace syn::db {

// Runs `after` once the transaction open on this thread (Database::transact, transact_grouped)
// commits, in the order given; drops it if the transaction (or, in a shared commit, the caller's
// own part) rolls back. A COMMIT that fails runs it too: the server may have committed before the
// connection broke, and the work (a cache announcement) must then not be missing. Returns false,
// and keeps nothing, when no transaction is open on this thread: the caller then does the work
// itself. An exception from `after` is swallowed.
bool after_commit(std::function<void()> after);

}  // namespace syn::db
