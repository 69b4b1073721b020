#pragma once
// Table statistics after a bulk load.
#include <string_view>

#include "platform/db/database.hpp"

namespace syn::db {

// PostgreSQL plans by table statistics, which autovacuum refreshes only a while after a bulk load
// (the generate verbs); until then it takes a table that just grew by thousands of rows for an
// almost empty one and may read every row of a search instead of its index. ANALYZE refreshes
// them at once. SQLite's plans are tuned without statistics: nothing to do there.
void refresh_statistics(Database& db, std::string_view table);

}  // namespace syn::db
