#pragma once
// Sealed fields: special-category data (health, disability, violence, a criminal-record
// certificate) stored encrypted, field by field, and read only through an audited call.
//
//   - Each record has a key of its own (XChaCha20-Poly1305, libsodium), kept in
//     sealed_record_keys wrapped by a key-encryption key that never enters the database
//     (keyring.hpp). The wrapped key names the version of the key that wrapped it.
//   - A value is bound to its record and field (associated data): a value copied to another
//     row or column does not open.
//   - open() writes the audit entry (who, whose data, which record and fields, why) and commits
//     it before it returns the values: a read that cannot be audited returns nothing.
//   - shred() destroys a record's key with the record, so its values can no longer be opened
//     anywhere, backups included.
//   - rotate() re-wraps record keys under a new key-encryption key without touching the data.
//
// A module stores what seal() returns in its own column, and never writes the plain value to a
// log, an export or a search index unless it says so where it does.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/sealed/keyring.hpp"

namespace syn::sealed {

// The install has no key-encryption key, or not the one a record's key was wrapped with.
struct NoKey : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// A value that does not open: its record's key was shredded, or it belongs to another record
// or field.
struct Unreadable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A record whose fields may be sealed: its kind ("volunteer", "counselling_case") and id.
struct Record {
    std::string kind;
    std::int64_t id = 0;
    std::optional<std::int64_t> municipality_id = {};  // for the audit log; nullopt: install-wide
};

// Seals `plain` as the value of `field` of `record`, inside the caller's transaction (the
// record gets its key on first use). The result ("v1.<base64>") goes in the module's column.
// Throws NoKey when the install has no key-encryption key.
std::string seal(soci::session& s, const KeyRing& keys, const Record& record, std::string_view field, std::string_view plain);

// Why sealed values are read, for the audit log.
struct Reason {
    std::optional<std::int64_t> actor_user_id = {};   // nullopt: the system
    std::optional<std::int64_t> person_user_id = {};  // whose data, when they have an account: the
                                                      // entry's subject, which the DPO filters by
    std::string why = {};                             // the page or API call ("GET /volunteers/12")
};

struct Field {
    std::string name;
    std::string value;  // as stored: what seal() returned, or "" (nothing was given)
};

// Opens the fields of one record: one audit entry "sealed.read" naming the record, the fields
// and why, committed in its own transaction before the values are returned (in the order
// asked; "" for a field stored empty). When the entry cannot be written, its error propagates
// and nothing is returned. Throws Unreadable or NoKey when a value does not open.
// Call it outside any transaction of the caller's (it commits its own).
std::vector<std::string> open(db::Database& db, const KeyRing& keys, const Record& record, const std::vector<Field>& fields,
                              const Reason& reason);

// Destroys the record's key, inside the caller's transaction (the one that deletes the record).
void shred(soci::session& s, const Record& record);

// Re-wraps at most `batch` record keys that the current key-encryption key did not wrap, in one
// transaction, and returns how many: call it until it returns 0. Stopped at any point, it goes
// on where it stopped. The sealed values are not touched.
std::size_t rotate(db::Database& db, const KeyRing& keys, std::size_t batch = 500);
// How many record keys the current key-encryption key has not wrapped yet.
std::int64_t waiting_for_rotation(db::Database& db, const KeyRing& keys);

// At start-up: every key-encryption key the database has used must be given, and be the one it
// was (a value sealed with it when it was first used must open). Throws std::runtime_error
// saying which version is missing or wrong and what to do. Records that check value for a
// version used for the first time.
void check_keys(db::Database& db, const KeyRing& keys);

}  // namespace syn::sealed
