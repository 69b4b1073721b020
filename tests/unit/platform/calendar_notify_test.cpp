// platform/i18n/calendar (Athens days, for deadlines) and platform/notify (in-app notifications),
// the latter on SQLite and PostgreSQL.
#include "platform/i18n/calendar.hpp"
#include "platform/notify/notify.hpp"
#include "platform/web/tenant.hpp"
#include "pg_fixture.hpp"

#include <gtest/gtest.h>

using namespace syn;
using namespace std::chrono;

// ---------------------------------------------------------------- Athens days

TEST(AthensDay, LateEveningUtcIsAlreadyTomorrowInAthens) {
    // 2026-11-22 22:30 UTC is 00:30 on the 23rd in Athens (UTC+2 in winter).
    EXPECT_EQ(i18n::athens_day(1795386600), year_month_day{2026y / November / 23d});
    // 21:59 UTC is still the 22nd.
    EXPECT_EQ(i18n::athens_day(1795384740), year_month_day{2026y / November / 22d});
}

TEST(AthensDay, SummerTimeIsThreeHoursAhead) {
    // 2026-07-15 21:30 UTC is 00:30 on the 16th (UTC+3); 20:59 UTC is 23:59 on the 15th.
    EXPECT_EQ(i18n::athens_day(1784151000), year_month_day{2026y / July / 16d});
    EXPECT_EQ(i18n::athens_day(1784149140), year_month_day{2026y / July / 15d});
}

TEST(AthensDay, DayStartIsLocalMidnight) {
    // 2026-11-23 00:00 Athens = 2026-11-22 22:00 UTC; 2026-07-16 00:00 Athens = 07-15 21:00 UTC.
    EXPECT_EQ(i18n::athens_day_start(2026y / November / 23d), 1795384800);
    EXPECT_EQ(i18n::athens_day_start(2026y / July / 16d), 1784149200);
    // The round trip holds across the spring change (29 March 2026, 03:00 → 04:00).
    for (auto d : {2026y / March / 28d, 2026y / March / 29d, 2026y / March / 30d, 2026y / October / 25d})
        EXPECT_EQ(i18n::athens_day(i18n::athens_day_start(d)), year_month_day{d});
}

// ---------------------------------------------------------------- notifications, both engines

namespace {

class NotifyTest : public test::BackendTest {
protected:
    void SetUp() override {
        test::BackendTest::SetUp();
        if (IsSkipped()) return;
        apply({"0001_", "0002_", "0003_", "0004_", "0005_", "0012_"});
        db().transact([&](soci::session& s) {
            web::Tenant a{0, "4401", "Καλαμάτας", "Kalamata", "", "", "kalamata", "", "#003476", ""};
            web::Tenant b{0, "4701", "Περιστερίου", "Peristeri", "", "", "peristeri", "", "#003476", ""};
            mun_a = web::insert_tenant(s, a);
            mun_b = web::insert_tenant(s, b);
            for (auto* u : {&maria, &nikos}) {
                const std::string email = u == &maria ? "maria@example.gr" : "nikos@example.gr";
                s << "INSERT INTO users (email, display_name, created_at) VALUES (:e, 'x', 1) RETURNING id", soci::use(email),
                    soci::into(*u);
            }
        });
    }
    std::int64_t unread(std::int64_t mun, std::int64_t user) {
        return db().read([&](soci::session& s) { return notify::unread_count(s, mun, user); });
    }
    std::int64_t mun_a = 0, mun_b = 0;
    long long maria = 0, nikos = 0;
};

}  // namespace

TEST_P(NotifyTest, UnreadCountsArePerPersonAndMunicipality) {
    db().transact([&](soci::session& s) {
        notify::push(s, mun_a, maria, "Το αίτημά σας επιλύθηκε", "", "/requests/1");
        notify::push(s, mun_a, maria, "Νέα απάντηση", "κείμενο", "/requests/2");
        notify::push(s, mun_b, maria, "Άλλος δήμος", "", "");
        notify::push(s, mun_a, nikos, "Για τον Νίκο", "", "");
    });
    EXPECT_EQ(unread(mun_a, maria), 2);
    EXPECT_EQ(unread(mun_b, maria), 1);
    EXPECT_EQ(unread(mun_a, nikos), 1);
    const auto list = db().read([&](soci::session& s) { return notify::list(s, mun_a, maria, 0, 10); });
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].title, "Νέα απάντηση");  // newest first
    EXPECT_EQ(list[0].body, "κείμενο");
    EXPECT_FALSE(list[0].read_at.has_value());
    const auto older = db().read([&](soci::session& s) { return notify::list(s, mun_a, maria, list[0].id, 10); });
    ASSERT_EQ(older.size(), 1u);
    EXPECT_EQ(older[0].title, "Το αίτημά σας επιλύθηκε");
}

TEST_P(NotifyTest, EventsOnOneThingWithinMinutesAreOneEntry) {
    db().transact([&](soci::session& s) {
        notify::push(s, mun_a, maria, "Ανατέθηκε", "Στο Τμήμα Καθαριότητας.", "/requests/7");
        notify::push(s, mun_a, maria, "Άλλο αίτημα", "", "/requests/8");
        notify::push(s, mun_a, maria, "Σε εξέλιξη", "Συνεργείο στον δρόμο.", "/requests/7");
    });
    EXPECT_EQ(unread(mun_a, maria), 2);
    auto list = db().read([&](soci::session& s) { return notify::list(s, mun_a, maria, 0, 10); });
    ASSERT_EQ(list.size(), 2u);
    ASSERT_EQ(list[0].link, "/requests/7") << "the grouped entry is the newest";
    const auto seven = list[0];
    EXPECT_EQ(seven.title, "Σε εξέλιξη");
    EXPECT_EQ(seven.body, "Συνεργείο στον δρόμο.\n\nΣτο Τμήμα Καθαριότητας.");
    // Once read, the next event is news again: a new entry.
    db().transact([&](soci::session& s) {
        notify::mark_read(s, mun_a, maria, seven.id);
        notify::push(s, mun_a, maria, "Επιλύθηκε", "", "/requests/7");
    });
    EXPECT_EQ(unread(mun_a, maria), 2);
    EXPECT_EQ(db().read([&](soci::session& s) { return notify::list(s, mun_a, maria, 0, 10); }).size(), 3u);
}

TEST_P(NotifyTest, OnlyTheOwnerMarksANotificationRead) {
    const auto id = db().transact([&](soci::session& s) { return notify::push(s, mun_a, maria, "Τίτλος", "", ""); });
    EXPECT_FALSE(db().transact([&](soci::session& s) { return notify::mark_read(s, mun_a, nikos, id); }));
    EXPECT_FALSE(db().transact([&](soci::session& s) { return notify::mark_read(s, mun_b, maria, id); }));
    EXPECT_EQ(unread(mun_a, maria), 1);
    EXPECT_TRUE(db().transact([&](soci::session& s) { return notify::mark_read(s, mun_a, maria, id); }));
    EXPECT_EQ(unread(mun_a, maria), 0);
}

TEST_P(NotifyTest, MarkAllReadLeavesOtherMunicipalitiesAlone) {
    db().transact([&](soci::session& s) {
        for (int i = 0; i < 3; ++i) notify::push(s, mun_a, maria, "α", "", "");
        notify::push(s, mun_b, maria, "β", "", "");
    });
    EXPECT_EQ(db().transact([&](soci::session& s) { return notify::mark_all_read(s, mun_a, maria); }), 3);
    EXPECT_EQ(unread(mun_a, maria), 0);
    EXPECT_EQ(unread(mun_b, maria), 1);
}

TEST_P(NotifyTest, LongTextsAreCutAtCharactersNotBytes) {
    std::string title;
    for (int i = 0; i < 400; ++i) title += "α";  // 2 bytes each
    db().transact([&](soci::session& s) { notify::push(s, mun_a, maria, title, "", ""); });
    const auto list = db().read([&](soci::session& s) { return notify::list(s, mun_a, maria, 0, 1); });
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].title.size(), 600u);  // 300 characters of 2 bytes
}

INSTANTIATE_TEST_SUITE_P(Backends, NotifyTest, test::kBothBackends, test::backend_name);
