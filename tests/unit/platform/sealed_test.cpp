// Sealed fields on both engines: a value goes in encrypted and comes back whole, only through an
// audited read; a value moved to another record or field does not open; a rotation keeps every
// value readable; a shredded record's values are gone; a read whose audit entry cannot be
// written returns nothing; a missing or wrong key is refused at start-up.
#include <gtest/gtest.h>

#include "platform/audit/audit.hpp"
#include "platform/sealed/sealed.hpp"
#include "role_scopes.hpp"

using namespace syn;
using namespace syn::sealed;

namespace {

KeyRing ring(std::initializer_list<int> versions) {
    std::string text;
    for (int v : versions) text += new_key_line(v) + "\n";
    return KeyRing::parse(text, "test keys");
}

class SealedTest : public test::MigratedTest {
protected:
    void SetUp() override {
        if (!prepare()) return;
        tenant_ = db().transact([](soci::session& s) { return test::add_tenant(s, "4401", "Καλαμάτας", "kalamata"); }).id;
        v1_ = new_key_line(1);
        keys_ = KeyRing::parse(v1_, "test keys");
    }

    Record volunteer(std::int64_t id) const { return {"volunteer", id, tenant_}; }

    std::string seal_one(const KeyRing& keys, const Record& r, std::string_view field, std::string_view plain) {
        return db().transact([&](soci::session& s) { return seal(s, keys, r, field, plain); });
    }

    std::string open_one(const KeyRing& keys, const Record& r, const std::string& field, const std::string& value) {
        return open(db(), keys, r, {{field, value}}, {.actor_user_id = std::nullopt, .person_user_id = 7, .why = "GET /volunteers/1"}).at(0);
    }

    std::int64_t reads() { return count("audit_log WHERE action = 'sealed.read'"); }

    std::int64_t tenant_ = 0;
    std::string v1_;  // keys_ as its key line
    KeyRing keys_;
};

TEST_P(SealedTest, AValueIsStoredEncryptedAndReadBackWholeWithAnAuditEntry) {
    const std::string plain = "Πιστοποιητικό ποινικού μητρώου: καθαρό, 12/3/2026 — «αρ. 4471»";
    const auto sealed = seal_one(keys_, volunteer(1), "criminal_record", plain);
    EXPECT_TRUE(sealed.starts_with("v1."));
    EXPECT_EQ(sealed.find("Πιστοποιητικό"), std::string::npos);
    // The same value sealed twice differs (a fresh nonce each time).
    EXPECT_NE(sealed, seal_one(keys_, volunteer(1), "criminal_record", plain));
    EXPECT_EQ(reads(), 0);
    EXPECT_EQ(open_one(keys_, volunteer(1), "criminal_record", sealed), plain);
    EXPECT_EQ(reads(), 1);
    // The entry says whose data, which record and field, and why; it never holds the value.
    const auto entry = db().read([&](soci::session& s) { return audit::list(s, {.municipality_id = tenant_, .action_prefix = "sealed."}, 0, 1); });
    ASSERT_EQ(entry.size(), 1u);
    EXPECT_EQ(entry[0].subject, "user:7");
    EXPECT_NE(entry[0].details_json.find("\"record\":\"volunteer:1\""), std::string::npos);
    EXPECT_NE(entry[0].details_json.find("criminal_record"), std::string::npos);
    EXPECT_NE(entry[0].details_json.find("GET /volunteers/1"), std::string::npos);
    EXPECT_EQ(entry[0].details_json.find("καθαρό"), std::string::npos);
    // An empty stored value reads as empty; several fields cost one entry.
    const auto second = seal_one(keys_, volunteer(1), "health", "Διαβήτης τύπου 1");
    const auto both = open(db(), keys_, volunteer(1), {{"health", second}, {"note", ""}}, {.why = "export for the volunteer"});
    EXPECT_EQ(both, (std::vector<std::string>{"Διαβήτης τύπου 1", ""}));
    EXPECT_EQ(reads(), 2);
}

TEST_P(SealedTest, AValueMovedToAnotherRecordOrFieldDoesNotOpen) {
    const auto sealed = seal_one(keys_, volunteer(1), "health", "Άσθμα");
    seal_one(keys_, volunteer(2), "health", "τίποτα");
    EXPECT_THROW(open_one(keys_, volunteer(2), "health", sealed), Unreadable);
    EXPECT_THROW(open_one(keys_, volunteer(1), "criminal_record", sealed), Unreadable);
    EXPECT_THROW(open_one(keys_, {"beneficiary", 1, tenant_}, "health", sealed), Unreadable);
    // A plain value where a sealed one should be is refused, not shown.
    EXPECT_THROW(open_one(keys_, volunteer(1), "health", "Άσθμα"), Unreadable);
    // Refused reads leave no entry: nothing was read.
    EXPECT_EQ(reads(), 0);
}

TEST_P(SealedTest, ARotationReWrapsEveryKeyAndKeepsEveryValueReadable) {
    std::vector<std::string> values;
    for (int i = 1; i <= 7; ++i) values.push_back(seal_one(keys_, volunteer(i), "health", "τιμή " + std::to_string(i)));
    const std::string v2 = new_key_line(2);
    const auto rotating = KeyRing::parse(v1_ + "\n" + v2, "rotating");
    EXPECT_EQ(rotating.current(), 2);
    EXPECT_EQ(waiting_for_rotation(db(), rotating), 7);
    // Stopped after a batch, it goes on where it stopped.
    EXPECT_EQ(rotate(db(), rotating, 3), 3u);
    EXPECT_EQ(waiting_for_rotation(db(), rotating), 4);
    EXPECT_EQ(open_one(rotating, volunteer(1), "health", values[0]), "τιμή 1");  // re-wrapped
    EXPECT_EQ(open_one(rotating, volunteer(7), "health", values[6]), "τιμή 7");  // not yet
    while (rotate(db(), rotating, 3) > 0) {
    }
    EXPECT_EQ(waiting_for_rotation(db(), rotating), 0);
    // Now the new key alone opens everything, and the start-up check lets version 1 go.
    const auto only_new = KeyRing::parse(v2, "new");
    for (int i = 1; i <= 7; ++i) EXPECT_EQ(open_one(only_new, volunteer(i), "health", values[i - 1]), "τιμή " + std::to_string(i));
    EXPECT_NO_THROW(check_keys(db(), only_new));
}

TEST_P(SealedTest, AShreddedRecordsValuesCanNoLongerBeOpened) {
    const auto sealed = seal_one(keys_, volunteer(1), "health", "Άσθμα");
    const auto kept = seal_one(keys_, volunteer(2), "health", "Αλλεργία");
    db().transact([&](soci::session& s) { shred(s, volunteer(1)); });
    EXPECT_THROW(open_one(keys_, volunteer(1), "health", sealed), Unreadable);
    EXPECT_EQ(open_one(keys_, volunteer(2), "health", kept), "Αλλεργία");
}

TEST_P(SealedTest, AReadWhoseAuditEntryCannotBeWrittenReturnsNothing) {
    const auto sealed = seal_one(keys_, volunteer(1), "health", "Άσθμα");
    // The audit log refuses every new entry, as a full disk or a broken trigger would.
    db().transact([&](soci::session& s) {
        if (pg()) {
            s << "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no audit'; END $$";
            s << "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()";
        } else {
            s << "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no audit'); END";
        }
    });
    std::vector<std::string> got;
    EXPECT_ANY_THROW(got = open(db(), keys_, volunteer(1), {{"health", sealed}}, {.why = "GET /volunteers/1"}));
    EXPECT_TRUE(got.empty());
}

TEST_P(SealedTest, AMissingOrWrongKeyIsRefusedAtStartUpAndNoKeyRefusesToSeal) {
    EXPECT_THROW(seal_one(KeyRing{}, volunteer(1), "health", "x"), NoKey);
    EXPECT_NO_THROW(check_keys(db(), KeyRing{}));  // nothing sealed yet: no key needed
    seal_one(keys_, volunteer(1), "health", "Άσθμα");
    EXPECT_NO_THROW(check_keys(db(), keys_));
    try {
        check_keys(db(), KeyRing{});
        ADD_FAILURE() << "no key was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("version 1"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not given"), std::string::npos) << e.what();
    }
    try {
        check_keys(db(), ring({1}));  // a new key under the old version
        ADD_FAILURE() << "a wrong key was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("not the key this database was sealed with"), std::string::npos) << e.what();
    }
}

TEST(SealedKeys, BadKeyLinesAreRefusedNamingTheEntry) {
    EXPECT_THROW(KeyRing::parse("1:short", "the file"), std::runtime_error);
    EXPECT_THROW(KeyRing::parse("zero:" + new_key_line(1).substr(2), "the file"), std::runtime_error);
    EXPECT_THROW(KeyRing::parse(new_key_line(1) + "," + new_key_line(1), "the file"), std::runtime_error);
    EXPECT_THROW(KeyRing::parse("no colon here", "the file"), std::runtime_error);
    try {
        KeyRing::parse("# comment\n\n" + new_key_line(3) + "\n2:!!", "/etc/synergeia/keys");
        ADD_FAILURE();
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/etc/synergeia/keys, entry 4"), std::string::npos) << e.what();
    }
    const auto ok = KeyRing::parse(" " + new_key_line(3) + " ,\n" + new_key_line(1), "env");
    EXPECT_EQ(ok.current(), 3);
    EXPECT_EQ(ok.all().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SealedTest, test::kBothBackends, test::backend_name);

}  // namespace
