// Every requests use case refuses every role that must be refused, in-process: the services run
// on a Scope built as each role (role_scopes.hpp), on both engines, with the module's own
// permissions (requests::install). Handling a request is also refused to staff of another
// department, and every case runs for a role that may, so a blanket refusal fails here too.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "modules/requests/demo.hpp"
#include "modules/requests/module.hpp"
#include "modules/requests/service.hpp"
#include "role_scopes.hpp"

using namespace syn;
using namespace syn::requests;

namespace {

using Case = test::ServiceCase;

class RequestsServiceTest : public test::ServiceTest {
protected:
    void SetUp() override {
        if (!prepare()) return;
        app_ = std::make_unique<web::App>(cfg_, db_ptr());
        install(*app_);  // the module's permissions, as the program registers them
        const auto kalamata = db().transact([](soci::session& s) { return test::add_tenant(s, "4401", "Καλαμάτας", "kalamata"); });
        here_ = std::make_unique<test::RoleScopes>(db(), cfg_, kalamata);
        here_->add("staff_elsewhere", "staff");
        db().transact([&](soci::session& s) {
            seed_configuration(s, kalamata.id);
            seed_demo_staff(s, kalamata.id, here_->user("staff"), here_->user("tenant_admin"));
        });
        // The other member of staff works only in a department the first one does not.
        const auto admin = here_->as("tenant_admin");
        const auto mine = my_departments(here_->as("staff"));
        for (const auto& d : departments(admin))
            if (std::find(mine.begin(), mine.end(), d.id) == mine.end()) {
                add_department_staff(admin, d.id, "staff_elsewhere.kalamata@example.gr", false);
                break;
            }
        // A type the staff's department answers, and two requests of the citizen: one private.
        for (const auto& t : request_types(admin))
            if (std::find(mine.begin(), mine.end(), t.department_id) != mine.end()) type_ = t;
        ASSERT_NE(type_.id, 0);
        private_ = file("Σπασμένο πεζοδρόμιο έξω από το σπίτι μου", false);
        public_ = file("Λακκούβα στην Αριστομένους", true);
    }

    std::int64_t file(const std::string& title, bool is_public) {
        RequestInput in;
        in.type = std::to_string(type_.id);
        in.title = title;
        in.description = "Χρειάζεται επισκευή το συντομότερο, γιατί σκοντάφτουν οι περαστικοί.";
        if (type_.takes_location) {
            in.address = "Αριστομένους 25, Καλαμάτα";
            in.latitude = "37.0391";
            in.longitude = "22.1142";
        }
        in.is_public = is_public;
        try {
            return submit(here_->as("citizen"), in, {});
        } catch (const web::Invalid& e) {
            for (const auto& i : e.errors.items) ADD_FAILURE() << i.field << ": " << i.message;
            throw;
        }
    }

    std::vector<Case> cases() override {
        const auto priv = private_, pub = public_;
        const auto department = type_.department_id;
        const std::set<std::string> readers{"staff", "tenant_admin", "auditor", "staff_elsewhere"};
        const std::set<std::string> handlers{"staff", "tenant_admin"}, admin{"tenant_admin"};
        const auto accounts = test::RoleScopes::accounts({"staff_elsewhere"});
        return {
            {"department_staff", readers, false, [](const web::Scope& s) { department_staff(s); }},
            {"queue", readers, false, [](const web::Scope& s) { queue(s, {}); }},
            {"queue_all", readers, false, [](const web::Scope& s) { queue_all(s, {}); }},
            {"api_keys", admin, false, [](const web::Scope& s) { api_keys(s); }},
            {"create_api_key", admin, true, [](const web::Scope& s) { create_api_key(s, "Εφαρμογή δήμου"); }},
            {"revoke_api_key", admin, true, [](const web::Scope& s) {
                 create_api_key(s, "Εφαρμογή δήμου");
                 revoke_api_key(s, api_keys(s).front().id);
             }},
            {"save_department", admin, true, [](const web::Scope& s) { save_department(s, std::nullopt, {.id = 0, .name_el = "Πρασίνου", .name_en = "Parks", .email = ""}); }},
            {"add_department_staff", admin, true, [=](const web::Scope& s) { add_department_staff(s, department, "citizen.kalamata@example.gr", false); }},
            {"remove_department_staff", admin, true, [=, this](const web::Scope& s) { remove_department_staff(s, department, here_->user("staff")); }},
            {"save_request_type", admin, true, [](const web::Scope& s) { save_request_type(s, std::nullopt, RequestTypeInput{}); }},
            {"transition", handlers, true, [=](const web::Scope& s) { transition(s, pub, {.event = Event::Acknowledge, .reason = "", .department_id = std::nullopt, .assignee_user_id = std::nullopt}); }},
            {"reply", handlers, true, [=](const web::Scope& s) { reply(s, pub, "Θα έρθει συνεργείο την Τρίτη.", true); }},
            {"merge", handlers, true, [=](const web::Scope& s) { merge(s, priv, pub); }},
            {"bulk_assign", handlers, true, [=](const web::Scope& s) { bulk_assign(s, {pub}, department, std::nullopt); }},
            {"view a private request", {"citizen", "staff", "tenant_admin", "auditor", "staff_elsewhere"}, false, [=](const web::Scope& s) { view(s, priv); }},
            {"reopen", {"citizen"}, true, [=](const web::Scope& s) { reopen(s, pub); }},
            {"rate", {"citizen"}, true, [=](const web::Scope& s) { rate(s, pub, 5, ""); }},
            // The requester is not refused: their own request is one they follow already (Invalid).
            {"support", accounts, true, [=](const web::Scope& s) { support(s, pub); }},
            {"my_requests", accounts, false, [](const web::Scope& s) { my_requests(s); }},
            {"submit", accounts, true, [](const web::Scope& s) { submit(s, RequestInput{}, {}); }},
        };
    }

    RequestType type_;
    std::int64_t private_ = 0, public_ = 0;
};

TEST_P(RequestsServiceTest, EveryUseCaseRefusesEveryRoleThatMustBeRefused) {
    auto names = test::RoleScopes::roles();
    names.push_back("staff_elsewhere");
    test::expect_refusals(cases(), names, [&](const std::string& role) { return here_->as(role); });
}

TEST_P(RequestsServiceTest, StaffActOnTheirDepartmentsRequestsAndTheTenantAdminOnAll) {
    EXPECT_EQ(test::refusal([&] { transition(here_->as("staff"), public_, {.event = Event::Acknowledge, .reason = "", .department_id = std::nullopt, .assignee_user_id = std::nullopt}); }), "");
    EXPECT_EQ(view(here_->as("citizen"), public_).request.state, State::Acknowledged);
    EXPECT_EQ(test::refusal([&] { reply(here_->as("tenant_admin"), public_, "Το είδαμε.", true); }), "");
}

TEST_P(RequestsServiceTest, EveryUseCaseThatChangesDataLetsInARoleThatMay) {
    expect_let_in_on_fresh_data();
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestsServiceTest, test::kBothBackends, test::backend_name);

}  // namespace
