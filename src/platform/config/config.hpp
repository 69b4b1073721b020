#pragma once
// Run-time settings. Precedence, lowest to highest: built-in defaults, the optional TOML file,
// SYNERGEIA_* environment variables, command-line flags (applied by the CLI).
#include <cstddef>
#include <string>

namespace syn::config {

struct Config {
    std::string listen = "127.0.0.1:8080";          // SYNERGEIA_LISTEN
    std::string db = "sqlite:var/synergeia.db";      // SYNERGEIA_DB
    std::string smtp_url;                            // SYNERGEIA_SMTP_URL; empty: mail stays queued
    std::string mail_from = "Synergeia <no-reply@localhost>";
    std::string base_url = "http://localhost:8080";  // SYNERGEIA_BASE_URL: links in mail
    bool demo = false;                               // SYNERGEIA_DEMO=1

    // Tenancy: "single" (one municipality, the default), "host" (by Host header) or "path"
    // (by a /m/<slug>/ prefix).
    std::string tenancy = "single";
    std::string default_tenant;                      // slug for single mode; empty: the first one

    std::size_t db_pool = 4;
    // Threads that run handlers. More than db_pool: a handler waiting for a shared commit
    // (db::Database::transact_grouped, Open311 POSTs) holds a thread but no connection, and a
    // commit is shared only by the handlers waiting at the time. At least db_pool.
    std::size_t handler_threads = 64;
    std::size_t io_threads = 2;
    std::size_t max_connections = 10000;
    bool access_log = true;
    bool tls = false;                                // behind TLS: Secure cookies and HSTS
    // The address of the reverse proxy (nginx) in front of the program: a request from exactly this
    // address names its client in X-Real-IP (rate limits, the audit log). From any other address
    // the header is ignored, so a client cannot choose its own address. Empty: no proxy.
    std::string trusted_proxy;                       // SYNERGEIA_TRUSTED_PROXY, e.g. "127.0.0.1"
    // A PostgreSQL streaming replica for public read-only pages and the open-data APIs
    // (platform/db/replica.hpp). Empty: everything reads from `db`.
    std::string db_read;                             // SYNERGEIA_DB_READ
    // How long a background job's claim on an item lasts (a mail being sent): another copy takes
    // the item over after this if the claiming copy died. Keep it above the SMTP timeout (120 s),
    // or a slow send is sent twice; the tests shorten it against a local mail server.
    long job_lease_seconds = 600;                    // SYNERGEIA_JOB_LEASE_SECONDS

    long session_idle_seconds = 2 * 3600;            // SYNERGEIA_SESSION_IDLE
    long session_absolute_seconds = 12 * 3600;       // SYNERGEIA_SESSION_ABSOLUTE
    // Those who see other people's data (RoleInfo::sees_personal_data) log in with a second
    // factor; until they set one up their roles wait. SYNERGEIA_SECOND_FACTOR=0 turns second
    // factors off for everyone (the test servers and the load benchmarks).
    bool second_factor_required = true;
    int login_limit_per_account = 5;                 // failed log-ins per window
    int login_limit_per_ip = 20;
    long login_window_seconds = 15 * 60;

    // Uploaded documents, stored by content hash outside any web root.
    std::string files_dir = "var/files";             // SYNERGEIA_FILES_DIR
    // Registry: how long a verification lasts before it must be renewed (1–60 months).
    long verification_months = 12;                   // SYNERGEIA_VERIFICATION_MONTHS
    long requests_reopen_days = 14;                  // SYNERGEIA_REQUESTS_REOPEN_DAYS: a requester may reopen this long after the outcome
    // Map tiles for the progressive-enhancement maps ({z}/{x}/{y} placeholders); its origin is
    // added to the CSP img-src. Empty: no map, only the lists.
    std::string map_tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";  // SYNERGEIA_MAP_TILE_URL
    std::string map_attribution = "© OpenStreetMap contributors";
    // The key-encryption keys of sealed fields (platform/sealed/keyring.hpp): a file of lines
    // "<version>:<key>" only the program's user can read. SYNERGEIA_SEALED_KEYS, when set,
    // gives the keys themselves instead.
    std::string sealed_keys_file;                    // SYNERGEIA_SEALED_KEYS_FILE
};

// Reads the TOML file (empty path: none) and the environment. Throws std::runtime_error
// naming the key on a bad value.
Config load(const std::string& toml_path);

}  // namespace syn::config
