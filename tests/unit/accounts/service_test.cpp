// Every account use case refuses whoever must be refused, in-process, on both engines: a visitor
// is asked to log in for everything that concerns an account, every role may act on its own
// account, nobody reaches another person's API token, and a deleted account's Scope is refused
// although it still names the person.
#include <gtest/gtest.h>

#include <set>

#include "modules/accounts/service.hpp"
#include "role_scopes.hpp"

using namespace syn;
using namespace syn::accounts;

namespace {

constexpr const char* kPassword = "ένα δύο τρία τέσσερα πέντε";  // role_scopes.hpp's

using Case = test::ServiceCase;

class AccountsServiceTest : public test::ServiceTest {
protected:
    void SetUp() override {
        if (!prepare()) return;
        const auto kalamata = db().transact([](soci::session& s) { return test::add_tenant(s, "4401", "Καλαμάτας", "kalamata"); });
        here_ = std::make_unique<test::RoleScopes>(db(), cfg_, kalamata);
        // A token of the citizen's, which only the citizen may revoke.
        token_ = create_api_token(here_->as("citizen"), "Εφαρμογή του συλλόγου").id;
    }

    std::vector<Case> cases() override {
        const auto accounts = test::RoleScopes::accounts();
        const auto token = token_;
        return {
            {"current_account", accounts, false, [](const web::Scope& s) { current_account(s); }},
            {"export_data", accounts, false, [](const web::Scope& s) { export_data(s); }},
            {"list_api_tokens", accounts, false, [](const web::Scope& s) { list_api_tokens(s); }},
            // A wrong current password is refused as invalid input, after the log-in check.
            {"change_password", accounts, false, [](const web::Scope& s) { change_password(s, "λάθος", "νέο συνθηματικό εδώ", "νέο συνθηματικό εδώ"); }},
            {"request_email_change", accounts, false, [](const web::Scope& s) { request_email_change(s, "λάθος", "neo@example.gr"); }},
            {"delete_account", accounts, false, [](const web::Scope& s) { delete_account(s, "λάθος"); }},
            {"change_display_name", accounts, true, [](const web::Scope& s) { change_display_name(s, "Νέο όνομα"); }},
            {"create_api_token", accounts, true, [](const web::Scope& s) { create_api_token(s, "Δοκιμή"); }},
            {"logout_everywhere", accounts, true, [](const web::Scope& s) { logout_everywhere(s); }},
            {"revoke_api_token", {"citizen"}, true, [=](const web::Scope& s) { revoke_api_token(s, token); }},
        };
    }

    std::int64_t token_ = 0;
};

TEST_P(AccountsServiceTest, EveryUseCaseRefusesEveryRoleThatMustBeRefused) {
    test::expect_refusals(cases(), test::RoleScopes::roles(), [&](const std::string& role) { return here_->as(role); });
    // A visitor is asked to log in, not told "forbidden": the page then offers the log-in form.
    for (const auto& c : cases()) EXPECT_EQ(test::refusal([&] { c.call(here_->as("visitor")); }), "login") << c.name;
    // Another person's token is "not found", so its id tells nothing.
    EXPECT_EQ(test::refusal([&] { revoke_api_token(here_->as("staff"), token_); }), "not found");
}

TEST_P(AccountsServiceTest, EveryUseCaseThatChangesDataLetsInARoleThatMay) { expect_let_in_on_fresh_data(); }

TEST_P(AccountsServiceTest, ADeletedAccountsScopeIsRefusedEverything) {
    const auto citizen = here_->as("citizen");  // built before the deletion, as a cached session would be
    delete_account(citizen, kPassword);
    for (const auto& c : cases()) EXPECT_NE(test::refusal([&] { c.call(citizen); }), "") << c.name << " after the deletion";
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsServiceTest, test::kBothBackends, test::backend_name);

}  // namespace
