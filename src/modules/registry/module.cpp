// The organisation registry's one registration point: its permissions, routes, the hourly
// verification-expiry job, its part of the demo and the `registry generate` verb.
#include "modules/registry/module.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "modules/registry/demo.hpp"
#include "modules/registry/pages.hpp"
#include "modules/registry/service.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/db/statistics.hpp"

namespace syn::registry {

void install(web::App& app) {
    // Organisation admins and members are rows of organisation_members, not roles: what they may
    // do is decided per organisation in the services. These permissions are the municipality's.
    auth::define_permission(kPermReview, {"staff", "tenant_admin"});
    auth::define_permission(kPermRead, {"staff", "tenant_admin", "auditor"});
    auth::define_permission(kPermImport, {"tenant_admin", "operator"});
    install_public_pages(app);
    install_admin_pages(app);
    install_review_pages(app);
    install_api(app);
    // Verified organisations past their expiry go back to the queue; reminders 30 days before.
    app.job({"registry.expiry", std::chrono::hours(1),
             [](db::Database& db, const config::Config& cfg) { run_expiry(db, cfg, db::now_unix()); }});
    // Search texts an upgrade emptied are computed again, a batch at a time.
    app.job({"registry.search_index", std::chrono::seconds(5), [](db::Database& db, const config::Config&) { refill_search(db); }});
    // About 150 organisations of Καλαμάτα; the association account administers the first two.
    app.demo_seed({.order = 100, .seed = [](soci::session& s, const web::DemoMunicipality& m) {
                       seed_organisations(s, m.id, {.count = 150, .seed = 4401, .now = m.now,
                                                    .verification_months = static_cast<int>(m.cfg.verification_months),
                                                    .admin_user_id = m.user_of_role.at("org_admin"), .admin_of_first = 2});
                   }});
}

std::vector<web::Command> commands() {
    struct Generate {
        std::string tenant;
        int count = 2000;
        std::uint64_t seed = 1;
    };
    auto o = std::make_shared<Generate>();
    return {{.group = "registry",
             .group_help = "Organisation registry",
             .verb = "generate",
             .help = "Add generated organisations to a municipality (benchmarks, demos)",
             .define =
                 [o](CLI::App& sub) {
                     sub.add_option("--tenant", o->tenant, "Municipality slug")->required();
                     sub.add_option("--count", o->count, "How many organisations")->capture_default_str()->check(CLI::Range(1, 1'000'000));
                     sub.add_option("--seed", o->seed, "Random seed; the same seed gives the same data")->capture_default_str();
                 },
             .run =
                 [o](const config::Config& cfg) {
                     auto db = db::Database::open(cfg.db, 1);
                     const auto tenant = web::tenant_by_slug(*db, o->tenant);
                     // One transaction: a generated set is all there or not at all.
                     db->transact([&](soci::session& s) {
                         seed_organisations(s, tenant.id, {.count = o->count, .seed = o->seed, .now = db::now_unix(),
                                                           .verification_months = static_cast<int>(cfg.verification_months),
                                                           .admin_user_id = std::nullopt, .admin_of_first = 0});
                     });
                     db::refresh_statistics(*db, "organisations");
                     std::cout << "added " << o->count << " organisations to " << o->tenant << "\n";
                     return 0;
                 }}};
}

}  // namespace syn::registry
