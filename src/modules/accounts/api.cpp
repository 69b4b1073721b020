// JSON API of accounts: who am I.
#include <nlohmann/json.hpp>

#include <set>

#include "modules/accounts/pages.hpp"
#include "modules/accounts/service.hpp"
#include "platform/web/problem.hpp"

namespace syn::accounts {

void register_api(web::App& app) {
    app.get("/api/v1/me", [](web::Context& ctx) {
        auto a = current_account(ctx);
        // A role held in two units is one role here.
        std::set<std::string> held;
        for (const auto& g : ctx.principal.grants)
            if (!g.municipality_id || *g.municipality_id == ctx.tenant.id) held.insert(g.role);
        const nlohmann::json roles(held);
        return web::json(200, {{"id", a.id},
                               {"email", a.email},
                               {"display_name", a.display_name},
                               {"roles", roles},
                               {"municipality", {{"id", ctx.tenant.id}, {"slug", ctx.tenant.slug}, {"elstat_code", ctx.tenant.elstat_code}}},
                               {"language", std::string(i18n::code(ctx.tr.lang()))}});
    });
}

}  // namespace syn::accounts
