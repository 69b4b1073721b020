#pragma once
// SQL for mail_outbox (db/migrations/0003_platform_outbox.*.sql), used by outbox.cpp.
#include "platform/mail/mail.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace syn::mail::store {

void insert(soci::session& s, std::optional<std::int64_t> municipality_id, const Message& m, std::int64_t now);

struct Claimed {
    std::int64_t id = 0;
    int attempts = 0;  // including this one: the fencing token for mark_*
    Message message;
    std::string municipality_name;  // "" for install-wide mail
    std::int64_t created_at = 0;
};
// The oldest due pending message, claimed: attempts + 1 and next_attempt_at = lease_until.
// Call inside a transaction.
std::optional<Claimed> claim_next(soci::session& s, std::int64_t now, std::int64_t lease_until);

// Both record the result only if the row is still at the claimed attempt (nobody re-claimed
// it after the lease ran out). Call inside a transaction.
void mark_sent(soci::session& s, const Claimed& c, std::int64_t now);
void mark_failed(soci::session& s, const Claimed& c, const std::string& error, std::int64_t next_attempt_at,
                 bool give_up);

std::size_t delete_sent_before(soci::session& s, std::int64_t sent_before);

}  // namespace syn::mail::store
