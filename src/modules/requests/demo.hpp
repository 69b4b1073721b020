#pragma once
// Generated requests, for the demo municipality (`synergeia seed --demo`) and for the benchmark
// data sets (`synergeia requests generate`). seed_configuration() (service.hpp) comes first.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace syn::requests {

struct SeedOptions {
    int count = 300;
    std::uint64_t seed = 4401;
    std::int64_t now = 0;
    int years = 1;                               // submitted_at spread over the last `years` years
    std::optional<std::int64_t> requester_user_id;  // else anonymous (Open311-like) requesters
    // With requester_user_id: the account's name and e-mail as the requests record them; about
    // one request in five is theirs, the rest stay anonymous Open311 reports.
    std::string requester_name, requester_email;
    // Accounts that "support" some public requests (none when empty).
    std::vector<std::int64_t> supporter_user_ids;
};

// The demo's staff (after seed_configuration): `staff_user_id` works in «Κέντρο Ενεργών Πολιτών»
// and «Τεχνικές Υπηρεσίες»; `supervisor_user_id` supervises from the first. Idempotent.
void seed_demo_staff(soci::session& s, std::int64_t municipality_id, std::int64_t staff_user_id,
                     std::int64_t supervisor_user_id);

// Inserts `count` requests spread over every state, with history, ratings and supporters,
// inside the caller's transaction. Returns how many were inserted.
int seed_requests(soci::session& s, std::int64_t municipality_id, const SeedOptions& o);

}  // namespace syn::requests
