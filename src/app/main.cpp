// synergeia — the one program: web server, migrations, demo data, operator commands.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <map>
#include <utility>
#include <vector>

#include "app/commands.hpp"
#include "app/wiring.hpp"
#include "platform/cache/changes.hpp"
#include "platform/web/static_files.hpp"

int main(int argc, char** argv) {
    CLI::App cli{"Synergeia — the municipality's Active Citizens' Centre (Κέντρο Ενεργών Πολιτών).\n"
                 "Every flag also reads an environment variable (SYNERGEIA_LISTEN, SYNERGEIA_DB, SYNERGEIA_SMTP_URL,\n"
                 "SYNERGEIA_BASE_URL, SYNERGEIA_DEMO=1); an optional TOML file (--config) holds the rest.",
                 "synergeia"};
    cli.require_subcommand(1);
    cli.fallthrough();  // --config may come before or after the sub-command
    syn::app::Options o;
    cli.add_option("--config", o.config_file, "TOML configuration file")->envname("SYNERGEIA_CONFIG");

    auto add_db = [&](CLI::App* sub) {
        sub->add_option("--db", o.db, "Database URL: sqlite:PATH or postgresql://user@host:port/db")->envname("SYNERGEIA_DB");
    };

    auto* serve = cli.add_subcommand("serve", "Serve the web site, the API and the background jobs");
    add_db(serve);
    serve->add_option("--listen", o.listen, "HOST:PORT to listen on")->envname("SYNERGEIA_LISTEN");
    serve->add_option("--db-read", o.db_read, "A PostgreSQL streaming replica of --db for public read-only pages")->envname("SYNERGEIA_DB_READ");

    auto* migrate = cli.add_subcommand("migrate", "Apply database migrations that have not run yet");
    add_db(migrate);

    auto* seed = cli.add_subcommand("seed", "Load data");
    add_db(seed);
    bool demo = false;
    seed->add_flag("--demo", demo, "The demo municipality (Καλαμάτα) with a user for every role; needs SYNERGEIA_DEMO=1");
    seed->add_option("--logins-file", o.logins_file, "Where to write the demo log-ins")->capture_default_str();

    auto* demo_group = cli.add_subcommand("demo", "Helpers for trying the demo (needs SYNERGEIA_DEMO=1)");
    demo_group->require_subcommand(1);
    std::string totp_email;
    auto* demo_totp = demo_group->add_subcommand("totp", "Print the current two-step log-in code of a demo account");
    demo_totp->add_option("email", totp_email, "The demo account's e-mail address")->required();
    add_db(demo_totp);

    auto* user = cli.add_subcommand("user", "Manage accounts");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Create a verified account with a role");
    add_db(user_add);
    user_add->add_option("--email", o.email, "E-mail address")->required();
    user_add->add_option("--password-file", o.password_file, "File whose first line is the password")->required();
    user_add->add_option("--role", o.role, "citizen, volunteer, staff, committee, social_worker, tenant_admin, operator, auditor")->required();
    user_add->add_option("--tenant", o.tenant, "Municipality slug (not needed for operator)");
    user_add->add_option("--name", o.name, "Display name");

    auto* tenant = cli.add_subcommand("tenant", "Manage municipalities");
    tenant->require_subcommand(1);
    auto* tenant_add = tenant->add_subcommand("add", "Add one municipality");
    add_db(tenant_add);
    tenant_add->add_option("--elstat", o.elstat, "ELSTAT code, e.g. 4401")->required();
    tenant_add->add_option("--name", o.name, "Name as shown after «Δήμος», e.g. Καλαμάτας")->required();
    tenant_add->add_option("--name-en", o.name_en, "English name, e.g. Kalamata");
    tenant_add->add_option("--slug", o.slug, "URL name (default: from the name)");
    tenant_add->add_option("--host", o.host, "Host name for host-based tenancy");
    tenant_add->add_option("--region", o.region, "Region");
    auto* tenant_import = tenant->add_subcommand("import", "Import municipalities from a CSV (elstat_code,municipality,nuts2,region)");
    add_db(tenant_import);
    tenant_import->add_option("file", o.csv_file, "CSV file")->required()->check(CLI::ExistingFile);

    // The modules' own verbs ("registry generate"), each with --db.
    std::map<std::string, CLI::App*> groups{{"user", user}};  // a module may add verbs to the program's groups
    std::vector<std::pair<CLI::App*, syn::web::Command>> verbs;
    for (const auto& m : syn::app::modules()) {
        if (!m.commands) continue;
        for (auto& c : m.commands()) {
            auto& group = groups[c.group];
            if (!group) {
                group = cli.add_subcommand(c.group, c.group_help);
                group->require_subcommand(1);
            }
            auto* sub = group->add_subcommand(c.verb, c.help);
            add_db(sub);
            c.define(*sub);
            verbs.emplace_back(sub, std::move(c));
        }
    }

    auto* keys = cli.add_subcommand("keys", "Key-encryption keys of sealed (special-category) fields");
    keys->require_subcommand(1);
    int key_version = 1;
    auto* keys_new = keys->add_subcommand("new", "Print a new key line \"<version>:<key>\" for SYNERGEIA_SEALED_KEYS or the keys file");
    keys_new->add_option("--version", key_version, "Its version: one above the newest in use")->capture_default_str()->check(CLI::Range(1, 1000000));
    auto* keys_check = keys->add_subcommand("check", "Check that every key the database has used is given, and right");
    add_db(keys_check);
    auto* keys_rotate = keys->add_subcommand("rotate", "Re-wrap every record key under the newest key (resumable; the data is not touched)");
    add_db(keys_rotate);

    auto* backup = cli.add_subcommand("backup", "Write the database and the uploaded files to a new directory");
    add_db(backup);
    backup->add_option("dir", o.dir, "A directory that does not exist yet, or is empty")->required();
    auto* restore = cli.add_subcommand("restore", "Bring back a backup into an empty database (stop every copy first)");
    add_db(restore);
    restore->add_option("dir", o.dir, "The directory synergeia backup wrote")->required()->check(CLI::ExistingDirectory);
    restore->add_flag("--force", o.force, "Replace a database that already holds data");

    auto* static_files = cli.add_subcommand("static", "The web assets (CSS, scripts, images) as files");
    static_files->require_subcommand(1);
    auto* static_export = static_files->add_subcommand("export", "Write them to DIR for nginx to serve /static/ from disk");
    static_export->add_option("dir", o.dir, "Directory (created)")->required();

    auto* audit = cli.add_subcommand("audit", "Audit log");
    audit->require_subcommand(1);
    auto* audit_verify = audit->add_subcommand("verify", "Check the hash chain; name the first broken entry");
    add_db(audit_verify);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }

    try {
        auto cfg = syn::app::configure(o);
        if (*serve) return syn::app::serve(cfg);
        if (*static_export) {
            std::cout << "wrote " << syn::web::write_static_files(o.dir) << " files to " << o.dir << "\n";
            return 0;
        }
        // What a verb changes ("user revoke", "tenant add") reaches the running copies' caches at
        // once; the feed sends it when the verb ends.
        syn::cache::ChangeFeed changes(cfg.db, false);
        if (*backup) return syn::app::backup(cfg, o.dir);
        if (*restore) return syn::app::restore(cfg, o.dir, o.force);
        if (*migrate) return syn::app::migrate(cfg);
        if (*seed) {
            if (!demo) {
                std::cerr << "synergeia seed: say what to load (--demo)\n";
                return 2;
            }
            return syn::app::seed_demo(cfg, o.logins_file);
        }
        if (*demo_totp) return syn::app::demo_totp(cfg, totp_email);
        if (*user_add) return syn::app::user_add(cfg, o);
        if (*tenant_add) return syn::app::tenant_add(cfg, o);
        if (*tenant_import) return syn::app::tenant_import(cfg, o.csv_file);
        if (*audit_verify) return syn::app::audit_verify(cfg);
        if (*keys_new) return syn::app::keys_new(key_version);
        if (*keys_check) return syn::app::keys_check(cfg);
        if (*keys_rotate) return syn::app::keys_rotate(cfg);
        for (auto& [sub, command] : verbs)
            if (*sub) return command.run(cfg);
    } catch (const std::exception& e) {
        std::cerr << "synergeia: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
