#include "platform/web/roles_withdrawn.hpp"

#include <map>

namespace syn::web {

namespace {

std::map<std::string, RolesWithdrawn>& parts() {
    static std::map<std::string, RolesWithdrawn> all;  // filled at start-up, before any request
    return all;
}

}  // namespace

void on_roles_withdrawn(std::string name, RolesWithdrawn f) { parts()[std::move(name)] = std::move(f); }

void roles_withdrawn(soci::session& s, const Scope& scope, std::int64_t user_id) {
    for (const auto& [name, f] : parts()) f(s, scope, user_id);
}

}  // namespace syn::web
