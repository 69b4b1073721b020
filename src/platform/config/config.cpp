#include "platform/config/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace syn::config {

namespace {

template <class T>
void from_toml(const toml::table& t, const char* key, T& out) {
    auto node = t[key];
    if (!node) return;
    if constexpr (std::is_same_v<T, bool>) {
        if (auto v = node.value<bool>()) out = *v; else throw std::runtime_error(std::string("config: '") + key + "' must be true or false");
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (auto v = node.value<std::string>()) out = *v; else throw std::runtime_error(std::string("config: '") + key + "' must be a string");
    } else {
        auto v = node.value<std::int64_t>();
        if (!v || *v < 0) throw std::runtime_error(std::string("config: '") + key + "' must be a non-negative integer");
        out = static_cast<T>(*v);
    }
}

void from_env(const char* name, std::string& out) {
    if (const char* v = std::getenv(name); v && *v) out = v;
}

void from_env(const char* name, long& out) {
    if (const char* v = std::getenv(name); v && *v) {
        char* end = nullptr;
        long n = std::strtol(v, &end, 10);
        if (*end || n <= 0) throw std::runtime_error(std::string(name) + " must be a positive whole number");
        out = n;
    }
}

}  // namespace

Config load(const std::string& toml_path) {
    Config c;
    if (!toml_path.empty()) {
        toml::table t;
        try {
            t = toml::parse_file(toml_path);
        } catch (const toml::parse_error& e) {
            throw std::runtime_error("config file " + toml_path + ": " + std::string(e.description()));
        }
        from_toml(t, "listen", c.listen);
        from_toml(t, "db", c.db);
        from_toml(t, "smtp_url", c.smtp_url);
        from_toml(t, "mail_from", c.mail_from);
        from_toml(t, "base_url", c.base_url);
        from_toml(t, "demo", c.demo);
        from_toml(t, "tenancy", c.tenancy);
        from_toml(t, "default_tenant", c.default_tenant);
        from_toml(t, "db_pool", c.db_pool);
        from_toml(t, "io_threads", c.io_threads);
        from_toml(t, "handler_threads", c.handler_threads);
        from_toml(t, "max_connections", c.max_connections);
        from_toml(t, "access_log", c.access_log);
        from_toml(t, "tls", c.tls);
        // The old key believed X-Forwarded-For from anyone; ignoring it silently would count every
        // visitor under the proxy's address (one shared log-in limit), so say what to write instead.
        if (t.contains("trust_proxy"))
            throw std::runtime_error("config file " + toml_path +
                                     ": trust_proxy is no longer read; write trusted_proxy = \"<the proxy's address>\" (e.g. \"127.0.0.1\")");
        from_toml(t, "trusted_proxy", c.trusted_proxy);
        from_toml(t, "db_read", c.db_read);
        from_toml(t, "job_lease_seconds", c.job_lease_seconds);
        from_toml(t, "session_idle_seconds", c.session_idle_seconds);
        from_toml(t, "session_absolute_seconds", c.session_absolute_seconds);
        from_toml(t, "second_factor_required", c.second_factor_required);
        from_toml(t, "login_limit_per_account", c.login_limit_per_account);
        from_toml(t, "login_limit_per_ip", c.login_limit_per_ip);
        from_toml(t, "login_window_seconds", c.login_window_seconds);
        from_toml(t, "files_dir", c.files_dir);
        from_toml(t, "verification_months", c.verification_months);
        from_toml(t, "requests_reopen_days", c.requests_reopen_days);
        from_toml(t, "map_tile_url", c.map_tile_url);
        from_toml(t, "map_attribution", c.map_attribution);
        from_toml(t, "sealed_keys_file", c.sealed_keys_file);
    }
    from_env("SYNERGEIA_LISTEN", c.listen);
    from_env("SYNERGEIA_DB", c.db);
    from_env("SYNERGEIA_SMTP_URL", c.smtp_url);
    from_env("SYNERGEIA_MAIL_FROM", c.mail_from);
    from_env("SYNERGEIA_BASE_URL", c.base_url);
    from_env("SYNERGEIA_TENANCY", c.tenancy);
    from_env("SYNERGEIA_TENANT", c.default_tenant);
    from_env("SYNERGEIA_SESSION_IDLE", c.session_idle_seconds);
    from_env("SYNERGEIA_SESSION_ABSOLUTE", c.session_absolute_seconds);
    from_env("SYNERGEIA_FILES_DIR", c.files_dir);
    from_env("SYNERGEIA_VERIFICATION_MONTHS", c.verification_months);
    from_env("SYNERGEIA_REQUESTS_REOPEN_DAYS", c.requests_reopen_days);
    from_env("SYNERGEIA_MAP_TILE_URL", c.map_tile_url);
    from_env("SYNERGEIA_SEALED_KEYS_FILE", c.sealed_keys_file);
    from_env("SYNERGEIA_TRUSTED_PROXY", c.trusted_proxy);
    from_env("SYNERGEIA_DB_READ", c.db_read);
    from_env("SYNERGEIA_JOB_LEASE_SECONDS", c.job_lease_seconds);
    if (const char* d = std::getenv("SYNERGEIA_DEMO")) c.demo = std::string(d) == "1" || std::string(d) == "true";
    if (const char* a = std::getenv("SYNERGEIA_ACCESS_LOG")) c.access_log = std::string(a) != "off";
    if (const char* f = std::getenv("SYNERGEIA_SECOND_FACTOR"); f && *f)
        c.second_factor_required = !(std::string(f) == "0" || std::string(f) == "off" || std::string(f) == "false");
    if (c.tenancy != "single" && c.tenancy != "host" && c.tenancy != "path")
        throw std::runtime_error("tenancy must be single, host or path (got '" + c.tenancy + "')");
    if (c.db_pool == 0) c.db_pool = 1;
    c.handler_threads = std::max(c.handler_threads, c.db_pool);
    if (c.requests_reopen_days < 0 || c.requests_reopen_days > 365)
        throw std::runtime_error("requests_reopen_days must be between 0 and 365");
    if (c.job_lease_seconds < 1 || c.job_lease_seconds > 86400)
        throw std::runtime_error("job_lease_seconds must be between 1 and 86400");
    if (!c.db_read.empty() && !(c.db_read.starts_with("postgresql://") || c.db_read.starts_with("postgres://")))
        throw std::runtime_error("db_read must be a postgresql:// URL (a streaming replica of db)");
    if (c.verification_months < 1 || c.verification_months > 60)
        throw std::runtime_error("verification_months must be between 1 and 60");
    if (!c.map_tile_url.empty() && !c.map_tile_url.starts_with("https://") && !c.map_tile_url.starts_with("http://"))
        throw std::runtime_error("map_tile_url must be an http(s) address");
    return c;
}

}  // namespace syn::config
