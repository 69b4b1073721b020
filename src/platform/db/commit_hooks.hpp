#pragma once
// Work that must wait until the data it is about is visible to everyone: the cache announcements
// of platform/cache/changes.hpp run after the writer's COMMIT, so another copy of the program
// never reloads, and caches, what it is about to replace.
#include <functional>

namespace syn::db {

// Runs `after` once the transaction open on this thread (Database::transact, transact_grouped)
// commits, in the order given; drops it if the transaction rolls back. Returns false, and keeps
// nothing, when no transaction is open on this thread: the caller then does the work itself.
// An exception from `after` is swallowed (the commit has happened; nothing can undo it).
bool after_commit(std::function<void()> after);

}  // namespace syn::db
