// The accounts module's one registration point: its routes, and the operator's `user revoke`.
#include "modules/accounts/module.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "modules/accounts/pages.hpp"
#include "modules/accounts/service.hpp"
#include "platform/auth/permissions.hpp"

namespace syn::accounts {

void install(web::App& app) {
    register_pages(app);
    register_api(app);
}

std::vector<web::Command> commands() {
    struct Revoke {
        std::string email, role, tenant;
    };
    auto o = std::make_shared<Revoke>();
    return {{.group = "user",
             .group_help = "Manage accounts",
             .verb = "revoke",
             .help = "Withdraw a role from an account (at once on every copy of the program, within seconds)",
             .define =
                 [o](CLI::App& sub) {
                     sub.add_option("--email", o->email, "E-mail address")->required();
                     sub.add_option("--role", o->role, "The role to withdraw")->required();
                     sub.add_option("--tenant", o->tenant, "Municipality slug (not needed for operator)");
                 },
             .run =
                 [o](const config::Config& cfg) {
                     if (!auth::is_role(o->role)) throw std::runtime_error("unknown role '" + o->role + "'");
                     if (o->tenant.empty() && o->role != "operator") throw std::runtime_error("--tenant is required for role " + o->role);
                     auto db = db::Database::open(cfg.db, 1);
                     std::optional<std::int64_t> tenant_id;
                     if (!o->tenant.empty()) tenant_id = web::tenant_by_slug(*db, o->tenant).id;
                     const bool withdrawn = db->transact([&](soci::session& s) { return withdraw_role(s, o->email, o->role, tenant_id); });
                     std::cout << (withdrawn ? "withdrew " : "the account did not hold ") << o->role << " from " << o->email << "\n";
                     return withdrawn ? 0 : 1;
                 }}};
}

}  // namespace syn::accounts
