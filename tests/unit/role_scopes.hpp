#pragma once
// Scopes acting as each role of a municipality, for in-process service tests: one verified
// account per role (the operator install-wide), and a visitor. Services are called the way a
// page, the API or a job calls them, without HTTP.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "modules/accounts/service.hpp"
#include "pg_fixture.hpp"
#include "platform/auth/session_store.hpp"
#include "platform/auth/units.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/web/app.hpp"
#include "platform/web/holidays.hpp"
#include "platform/web/scope.hpp"
#include "platform/web/tenant.hpp"

namespace syn::test {

// A municipality for a test, by its ELSTAT code, name and slug.
inline web::Tenant add_tenant(soci::session& s, const char* code, const char* name, const char* slug) {
    web::Tenant t;
    t.elstat_code = code;
    t.name = name;
    t.slug = slug;
    t.id = web::insert_tenant(s, t);
    return t;
}

class RoleScopes {
public:
    // Every municipal role an account can be given, the operator, and "visitor" (nobody).
    static const std::vector<std::string>& roles() {
        static const std::vector<std::string> all{"visitor", "citizen", "volunteer", "committee", "social_worker",
                                                  "staff", "tenant_admin", "auditor", "operator"};
        return all;
    }

    // Every role that is an account (all but the visitor), and `more` a module added.
    static std::set<std::string> accounts(std::initializer_list<std::string> more = {}) {
        std::set<std::string> out(more);
        for (const auto& r : roles())
            if (r != "visitor") out.insert(r);
        return out;
    }

    RoleScopes(db::Database& db, const config::Config& cfg, web::Tenant tenant) : db_(db), cfg_(cfg), tenant_(std::move(tenant)) {
        db.transact([&](soci::session& s) {
            for (const auto& role : roles()) {
                if (role == "visitor") continue;
                const auto tenant_id = role == "operator" ? std::nullopt : std::optional<std::int64_t>(tenant_.id);
                users_[role] = add_account(s, role, tenant_id);
            }
        });
    }

    // Another verified account with `role`, for parts a module adds (an organisation's admin).
    std::int64_t add(const std::string& name, const std::string& role = "citizen") {
        return users_[name] = db_.transact([&](soci::session& s) { return add_account(s, name, tenant_.id, role); });
    }

    std::int64_t user(const std::string& name) const { return users_.at(name); }

    web::Scope as(const std::string& name) const {
        web::Scope scope{tenant_, i18n::Tr(i18n::Lang::El), db_, cfg_};
        if (name == "visitor") return scope;
        const auto uid = users_.at(name);
        scope.principal = db_.read([&](soci::session& s) { return auth::load_principal(s, uid); });
        return scope;
    }

    const web::Tenant& tenant() const { return tenant_; }

private:
    std::int64_t add_account(soci::session& s, const std::string& name, std::optional<std::int64_t> tenant_id,
                             const std::string& role = "") {
        const std::string email = name + "." + tenant_.slug + "@example.gr";
        return accounts::create_verified_account(s, email, name, "ένα δύο τρία τέσσερα πέντε", role.empty() ? name : role, tenant_id);
    }

    db::Database& db_;
    const config::Config& cfg_;
    web::Tenant tenant_;
    std::map<std::string, std::int64_t> users_;
};

// Runs f and says how it was refused: "forbidden", "login" (NeedLogin), "not found", or ""
// when it was not refused (it returned, or failed for another reason such as invalid input).
template <class F>
std::string refusal(F&& f) {
    try {
        f();
    } catch (const web::Forbidden&) {
        return "forbidden";
    } catch (const web::NeedLogin&) {
        return "login";
    } catch (const web::NotFound&) {
        return "not found";
    } catch (const std::exception&) {
    }
    return "";
}

// A use case and the roles that may call it, for a table of refusals.
struct ServiceCase {
    std::string name;
    std::set<std::string> allowed;  // the roles that may
    bool changes = false;           // true: not run for the allowed (it would change what other cases find)
    std::function<void(const web::Scope&)> call;
};

// Runs every case as every role in `names` (as(role) builds the Scope): a role that is not
// allowed must be refused (forbidden, asked to log in, or not found), and an allowed one let in,
// except where the case changes data.
template <class As>
void expect_refusals(const std::vector<ServiceCase>& cases, const std::vector<std::string>& names, As as) {
    for (const auto& c : cases) {
        for (const auto& role : names) {
            if (c.allowed.count(role) && c.changes) continue;
            const std::string how = refusal([&] { c.call(as(role)); });
            if (!c.allowed.count(role)) {
                EXPECT_NE(how, "") << c.name << " must refuse " << role;
            } else {
                EXPECT_EQ(how, "") << c.name << " must let " << role << " in";
            }
        }
    }
}

// Runs each case that changes data for the first role allowed to, on fresh data (reset() makes
// it), so one case's change cannot make another's call fail: a service that refused everyone
// would fail here.
template <class Reset, class As>
void expect_let_in(const std::vector<ServiceCase>& cases, Reset reset, As as) {
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (!cases[i].changes || cases[i].allowed.empty()) continue;
        const std::string name = cases[i].name;
        const std::string role = *cases[i].allowed.begin();
        const ServiceCase c = reset(i);
        EXPECT_EQ(refusal([&] { c.call(as(role)); }), "") << name << " must let " << role << " in";
    }
}

// A fresh database on each engine with every migration applied. A fixture calls prepare()
// first in its SetUp and stops when it says false (the engine is not there).
class MigratedTest : public BackendTest {
protected:
    bool prepare() {
        BackendTest::SetUp();
        if (IsSkipped()) return false;
        i18n::init();
        db::migrate(db(), embed::migrations());
        // Kept per municipality id, which every test's fresh database reuses.
        web::local_holidays_changed();
        auth::units_changed();
        return true;
    }
};

// A table of a module's use cases (cases()) run as each role (as(): in here_ unless a fixture
// says otherwise).
class ServiceTest : public MigratedTest {
protected:
    virtual std::vector<ServiceCase> cases() = 0;
    virtual web::Scope as(const std::string& role) { return here_->as(role); }

    // The module's permissions, as the program registers them (its install()), and two
    // municipalities with an account for every role: Καλαμάτα (here_) and Σπάρτη (there_).
    void two_municipalities(void (*install)(web::App&)) {
        app_ = std::make_unique<web::App>(cfg_, db_ptr());
        install(*app_);
        web::Tenant kalamata, sparti;
        db().transact([&](soci::session& s) {
            kalamata = add_tenant(s, "4401", "Καλαμάτας", "kalamata");
            sparti = add_tenant(s, "4501", "Σπάρτης", "sparti");
        });
        here_ = std::make_unique<RoleScopes>(db(), cfg_, kalamata);
        there_ = std::make_unique<RoleScopes>(db(), cfg_, sparti);
    }

    // Each case that changes data, for the first role allowed to, on data set up afresh.
    void expect_let_in_on_fresh_data() {
        expect_let_in(
            cases(),
            [&](std::size_t i) {
                TearDown();
                SetUp();
                return cases()[i];
            },
            [&](const std::string& role) { return as(role); });
    }

    config::Config cfg_;
    std::unique_ptr<web::App> app_;
    std::unique_ptr<RoleScopes> here_, there_;
};

}  // namespace syn::test
