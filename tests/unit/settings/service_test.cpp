// The municipality's own holidays, in-process on both engines: only its administrator (and the
// operator) may add or remove one, anyone may read them; bad input and a day that is one already
// are refused with nothing written; one municipality's holidays are not another's; and the
// working days that deadlines count skip them at once, the yearly ones in every year.
#include <gtest/gtest.h>

#include "modules/settings/module.hpp"
#include "modules/settings/service.hpp"
#include "platform/web/app.hpp"
#include "role_scopes.hpp"

using namespace syn;
using namespace syn::settings;

namespace {

using Case = test::ServiceCase;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

i18n::Day ymd(int y, unsigned m, unsigned d) { return i18n::Day{year{y}, month{m}, day{d}}; }

class SettingsServiceTest : public test::ServiceTest {
protected:
    void SetUp() override {
        if (!prepare()) return;
        two_municipalities(install);
        add_holiday(here_->as("tenant_admin"), {"2", "2", "2026", "Υπαπαντή του Χριστού", true});
    }

    std::vector<Case> cases() override {
        const std::set<std::string> admins{"tenant_admin", "operator"};
        auto everyone = test::RoleScopes::accounts();
        everyone.insert("visitor");
        return {
            {"holidays", everyone, false, [](const web::Scope& s) { holidays(s); }},
            {"add_holiday", admins, true, [](const web::Scope& s) { add_holiday(s, {"27", "10", "2026", "Απόφαση Δημοτικού Συμβουλίου", false}); }},
            {"remove_holiday", admins, true, [](const web::Scope& s) { remove_holiday(s, "2026-02-02"); }},
        };
    }

    void TearDown() override {
        web::local_holidays_changed();  // the next test's municipality 1 has none of these
        ServiceTest::TearDown();
    }

    std::int64_t rows() { return count("municipal_holidays"); }
};

TEST_P(SettingsServiceTest, EveryUseCaseRefusesEveryRoleThatMustBeRefused) {
    test::expect_refusals(cases(), test::RoleScopes::roles(), [&](const std::string& role) { return here_->as(role); });
}

TEST_P(SettingsServiceTest, EveryUseCaseThatChangesDataLetsInARoleThatMay) { expect_let_in_on_fresh_data(); }

TEST_P(SettingsServiceTest, ADeadlineSkipsTheMunicipalitysHolidayEveryYearAndOnlyThere) {
    const auto kalamata = web::local_holiday_days(here_->as("citizen"));
    // Friday 30 January 2026 + 1 working day: Monday 2 February is Καλαμάτα's holiday.
    EXPECT_EQ(i18n::add_working_days(ymd(2026, 1, 30), 1, *kalamata), ymd(2026, 2, 3));
    EXPECT_EQ(i18n::add_working_days(ymd(2026, 1, 30), 1, *web::local_holiday_days(there_->as("citizen"))), ymd(2026, 2, 2));
    // Yearly: Tuesday 2 February 2027 too.
    EXPECT_EQ(i18n::add_working_days(ymd(2027, 2, 1), 1, *kalamata), ymd(2027, 2, 3));
    // A day moved by decision counts at once in this process, once only.
    add_holiday(here_->as("tenant_admin"), {"3", "2", "2026", "Μεταφορά αργίας", false});
    const auto now = web::local_holiday_days(here_->as("citizen"));
    EXPECT_EQ(i18n::add_working_days(ymd(2026, 1, 30), 1, *now), ymd(2026, 2, 4));
    EXPECT_EQ(i18n::add_working_days(ymd(2027, 2, 2), 1, *now), ymd(2027, 2, 3));
    // Removed, it no longer counts.
    remove_holiday(here_->as("tenant_admin"), "2026-02-03");
    EXPECT_EQ(i18n::add_working_days(ymd(2026, 1, 30), 1, *web::local_holiday_days(here_->as("citizen"))), ymd(2026, 2, 3));
}

TEST_P(SettingsServiceTest, BadInputAndADayThatIsOneAlreadyAreRefusedWithNothingWritten) {
    const auto admin = here_->as("tenant_admin");
    const auto before = rows();
    const std::vector<HolidayInput> bad{
        {"", "", "", "Χωρίς ημερομηνία", false}, {"30", "2", "2027", "30 Φεβρουαρίου", false}, {"2", "13", "2027", "Μήνας 13", false},
        {"x", "2", "2027", "Γράμματα", false},   {"2", "2", "1999", "Πολύ παλιά", false},      {"2", "3", "2027", "", false},
        {"2", "3", "2027", std::string(121, 'a'), false}, {"2", "3", "2027", "Δύο\nγραμμές", false},
        {"2", "2", "2026", "Ξανά η Υπαπαντή", true}, {"28", "10", "2026", "Ήδη εθνική αργία", false},
    };
    for (const auto& in : bad) {
        EXPECT_THROW(add_holiday(admin, in), web::Invalid) << in.day << "/" << in.month << "/" << in.year << " " << in.name;
    }
    EXPECT_EQ(rows(), before);
    try {
        add_holiday(admin, {"2", "2", "2026", "Ξανά", false});
    } catch (const web::Invalid& e) {
        ASSERT_NE(e.errors.for_field("date"), nullptr);
        EXPECT_EQ(*e.errors.for_field("date"), "Αυτή η ημέρα είναι ήδη αργία του Δήμου");
    }
    // Removing a day that is not a holiday, or a date that is not one: not found.
    EXPECT_THROW(remove_holiday(admin, "2026-03-25"), web::NotFound);
    EXPECT_THROW(remove_holiday(admin, "not-a-day"), web::NotFound);
}

TEST_P(SettingsServiceTest, AnotherMunicipalitysAdministratorCannotRemoveThisOnesHoliday) {
    EXPECT_THROW(remove_holiday(there_->as("tenant_admin"), "2026-02-02"), web::NotFound);
    EXPECT_EQ(holidays(here_->as("visitor")).size(), 1u);
    EXPECT_TRUE(holidays(there_->as("visitor")).empty());
}

TEST_P(SettingsServiceTest, EveryChangeIsAudited) {
    const auto audited = [&](const char* action) { return count(std::string("audit_log WHERE action = '") + action + "'"); };
    EXPECT_EQ(audited("tenant.holiday_added"), 1);
    remove_holiday(here_->as("tenant_admin"), "2026-02-02");
    EXPECT_EQ(audited("tenant.holiday_removed"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsServiceTest, test::kBothBackends, test::backend_name);

}  // namespace
