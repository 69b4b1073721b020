#pragma once
// The people module's part of the demo: Καλαμάτα's social grocery and its funding committee as
// units, with the demo's social worker and committee member in them.
#include <cstdint>

#include "platform/db/database.hpp"

namespace syn::people {

// Idempotent: units found by name are reused, grants already held are kept.
void seed_demo_units(soci::session& s, std::int64_t municipality_id, std::int64_t social_worker_user_id,
                     std::int64_t committee_user_id);

}  // namespace syn::people
