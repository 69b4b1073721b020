// JSON API of accounts: who am I.
#include <nlohmann/json.hpp>

#include "modules/accounts/pages.hpp"
#include "modules/accounts/service.hpp"
#include "platform/web/problem.hpp"

namespace syn::accounts {

void register_api(web::App& app) {
    app.get("/api/v1/me", [](web::Context& ctx) {
        auto a = current_account(ctx);
        nlohmann::json roles = nlohmann::json::array();
        for (const auto& g : ctx.principal.grants)
            if (!g.municipality_id || *g.municipality_id == ctx.tenant.id) roles.push_back(g.role);
        return web::json(200, {{"id", a.id},
                               {"email", a.email},
                               {"display_name", a.display_name},
                               {"roles", roles},
                               {"municipality", {{"id", ctx.tenant.id}, {"slug", ctx.tenant.slug}, {"elstat_code", ctx.tenant.elstat_code}}},
                               {"language", std::string(i18n::code(ctx.tr.lang()))}});
    });
}

}  // namespace syn::accounts
