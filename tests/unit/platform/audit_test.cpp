// platform/audit: the append-only, hash-chained log (rule 10), on SQLite and PostgreSQL.
#include "platform/audit/audit.hpp"
#include "platform/audit/chain.hpp"
#include "platform/db/checksum.hpp"
#include "pg_fixture.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace syn;

namespace {

class AuditTest : public test::BackendTest {
protected:
    void SetUp() override {
        test::BackendTest::SetUp();
        if (IsSkipped()) return;
        apply({"0002_platform_audit"});
    }

    std::int64_t add(std::optional<std::int64_t> mun, std::optional<std::int64_t> actor, const std::string& action,
                     const std::string& subject = "user:1", const std::string& details = "{}") {
        return db().transact([&](soci::session& s) { return audit::append(s, {mun, actor, action, subject, details}); });
    }

    std::vector<audit::Record> all() {
        return db().read([&](soci::session& s) { return audit::list(s, {}, 0, 1000); });
    }

    // What someone with SQL access could do once the triggers are gone.
    void drop_triggers() {
        db().read([&](soci::session& s) {
            if (pg()) {
                s << "DROP TRIGGER audit_log_append_only ON audit_log";
            } else {
                s << "DROP TRIGGER audit_log_no_update";
                s << "DROP TRIGGER audit_log_no_delete";
            }
        });
    }

    void sql(const std::string& statement) {
        db().read([&](soci::session& s) { s << statement; });
    }
};

audit::Filter filter(std::optional<std::int64_t> mun, std::optional<std::int64_t> actor = {}, std::string prefix = "",
                     std::optional<std::int64_t> from = {}, std::optional<std::int64_t> to = {}) {
    audit::Filter f;
    f.municipality_id = mun;
    f.actor_user_id = actor;
    f.action_prefix = std::move(prefix);
    f.from = from;
    f.to = to;
    return f;
}

std::vector<std::int64_t> ids(const std::vector<audit::Record>& rs) {
    std::vector<std::int64_t> out;
    for (const auto& r : rs) out.push_back(r.id);
    return out;
}

}  // namespace

TEST_P(AuditTest, EntriesGetGapFreeIdsAndEachHashCoversThePrevious) {
    const auto before = db::now_unix();
    EXPECT_EQ(add(1, 7, "account.login", "user:7"), 1);
    EXPECT_EQ(add(std::nullopt, std::nullopt, "system.start", "install", R"({ "version" : "1.0" })"), 2);
    EXPECT_EQ(add(2, 8, "funding.approve", "application:3", R"({"amount_cents":120000,"note":"Σύλλογος"})"), 3);
    const auto after = db::now_unix();

    auto rs = all();
    ASSERT_EQ(rs.size(), 3u);
    std::reverse(rs.begin(), rs.end());  // list() is newest first
    EXPECT_EQ(rs[0].prev_hash, std::string(64, '0'));
    for (std::size_t i = 0; i < rs.size(); ++i) {
        // Recomputed independently of chain::hash: sha256(prev_hash + canonical JSON array).
        EXPECT_EQ(rs[i].hash, db::sha256_hex(rs[i].prev_hash + audit::chain::canonical(rs[i])));
        if (i > 0) {
            EXPECT_EQ(rs[i].prev_hash, rs[i - 1].hash);
        }
        EXPECT_GE(rs[i].at, before);
        EXPECT_LE(rs[i].at, after);
    }
    EXPECT_EQ(rs[0].municipality_id, 1);
    EXPECT_EQ(rs[0].actor_user_id, 7);
    EXPECT_EQ(rs[1].municipality_id, std::nullopt);
    EXPECT_EQ(rs[1].actor_user_id, std::nullopt);
    EXPECT_EQ(rs[1].details_json, R"({"version":"1.0"})");  // stored compacted
    EXPECT_EQ(rs[2].details_json, R"({"amount_cents":120000,"note":"Σύλλογος"})");
    EXPECT_EQ(audit::chain::canonical(rs[2]),
              R"([1,3,)" + std::to_string(rs[2].at) +
                  R"(,2,8,"funding.approve","application:3","{\"amount_cents\":120000,\"note\":\"Σύλλογος\"}"])");
    EXPECT_EQ(audit::verify(db()), std::nullopt);
}

TEST_P(AuditTest, AnEmptyLogVerifies) {
    EXPECT_EQ(audit::verify(db()), std::nullopt);
}

TEST_P(AuditTest, AppendRefusesToRunOutsideATransaction) {
    EXPECT_THROW(db().read([&](soci::session& s) { audit::append(s, {1, 1, "account.login", "user:1"}); }),
                 std::logic_error);
    EXPECT_TRUE(all().empty());
}

TEST_P(AuditTest, AppendRefusesBadEntries) {
    EXPECT_THROW(add(1, 1, "", "user:1"), std::invalid_argument);
    EXPECT_THROW(add(1, 1, "x.y", "user:1", "not json"), std::invalid_argument);
    EXPECT_THROW(add(1, 1, "x.y", "user:1", "[1,2]"), std::invalid_argument);
    EXPECT_THROW(add(1, 1, "x.y", "user:\xff"), std::invalid_argument);
    EXPECT_TRUE(all().empty());
}

TEST_P(AuditTest, ARolledBackChangeLeavesNoEntryAndNoGap) {
    add(1, 1, "a.one");
    EXPECT_THROW(db().transact([&](soci::session& s) {
        audit::append(s, {1, 1, "a.two", "user:1"});
        throw std::runtime_error("the business change failed");
    }),
                 std::runtime_error);
    EXPECT_EQ(add(1, 1, "a.three"), 2);
    EXPECT_EQ(audit::verify(db()), std::nullopt);
}

TEST_P(AuditTest, TriggersRefuseUpdateAndDelete) {
    add(1, 1, "account.login");
    add(1, 1, "account.logout");
    EXPECT_ANY_THROW(sql("UPDATE audit_log SET subject = 'user:2' WHERE id = 1"));
    EXPECT_ANY_THROW(sql("DELETE FROM audit_log WHERE id = 2"));
    EXPECT_ANY_THROW(sql("DELETE FROM audit_log"));
    if (pg()) {
        EXPECT_ANY_THROW(sql("TRUNCATE audit_log"));
    }
    // The head cannot be moved back or pointed elsewhere to hide removed entries.
    EXPECT_ANY_THROW(sql("UPDATE audit_head SET last_id = 1"));
    EXPECT_ANY_THROW(sql("UPDATE audit_head SET last_id = 3, last_hash = 'x'"));
    EXPECT_ANY_THROW(sql("DELETE FROM audit_head"));
    const auto rs = all();
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[1].subject, "user:1");
    EXPECT_EQ(audit::verify(db()), std::nullopt);
}

TEST_P(AuditTest, VerifyNamesAnEntryChangedAfterTheTriggerWasDropped) {
    for (int i = 0; i < 5; ++i) add(1, 1, "account.login", "user:" + std::to_string(i));
    drop_triggers();
    sql("UPDATE audit_log SET details_json = '{\"forged\":true}' WHERE id = 3");
    EXPECT_EQ(audit::verify(db()), 3);
}

TEST_P(AuditTest, VerifyNamesAChangedHash) {
    for (int i = 0; i < 5; ++i) add(1, 1, "account.login");
    drop_triggers();
    sql("UPDATE audit_log SET hash = '" + std::string(64, 'a') + "' WHERE id = 2");
    EXPECT_EQ(audit::verify(db()), 2);
}

TEST_P(AuditTest, RehashingAForgedEntryBreaksTheLinkOfTheNextOne) {
    for (int i = 0; i < 5; ++i) add(1, 1, "account.login");
    drop_triggers();
    // The forger recomputes entry 3's own hash correctly, but entry 4 still names the old one.
    auto r3 = all()[2];
    ASSERT_EQ(r3.id, 3);
    r3.subject = "user:999";
    const std::string forged = audit::chain::hash(r3);
    sql("UPDATE audit_log SET subject = 'user:999', hash = '" + forged + "' WHERE id = 3");
    EXPECT_EQ(audit::verify(db()), 4);
}

TEST_P(AuditTest, VerifyNamesADeletedEntry) {
    for (int i = 0; i < 5; ++i) add(1, 1, "account.login");
    drop_triggers();
    sql("DELETE FROM audit_log WHERE id = 3");
    EXPECT_EQ(audit::verify(db()), 3);
}

TEST_P(AuditTest, VerifyNamesEntriesDeletedFromTheEnd) {
    for (int i = 0; i < 5; ++i) add(1, 1, "account.login");
    drop_triggers();
    sql("DELETE FROM audit_log WHERE id >= 4");  // the chain that is left links up perfectly
    EXPECT_EQ(audit::verify(db()), 4);
}

TEST_P(AuditTest, VerifyNamesAFirstEntryThatWasDeleted) {
    for (int i = 0; i < 3; ++i) add(1, 1, "account.login");
    drop_triggers();
    sql("DELETE FROM audit_log WHERE id = 1");
    EXPECT_EQ(audit::verify(db()), 1);
}

TEST_P(AuditTest, ListFiltersByTenantActorActionPrefixAndTime) {
    add(1, 10, "account.login");
    add(2, 20, "account.login");
    add(1, 10, "account.logout");
    add(1, 11, "accounting.export");
    add(2, 20, "funding.approve");
    add(std::nullopt, std::nullopt, "system.start");

    auto q = [&](const audit::Filter& f) {
        return ids(db().read([&](soci::session& s) { return audit::list(s, f, 0, 100); }));
    };
    using V = std::vector<std::int64_t>;
    EXPECT_EQ(q({}), (V{6, 5, 4, 3, 2, 1}));
    // Tenant isolation: municipality 1 never sees municipality 2's entries, nor install-wide ones.
    EXPECT_EQ(q(filter(1)), (V{4, 3, 1}));
    EXPECT_EQ(q(filter(2)), (V{5, 2}));
    EXPECT_EQ(q(filter({}, 10)), (V{3, 1}));
    EXPECT_EQ(q(filter(1, 20)), V{});
    EXPECT_EQ(q(filter({}, {}, "account.")), (V{3, 2, 1}));  // not "accounting.export"
    EXPECT_EQ(q(filter({}, {}, "account")), (V{4, 3, 2, 1}));
    EXPECT_EQ(q(filter(2, {}, "account.")), (V{2}));
    EXPECT_EQ(q(filter({}, {}, "system.start")), (V{6}));
    EXPECT_EQ(q(filter({}, {}, "zzz")), V{});

    const auto now = db::now_unix();
    EXPECT_EQ(q(filter({}, {}, "", now - 3600)), (V{6, 5, 4, 3, 2, 1}));
    EXPECT_EQ(q(filter({}, {}, "", now + 3600)), V{});
    EXPECT_EQ(q(filter({}, {}, "", {}, now - 3600)), V{});
    EXPECT_EQ(q(filter({}, {}, "", now - 3600, now + 3600)), (V{6, 5, 4, 3, 2, 1}));
}

TEST_P(AuditTest, ListPagesNewestFirstByKeyset) {
    for (int i = 0; i < 5; ++i) add(1, 1, "account.login");
    auto page = [&](std::int64_t before, std::size_t limit) {
        return ids(db().read([&](soci::session& s) { return audit::list(s, {}, before, limit); }));
    };
    using V = std::vector<std::int64_t>;
    EXPECT_EQ(page(0, 2), (V{5, 4}));
    EXPECT_EQ(page(4, 2), (V{3, 2}));
    EXPECT_EQ(page(2, 2), (V{1}));
    EXPECT_EQ(page(1, 2), V{});
    EXPECT_EQ(page(0, 0), V{});
}

TEST_P(AuditTest, ConcurrentWritersDoNotForkTheChain) {
    constexpr int kThreads = 4, kEach = 15;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                try {
                    add(t, t, "load.test", "thread:" + std::to_string(t));
                } catch (const std::exception& e) {
                    ++failures;
                    ADD_FAILURE() << e.what();
                }
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    const auto rs = all();
    ASSERT_EQ(rs.size(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_EQ(rs.front().id, kThreads * kEach);
    EXPECT_EQ(audit::verify(db()), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, test::kBothBackends, test::backend_name);
