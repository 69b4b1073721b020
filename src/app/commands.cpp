#include "app/commands.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <malloc.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "app/wiring.hpp"
#include "modules/accounts/service.hpp"
#include "modules/registry/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/second_factor.hpp"
#include "platform/auth/session_store.hpp"
#include "platform/auth/totp.hpp"
#include "platform/cache/changes.hpp"
#include "platform/db/database.hpp"
#include "platform/db/replica.hpp"
#include "platform/db/migrate.hpp"
#include "platform/embed/embedded.hpp"
#include "platform/http/descriptors.hpp"
#include "platform/http/server.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/jobs/runner.hpp"
#include "platform/mail/mail.hpp"
#include "platform/sealed/sealed.hpp"
#include "platform/text/text.hpp"
#include "platform/web/app.hpp"

namespace syn::app {

namespace {

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT (got '" + listen + "')");
    auto host = listen.substr(0, colon);
    if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
    int port = 0;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
        port = -1;
    }
    if (port < 0 || port > 65535) throw std::runtime_error("--listen port must be 0–65535 (got '" + listen + "')");
    return {host, static_cast<std::uint16_t>(port)};
}

std::string title_case_greek(const std::string& upper) {
    // The ELSTAT list has names in capitals ("ΚΑΛΑΜΑΤΑΣ"); ICU lower-cases with the final-sigma
    // rule, then we capitalise each word. Accents are not in the source and cannot be invented.
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(upper);
    u.toLower(icu::Locale("el"));
    bool start = true;
    icu::UnicodeString out;
    for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        i += U16_LENGTH(c);
        if (start && u_isalpha(c)) {
            out.append(static_cast<UChar32>(u_toupper(c)));
            start = false;
        } else {
            out.append(c);
            if (!u_isalpha(c)) start = true;
        }
    }
    std::string s;
    out.toUTF8String(s);
    return s;
}

// Every new municipality is an audited decision.
std::int64_t add_tenant(soci::session& s, const web::Tenant& t) {
    const auto id = web::insert_tenant(s, t);
    audit::append(s, {id, std::nullopt, "tenant.created", fmt::format("municipality:{}", id),
                      nlohmann::json{{"elstat_code", t.elstat_code}, {"slug", t.slug}}.dump()});
    return id;
}

void check_tenant(const web::Tenant& t, const std::string& where) {
    auto bad = [&](const std::string& what) { throw std::runtime_error(where + what); };
    if (t.elstat_code.empty() || t.elstat_code.size() > 6 ||
        t.elstat_code.find_first_not_of("0123456789") != std::string::npos)
        bad("the ELSTAT code must be digits, e.g. 4401");
    if (text::trim(t.name).empty() || !text::valid_utf8_text(t.name)) bad("the name is empty or not valid UTF-8");
    if (t.slug.empty()) bad("the name gives no usable slug; pass --slug");
}

std::vector<std::string> split_csv_line(const std::string& line) {
    // The municipalities CSV has no quoted fields; a quote means a format we do not read.
    if (line.find('"') != std::string::npos) throw std::runtime_error("quoted CSV fields are not supported");
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto comma = line.find(',', start);
        out.push_back(text::trim(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace

std::shared_ptr<db::Database> open_db(const config::Config& cfg, std::size_t pool) {
    if (cfg.db.starts_with("sqlite:")) {
        auto path = std::filesystem::path(cfg.db.substr(7));
        if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    }
    return db::Database::open(cfg.db, pool);
}

config::Config configure(const Options& o) {
    auto cfg = config::load(o.config_file);
    if (!o.db.empty()) cfg.db = o.db;
    if (!o.listen.empty()) cfg.listen = o.listen;
    if (!o.db_read.empty()) cfg.db_read = o.db_read;
    return cfg;
}

int migrate(const config::Config& cfg) {
    auto db = open_db(cfg);
    auto applied = db::migrate(*db, embed::migrations());
    for (const auto& name : applied) std::cout << "applied " << name << "\n";
    std::cout << (applied.empty() ? "database is up to date\n" : fmt::format("{} migration(s) applied\n", applied.size()));
    // Data that an upgrade reshapes, after the schema: idempotent, and quick when nothing is left.
    if (const auto respelled = registry::adopt_neighbourhoods(*db))
        std::cout << fmt::format("{} organisation(s) now give their neighbourhood as the municipality's list of areas spells it\n", respelled);
    return 0;
}

int serve(const config::Config& cfg) {
    // A page of a long list is a few hundred kilobytes: above glibc's default threshold, each
    // such buffer was mmap()ed and unmapped again per request, and the page faults cost more than
    // the rendering (the staff queue ran 25% faster without them, the directory 18%, for some
    // 18 MB more memory kept). Kept in the heap and reused instead.
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    i18n::init();
    auto db = open_db(cfg, cfg.db_pool);
    // A missing or wrong key for sealed fields stops the start, saying which, before any
    // request could meet data it cannot open.
    const auto sealed_keys = sealed::KeyRing::from_config(cfg);
    sealed::check_keys(*db, sealed_keys);
    // Other copies of the program on this database hear of this one's changes at once, and the
    // other way round (platform/cache/changes.hpp).
    cache::ChangeFeed changes(cfg.db);
    std::unique_ptr<db::ReplicaWatch> replica;
    if (!cfg.db_read.empty()) replica = std::make_unique<db::ReplicaWatch>(db, cfg.db_read, cfg.db_pool);
    web::App app(cfg, db);
    install_modules(app);

    mail::SmtpConfig smtp{cfg.smtp_url, cfg.mail_from, "", ""};
    jobs::Runner jobs;
    if (!cfg.smtp_url.empty())
        // Every 2 s: with several copies, mail another copy queued (which cannot wake this one's
        // runner) leaves within seconds; an idle look is one indexed query.
        jobs.every("mail.dispatch", std::chrono::seconds(2), [db, smtp, lease = cfg.job_lease_seconds, &jobs] {
            // A backlog (after the mail server was away) goes out batch after batch, until a
            // batch comes back short or the program stops.
            constexpr std::size_t kBatch = 50;
            while (mail::dispatch_due(*db, smtp, kBatch, lease) == kBatch && !jobs.stopping()) {
            }
        });
    auth::SessionPolicy pol{cfg.session_idle_seconds, cfg.session_absolute_seconds};
    jobs.every("sessions.purge", std::chrono::minutes(30), [db, pol] {
        db->transact([&](soci::session& s) { return auth::delete_expired_sessions(s, pol); });
    });
    // The modules' own jobs (registry expiry, requests search index, …). One due every second
    // or more often gets a thread of its own: the runner runs its tasks one after another, and
    // a slow one (mail to a slow server) must not hold back, say, new reports reaching search.
    std::vector<std::unique_ptr<jobs::Runner>> frequent;
    for (const auto& job : app.jobs()) {
        const auto every = std::chrono::duration_cast<std::chrono::milliseconds>(job.every);
        auto& runner = every <= std::chrono::seconds(1) ? *frequent.emplace_back(std::make_unique<jobs::Runner>()) : jobs;
        runner.every(job.name, every, [db, cfg, run = job.run] { run(*db, cfg); });
    }
    app.wake_jobs = [&jobs] { jobs.notify("mail.dispatch"); };

    auto [host, port] = split_listen(cfg.listen);
    http::ServerConfig sc;
    sc.host = host;
    sc.port = port;
    sc.io_threads = cfg.io_threads;
    sc.worker_threads = cfg.handler_threads;
    const auto descriptors = http::raise_descriptor_limit();
    sc.max_connections = http::connection_cap(cfg.max_connections, descriptors,
                                              http::descriptor_reserve(cfg.db_pool, cfg.handler_threads));
    sc.own_headers = app.security_headers();
    sc.runs_inline = &web::App::answers_inline;
    http::Server server(
        sc, [&app](http::Request& r) { return app.handle(r); },
        [&app](const http::Request& r) { return app.body_limit(r); },
        [&app](const http::Request& r, int status) { app.log_rejected(r, status); });
    app.metrics().gauge("synergeia_http_connections", "Client connections open right now.",
                        [&server] { return static_cast<double>(server.open_connections()); });
    app.metrics().counter("synergeia_http_accept_errors_total",
                          "Failed accepts (out of descriptors or memory, or the client left first); each is followed by a pause.",
                          [&server] { return static_cast<double>(server.accept_errors()); });
    app.metrics().counter("synergeia_http_idle_connections_shed_total",
                          "Idle keep-alive connections closed to make room for new clients.",
                          [&server] { return static_cast<double>(server.shed_connections()); });
    std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"listening\",\"listen\":\"%s\",\"db\":\"%s\",\"max_connections\":%zu,\"descriptors\":%zu}\n",
                 cfg.listen.c_str(), cfg.db.starts_with("sqlite:") ? "sqlite" : "postgresql", sc.max_connections, descriptors);
    if (sc.max_connections < cfg.max_connections)
        std::fprintf(stderr, "{\"level\":\"warn\",\"msg\":\"the descriptor limit allows fewer connections than max_connections; raise LimitNOFILE (see the operator guide)\",\"max_connections\":%zu,\"allowed\":%zu}\n",
                     cfg.max_connections, sc.max_connections);
    std::fflush(stderr);
    server.run();
    for (auto& runner : frequent) runner->stop();
    jobs.stop();
    std::fflush(stdout);
    std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"stopped\"}\n");
    return 0;
}

int seed_demo(const config::Config& cfg, const std::string& logins_file) {
    if (!cfg.demo) {
        std::cerr << "synergeia seed --demo: refused, demo mode is off. The demo creates accounts with known passwords;\n"
                     "set SYNERGEIA_DEMO=1 (or demo = true in the config file) only on a machine meant for trying it out.\n";
        return 2;
    }
    auto db = open_db(cfg);
    web::App app(cfg, db);
    install_modules(app);
    struct DemoUser { const char* role; const char* email; const char* name; };
    const DemoUser users[] = {
        {"citizen", "citizen@demo.synergeia.gr", "Μαρία Παπαδοπούλου"},
        {"volunteer", "volunteer@demo.synergeia.gr", "Γιώργος Νικολάου"},
        {"org_admin", "association@demo.synergeia.gr", "Ελένη Γεωργίου"},
        {"org_member", "member@demo.synergeia.gr", "Νίκος Ιωάννου"},
        {"staff", "staff@demo.synergeia.gr", "Κατερίνα Δημητρίου"},
        {"committee", "committee@demo.synergeia.gr", "Δημήτρης Κωνσταντίνου"},
        {"social_worker", "social@demo.synergeia.gr", "Σοφία Αθανασίου"},
        {"tenant_admin", "admin@demo.synergeia.gr", "Παναγιώτης Βασιλείου"},
        {"operator", "operator@demo.synergeia.gr", "Operator"},
        {"auditor", "dpo@demo.synergeia.gr", "Αγγελική Σταύρου"},
    };
    struct Created {
        const DemoUser* user;
        std::string password, totp_secret;
    };
    std::vector<Created> created;
    db->transact([&](soci::session& s) {
        if (web::tenant_code_exists(s, "4401")) return;
        web::Tenant t;
        t.elstat_code = "4401";  // ELSTAT's code for Καλαμάτα (see the note in docs/decisions)
        t.name = "Καλαμάτας";
        t.name_en = "Kalamata";
        t.region = "ΠΕΛΟΠΟΝΝΗΣΟΥ";
        t.nuts2 = "EL65";
        t.slug = "kalamata";
        const auto id = add_tenant(s, t);
        web::DemoMunicipality demo{.id = id, .user_of_role = {}, .now = db::now_unix(), .cfg = cfg};
        for (const auto& u : users) {
            auto pw = auth::random_token().substr(0, 16);
            const auto uid = accounts::create_verified_account(s, u.email, u.name, pw, u.role, id);
            demo.user_of_role[u.role] = uid;
            // Those who see other people's data log in with a second factor, the demo's too: its
            // key goes in the log-ins file for an authenticator app, and `synergeia demo totp`
            // prints the codes.
            std::string secret;
            if (const auto* info = auth::role_info(u.role); info && info->sees_personal_data) {
                secret = auth::totp::new_secret();
                auth::begin_second_factor(s, uid, secret);
                auth::confirm_second_factor(s, uid, 0);
            }
            created.push_back({&u, pw, secret});
        }
        // Each module adds its part: organisations, then the requests that may name them.
        for (const auto& part : app.demo_seeds()) part.seed(s, demo);
    });
    if (created.empty()) {
        std::cout << "demo data already present\n";
        return 0;
    }
    auto path = std::filesystem::path(logins_file);
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    std::ofstream out(logins_file, std::ios::trunc);
    out << "Demo log-ins (Δήμος Καλαμάτας): role, e-mail, password, and the key of the two-step log-in\n"
           "(add it to an authenticator app, or run `synergeia demo totp EMAIL` for the current code)\n";
    for (const auto& c : created)
        out << fmt::format("  {:<14} {:<32} {:<18}{}\n", c.user->role, c.user->email, c.password, c.totp_secret.empty() ? "" : " " + c.totp_secret);
    out.close();
    std::filesystem::permissions(logins_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::cout << "demo municipality and " << created.size() << " accounts created; log-ins in " << logins_file << "\n";
    return 0;
}

int demo_totp(const config::Config& cfg, const std::string& email) {
    if (!cfg.demo) {
        std::cerr << "synergeia demo totp: refused, demo mode is off (SYNERGEIA_DEMO=1)\n";
        return 2;
    }
    auto db = open_db(cfg);
    const auto found = db->read([&](soci::session& s) -> std::optional<auth::SecondFactor> {
        const auto id = accounts::account_id_by_email(s, email);
        if (!id) return std::nullopt;
        return auth::find_second_factor(s, *id);
    });
    if (!found || !found->confirmed_at) {
        std::cerr << "synergeia demo totp: " << email << " has no two-step log-in\n";
        return 1;
    }
    // The current step, or the next one when the current one was used already (a code works
    // once); one step ahead is still accepted.
    const auto now = db::now_unix();
    const std::int64_t step = std::max<std::int64_t>(now / auth::totp::kStepSeconds, found->last_step + 1);
    if (step > now / auth::totp::kStepSeconds + 1) {
        std::cerr << "synergeia demo totp: the codes of this half-minute were used; try again in a few seconds\n";
        return 1;
    }
    std::cout << auth::totp::code_at(found->secret, step * auth::totp::kStepSeconds) << "\n";
    return 0;
}

int user_add(const config::Config& cfg, const Options& o) {
    if (!auth::is_role(o.role)) throw std::runtime_error("unknown role '" + o.role + "'");
    std::ifstream in(o.password_file);
    if (!in) throw std::runtime_error("cannot read " + o.password_file);
    std::string pw;
    std::getline(in, pw);
    if (text::characters(pw) < accounts::kMinPassword) throw std::runtime_error("the password must be at least 10 characters");
    if (!text::valid_email(o.email)) throw std::runtime_error("not a valid e-mail address: " + o.email);
    auto db = open_db(cfg);
    std::optional<std::int64_t> tenant_id;
    if (!o.tenant.empty()) {
        auto tenants = db->read([](soci::session& s) { return web::load_tenants(s); });
        for (const auto& t : tenants)
            if (t.slug == o.tenant) tenant_id = t.id;
        if (!tenant_id) throw std::runtime_error("no municipality with slug '" + o.tenant + "'");
    } else if (o.role != "operator") {
        throw std::runtime_error("--tenant is required for role " + o.role);
    }
    auto id = db->transact([&](soci::session& s) {
        return accounts::create_verified_account(s, o.email, o.name.empty() ? o.email : o.name, pw, o.role, tenant_id);
    });
    std::cout << "created account " << id << " (" << o.email << ", " << o.role << ")\n";
    return 0;
}

int tenant_add(const config::Config& cfg, const Options& o) {
    web::Tenant t;
    t.elstat_code = o.elstat;
    t.name = text::trim(o.name);
    t.name_en = o.name_en;
    t.region = o.region;
    t.host = o.host;
    t.slug = o.slug.empty() ? text::slug(t.name) : o.slug;
    check_tenant(t, "");
    auto db = open_db(cfg);
    auto id = db->transact([&](soci::session& s) { return add_tenant(s, t); });
    std::cout << "created municipality " << id << " (" << t.slug << ")\n";
    return 0;
}

int tenant_import(const config::Config& cfg, const std::string& csv_file) {
    std::ifstream in(csv_file);
    if (!in) throw std::runtime_error("cannot read " + csv_file);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);
    if (line != "elstat_code,municipality,nuts2,region")
        throw std::runtime_error(csv_file + ": the header must be elstat_code,municipality,nuts2,region");
    std::vector<web::Tenant> rows;
    int n = 1;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (text::trim(line).empty()) continue;
        const auto where = fmt::format("{} line {}: ", csv_file, n);
        std::vector<std::string> f;
        try {
            f = split_csv_line(line);
        } catch (const std::exception& e) {
            throw std::runtime_error(where + e.what());
        }
        if (f.size() != 4) throw std::runtime_error(where + "expected 4 fields");
        web::Tenant t;
        t.elstat_code = f[0];
        t.name = title_case_greek(f[1]);
        t.nuts2 = f[2];
        t.region = f[3];
        t.slug = text::slug(t.name);
        check_tenant(t, where);
        rows.push_back(std::move(t));
    }
    // All or nothing: one transaction; existing codes are skipped so a re-import is harmless.
    auto db = open_db(cfg);
    int added = 0, skipped = 0;
    db->transact([&](soci::session& s) {
        for (auto& t : rows) {
            if (web::tenant_code_exists(s, t.elstat_code)) {
                ++skipped;
                continue;
            }
            if (web::tenant_slug_exists(s, t.slug)) t.slug += "-" + t.elstat_code;  // e.g. two «Αγίου Νικολάου»
            add_tenant(s, t);
            ++added;
        }
    });
    std::cout << fmt::format("imported {} municipalities ({} already present)\n", added, skipped);
    return 0;
}

int keys_new(int version) {
    std::cout << sealed::new_key_line(version) << "\n";
    return 0;
}

int keys_check(const config::Config& cfg) {
    auto db = open_db(cfg);
    const auto keys = sealed::KeyRing::from_config(cfg);
    sealed::check_keys(*db, keys);  // throws, saying what is wrong
    std::cout << fmt::format("sealed keys: {} given, newest version {}; {} record keys still to re-wrap under it\n", keys.all().size(),
                             keys.current(), keys.empty() ? 0 : sealed::waiting_for_rotation(*db, keys));
    return 0;
}

int keys_rotate(const config::Config& cfg) {
    auto db = open_db(cfg);
    const auto keys = sealed::KeyRing::from_config(cfg);
    sealed::check_keys(*db, keys);
    std::size_t total = 0;
    // Batches of their own: stopped at any point, the next run goes on where this one stopped.
    while (const auto n = sealed::rotate(*db, keys)) {
        total += n;
        std::cout << fmt::format("re-wrapped {} record keys under version {}\n", total, keys.current()) << std::flush;
    }
    std::cout << fmt::format("done: every record key is wrapped by version {} ({} re-wrapped now)\n", keys.current(), total);
    return 0;
}

int audit_verify(const config::Config& cfg) {
    auto db = open_db(cfg);
    if (auto broken = audit::verify(*db)) {
        std::cout << "audit log BROKEN at entry " << *broken << "\n";
        return 1;
    }
    std::cout << "audit log intact\n";
    return 0;
}

}  // namespace syn::app
