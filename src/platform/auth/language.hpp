#pragma once
// The language of the mail and notifications an account receives: each message to a person is
// written in theirs, not in the language of whoever caused it (a member of staff replying in
// Greek to a requester who reads English).
#include <cstdint>
#include <optional>

#include "platform/db/database.hpp"
#include "platform/i18n/i18n.hpp"

namespace syn::auth {

// Greek for an unknown account or one without a choice.
i18n::Lang language_of(soci::session& s, std::int64_t user_id);
// The same for a message that may have no account behind it (an Open311 reporter): Greek.
i18n::Lang language_of(soci::session& s, std::optional<std::int64_t> user_id);
void set_language(soci::session& s, std::int64_t user_id, i18n::Lang lang);

}  // namespace syn::auth
