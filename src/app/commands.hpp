#pragma once
// The program's sub-commands. Each returns the process exit code.
#include <cstddef>
#include <memory>
#include <string>

#include "platform/config/config.hpp"

namespace syn::db {
class Database;
}  // namespace syn::db

namespace syn::app {

struct Options {
    std::string config_file, db, listen, logins_file = "var/demo-logins.txt";
    std::string email, password_file, role, tenant, name, name_en, slug, host, region, elstat, csv_file;
    std::string db_read, dir;
    bool force = false;
};

config::Config configure(const Options& o);  // file, environment, then flags
// The database of cfg with `pool` connections; a SQLite file's folder is made if missing.
std::shared_ptr<db::Database> open_db(const config::Config& cfg, std::size_t pool = 1);
int serve(const config::Config& cfg);
int migrate(const config::Config& cfg);
int seed_demo(const config::Config& cfg, const std::string& logins_file);
// The code a demo account's authenticator app would show now (a step not used yet), so that
// people trying the demo, and scripts, can log in as staff. Demo mode only.
int demo_totp(const config::Config& cfg, const std::string& email);
int user_add(const config::Config& cfg, const Options& o);
int tenant_add(const config::Config& cfg, const Options& o);
int tenant_import(const config::Config& cfg, const std::string& csv_file);
int audit_verify(const config::Config& cfg);
// The database and the uploaded files into a new directory, and back (backup.cpp). restore
// refuses a database that holds data unless `force`, and ends with audit_verify.
int backup(const config::Config& cfg, const std::string& dir);
int restore(const config::Config& cfg, const std::string& dir, bool force);
int keys_new(int version);
int keys_check(const config::Config& cfg);
int keys_rotate(const config::Config& cfg);

}  // namespace syn::app
