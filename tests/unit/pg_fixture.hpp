#pragma once
// A fresh, empty database per test, on each backend:
//   SQLite      a file in a new temporary directory (not :memory:, which a pool cannot share);
//   PostgreSQL  a new database with a random name on the cluster at SYNERGEIA_TEST_PG_URL,
//               dropped at the end; the test is skipped when the variable is unset.
//
//   class MyTest : public syn::test::BackendTest {};
//   TEST_P(MyTest, Works) { db().transact(...); }
//   INSTANTIATE_TEST_SUITE_P(Backends, MyTest, syn::test::kBothBackends, syn::test::backend_name);
#include "platform/db/database.hpp"
#include "platform/db/migrate.hpp"
#include "platform/embed/embedded.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#ifndef SYNERGEIA_SOURCE_DIR
#error "SYNERGEIA_SOURCE_DIR must name the repository (CMake defines it for unit_tests)"
#endif

namespace syn::test {

// A TCP port on 127.0.0.1 that nothing listens on (bound, read, released).
inline int unused_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

inline std::string random_hex(std::size_t bytes) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    std::vector<unsigned char> b(bytes);
    randombytes_buf(b.data(), b.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), b.data(), b.size());
    hex.pop_back();
    return hex;
}

// A directory under $TMPDIR (or /tmp), removed with its contents at the end.
class TempDir {
public:
    TempDir() {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base && *base ? base : "/tmp") + "/synergeia-test-XXXXXX";
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline std::optional<std::string> pg_admin_url() {
    const char* url = std::getenv("SYNERGEIA_TEST_PG_URL");
    if (!url || !*url) return std::nullopt;
    return std::string(url);
}

// The URL with its database name replaced: "postgresql://u@h:p/postgres?x=1" → ".../name?x=1".
inline std::string with_database(const std::string& url, const std::string& name) {
    const auto scheme_end = url.find("://");
    const auto path = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    const auto query = url.find('?');
    const std::string base = path == std::string::npos ? url.substr(0, query) : url.substr(0, path);
    return base + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

// One empty database; the URL to give Database::open.
class ScratchDatabase {
public:
    explicit ScratchDatabase(db::Backend backend) : backend_(backend) {
        if (backend == db::Backend::Sqlite) {
            dir_ = std::make_unique<TempDir>();
            url_ = "sqlite:" + (dir_->path() / "test.db").string();
            return;
        }
        admin_url_ = pg_admin_url().value();
        name_ = "syn_test_" + random_hex(8);
        admin("CREATE DATABASE " + name_);  // a generated identifier, not input
        url_ = with_database(admin_url_, name_);
    }
    ~ScratchDatabase() {
        if (backend_ != db::Backend::Postgres) return;
        try {
            admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        } catch (const std::exception& e) {
            ADD_FAILURE() << e.what();
        }
    }
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& url() const { return url_; }

private:
    // libpq directly: the admin work runs outside any transaction and needs nothing from SOCI.
    void admin(const std::string& sql) {
        std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(admin_url_.c_str()), &PQfinish);
        if (PQstatus(conn.get()) != CONNECTION_OK)
            throw std::runtime_error("cannot connect to SYNERGEIA_TEST_PG_URL: " + std::string(PQerrorMessage(conn.get())));
        std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn.get(), sql.c_str()), &PQclear);
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            throw std::runtime_error(sql + ": " + PQresultErrorMessage(r.get()));
    }

    db::Backend backend_;
    std::unique_ptr<TempDir> dir_;
    std::string admin_url_, name_, url_;
};

// Migration files read from db/migrations/ at test time, for tests that want some of them
// without the CMake-generated embed::migrations(). Owns the bytes the Files point into.
class MigrationFiles {
public:
    // Every file in db/migrations whose name starts with one of the prefixes.
    explicit MigrationFiles(const std::vector<std::string>& prefixes) {
        const std::filesystem::path dir = std::filesystem::path(SYNERGEIA_SOURCE_DIR) / "db" / "migrations";
        std::vector<std::filesystem::path> paths;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            const std::string name = entry.path().filename().string();
            for (const auto& p : prefixes)
                if (name.starts_with(p)) paths.push_back(entry.path());
        }
        std::sort(paths.begin(), paths.end());
        for (const auto& p : paths) {
            std::ifstream in(p, std::ios::binary);
            std::ostringstream buf;
            buf << in.rdbuf();
            add(p.filename().string(), buf.str());
        }
    }
    MigrationFiles() = default;
    void add(std::string path, std::string data) {
        storage_.push_back(std::make_unique<std::pair<std::string, std::string>>(std::move(path), std::move(data)));
        files_.push_back({storage_.back()->first, storage_.back()->second});
    }
    std::span<const embed::File> span() const { return files_; }
    std::size_t size() const { return files_.size(); }

private:
    std::vector<std::unique_ptr<std::pair<std::string, std::string>>> storage_;
    std::vector<embed::File> files_;
};

inline const auto kBothBackends = ::testing::Values(db::Backend::Sqlite, db::Backend::Postgres);

inline std::string backend_name(const ::testing::TestParamInfo<db::Backend>& info) {
    return info.param == db::Backend::Sqlite ? "Sqlite" : "Postgres";
}

// The fixture: a fresh database for the parameter's backend, opened with a pool of 4.
class BackendTest : public ::testing::TestWithParam<db::Backend> {
protected:
    void SetUp() override {
        if (GetParam() == db::Backend::Postgres && !pg_admin_url())
            GTEST_SKIP() << "SYNERGEIA_TEST_PG_URL is not set (e.g. postgresql://postgres@127.0.0.1:54329/postgres); "
                            "PostgreSQL tests skipped";
        scratch_ = std::make_unique<ScratchDatabase>(GetParam());
        db_ = db::Database::open(scratch_->url(), 4);
    }
    void TearDown() override {
        db_.reset();  // close the pool before the database is dropped
        scratch_.reset();
    }

    db::Database& db() { return *db_; }
    std::shared_ptr<db::Database> db_ptr() { return db_; }
    const std::string& url() const { return scratch_->url(); }
    bool pg() const { return GetParam() == db::Backend::Postgres; }

    // Applies the given migrations (by name prefix, from db/migrations/).
    void apply(const std::vector<std::string>& prefixes) {
        MigrationFiles files(prefixes);
        ASSERT_GT(files.size(), 0u);
        db::migrate(*db_, files.span());
    }

    std::int64_t count(const std::string& table) {
        return db_->read([&](soci::session& s) {
            long long n = 0;
            s << "SELECT COUNT(*) FROM " + table, soci::into(n);
            return static_cast<std::int64_t>(n);
        });
    }

private:
    std::unique_ptr<ScratchDatabase> scratch_;
    std::shared_ptr<db::Database> db_;
};

}  // namespace syn::test
