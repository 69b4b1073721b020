#pragma once
// What modules do when a person's roles in a municipality are withdrawn (one grant, or all of
// them when a member of staff leaves), inside the same transaction: the requests module gives
// back to their unit's queue the requests the person can no longer act on, and tells the unit.
// Modules register theirs in module.cpp; the people module calls them.
#include <cstdint>
#include <functional>
#include <string>

#include "platform/web/scope.hpp"

namespace syn::web {

using RolesWithdrawn = std::function<void(soci::session& s, const Scope& scope, std::int64_t user_id)>;
// `name` is the module's: registering it again (another App in the same process) replaces it.
void on_roles_withdrawn(std::string name, RolesWithdrawn f);
// Runs every module's part, after the withdrawal, in the caller's transaction.
void roles_withdrawn(soci::session& s, const Scope& scope, std::int64_t user_id);

}  // namespace syn::web
