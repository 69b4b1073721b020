#pragma once
// Refilling search texts that an upgrade emptied (a migration that changes what search keeps
// sets search_text to '' and leaves the computing to the program, which owns the stemmer).
#include <soci/soci.h>

#include <cstddef>
#include <functional>
#include <string_view>

#include "platform/db/database.hpp"

namespace syn::db {

// Whether `table` (our constant, never input) has a row whose search_text is ''.
bool has_unfilled_search(soci::session& s, std::string_view table);

// Calls refill(session, batch) in a transaction of its own, which computes at most `batch` of
// those rows and returns how many, while the table has any and until a batch comes back short.
// The check is a read, so a quiet server takes no write lock. Returns how many were refilled.
std::size_t refill_search(Database& db, std::string_view table, std::size_t batch,
                          const std::function<std::size_t(soci::session&, std::size_t)>& refill);

}  // namespace syn::db
