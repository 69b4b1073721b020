// The municipality's own holidays, in-process on both engines: only its administrator (and the
// operator) may add or remove one, anyone may read them; bad input and a day that is one already
// are refused with nothing written; one municipality's holidays are not another's; and the
// working days that deadlines count skip them at once, the yearly ones in every year.
#include <gtest/gtest.h>

#include "modules/settings/module.hpp"
#include "modules/settings/service.hpp"
#include "platform/files/image.hpp"
#include "platform/web/places.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
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
        cfg_.files_dir = (std::filesystem::temp_directory_path() / ("synergeia-settings-" + std::to_string(::getpid()))).string();
        two_municipalities(install);
        add_holiday(here_->as("tenant_admin"), {"2", "2", "2026", "Υπαπαντή του Χριστού", true});
        add_place(here_->as("tenant_admin"), {"Ταμπάκικα", "neighbourhood", ""});
        tabakika_ = places(here_->as("visitor")).at(0).id;
    }

    std::vector<Case> cases() override {
        const std::set<std::string> admins{"tenant_admin", "operator"};
        auto everyone = test::RoleScopes::accounts();
        everyone.insert("visitor");
        return {
            {"holidays", everyone, false, [](const web::Scope& s) { holidays(s); }},
            {"add_holiday", admins, true, [](const web::Scope& s) { add_holiday(s, {"27", "10", "2026", "Απόφαση Δημοτικού Συμβουλίου", false}); }},
            {"remove_holiday", admins, true, [](const web::Scope& s) { remove_holiday(s, "2026-02-02"); }},
            {"places", everyone, false, [](const web::Scope& s) { places(s); }},
            {"add_place", admins, true, [](const web::Scope& s) { add_place(s, {"Βέργα", "neighbourhood", ""}); }},
            {"set_place_retired", admins, true, [this](const web::Scope& s) { set_place_retired(s, tabakika_, true); }},
            {"set_logo", admins, true, [](const web::Scope& s) { set_logo(s, png_part()); }},
            {"remove_logo", admins, true, [](const web::Scope& s) { remove_logo(s); }},
        };
    }

    void TearDown() override {
        web::local_holidays_changed();  // the next test's municipality 1 has none of these
        ServiceTest::TearDown();
    }

    std::int64_t rows() { return count("municipal_holidays"); }

    // A 1×1 PNG as a browser uploads it.
    static http::Part png_part() {
        static const unsigned char png[] = {
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
            0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63,
            0x64, 0x60, 0xf8, 0x5f, 0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
            0xae, 0x42, 0x60, 0x82};
        return {"logo", std::string("logo.png"), "image/png", std::string(reinterpret_cast<const char*>(png), sizeof png)};
    }
    std::string logo_column() {
        return db().read([&](soci::session& s) {
            std::string h;
            s << "SELECT logo_sha256 FROM municipalities WHERE slug = 'kalamata'", soci::into(h);
            return h;
        });
    }

    std::int64_t tabakika_ = 0;
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

TEST_P(SettingsServiceTest, AnAreaHasOneSpellingAndAKindAndLiesInOneOfTheMunicipalitysAreas) {
    const auto admin = here_->as("tenant_admin");
    const auto refused = [&](const PlaceInput& in, const char* field) {
        try {
            add_place(admin, in);
        } catch (const web::Invalid& e) {
            return e.errors.for_field(field) != nullptr;
        }
        return false;
    };
    EXPECT_TRUE(refused({"ΤΑΜΠΑΚΙΚΑ", "neighbourhood", ""}, "name")) << "the same name, accents and capitals aside";
    EXPECT_TRUE(refused({"  ", "neighbourhood", ""}, "name"));
    EXPECT_TRUE(refused({"Βέργα", "street", ""}, "kind"));
    EXPECT_TRUE(refused({"Βέργα", "neighbourhood", "999999"}, "parent"));
    const auto sparti_area = [&] {
        add_place(there_->as("tenant_admin"), {"Μαγούλα", "community", ""});
        return places(there_->as("visitor")).at(0).id;
    }();
    EXPECT_TRUE(refused({"Βέργα", "neighbourhood", std::to_string(sparti_area)}, "parent")) << "another municipality's area";
    EXPECT_EQ(places(here_->as("visitor")).size(), 1u) << "nothing was added";
    add_place(admin, {"Δημοτική Ενότητα Καλαμάτας", "unit", ""});
    auto all = places(here_->as("visitor"));
    const auto unit = std::find_if(all.begin(), all.end(), [](const web::Place& p) { return p.kind == web::PlaceKind::Unit; })->id;
    add_place(admin, {"Βέργα", "neighbourhood", std::to_string(unit)});
    all = places(here_->as("visitor"));
    const auto verga = *std::find_if(all.begin(), all.end(), [](const web::Place& p) { return p.name == "Βέργα"; });
    EXPECT_EQ(web::place_path(all, verga), "Δημοτική Ενότητα Καλαμάτας › Βέργα");
    // A retired area is offered no more, but stays a choice for whoever has it.
    set_place_retired(admin, verga.id, true);
    const auto values = [](const std::vector<html::Option>& o) {
        std::vector<std::string> v;
        for (const auto& x : o) v.push_back(x.value);
        return v;
    };
    EXPECT_EQ(values(web::place_options(places(admin), "—", "")), (std::vector<std::string>{"", "Δημοτική Ενότητα Καλαμάτας", "Ταμπάκικα"}));
    EXPECT_EQ(values(web::place_options(places(admin), "—", "Βέργα")),
              (std::vector<std::string>{"", "Δημοτική Ενότητα Καλαμάτας", "Βέργα", "Ταμπάκικα"}));
    db().read([&](soci::session& ss) {
        EXPECT_EQ(web::find_place(ss, here_->as("visitor").tenant.id, " ταμπακικα ")->name, "Ταμπάκικα");
        EXPECT_FALSE(web::find_place(ss, there_->as("visitor").tenant.id, "Ταμπάκικα").has_value()) << "one municipality's areas only";
        return 0;
    });
}

TEST_P(SettingsServiceTest, ALogoThatIsNotAPlainImageIsRefusedAndTheOldOneStays) {
    const auto admin = here_->as("tenant_admin");
    set_logo(admin, png_part());
    const auto kept = logo_column();
    EXPECT_EQ(kept.size(), 64u);
    for (const auto& bad : {std::string("%PDF-1.4\n%%EOF\n"), std::string("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
                            std::string("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"), std::string()}) {
        http::Part part = png_part();
        part.data = bad;
        EXPECT_THROW(set_logo(admin, part), web::Invalid) << bad;
        EXPECT_EQ(logo_column(), kept);
    }
    http::Part huge = png_part();
    huge.data.append(files::kMaxLogoBytes, '\0');
    EXPECT_THROW(set_logo(admin, huge), web::Invalid);
    http::Part svg = png_part();
    svg.data = "<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'><rect fill='url(#g)' width='1' height='1'/></svg>";
    set_logo(admin, svg);
    EXPECT_NE(logo_column(), kept) << "a plain drawing is taken";
    remove_logo(admin);
    EXPECT_EQ(logo_column(), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsServiceTest, test::kBothBackends, test::backend_name);

}  // namespace
