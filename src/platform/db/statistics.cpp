#include "platform/db/statistics.hpp"

#include "platform/db/native.hpp"

namespace syn::db {

void refresh_statistics(Database& db, std::string_view table) {
    db.transact([&](soci::session& s) {
        // The table name is the caller's constant, never input.
        if (backend_of(s) == Backend::Postgres) s << "ANALYZE " + std::string(table);
    });
}

}  // namespace syn::db
