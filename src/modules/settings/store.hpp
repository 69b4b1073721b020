#pragma once
// SQL of the settings that are not the kernel's own rows (web/tenant.hpp keeps the appearance).
#include <cstdint>
#include <string>

#include <soci/soci.h>

namespace syn::settings::store {

// The municipality's logo hash as stored now ("" for the default emblem): another copy of the
// program may have changed it after this one loaded its municipalities.
std::string logo_sha256(soci::session& s, std::int64_t municipality_id);

}  // namespace syn::settings::store
