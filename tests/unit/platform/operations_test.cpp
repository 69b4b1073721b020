// What running several copies needs from the kernel: the client address behind a trusted proxy,
// cache changes shared through the database (PostgreSQL NOTIFY, SQLite's counter table), reads
// from a replica that fall back to the primary, a lost database reported as Unavailable, and
// SQLite's online backup.
#include "platform/cache/changes.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/db/commit_hooks.hpp"
#include "platform/db/native.hpp"
#include "platform/db/pg_url.hpp"
#include "platform/web/client_address.hpp"
#include "pg_fixture.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <fstream>
#include <thread>

using namespace syn;

namespace {

http::Request from(const std::string& remote, std::optional<std::string> real_ip) {
    http::Request r;
    r.remote_addr = remote;
    if (real_ip) r.headers.add("X-Real-IP", *real_ip);
    return r;
}

template <class Check>
bool within(std::chrono::milliseconds limit, Check check) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (check()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return check();
}

cache::Topic g_test_topic{"test.operations"};

}  // namespace

TEST(ClientAddress, TheProxyHeaderCountsOnlyFromTheConfiguredProxy) {
    config::Config cfg;
    cfg.trusted_proxy = "127.0.0.1";
    EXPECT_EQ(web::client_address(cfg, from("127.0.0.1", "203.0.113.7")), "203.0.113.7");
    EXPECT_EQ(web::client_address(cfg, from("::ffff:127.0.0.1", "2001:db8::1")), "2001:db8::1");
    EXPECT_EQ(web::client_address(cfg, from("198.51.100.4", "203.0.113.7")), "198.51.100.4") << "not from the proxy";
    EXPECT_EQ(web::client_address(cfg, from("127.0.0.1", "203.0.113.7, 10.0.0.1")), "127.0.0.1") << "a list is not what nginx sends";
    EXPECT_EQ(web::client_address(cfg, from("127.0.0.1", "")), "127.0.0.1");
    EXPECT_EQ(web::client_address(cfg, from("127.0.0.1", std::nullopt)), "127.0.0.1");
    cfg.trusted_proxy.clear();
    EXPECT_EQ(web::client_address(cfg, from("127.0.0.1", "203.0.113.7")), "127.0.0.1") << "no proxy configured";
}

TEST(ReadCacheReplica, AValueReadFromTheReplicaServesOnlyReplicaReaders) {
    cache::ReadCache<int> cache(10);
    int loads = 0;
    auto load = [&] { return ++loads; };
    {
        db::ReplicaReads replica(true);
        EXPECT_EQ(cache.get("k", 1, load), 1);
        EXPECT_EQ(cache.get("k", 1, load), 1) << "cached for other replica readers";
    }
    EXPECT_EQ(cache.get("k", 1, load), 2) << "someone who reads the primary loads it again";
    {
        db::ReplicaReads replica(true);
        EXPECT_EQ(cache.get("k", 1, load), 2) << "and the primary's value serves everyone";
    }
    EXPECT_EQ(cache.get("k", 1, load), 2);
}

TEST(ReadCacheFresh, SomeoneWhoJustWroteLoadsAgainAndEveryoneGetsTheFreshValue) {
    cache::ReadCache<int> cache(10);
    int loads = 0;
    auto load = [&] { return ++loads; };
    EXPECT_EQ(cache.get("k", 1, load), 1);
    {
        cache::FreshReads fresh(true);
        EXPECT_EQ(cache.get("k", 1, load), 2) << "not the cached value";
    }
    EXPECT_EQ(cache.get("k", 1, load), 2) << "the fresh value is kept";
}

TEST(PgUrl, TimeoutsAreAddedUnlessTheUrlSetsThem) {
    EXPECT_EQ(db::with_timeouts("postgresql://u@h/d"),
              "postgresql://u@h/d?connect_timeout=5&keepalives=1&keepalives_idle=10&keepalives_interval=3&keepalives_count=3"
              "&tcp_user_timeout=15000");
    const auto own = db::with_timeouts("postgresql://u@h/d?sslmode=require&connect_timeout=2", 30000);
    EXPECT_NE(own.find("?sslmode=require&connect_timeout=2&keepalives=1"), std::string::npos) << own;
    EXPECT_EQ(own.find("connect_timeout=5"), std::string::npos) << "the operator's value wins";
    EXPECT_NE(own.find("&options=-c%20statement_timeout%3D30000"), std::string::npos) << own;
}

TEST(Config, TheOldTrustProxyKeyIsRefusedWithWhatToWrite) {
    const char* path = "/tmp/synergeia-config-trust-proxy.toml";
    std::ofstream(path) << "trust_proxy = true\n";
    try {
        config::load(path);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("trusted_proxy"), std::string::npos) << e.what();
    }
    std::ofstream(path) << "trusted_proxy = \"127.0.0.1\"\n";
    EXPECT_EQ(config::load(path).trusted_proxy, "127.0.0.1");
}

class CommitHookTest : public test::BackendTest {};

TEST_P(CommitHookTest, WorkWaitsForTheCommitAndIsDroppedOnRollback) {
    int ran = 0;
    EXPECT_FALSE(db::after_commit([&] { ++ran; })) << "no transaction: the caller does it";
    db().transact([&](soci::session&) {
        EXPECT_TRUE(db::after_commit([&] { ++ran; }));
        EXPECT_EQ(ran, 0) << "not before the commit";
    });
    EXPECT_EQ(ran, 1);
    EXPECT_THROW(db().transact([&](soci::session&) {
        db::after_commit([&] { ++ran; });
        throw std::runtime_error("no");
    }),
                 std::runtime_error);
    EXPECT_EQ(ran, 1) << "a rolled-back transaction's work is dropped";
    db().transact_grouped([&](soci::session&) { db::after_commit([&] { ++ran; }); });
    EXPECT_EQ(ran, 2) << "a shared commit runs it too";
    EXPECT_THROW(db().transact_grouped([&](soci::session&) {
        db::after_commit([&] { ++ran; });
        throw std::runtime_error("no");
    }),
                 std::runtime_error);
    EXPECT_EQ(ran, 2) << "a caller's part of a shared commit that rolled back drops its work";
    EXPECT_FALSE(db::after_commit([&] { ++ran; })) << "nothing is left open";
}

TEST_P(CommitHookTest, ATopicChangedInATransactionIsBumpedAgainAtTheCommit) {
    const auto before = g_test_topic.generation();
    std::uint64_t inside = 0;
    db().transact([&](soci::session&) {
        g_test_topic.changed();
        inside = g_test_topic.generation();
    });
    EXPECT_GT(inside, before);
    EXPECT_GT(g_test_topic.generation(), inside) << "what was cached before the commit is stale after it";
}

INSTANTIATE_TEST_SUITE_P(Backends, CommitHookTest, test::kBothBackends, test::backend_name);

class ChangeFeedTest : public test::BackendTest {
protected:
    // What another copy's feed writes when it announces a change of `topic`.
    void announce_as_another_copy(const std::string& topic) {
        db().transact([&](soci::session& s) {
            if (pg())
                s << "SELECT pg_notify('synergeia_changes', :t)", soci::use(topic);
            else
                s << "INSERT INTO cache_changes (topic, generation) VALUES (:t, 1)"
                     " ON CONFLICT (topic) DO UPDATE SET generation = cache_changes.generation + 1",
                    soci::use(topic);
        });
    }
};

TEST_P(ChangeFeedTest, AChangeAnnouncedByAnotherCopyMakesTheTopicStaleHere) {
    apply({"0019_"});
    cache::ChangeFeed feed(url());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // listening, and SQLite's first look taken
    const auto before = g_test_topic.generation();
    announce_as_another_copy("test.operations");
    EXPECT_TRUE(within(std::chrono::seconds(2), [&] { return g_test_topic.generation() > before; }));
    EXPECT_GE(cache::ChangeFeed::heard(), 1u);
    // A name no topic has is ignored.
    announce_as_another_copy("no.such.topic");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
}

TEST_P(ChangeFeedTest, ThisCopysChangeReachesTheDatabaseForTheOthers) {
    apply({"0019_"});
    PGconn* listener = nullptr;
    if (pg()) {
        listener = PQconnectdb(url().c_str());
        ASSERT_EQ(PQstatus(listener), CONNECTION_OK);
        PQclear(PQexec(listener, "LISTEN synergeia_changes"));
    }
    {
        cache::ChangeFeed feed(url(), false);  // as a command-line verb runs it
        g_test_topic.changed();
    }  // stop() sends what is waiting
    if (pg()) {
        bool heard = within(std::chrono::seconds(2), [&] {
            PQconsumeInput(listener);
            while (PGnotify* n = PQnotifies(listener)) {
                const bool ours = std::string(n->extra) == "test.operations";
                PQfreemem(n);
                if (ours) return true;
            }
            return false;
        });
        PQfinish(listener);
        EXPECT_TRUE(heard);
    } else {
        long long generation = 0;
        db().read([&](soci::session& s) {
            s << "SELECT generation FROM cache_changes WHERE topic = 'test.operations'", soci::into(generation);
        });
        EXPECT_GE(generation, 1);
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangeFeedTest, test::kBothBackends, test::backend_name);

class LostConnectionTest : public test::BackendTest {
protected:
    void terminate(db::Database& which) {
        int pid = 0;
        which.read([&](soci::session& s) { s << "SELECT pg_backend_pid()", soci::into(pid); });
        db().read([&](soci::session& s) {
            int done = 0;
            s << "SELECT CAST(pg_terminate_backend(:p) AS INT)", soci::use(pid), soci::into(done);
        });
    }
};

TEST_P(LostConnectionTest, ALostReplicaFallsBackToThePrimaryWithoutAnError) {
    if (!pg()) GTEST_SKIP() << "a replica is a PostgreSQL server";
    auto replica = db::Database::open(url(), 1);
    auto primary = db::Database::open(url(), 1);
    primary->use_replica(replica);
    terminate(*replica);
    db::ReplicaReads allowed(true);
    int value = 0;
    EXPECT_NO_THROW(value = primary->read([](soci::session& s) {
        int v = 0;
        s << "SELECT 42", soci::into(v);
        return v;
    }));
    EXPECT_EQ(value, 42);
    EXPECT_FALSE(primary->replica_usable()) << "until its watcher sees it answer again";
    const auto reads = primary->replica_reads();
    primary->read([](soci::session& s) { s << "SELECT 1"; });
    EXPECT_EQ(primary->replica_reads(), reads) << "an unusable replica is not asked";
}

TEST_P(LostConnectionTest, ALostDatabaseIsUnavailableAndTheNextLeaseConnectsAgain) {
    if (!pg()) GTEST_SKIP() << "a SQLite file does not go away";
    auto other = db::Database::open(url(), 1);
    terminate(*other);
    EXPECT_THROW(other->read([](soci::session& s) { s << "SELECT 1"; }), db::Unavailable);
    int v = 0;
    other->read([&](soci::session& s) { s << "SELECT 7", soci::into(v); });
    EXPECT_EQ(v, 7);
}

TEST_P(LostConnectionTest, SqliteOnlineBackupAndRestoreCopyTheWholeDatabase) {
    if (pg()) GTEST_SKIP() << "PostgreSQL is backed up with pg_dump";
    db().transact([](soci::session& s) {
        s << "CREATE TABLE t (x INTEGER)";
        s << "INSERT INTO t VALUES (1), (2), (3)";
    });
    test::TempDir dir;
    const auto file = (dir.path() / "copy.db").string();
    db().read([&](soci::session& s) { db::sqlite_backup(s, file); });
    db().transact([](soci::session& s) { s << "DELETE FROM t"; });
    EXPECT_EQ(count("t"), 0);
    db().read([&](soci::session& s) { db::sqlite_restore(s, file); });
    EXPECT_EQ(count("t"), 3);
    EXPECT_THROW(db().read([&](soci::session& s) { db::sqlite_restore(s, (dir.path() / "missing.db").string()); }), db::Error);
}

INSTANTIATE_TEST_SUITE_P(Backends, LostConnectionTest, test::kBothBackends, test::backend_name);
