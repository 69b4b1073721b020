#include "platform/db/search_refill.hpp"

#include <string>

namespace syn::db {

bool has_unfilled_search(soci::session& s, std::string_view table) {
    int any = 0;
    s << "SELECT COUNT(*) FROM (SELECT 1 FROM " + std::string(table) + " WHERE search_text = '' LIMIT 1) x", soci::into(any);
    return any > 0;
}

std::size_t refill_search(Database& db, std::string_view table, std::size_t batch,
                          const std::function<std::size_t(soci::session&, std::size_t)>& refill) {
    std::size_t total = 0;
    while (db.read([&](soci::session& s) { return has_unfilled_search(s, table); })) {
        const auto n = db.transact([&](soci::session& s) { return refill(s, batch); });
        total += n;
        if (n < batch) break;
    }
    return total;
}

}  // namespace syn::db
