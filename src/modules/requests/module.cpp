// Requests to the municipality: the one registration point for their permissions, routes, the
// search-index job, their part of the demo and the `requests generate` verb.
#include "modules/requests/module.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "modules/requests/demo.hpp"
#include "modules/requests/pages.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/store.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/units.hpp"
#include "platform/db/statistics.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/web/roles_withdrawn.hpp"

namespace syn::requests {

namespace {

// The departments and six types, the staff account in two departments, the tenant admin a
// supervisor (a tenant_admin acts as one anyway; the grant makes it visible on the departments
// page), and a year of requests, some filed by the citizen account and supported by the others.
void seed_demo(soci::session& s, const web::DemoMunicipality& m) {
    seed_configuration(s, m.id);
    seed_demo_staff(s, m.id, m.user_of_role.at("staff"), m.user_of_role.at("tenant_admin"));
    SeedOptions o;
    o.count = 300;
    o.seed = 4401;
    o.now = m.now;
    o.years = 1;
    o.requester_user_id = m.user_of_role.at("citizen");
    o.requester_name = "Μαρία Παπαδοπούλου";
    o.requester_email = "citizen@demo.synergeia.gr";
    for (const char* role : {"volunteer", "org_admin", "org_member", "committee"}) o.supporter_user_ids.push_back(m.user_of_role.at(role));
    seed_requests(s, m.id, o);
}

}  // namespace

void install(web::App& app) {
    // Every member of staff reads every request; acting needs a staff grant on the request's
    // department (or a unit above it), the supervisor role or the tenant admin's.
    auth::define_role({kRoleSupervisor, N_("Requests supervisor"), auth::RoleOn::municipality, true, true});
    auth::define_permission(kPermRead, {"staff", kRoleSupervisor, "tenant_admin", "auditor"});
    auth::define_permission(kPermHandle, {"staff", kRoleSupervisor, "tenant_admin"}, auth::Reach::unit);
    auth::define_permission(kPermConfigure, {"tenant_admin"});
    // A unit that answers requests is retired only once nothing new can reach it and nothing
    // is left open in it.
    auth::define_unit_use("requests", [](soci::session& s, std::int64_t municipality_id, std::int64_t unit_id) -> const char* {
        const auto use = store::department_use(s, municipality_id, unit_id);
        if (use.active_types > 0) return N_("Request types are answered by this unit. Choose another unit for them first.");
        if (use.open_requests > 0) return N_("This unit has open requests. Assign them to another unit first.");
        return nullptr;
    });
    // A member of staff who leaves a unit (or the municipality) leaves its requests to the unit.
    web::on_roles_withdrawn("requests", [](soci::session& s, const web::Scope& scope, std::int64_t user_id) { return_to_queue(s, scope, user_id); });
    install_public_pages(app);
    install_staff_pages(app);
    install_config_pages(app);
    install_notification_pages(app);
    install_open311(app);
    install_api(app);
    // Open311 reports reach SQLite's full-text index here, in batches (store.hpp).
    app.job({"requests.search_index", std::chrono::seconds(1),
             [](db::Database& db, const config::Config&) { index_new_requests(db); }});
    app.demo_seed({.order = 200, .seed = seed_demo});
}

std::vector<web::Command> commands() {
    struct Generate {
        std::string tenant;
        int count = 10000, years = 1;
        std::uint64_t seed = 1;
    };
    auto o = std::make_shared<Generate>();
    return {{.group = "requests",
             .group_help = "Requests to the municipality",
             .verb = "generate",
             .help = "Add generated requests to a municipality (benchmarks, demos)",
             .define =
                 [o](CLI::App& sub) {
                     sub.add_option("--tenant", o->tenant, "Municipality slug")->required();
                     sub.add_option("--count", o->count, "How many requests")->capture_default_str()->check(CLI::Range(1, 5'000'000));
                     sub.add_option("--years", o->years, "Spread over this many years back from now")->capture_default_str()->check(CLI::Range(1, 50));
                     sub.add_option("--seed", o->seed, "Random seed; the same seed gives the same data")->capture_default_str();
                 },
             .run =
                 [o](const config::Config& cfg) {
                     auto db = db::Database::open(cfg.db, 1);
                     const auto tenant = web::tenant_by_slug(*db, o->tenant);
                     // One transaction: a generated set is all there or not at all. The configuration
                     // is seeded first (idempotent), so a fresh municipality has types to generate for.
                     const auto n = db->transact([&](soci::session& s) {
                         seed_configuration(s, tenant.id);
                         SeedOptions so;
                         so.count = o->count;
                         so.seed = o->seed;
                         so.now = db::now_unix();
                         so.years = o->years;
                         return seed_requests(s, tenant.id, so);
                     });
                     db::refresh_statistics(*db, "requests");
                     std::cout << "added " << n << " requests to " << o->tenant << "\n";
                     return 0;
                 }}};
}

}  // namespace syn::requests
