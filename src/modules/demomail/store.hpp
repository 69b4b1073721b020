#pragma once
// The municipality's queued and sent mail (the mail_outbox table), read for the demo mailbox.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace syn::demomail::store {

struct Letter {
    std::int64_t id = 0;
    std::string to, subject, body, status;
    std::int64_t created_at = 0;
};

// The newest first, at most `limit`; the body is left empty in the list.
std::vector<Letter> newest(soci::session& s, std::int64_t municipality_id, int limit);
std::optional<Letter> by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id);

}  // namespace syn::demomail::store
