// The requests configuration store (departments, staff, request types, Open311 API keys) and the
// demo/bench generator, on SQLite and PostgreSQL: uniqueness per municipality, tenant isolation,
// who may join a department, live and revoked keys, idempotent seeding, coherent generated data.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "modules/requests/demo.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/store.hpp"
#include "pg_fixture.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/grants.hpp"
#include "platform/db/row.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/web/tenant.hpp"
#include "platform/i18n/working_days.hpp"

using namespace syn;
using namespace syn::requests;

namespace {

class RequestsConfigTest : public test::BackendTest {
protected:
    void SetUp() override {
        test::BackendTest::SetUp();
        if (IsSkipped()) return;
        apply({"0001_", "0002_", "0003_", "0004_", "0005_", "0006_", "0009_", "0012_", "0013_", "0018_"});
        db().transact([&](soci::session& s) {
            web::Tenant a{0, "4401", "Καλαμάτας", "Kalamata", "", "", "kalamata", "", "#003476", ""};
            web::Tenant b{0, "4701", "Περιστερίου", "Peristeri", "", "", "peristeri", "", "#003476", ""};
            mun_a = web::insert_tenant(s, a);
            mun_b = web::insert_tenant(s, b);
        });
    }

    // An account with a role in a municipality (no password: these tests never log in).
    std::int64_t user(const std::string& email, const std::string& role, std::int64_t mun) {
        return db().transact([&](soci::session& s) {
            long long id = 0, m = mun, at = 1;
            s << "INSERT INTO users (email, display_name, created_at) VALUES (:e, :n, :at) RETURNING id", soci::use(email),
                soci::use(email), soci::use(at), soci::into(id);
            s << "INSERT INTO user_roles (user_id, municipality_id, role, granted_at) VALUES (:u, :m, :r, :at)", soci::use(id),
                soci::use(m), soci::use(role), soci::use(at);
            return static_cast<std::int64_t>(id);
        });
    }

    std::int64_t department(std::int64_t mun, const std::string& name, const std::string& email = "") {
        return db().transact([&](soci::session& s) {
            Department d;
            d.name_el = name;
            d.name_en = name + " (en)";
            d.email = email;
            return store::insert_department(s, mun, d);
        });
    }

    std::int64_t type(std::int64_t mun, std::int64_t dep, const std::string& code, int position, bool active = true) {
        return db().transact([&](soci::session& s) {
            RequestType t;
            t.code = code;
            t.name_el = "Τύπος " + code;
            t.name_en = "Type " + code;
            t.department_id = dep;
            t.deadline_days = 7;
            t.takes_location = code == "local-problem";
            t.public_default = false;
            t.active = active;
            t.position = position;
            return store::insert_type(s, mun, t);
        });
    }

    std::int64_t mun_a = 0, mun_b = 0;
};

TEST_P(RequestsConfigTest, DepartmentsAreListedByNameAndUniquePerMunicipality) {
    const auto tech = department(mun_a, "Τεχνικές Υπηρεσίες", "tech@kalamata.example");
    department(mun_a, "Κέντρο Ενεργών Πολιτών");
    department(mun_b, "Τεχνικές Υπηρεσίες");  // the same name in another municipality is fine
    EXPECT_THROW(department(mun_a, "Τεχνικές Υπηρεσίες"), db::UniqueViolation);

    const auto list = db().read([&](soci::session& s) { return store::departments(s, mun_a); });
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].name_el, "Κέντρο Ενεργών Πολιτών");
    EXPECT_EQ(list[1].email, "tech@kalamata.example");

    db().transact([&](soci::session& s) {
        auto d = *store::department(s, mun_a, tech);
        d.name_en = "Technical Services";
        store::update_department(s, mun_a, d);
        // Another municipality's update touches nothing.
        d.name_en = "Hijacked";
        store::update_department(s, mun_b, d);
    });
    db().read([&](soci::session& s) {
        EXPECT_EQ(store::department(s, mun_a, tech)->name_en, "Technical Services");
        EXPECT_FALSE(store::department(s, mun_b, tech));
    });
}

TEST_P(RequestsConfigTest, StaffJoinDepartmentsAsUnitGrantsAndSupervisorsAreKnown) {
    const auto a1 = department(mun_a, "Α", "a@kalamata.example"), a2 = department(mun_a, "Β");
    const auto staff = user("staff@example.gr", "staff", mun_a);
    const auto admin = user("admin@example.gr", "tenant_admin", mun_a);
    const auto citizen = user("citizen@example.gr", "citizen", mun_a);
    const auto other = user("other@example.gr", "staff", mun_b);

    db().read([&](soci::session& s) {
        EXPECT_EQ(store::municipality_account(s, mun_a, "staff@example.gr"), staff);
        EXPECT_EQ(store::municipality_account(s, mun_a, "admin@example.gr"), admin);
        EXPECT_EQ(store::municipality_account(s, mun_a, "citizen@example.gr"), citizen) << "a citizen of the municipality may be given a role";
        EXPECT_FALSE(store::municipality_account(s, mun_a, "other@example.gr")) << "an account of another municipality";
        EXPECT_FALSE(store::municipality_account(s, mun_a, "nobody@example.gr"));
    });
    (void)other;

    db().transact([&](soci::session& s) {
        store::put_department_staff(s, mun_a, a1, staff, false);
        store::put_department_staff(s, mun_a, a2, staff, false);
        store::put_department_staff(s, mun_a, a1, admin, false);
        store::put_department_staff(s, mun_a, a1, admin, true);  // adds the supervisor role, not a second grant
    });
    const auto grants_of = [&](std::int64_t user_id, std::int64_t mun) {
        return db().read([&](soci::session& s) {
            std::set<std::string> out;
            for (const auto& g : auth::roles_of(s, user_id, mun))
                out.insert(g.role + (g.unit_id ? "@" + std::to_string(*g.unit_id) : ""));
            return out;
        });
    };
    // The staff grant on no unit is replaced by the unit grants.
    EXPECT_EQ(grants_of(staff, mun_a), (std::set<std::string>{"staff@" + std::to_string(a1), "staff@" + std::to_string(a2)}));
    EXPECT_EQ(grants_of(admin, mun_a), (std::set<std::string>{"tenant_admin", "staff@" + std::to_string(a1), "supervisor"}));
    db().read([&](soci::session& s) {
        const auto members = store::department_staff(s, mun_a);
        ASSERT_EQ(members.size(), 3u);
        for (const auto& m : members) EXPECT_EQ(m.supervisor, m.user_id == admin) << m.email;
        EXPECT_TRUE(store::department_staff(s, mun_b).empty());
        const auto emails = store::department_emails(s, mun_a, a1);
        EXPECT_EQ(emails, (std::vector<std::string>{"a@kalamata.example", "admin@example.gr", "staff@example.gr"}));
        EXPECT_TRUE(store::department_emails(s, mun_b, a1).empty());
    });
    db().transact([&](soci::session& s) {
        EXPECT_FALSE(store::remove_department_staff(s, mun_b, a1, staff)) << "another municipality's membership";
        EXPECT_TRUE(store::remove_department_staff(s, mun_a, a1, staff));
        EXPECT_FALSE(store::remove_department_staff(s, mun_a, a1, staff));
    });
    EXPECT_EQ(grants_of(staff, mun_a), (std::set<std::string>{"staff@" + std::to_string(a2)}));
}

TEST_P(RequestsConfigTest, TypesAreOrderedByPositionAndCodesAreUniquePerMunicipality) {
    const auto dep = department(mun_a, "Α"), dep_b = department(mun_b, "Α");
    const auto late = type(mun_a, dep, "other", 60);
    const auto first = type(mun_a, dep, "local-problem", 10);
    const auto withdrawn = type(mun_a, dep, "old-type", 20, false);
    type(mun_b, dep_b, "local-problem", 10);
    EXPECT_THROW(type(mun_a, dep, "other", 5), db::UniqueViolation);

    db().read([&](soci::session& s) {
        const auto all = store::types(s, mun_a, false);
        ASSERT_EQ(all.size(), 3u);
        EXPECT_EQ(all[0].id, first);
        EXPECT_EQ(all[1].id, withdrawn);
        EXPECT_EQ(all[2].id, late);
        const auto active = store::types(s, mun_a, true);
        ASSERT_EQ(active.size(), 2u);
        EXPECT_TRUE(std::none_of(active.begin(), active.end(), [](const RequestType& t) { return !t.active; }));

        const auto t = store::type_by_code(s, mun_a, "local-problem");
        ASSERT_TRUE(t);
        EXPECT_EQ(t->id, first);
        EXPECT_EQ(t->name_el, "Τύπος local-problem");
        EXPECT_EQ(t->department_id, dep);
        EXPECT_EQ(t->deadline_days, 7);
        EXPECT_TRUE(t->takes_location);
        EXPECT_FALSE(t->takes_attachments);
        EXPECT_FALSE(t->public_default);
        EXPECT_TRUE(t->active);
        EXPECT_FALSE(store::type_by_id(s, mun_b, first)) << "a type of another municipality";
        EXPECT_FALSE(store::type_by_code(s, mun_a, "nothing"));
    });

    db().transact([&](soci::session& s) {
        auto t = *store::type_by_id(s, mun_a, late);
        t.position = 0;
        t.deadline_days = 365;
        t.takes_attachments = true;
        store::update_type(s, mun_a, t);
    });
    db().read([&](soci::session& s) {
        const auto t = *store::type_by_id(s, mun_a, late);
        EXPECT_EQ(t.deadline_days, 365);
        EXPECT_TRUE(t.takes_attachments);
        EXPECT_EQ(store::types(s, mun_a, false).front().id, late);
    });
}

TEST_P(RequestsConfigTest, ApiKeysAreFoundByHashUntilRevokedAndOnlyInTheirMunicipality) {
    const auto admin = user("admin@example.gr", "tenant_admin", mun_a);
    const auto hash = auth::sha256_hex("o311_secret");
    const auto id = db().transact([&](soci::session& s) { return store::insert_api_key(s, mun_a, "FixMyStreet", hash, admin, 1000); });
    db().read([&](soci::session& s) {
        EXPECT_EQ(store::live_api_key(s, mun_a, hash), id);
        EXPECT_FALSE(store::live_api_key(s, mun_b, hash)) << "a key works only in its own municipality";
        EXPECT_FALSE(store::live_api_key(s, mun_a, auth::sha256_hex("o311_other")));
        const auto keys = store::api_keys(s, mun_a);
        ASSERT_EQ(keys.size(), 1u);
        EXPECT_EQ(keys[0].name, "FixMyStreet");
        EXPECT_EQ(keys[0].created_at, 1000);
        EXPECT_FALSE(keys[0].last_used_at);
        EXPECT_TRUE(store::api_keys(s, mun_b).empty());
    });
    db().transact([&](soci::session& s) { store::touch_api_key(s, id, 2000); });
    EXPECT_EQ(db().read([&](soci::session& s) { return store::api_keys(s, mun_a)[0].last_used_at; }), 2000);
    db().transact([&](soci::session& s) {
        EXPECT_FALSE(store::revoke_api_key(s, mun_b, id, 3000));
        EXPECT_TRUE(store::revoke_api_key(s, mun_a, id, 3000));
        EXPECT_FALSE(store::revoke_api_key(s, mun_a, id, 4000)) << "revoked once";
    });
    db().read([&](soci::session& s) {
        EXPECT_FALSE(store::live_api_key(s, mun_a, hash));
        EXPECT_EQ(store::api_keys(s, mun_a)[0].revoked_at, 3000);
    });
    // A key without a known issuer (created by the CLI) stores NULL.
    db().transact([&](soci::session& s) { store::insert_api_key(s, mun_a, "CLI", auth::sha256_hex("o311_cli"), 0, 5000); });
    EXPECT_EQ(db().read([&](soci::session& s) { return store::api_keys(s, mun_a).size(); }), 2u);
}

TEST_P(RequestsConfigTest, SeedingTheConfigurationTwiceChangesNothing) {
    db().transact([&](soci::session& s) { seed_configuration(s, mun_a); });
    db().transact([&](soci::session& s) { seed_configuration(s, mun_a); });
    db().read([&](soci::session& s) {
        EXPECT_EQ(store::departments(s, mun_a).size(), 5u);
        const auto types = store::types(s, mun_a, true);
        std::vector<std::string> codes;
        for (const auto& t : types) codes.push_back(t.code);
        EXPECT_EQ(codes, (std::vector<std::string>{"secretarial-support", "funding-application", "municipal-space", "promotion",
                                                   "local-problem", "other"}));
        for (const auto& t : types) {
            EXPECT_GE(t.deadline_days, 5) << t.code;
            EXPECT_LE(t.deadline_days, 20) << t.code;
            EXPECT_FALSE(t.name_en.empty()) << t.code;
        }
        EXPECT_TRUE(store::type_by_code(s, mun_a, "local-problem")->takes_location);
        EXPECT_FALSE(store::type_by_code(s, mun_a, "funding-application")->public_default);
        EXPECT_FALSE(store::type_by_code(s, mun_a, "secretarial-support")->public_default);
        EXPECT_TRUE(store::type_by_code(s, mun_a, "promotion")->public_default);
        EXPECT_TRUE(store::departments(s, mun_b).empty());
    });
}

TEST_P(RequestsConfigTest, GeneratedRequestsCoverEveryStateWithCoherentTimes) {
    const auto citizen = user("citizen@example.gr", "citizen", mun_a);
    const auto supporter = user("supporter@example.gr", "citizen", mun_a);
    const auto staff = user("staff@example.gr", "staff", mun_a);
    const auto admin = user("admin@example.gr", "tenant_admin", mun_a);
    constexpr std::int64_t kNow = 1'790'000'000;  // fixed, so the data set is the same every run
    SeedOptions o;
    o.count = 400;
    o.seed = 7;
    o.now = kNow;
    o.years = 2;
    o.requester_user_id = citizen;
    o.requester_name = "Μαρία";
    o.requester_email = "citizen@example.gr";
    o.supporter_user_ids = {supporter};
    const auto n = db().transact([&](soci::session& s) {
        seed_configuration(s, mun_a);
        seed_demo_staff(s, mun_a, staff, admin);
        return seed_requests(s, mun_a, o);
    });
    EXPECT_EQ(n, 400);
    EXPECT_EQ(db().read([&](soci::session& s) { return store::count_in(s, mun_a); }), 400);

    struct Row {
        std::string state, title;
        std::int64_t submitted, updated;
        std::optional<std::int64_t> first_response, resolved, finished, closed, rating, requester;
        std::string due;
    };
    auto rows_of = [&](std::int64_t mun) {
        return db().read([&](soci::session& s) {
            long long m = mun;
            soci::rowset<soci::row> rs =
                (s.prepare << "SELECT state, title, submitted_at, updated_at, first_response_at, resolved_at, finished_at, "
                              "closed_at, rating, requester_user_id, due_day FROM requests WHERE municipality_id = :m ORDER BY id",
                 soci::use(m));
            std::vector<Row> out;
            for (const auto& r : rs)
                out.push_back({db::get_text(r, 0), db::get_text(r, 1), db::get_int(r, 2), db::get_int(r, 3), db::opt_int(r, 4),
                               db::opt_int(r, 5), db::opt_int(r, 6), db::opt_int(r, 7), db::opt_int(r, 8), db::opt_int(r, 9),
                               db::get_text(r, 10)});
            return out;
        });
    };
    const auto rows = rows_of(mun_a);
    std::set<std::string> states;
    int ratings = 0, mine = 0;
    std::int64_t previous = 0;
    for (const auto& r : rows) {
        states.insert(r.state);
        EXPECT_GE(r.submitted, previous) << "ids follow submission time";
        previous = r.submitted;
        EXPECT_GT(r.submitted, kNow - 2 * 366 * 86400);
        EXPECT_LT(r.submitted, kNow);
        EXPECT_GE(r.updated, r.submitted);
        EXPECT_LT(r.updated, kNow);
        if (r.first_response) {
            EXPECT_GT(*r.first_response, r.submitted);
        }
        if (r.resolved) {
            EXPECT_GT(*r.resolved, *r.first_response);
            EXPECT_LT(*r.resolved, kNow);
        }
        if (r.closed && r.finished) {
            EXPECT_GT(*r.closed, *r.finished);
        }
        if (r.state == "resolved" || r.state == "rejected") {
            EXPECT_TRUE(r.finished) << r.title;
        }
        if (r.state == "submitted") {
            EXPECT_FALSE(r.first_response) << r.title;
        }
        if (r.rating) {
            ++ratings;
            EXPECT_TRUE(r.resolved) << "only a resolved request is rated";
            EXPECT_EQ(r.requester, citizen) << "only a requester with an account rates";
        }
        if (r.requester) ++mine;
        // The deadline is a working day after the Athens day of submission.
        const auto due = i18n::parse_iso_day(r.due);
        ASSERT_TRUE(due) << r.due;
        EXPECT_TRUE(i18n::is_working_day(*due)) << r.due;
        EXPECT_GT(std::chrono::sys_days(*due), std::chrono::sys_days(i18n::athens_day(r.submitted)));
    }
    EXPECT_EQ(states, (std::set<std::string>{"submitted", "acknowledged", "assigned", "in_progress", "resolved", "rejected",
                                             "closed"}));
    EXPECT_GT(ratings, 0);
    EXPECT_GT(mine, 40);
    EXPECT_LT(mine, 140);
    EXPECT_GT(count("request_supporters"), 0);
    EXPECT_GE(count("request_events"), 400);
    EXPECT_EQ(count("request_events WHERE kind = 'submitted'"), 400);

    // The same seed and clock give the same requests, in any municipality.
    db().transact([&](soci::session& s) {
        seed_configuration(s, mun_b);
        seed_demo_staff(s, mun_b, staff, admin);  // the same staff, so the same assignments
        seed_requests(s, mun_b, o);
    });
    const auto again = rows_of(mun_b);
    ASSERT_EQ(again.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(again[i].title, rows[i].title);
        EXPECT_EQ(again[i].state, rows[i].state);
        EXPECT_EQ(again[i].submitted, rows[i].submitted);
    }
}

TEST_P(RequestsConfigTest, GeneratingRequestsWithoutTypesIsRefused) {
    EXPECT_THROW(db().transact([&](soci::session& s) { seed_requests(s, mun_a, SeedOptions{}); }), std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestsConfigTest, test::kBothBackends, test::backend_name);

}  // namespace
