// The municipality's people, in-process on both engines: only its administrator manages units
// and roles; a grant on a unit lets the person act there and below, and stops at once when
// withdrawn; bad input, a unit or grant of another municipality, the last administrator and a
// unit still in use are refused with nothing written; invitations create the account and mail it.
#include <gtest/gtest.h>

#include "modules/people/module.hpp"
#include "modules/people/service.hpp"
#include "platform/auth/grants.hpp"
#include "platform/web/app.hpp"
#include "role_scopes.hpp"

using namespace syn;
using namespace syn::people;

namespace {

using Case = test::ServiceCase;

class PeopleServiceTest : public test::ServiceTest {
protected:
    void SetUp() override {
        if (!prepare()) return;
        two_municipalities(install);
        define_test_permission();
        const auto admin = here_->as("tenant_admin");
        directorate_ = save_unit(admin, std::nullopt, {"Διεύθυνση Κοινωνικής Προστασίας", "", "department", "", ""});
        grocery_ = save_unit(admin, std::nullopt, {"Κοινωνικό Παντοπωλείο", "Social grocery", "structure", std::to_string(directorate_), "pantopoleio@example.gr"});
        cleaning_ = save_unit(admin, std::nullopt, {"Τμήμα Καθαριότητας", "", "department", "", ""});
        sparti_unit_ = save_unit(there_->as("tenant_admin"), std::nullopt, {"Τμήμα Καθαριότητας", "", "department", "", ""});
        grant(admin, here_->user("social_worker"), {"social_worker", std::to_string(grocery_)});
    }

    static void define_test_permission() {
        static bool once = [] {
            auth::define_permission("test.people_act", {"staff", "social_worker", "tenant_admin"}, auth::Reach::unit);
            return true;
        }();
        (void)once;
    }

    std::vector<Case> cases() override {
        const std::set<std::string> admin{"tenant_admin"};
        const auto g = directorate_, sw = here_->user("social_worker"), staff = here_->user("staff");
        return {
            {"units", admin, false, [](const web::Scope& s) { units(s); }},
            {"unit", admin, false, [=](const web::Scope& s) { unit(s, g); }},
            {"save_unit", admin, true, [](const web::Scope& s) { save_unit(s, std::nullopt, {"Τμήμα Πρασίνου", "", "department", "", ""}); }},
            {"retire_unit", admin, true, [=, this](const web::Scope& s) { retire_unit(s, cleaning_); }},
            {"reinstate_unit", admin, true, [=](const web::Scope& s) { reinstate_unit(s, g); }},
            {"people", admin, false, [](const web::Scope& s) { syn::people::people(s, {}); }},
            {"person", admin, false, [=](const web::Scope& s) { person(s, sw); }},
            {"grant", admin, true, [=, this](const web::Scope& s) { grant(s, staff, {"staff", std::to_string(cleaning_)}); }},
            {"withdraw", admin, true, [=, this](const web::Scope& s) { withdraw(s, sw, grant_id(sw, "social_worker")); }},
            {"invite", admin, true, [](const web::Scope& s) { invite(s, {"new.person@example.gr", "Νέο Πρόσωπο", {"auditor", ""}}); }},
            {"deactivate", admin, true, [=](const web::Scope& s) { deactivate(s, sw); }},
            {"reset_second_factor", admin, true, [=](const web::Scope& s) { reset_second_factor(s, sw); }},
        };
    }

    // The person's grant of the role on that unit (on none when not given), or 0.
    std::int64_t grant_id(std::int64_t user_id, const std::string& role, std::optional<std::int64_t> unit = std::nullopt) {
        return db().read([&](soci::session& s) {
            for (const auto& g : auth::roles_of(s, user_id, here_->tenant().id))
                if (g.role == role && g.unit_id == unit) return g.id;
            return std::int64_t{0};
        });
    }

    std::int64_t directorate_ = 0, grocery_ = 0, cleaning_ = 0, sparti_unit_ = 0;
};

TEST_P(PeopleServiceTest, EveryUseCaseRefusesEveryRoleThatMustBeRefused) {
    test::expect_refusals(cases(), test::RoleScopes::roles(), [&](const std::string& role) { return here_->as(role); });
}

TEST_P(PeopleServiceTest, EveryUseCaseThatChangesDataLetsInARoleThatMay) { expect_let_in_on_fresh_data(); }

TEST_P(PeopleServiceTest, AGrantOnAUnitActsThereAndBelowAndStopsOnceWithdrawn) {
    const auto admin = here_->as("tenant_admin");
    const auto staff = here_->user("staff");
    grant(admin, staff, {"staff", std::to_string(directorate_)});
    auto as_staff = here_->as("staff");
    EXPECT_TRUE(as_staff.can_in("test.people_act", directorate_));
    EXPECT_TRUE(as_staff.can_in("test.people_act", grocery_)) << "a structure of the directorate";
    EXPECT_FALSE(as_staff.can_in("test.people_act", cleaning_)) << "another department";
    const auto social = here_->as("social_worker");
    EXPECT_TRUE(social.can_in("test.people_act", grocery_));
    EXPECT_FALSE(social.can_in("test.people_act", directorate_)) << "the unit above the structure";
    // Moving the structure under another department moves who reaches it.
    save_unit(admin, grocery_, {"Κοινωνικό Παντοπωλείο", "", "structure", std::to_string(cleaning_), ""});
    EXPECT_FALSE(here_->as("staff").can_in("test.people_act", grocery_));
    // Withdrawn: the next scope built for the person no longer has it.
    withdraw(admin, staff, grant_id(staff, "staff", directorate_));
    EXPECT_FALSE(here_->as("staff").can_in("test.people_act", directorate_));
    // Another municipality's staff never reach these units.
    grant(there_->as("tenant_admin"), there_->user("staff"), {"staff", std::to_string(sparti_unit_)});
    EXPECT_TRUE(there_->as("staff").can_in("test.people_act", sparti_unit_));
    EXPECT_FALSE(there_->as("staff").can_in("test.people_act", directorate_));
}

TEST_P(PeopleServiceTest, BadGrantsAreRefusedWithNothingWritten) {
    const auto admin = here_->as("tenant_admin");
    const auto staff = here_->user("staff");
    const auto before = count("user_roles");
    const std::vector<GrantInput> bad{
        {"", ""}, {"root", ""}, {"operator", ""}, {"citizen", ""}, {"volunteer", ""}, {"org_admin", ""},
        {"staff", ""},                                 // staff need a unit
        {"staff", "abc"}, {"staff", "999999"},         // not a unit
        {"staff", std::to_string(sparti_unit_)},       // another municipality's unit
        {"tenant_admin", std::to_string(cleaning_)},   // the municipality's role on a unit
        {"social_worker", std::to_string(grocery_)},   // held already (by the social worker; staff does not)
    };
    for (std::size_t i = 0; i + 1 < bad.size(); ++i)
        EXPECT_THROW(grant(admin, staff, bad[i]), web::Invalid) << bad[i].role << " / " << bad[i].unit_id;
    EXPECT_THROW(grant(admin, here_->user("social_worker"), bad.back()), web::Invalid) << "held already";
    EXPECT_EQ(count("user_roles"), before);
    // The message is the user's language.
    try {
        grant(admin, staff, {"staff", ""});
        FAIL();
    } catch (const web::Invalid& e) {
        ASSERT_NE(e.errors.for_field("unit_id"), nullptr);
        EXPECT_EQ(*e.errors.for_field("unit_id"), "Επιλέξτε τη μονάδα στην οποία ασκείται ο ρόλος");
    }
    // A retired unit is offered for nothing.
    retire_unit(admin, cleaning_);
    EXPECT_THROW(grant(admin, staff, {"staff", std::to_string(cleaning_)}), web::Invalid);
}

TEST_P(PeopleServiceTest, AnotherMunicipalitysPeopleAndGrantsAreNotFound) {
    const auto theirs = there_->as("tenant_admin");
    const auto sw = here_->user("social_worker");
    EXPECT_THROW(person(theirs, sw), web::NotFound);
    EXPECT_THROW(withdraw(theirs, sw, grant_id(sw, "social_worker")), web::NotFound);
    EXPECT_THROW(grant(theirs, sw, {"auditor", ""}), web::NotFound) << "the account holds no role in Σπάρτη";
    EXPECT_THROW(save_unit(theirs, grocery_, {"Κατάληψη", "", "department", "", ""}), web::NotFound);
    EXPECT_THROW(retire_unit(theirs, grocery_), web::NotFound);
    for (const auto* p : syn::people::people(theirs, {}).matches) EXPECT_NE(p->user_id, sw);
    for (const auto& r : units(theirs)) EXPECT_NE(r.unit.id, grocery_);
    // A unit of Σπάρτη cannot be made the parent of one of Καλαμάτα.
    EXPECT_THROW(save_unit(here_->as("tenant_admin"), grocery_, {"Κοινωνικό Παντοπωλείο", "", "structure", std::to_string(sparti_unit_), ""}),
                 web::Invalid);
}

TEST_P(PeopleServiceTest, TheLastAdministratorKeepsTheRole) {
    const auto admin = here_->as("tenant_admin");
    const auto me = here_->user("tenant_admin");
    EXPECT_THROW(withdraw(admin, me, grant_id(me, "tenant_admin")), web::Invalid);
    EXPECT_EQ(grant_id(me, "tenant_admin") != 0, true);
    grant(admin, here_->user("staff"), {"tenant_admin", ""});
    withdraw(admin, me, grant_id(me, "tenant_admin"));
    EXPECT_EQ(grant_id(me, "tenant_admin"), 0);
}

TEST_P(PeopleServiceTest, ADeactivatedPersonHoldsNoRoleHereAndTheLastAdministratorCannotBe) {
    const auto admin = here_->as("tenant_admin");
    const auto sw = here_->user("social_worker");
    deactivate(admin, sw);
    EXPECT_THROW(person(admin, sw), web::NotFound);
    EXPECT_FALSE(here_->as("social_worker").can_in("test.people_act", grocery_));
    EXPECT_EQ(count("audit_log WHERE action = 'people.deactivated'"), 1);
    const auto roles = count("user_roles");
    EXPECT_THROW(deactivate(admin, here_->user("tenant_admin")), web::Invalid);
    EXPECT_EQ(count("user_roles"), roles);
    EXPECT_THROW(deactivate(there_->as("tenant_admin"), here_->user("staff")), web::NotFound) << "another municipality's";
}

TEST_P(PeopleServiceTest, UnitsNestWithoutLoopsAndRetireOnlyWhenNothingNeedsThem) {
    const auto admin = here_->as("tenant_admin");
    const auto before = count("units");
    EXPECT_THROW(save_unit(admin, std::nullopt, {"Τμήμα Καθαριότητας", "", "department", "", ""}), web::Invalid) << "a name in use";
    EXPECT_THROW(save_unit(admin, std::nullopt, {"", "", "department", "", ""}), web::Invalid);
    EXPECT_THROW(save_unit(admin, std::nullopt, {"Δύο\nγραμμές", "", "department", "", ""}), web::Invalid);
    EXPECT_THROW(save_unit(admin, std::nullopt, {"Τμήμα", "", "office", "", ""}), web::Invalid) << "an unknown kind";
    EXPECT_THROW(save_unit(admin, std::nullopt, {"Τμήμα Χ", "", "department", "", "not-an-address"}), web::Invalid);
    EXPECT_EQ(count("units"), before);
    EXPECT_THROW(save_unit(admin, directorate_, {"Διεύθυνση Κοινωνικής Προστασίας", "", "department", std::to_string(grocery_), ""}),
                 web::Invalid) << "below its own structure";
    EXPECT_THROW(save_unit(admin, directorate_, {"Διεύθυνση Κοινωνικής Προστασίας", "", "department", std::to_string(directorate_), ""}),
                 web::Invalid) << "below itself";
    // The structure has a social worker; the directorate has the structure below it.
    EXPECT_THROW(retire_unit(admin, grocery_), web::Invalid);
    EXPECT_THROW(retire_unit(admin, directorate_), web::Invalid);
    const auto sw = here_->user("social_worker");
    withdraw(admin, sw, grant_id(sw, "social_worker", grocery_));
    retire_unit(admin, grocery_);
    retire_unit(admin, directorate_);
    EXPECT_TRUE(unit(admin, directorate_)->retired);
    reinstate_unit(admin, directorate_);
    EXPECT_FALSE(unit(admin, directorate_)->retired);
    // Tree order: the directorate, then its structure, then the other department.
    const auto rows = units(admin);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].unit.id, directorate_);
    EXPECT_EQ(rows[1].unit.id, grocery_);
    EXPECT_EQ(rows[1].depth, 1);
    EXPECT_EQ(rows[2].unit.id, cleaning_);
}

TEST_P(PeopleServiceTest, AnInvitationCreatesTheAccountGrantsTheRoleAndMailsIt) {
    const auto admin = here_->as("tenant_admin");
    const auto mails = count("mail_outbox");
    const auto id = invite(admin, {"  Maria.Papa@Example.gr ", "Μαρία Παπά", {"staff", std::to_string(cleaning_)}});
    const auto p = person(admin, id);
    EXPECT_EQ(p.email, "maria.papa@example.gr");
    EXPECT_FALSE(p.verified);
    ASSERT_EQ(p.grants.size(), 1u);
    EXPECT_EQ(p.grants[0].role, "staff");
    EXPECT_EQ(p.grants[0].unit_id, cleaning_);
    EXPECT_EQ(count("mail_outbox"), mails + 1);
    EXPECT_EQ(count("email_tokens WHERE purpose = 'reset'"), 1);
    // The same role again: refused; another role for the same address: the same account.
    EXPECT_THROW(invite(admin, {"maria.papa@example.gr", "Μαρία Παπά", {"staff", std::to_string(cleaning_)}}), web::Invalid);
    EXPECT_EQ(invite(admin, {"maria.papa@example.gr", "Μαρία Παπά", {"auditor", ""}}), id);
    // Found by a search without accents or capitals, and by role and unit.
    ASSERT_EQ(syn::people::people(admin, {"παπα", "", std::nullopt}).matches.size(), 1u);
    EXPECT_EQ(syn::people::people(admin, {"", "staff", cleaning_}).matches.size(), 1u);
    EXPECT_EQ(syn::people::people(admin, {"", "social_worker", std::nullopt}).matches.size(), 1u);
    // Bad input: nothing written.
    const auto accounts = count("users");
    EXPECT_THROW(invite(admin, {"not-an-address", "Κάποιος", {"auditor", ""}}), web::Invalid);
    EXPECT_THROW(invite(admin, {"someone@example.gr", "", {"auditor", ""}}), web::Invalid);
    EXPECT_THROW(invite(admin, {"someone@example.gr", "Κάποιος", {"operator", ""}}), web::Invalid);
    EXPECT_EQ(count("users"), accounts);
}

TEST_P(PeopleServiceTest, EveryChangeIsAudited) {
    const auto audited = [&](const char* action) { return count(std::string("audit_log WHERE action = '") + action + "'"); };
    EXPECT_EQ(audited("people.unit_added"), 4);
    EXPECT_EQ(audited("people.role_granted"), 1);
    const auto sw = here_->user("social_worker");
    withdraw(here_->as("tenant_admin"), sw, grant_id(sw, "social_worker", grocery_));
    EXPECT_EQ(audited("people.role_withdrawn"), 1);
    retire_unit(here_->as("tenant_admin"), grocery_);
    EXPECT_EQ(audited("people.unit_retired"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleServiceTest, test::kBothBackends, test::backend_name);

}  // namespace
