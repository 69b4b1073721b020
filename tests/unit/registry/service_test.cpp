// Every registry use case refuses every role that must be refused, in-process: the services run
// on a Scope built as each role (role_scopes.hpp), on both engines, with the module's own
// permissions (registry::install). Each case also runs for a role that may, so a service that
// refused everyone would fail here too. Staff of another municipality are refused everything
// about this municipality's organisation, and only the system may let a verification lapse.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "modules/registry/module.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/store.hpp"
#include "role_scopes.hpp"

using namespace syn;
using namespace syn::registry;

namespace {

using Case = test::ServiceCase;

class RegistryServiceTest : public test::ServiceTest {
protected:
    void SetUp() override {
        if (!prepare()) return;
        two_municipalities(install);
        const auto& kalamata = here_->tenant();
        admin_ = here_->add("org_admin");
        member_ = here_->add("org_member");
        org_ = db().transact([&](soci::session& s) {
            Organisation o;
            o.municipality_id = kalamata.id;
            o.profile.official_name = "Πολιτιστικός Σύλλογος Καλαμάτας";
            o.profile.kind = kKindAssociation;
            o.profile.subtype = "cultural";
            o.profile.afm = "090000045";
            o.profile.areas = {"culture"};
            o.state = State::Submitted;
            o.created_at = o.updated_at = o.submitted_at.emplace(db::now_unix());
            const auto id = store::insert(s, o);
            store::add_member(s, kalamata.id, id, admin_, kRoleAdmin, o.created_at);
            store::add_member(s, kalamata.id, id, member_, kRoleMember, o.created_at);
            return id;
        });
    }

    std::vector<Case> cases() override {
        const auto org = org_;
        const auto member = member_;
        const auto loaded = db().read([&](soci::session& s) { return *store::by_id(s, here_->tenant().id, org); });
        const std::set<std::string> readers{"staff", "tenant_admin", "auditor"}, reviewers{"staff", "tenant_admin"};
        const std::set<std::string> insiders{"org_admin", "org_member", "staff", "tenant_admin", "auditor"};
        const auto accounts = test::RoleScopes::accounts({"org_admin", "org_member"});
        return {
            {"queue", readers, false, [](const web::Scope& s) { queue(s, {}); }},
            {"notes", readers, false, [=](const web::Scope& s) { notes(s, org); }},
            {"automatic_checklist", readers, false, [=](const web::Scope& s) { automatic_checklist(s, loaded); }},
            {"possible_duplicates", readers, false, [=](const web::Scope& s) { possible_duplicates(s, loaded); }},
            {"add_note", reviewers, true, [=](const web::Scope& s) { add_note(s, org, "Τηλεφώνησα στον πρόεδρο."); }},
            {"decide", reviewers, true, [=](const web::Scope& s) { decide(s, org, {.event = Event::Suspend, .checklist = {}, .reasons = {}}); }},
            {"import_csv", {"tenant_admin", "operator"}, false, [](const web::Scope& s) { import_csv(s, "official_name\n", true, false); }},
            {"expire_verifications", {}, true, [](const web::Scope& s) { expire_verifications(s); }},
            {"load", insiders, false, [=](const web::Scope& s) { load(s, org); }},
            {"history", insiders, false, [=](const web::Scope& s) { history(s, org); }},
            {"documents", insiders, false, [=](const web::Scope& s) { documents(s, org); }},
            {"members", insiders, false, [=](const web::Scope& s) { members(s, org); }},
            {"invitations", {"org_admin", "staff", "tenant_admin"}, false, [=](const web::Scope& s) { invitations(s, org); }},
            {"update", {"org_admin", "staff", "tenant_admin"}, true, [=](const web::Scope& s) { update(s, org, loaded.profile); }},
            {"submit", {"org_admin"}, true, [=](const web::Scope& s) { submit(s, org); }},
            {"invite", {"org_admin"}, true, [=](const web::Scope& s) { invite(s, org, "neo.melos@example.gr", kRoleMember); }},
            {"set_member_role", {"org_admin"}, true, [=](const web::Scope& s) { set_member_role(s, org, member, kRoleAdmin); }},
            {"remove_member", {"org_admin"}, true, [=](const web::Scope& s) { remove_member(s, org, member); }},
            {"transfer_admin", {"org_admin"}, true, [=](const web::Scope& s) { transfer_admin(s, org, member); }},
            {"leave", {"org_admin", "org_member"}, true, [=](const web::Scope& s) { leave(s, org); }},
            {"create", accounts, true, [](const web::Scope& s) { create(s, OrganisationInput{}); }},
            {"my_organisations", accounts, false, [](const web::Scope& s) { my_organisations(s); }},
        };
    }

    std::int64_t admin_ = 0, member_ = 0, org_ = 0;
};

TEST_P(RegistryServiceTest, EveryUseCaseRefusesEveryRoleThatMustBeRefused) {
    auto names = test::RoleScopes::roles();
    names.insert(names.end(), {"org_admin", "org_member"});
    test::expect_refusals(cases(), names, [&](const std::string& role) { return here_->as(role); });
}

TEST_P(RegistryServiceTest, StaffOfAnotherMunicipalityAreRefusedThisOnesOrganisation) {
    for (const auto& c : cases()) {
        if (c.name == "queue" || c.name == "import_csv" || c.name == "create" || c.name == "my_organisations") continue;  // their own municipality's
        for (const char* role : {"staff", "tenant_admin", "auditor", "citizen"}) {
            const auto scope = there_->as(role);
            EXPECT_NE(test::refusal([&] { c.call(scope); }), "") << c.name << " lets " << role << " of Σπάρτη in";
        }
    }
    // And their own queue never lists it.
    EXPECT_EQ(queue(there_->as("staff"), {}).total, 0);
}

TEST_P(RegistryServiceTest, TheExpiryJobGoesThroughTheServiceAsTheSystem) {
    // A verification that ended yesterday: the job's system Scope expires it, with the history
    // line and audit entry every decision writes, and no account named.
    db().transact([&](soci::session& s) {
        auto o = *store::by_id(s, here_->tenant().id, org_);
        o.state = State::Verified;
        o.verified_at = db::now_unix() - 400 * 86400;
        o.expires_at = db::now_unix() - 86400;
        store::update_lifecycle(s, o);
    });
    auto system = web::Scope::system_for(here_->tenant(), db(), cfg_);
    const auto run = expire_verifications(system);
    EXPECT_EQ(run.expired, 1);
    const auto h = history(here_->as("staff"), org_);
    ASSERT_FALSE(h.empty());
    EXPECT_EQ(h.front().action, "expire");
    EXPECT_FALSE(h.front().actor_id.has_value());
    const auto audited = db().read([&](soci::session& s) {
        long long n = 0;
        s << "SELECT COUNT(*) FROM audit_log WHERE action = 'registry.expire' AND actor_user_id IS NULL", soci::into(n);
        return n;
    });
    EXPECT_EQ(audited, 1);
    // The system of one municipality acts for it alone.
    auto other = web::Scope::system_for(there_->tenant(), db(), cfg_);
    EXPECT_EQ(expire_verifications(other).expired, 0);
}

TEST_P(RegistryServiceTest, EveryUseCaseThatChangesDataLetsInARoleThatMay) {
    expect_let_in_on_fresh_data();
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryServiceTest, test::kBothBackends, test::backend_name);

}  // namespace
