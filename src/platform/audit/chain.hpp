#pragma once
// The hash chain's arithmetic, apart from SQL: what exactly is hashed. Changing this breaks
// every existing chain, so the serialisation carries a version number.
#include "platform/audit/audit.hpp"

#include <string>
#include <string_view>

namespace syn::audit::chain {

// prev_hash of the first entry.
inline constexpr std::string_view kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

// A compact JSON array: [1, id, at, municipality_id|null, actor_user_id|null, action, subject,
// details_json]. JSON escaping makes the fields unambiguous (no separator can be forged).
std::string canonical(const Record& r);

// sha256 hex of prev_hash + canonical(r). Both throw nlohmann::json::type_error when a text
// field is not valid UTF-8.
std::string hash(const Record& r);

// details_json parsed and re-serialised compactly; throws std::invalid_argument unless it is a
// JSON object.
std::string normalise_details(std::string_view details_json);

}  // namespace syn::audit::chain
