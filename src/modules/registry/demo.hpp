#pragma once
// Generated organisations, for the demo municipality (`synergeia seed --demo`) and for the
// benchmark data sets (`synergeia registry generate`).
#include <soci/soci.h>

#include <cstdint>
#include <optional>

namespace syn::registry {

struct SeedOptions {
    int count = 150;
    std::uint64_t seed = 4401;
    std::int64_t now = 0;
    int verification_months = 12;
    std::optional<std::int64_t> admin_user_id;  // made admin of the first `admin_of_first` organisations
    int admin_of_first = 0;
};

// Inserts `count` organisations into the municipality inside the caller's transaction.
int seed_organisations(soci::session& s, std::int64_t municipality_id, const SeedOptions& o);

}  // namespace syn::registry
