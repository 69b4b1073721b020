#pragma once
// Helpers the people service's files share.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "modules/people/rules.hpp"
#include "platform/web/scope.hpp"

namespace syn::people::detail {

[[noreturn]] void invalid(const web::Scope& scope, const std::vector<Problem>& problems);
void record(soci::session& s, const web::Scope& scope, const char* action, const std::string& subject, const nlohmann::json& details);

}  // namespace syn::people::detail
