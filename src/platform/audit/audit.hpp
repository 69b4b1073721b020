#pragma once
// The audit log (ARCHITECTURE rule 10): decisions about people and money, append-only, in one
// hash chain for the whole install. Tables: audit_log, audit_head (db/migrations/0002_*).
//
// Services append in the same transaction as the change they record, so the log holds exactly
// the changes that committed:
//   db.transact([&](soci::session& s) {
//       store::approve(s, tenant, id);
//       audit::append(s, {tenant, actor, "funding.approve", "application:" + std::to_string(id),
//                         R"({"amount_cents":120000})"});
//   });
// details_json must not carry special-category data (health, disability, violence, migration
// status): the log is shown to administrators and kept forever. Name the record instead.
#include "platform/db/database.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace syn::audit {

struct Entry {
    std::optional<std::int64_t> municipality_id{};  // nullopt: install-wide
    std::optional<std::int64_t> actor_user_id{};    // nullopt: the system
    std::string action{};                           // "account.login"
    std::string subject{};                          // "user:42"
    std::string details_json = "{}";                // a JSON object; stored compacted
};

struct Record : Entry {
    std::int64_t id = 0;  // 1, 2, 3 … without gaps
    std::int64_t at = 0;  // unix seconds, UTC
    std::string prev_hash, hash;
};

// Appends inside the caller's transaction and returns the entry's id. Throws std::logic_error
// outside a transaction (the chain head would race), std::invalid_argument when action is
// empty or details_json is not a JSON object. On PostgreSQL it locks the chain head until the
// caller commits, so keep the transaction short after appending.
std::int64_t append(soci::session& s, const Entry& e);

// Walks the whole chain in one snapshot. nullopt when intact; else the id of the first broken
// entry: one whose content or hash was changed, one whose prev_hash does not link to its
// predecessor, or — for a removed entry — the id that is missing (ids have no gaps, and the
// head records the last id, so removals at the end are caught too).
std::optional<std::int64_t> verify(db::Database& db);

struct Filter {
    // {} on every member, so designated initialisers ({.actor_user_id = 7}) may leave any out.
    std::optional<std::int64_t> municipality_id{};  // rule 6: set it for anyone below install-wide admin
    std::optional<std::int64_t> actor_user_id{};
    std::string action_prefix{};                    // "account." matches "account.login"; "" matches all
    std::string subject{};                          // exactly ("user:42": everything about account 42); "" matches all
    std::optional<std::int64_t> from{}, to{};       // at >= from, at < to (unix seconds)
};

// Newest first, keyset pagination: entries with id < before_id (0 = from the newest), at most
// limit. The next page starts before the last id returned.
std::vector<Record> list(soci::session& s, const Filter& f, std::int64_t before_id, std::size_t limit);

}  // namespace syn::audit
