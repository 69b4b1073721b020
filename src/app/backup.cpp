// synergeia backup DIR / synergeia restore DIR: the database and the uploaded files, together.
//
// DIR holds manifest.json, the database (database.sqlite: SQLite's online backup, consistent while
// the program runs; database.pgdump: pg_dump's custom format, one snapshot) and files/, the blob
// store. Stored files never change, but a deleted document's file goes: so the files are copied
// before the database (what the copy names and is deleted meanwhile is in files/) and again after
// (what was stored before the copy's snapshot and committed after the first pass). Everything is
// written for the program's user alone (umask 077): it is personal data.
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string_view>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "app/commands.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrate.hpp"
#include "platform/db/native.hpp"
#include "platform/db/pg_url.hpp"

namespace syn::app {
namespace fs = std::filesystem;
namespace {

constexpr int kFormat = 1;

bool is_postgres(const std::string& url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

// Runs a program (pg_dump, pg_restore) without a shell, so no argument is ever interpreted;
// `password`, when given, reaches it in PGPASSWORD.
void run_program(const std::vector<std::string>& argv, const std::string& password = "") {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    // The child's environment is made here: between fork() and exec() only async-signal-safe
    // calls are allowed, and setenv() is not.
    std::vector<std::string> env_text;
    for (char** e = environ; *e; ++e)
        if (std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) env_text.emplace_back(*e);
    if (!password.empty()) env_text.push_back("PGPASSWORD=" + password);
    std::vector<char*> env;
    for (auto& e : env_text) env.push_back(e.data());
    env.push_back(nullptr);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("cannot start " + argv[0]);
    if (pid == 0) {
        execvpe(args[0], args.data(), env.data());
        std::perror(args[0]);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) throw std::runtime_error("waiting for " + argv[0] + " failed");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(argv[0] + " failed" + (WIFEXITED(status) ? fmt::format(" (exit status {})", WEXITSTATUS(status)) : ""));
}

// Copies every file under `from` into `to` (created), leaving files that are already there: the
// blob store names a file by its content, so one with the same name is the same file.
std::size_t copy_files(const fs::path& from, const fs::path& to) {
    std::size_t n = 0;
    if (!fs::exists(from)) return 0;
    fs::create_directories(to);
    for (const auto& e : fs::recursive_directory_iterator(from)) {
        const auto target = to / fs::relative(e.path(), from);
        if (e.is_directory()) {
            fs::create_directories(target);
        } else if (e.is_regular_file() && !fs::exists(target)) {
            fs::copy_file(e.path(), target);
            ++n;
        }
    }
    return n;
}

// Whether the database holds any table (ours or anyone's: a restore would replace it).
bool has_tables(db::Database& db) {
    long long n = 0;
    db.read([&](soci::session& s) {
        if (db.backend() == db::Backend::Sqlite)
            s << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", soci::into(n);
        else
            s << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()", soci::into(n);
    });
    return n > 0;
}

// The newest migration the database has, as the manifest names its schema ("" for none).
std::string latest_migration(db::Database& db) {
    const auto applied = db::applied_migrations(db);
    return applied.empty() ? "" : applied.back().name;
}

}  // namespace

int backup(const config::Config& cfg, const std::string& dir) {
    umask(077);
    const fs::path out(dir);
    if (fs::exists(out) && !(fs::is_directory(out) && fs::is_empty(out))) {
        std::cerr << "synergeia backup: " << dir << " exists and is not empty; give a new directory\n";
        return 2;
    }
    fs::create_directories(out);
    auto db = open_db(cfg);
    const bool pg = db->backend() == db::Backend::Postgres;
    auto files = copy_files(cfg.files_dir, out / "files");
    if (pg) {
        // The password in PGPASSWORD: a command line is readable by every local user (/proc).
        run_program({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", (out / "database.pgdump").string(),
                     "--dbname", db::conninfo(cfg.db, false)},
                    db::password_of(cfg.db));
    } else {
        db->read([&](soci::session& s) { db::sqlite_backup(s, (out / "database.sqlite").string()); });
    }
    files += copy_files(cfg.files_dir, out / "files");
    const nlohmann::json manifest = {{"format", kFormat},
                                     {"engine", pg ? "postgresql" : "sqlite"},
                                     {"created_at", db::now_unix()},
                                     {"schema", latest_migration(*db)},
                                     {"files", files}};
    std::ofstream(out / "manifest.json") << manifest.dump(2) << "\n";
    std::cout << fmt::format("backed up the {} database (schema {}) and {} file(s) to {}\n", pg ? "PostgreSQL" : "SQLite",
                             manifest["schema"].get<std::string>(), files, dir);
    return 0;
}

int restore(const config::Config& cfg, const std::string& dir, bool force) {
    umask(077);
    const fs::path in(dir);
    nlohmann::json manifest;
    try {
        std::ifstream f(in / "manifest.json");
        if (!f) throw std::runtime_error("no manifest.json");
        manifest = nlohmann::json::parse(f);
    } catch (const std::exception& e) {
        std::cerr << "synergeia restore: " << dir << " is not a Synergeia backup (" << e.what() << ")\n";
        return 2;
    }
    if (manifest.value("format", 0) != kFormat) {
        std::cerr << "synergeia restore: this backup's format is not one this version reads\n";
        return 2;
    }
    const bool pg = is_postgres(cfg.db);
    const std::string engine = manifest.value("engine", "");
    if (engine != (pg ? "postgresql" : "sqlite")) {
        std::cerr << "synergeia restore: the backup is of a " << engine << " database and --db is "
                  << (pg ? "PostgreSQL" : "SQLite") << "; restore into the same kind\n";
        return 2;
    }
    auto db = open_db(cfg);
    if (has_tables(*db) && !force) {
        std::cerr << "synergeia restore: the database already holds data; restoring would replace it. "
                     "Stop every copy of the program and give --force to replace it.\n";
        return 2;
    }
    if (pg) {
        // pg_restore writes the backup as SQL, and psql runs it in ONE transaction, after — when
        // replacing — emptying the schema: everything goes, also what a later version added that
        // the backup lacks (pg_restore --clean would drop only the backup's own tables, and the next
        // migrate would find a newer table in its way). A restore that fails changes nothing.
        db.reset();
        char scratch_template[] = "/tmp/synergeia-restore-XXXXXX";
        const char* scratch = mkdtemp(scratch_template);
        if (!scratch) throw std::runtime_error("cannot make a temporary folder for the restore");
        const auto script = fs::path(scratch) / "restore.sql";
        try {
            run_program({"pg_restore", "--no-owner", "--no-privileges", "--file", script.string(), (in / "database.pgdump").string()});
            std::vector<std::string> psql{"psql", "-X", "-q", "--single-transaction", "-v", "ON_ERROR_STOP=1", "--dbname", db::conninfo(cfg.db, false)};
            if (force)
                psql.insert(psql.end(), {"-c", "DO $$ DECLARE s text := current_schema(); BEGIN EXECUTE format('DROP SCHEMA %I CASCADE', s); "
                                               "EXECUTE format('CREATE SCHEMA %I', s); END $$"});
            psql.insert(psql.end(), {"-f", script.string()});
            run_program(psql, db::password_of(cfg.db));
        } catch (...) {
            fs::remove_all(scratch);
            throw;
        }
        fs::remove_all(scratch);
        db = open_db(cfg);
    } else {
        db->read([&](soci::session& s) { db::sqlite_restore(s, (in / "database.sqlite").string()); });
    }
    const auto files = copy_files(in / "files", cfg.files_dir);
    std::cout << fmt::format("restored the database (schema {}) and {} file(s) from {}\n", latest_migration(*db), files, dir);
    db.reset();
    // What came back is what was written: the audit chain verifies end to end.
    return audit_verify(cfg);
}

}  // namespace syn::app
