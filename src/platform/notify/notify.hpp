#pragma once
// In-app notifications: every account's list of things that happened to it ("your request was
// resolved"), with an unread count in the page header. Table: notifications
// (db/migrations/0005_platform_notifications.*). Modules push inside the transaction of the change
// they report, next to the mail they queue, so both exist exactly when the change committed.
// Texts are stored already translated into the recipient's language at the time of the event.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace syn::notify {

struct Notification {
    std::int64_t id = 0;
    std::int64_t municipality_id = 0;
    std::int64_t user_id = 0;
    std::string title;  // one line, already translated
    std::string body;   // plain text, may be empty
    std::string link;   // a local path inside the municipality ("/requests/12"), may be empty
    std::int64_t created_at = 0;
    std::optional<std::int64_t> read_at;
};

// Inside the caller's transaction. Title ≤ 300 characters and body ≤ 2,000 (longer is cut).
// An unread notification of the same link from the last 5 minutes is replaced by one entry with
// the new title and the new body above the earlier one, at the top of the list (a new id), so a
// burst of events on one request is one entry.
std::int64_t push(soci::session& s, std::int64_t municipality_id, std::int64_t user_id, const std::string& title,
                  const std::string& body, const std::string& link);
// The newest first, keyset-paged: ids below before_id (0: from the newest), at most limit.
std::vector<Notification> list(soci::session& s, std::int64_t municipality_id, std::int64_t user_id, std::int64_t before_id,
                               std::size_t limit);
std::int64_t unread_count(soci::session& s, std::int64_t municipality_id, std::int64_t user_id);
// Bumped by every push and every read in this process: a cached unread count compares it, so
// the header's count follows this process's changes at once (another copy's within its ttl).
std::uint64_t generation();
// Marks one of the user's notifications read; false when it is not theirs (or unknown).
bool mark_read(soci::session& s, std::int64_t municipality_id, std::int64_t user_id, std::int64_t id);
// Marks all of the user's notifications read; returns how many changed.
std::int64_t mark_all_read(soci::session& s, std::int64_t municipality_id, std::int64_t user_id);

}  // namespace syn::notify
