#include "modules/people/service/shared.hpp"

#include "platform/audit/audit.hpp"

namespace syn::people::detail {

void invalid(const web::Scope& scope, const std::vector<Problem>& problems) {
    html::Errors e(scope.tr);
    for (const auto& p : problems) e.add(p.field, scope.tr(p.msgid));
    throw web::Invalid(std::move(e));
}

void record(soci::session& s, const web::Scope& scope, const char* action, const std::string& subject, const nlohmann::json& details) {
    audit::append(s, {scope.tenant.id, scope.principal.user_id, action, subject, details.dump()});
}

}  // namespace syn::people::detail
