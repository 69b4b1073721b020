// The migration that turns the requests module's departments into the municipality's units, on
// both engines, over data written with the schema before it: the same rows keep their ids and
// every request still points at its department, with its assignee and the figures the
// statistics read; department membership becomes a staff grant on
// the unit, a supervisor flag the supervisor role; the unscoped staff grant of someone with a
// department goes, that of someone without one stays.
#include <gtest/gtest.h>

#include <set>

#include "pg_fixture.hpp"
#include "platform/db/row.hpp"

using namespace syn;

namespace {

class UnitsMigrationTest : public test::BackendTest {};

TEST_P(UnitsMigrationTest, DepartmentsBecomeUnitsAndMembershipsBecomeGrants) {
    apply({"0001_", "0002_", "0003_", "0004_", "0005_", "0006_", "0007_", "0008_"});
    db().transact([](soci::session& s) {
        s << "INSERT INTO municipalities (id, elstat_code, name, slug, created_at) VALUES (1, '4401', 'Καλαμάτας', 'kalamata', 1)";
        s << "INSERT INTO municipalities (id, elstat_code, name, slug, created_at) VALUES (2, '4501', 'Σπάρτης', 'sparti', 1)";
        for (int u = 1; u <= 4; ++u)
            s << "INSERT INTO users (id, email, display_name, created_at) VALUES (" + std::to_string(u) + ", 'u" + std::to_string(u) +
                     "@example.gr', 'u', 1)";
        s << "INSERT INTO request_departments (id, municipality_id, name_el, email, created_at) VALUES (10, 1, 'Τεχνικές Υπηρεσίες', 'tech@example.gr', 5)";
        s << "INSERT INTO request_departments (id, municipality_id, name_el, created_at) VALUES (11, 1, 'ΚΕΠ', 5)";
        s << "INSERT INTO request_departments (id, municipality_id, name_el, created_at) VALUES (20, 2, 'Τεχνικές Υπηρεσίες', 5)";
        // 1: staff of 10 and 11; 2: a supervisor from 10; 3: staff without a department; 4: staff of Σπάρτη's 20.
        for (const char* g : {"(1, 1, 'staff', 2)", "(2, 1, 'staff', 2)", "(2, 1, 'tenant_admin', 2)", "(3, 1, 'staff', 2)", "(4, 2, 'staff', 2)"})
            s << std::string("INSERT INTO user_roles (user_id, municipality_id, role, granted_at) VALUES ") + g;
        for (const char* m : {"(10, 1, 1, 0)", "(11, 1, 1, 0)", "(10, 1, 2, 1)", "(20, 2, 4, 0)"})
            s << std::string("INSERT INTO request_department_staff (department_id, municipality_id, user_id, supervisor) VALUES ") + m;
        s << "INSERT INTO request_types (id, municipality_id, code, name_el, name_en, department_id, deadline_days, created_at) "
             "VALUES (1, 1, 'pothole', 'Λακκούβα', 'Pothole', 10, 5, 1)";
        s << "INSERT INTO requests (id, municipality_id, type_id, department_id, assignee_user_id, title, description, is_public, "
             "state, submitted_at, updated_at, first_response_at, resolved_at, due_day, rating) "
             "VALUES (1, 1, 1, 10, 1, 'Λακκούβα', 'Στην Αριστομένους', 1, 'resolved', 100, 300, 200, 300, '2026-01-05', 4)";
    });
    apply({"0009_"});

    db().read([](soci::session& s) {
        std::set<std::string> units;
        soci::rowset<soci::row> rs = (s.prepare << "SELECT id, municipality_id, name_el, email, kind, parent_id, retired_at FROM units ORDER BY id");
        for (const auto& r : rs) {
            units.insert(std::to_string(db::get_int(r, 0)) + " " + db::get_text(r, 2) + " " + db::get_text(r, 3) + " " + db::get_text(r, 4));
            EXPECT_EQ(r.get_indicator(5), soci::i_null);
            EXPECT_EQ(r.get_indicator(6), soci::i_null);
        }
        EXPECT_EQ(units, (std::set<std::string>{"10 Τεχνικές Υπηρεσίες tech@example.gr department", "11 ΚΕΠ  department",
                                                "20 Τεχνικές Υπηρεσίες  department"}));
        // The request keeps its unit, its assignee and every figure the statistics read.
        long long dep = 0, assignee = 0, first = 0, resolved = 0, rating = 0;
        std::string state;
        s << "SELECT r.department_id, r.assignee_user_id, r.state, r.first_response_at, r.resolved_at, r.rating "
             "FROM requests r JOIN units u ON u.id = r.department_id WHERE r.id = 1",
            soci::into(dep), soci::into(assignee), soci::into(state), soci::into(first), soci::into(resolved), soci::into(rating);
        EXPECT_EQ(dep, 10);
        EXPECT_EQ(assignee, 1);
        EXPECT_EQ(state, "resolved");
        EXPECT_EQ(first, 200);
        EXPECT_EQ(resolved, 300);
        EXPECT_EQ(rating, 4);

        std::set<std::string> grants;
        soci::rowset<soci::row> gs = (s.prepare << "SELECT user_id, municipality_id, role, unit_id FROM user_roles");
        for (const auto& r : gs)
            grants.insert(std::to_string(db::get_int(r, 0)) + "@" + std::to_string(db::get_int(r, 1)) + " " + db::get_text(r, 2) +
                          (r.get_indicator(3) == soci::i_ok ? " " + std::to_string(db::get_int(r, 3)) : ""));
        EXPECT_EQ(grants, (std::set<std::string>{"1@1 staff 10", "1@1 staff 11", "2@1 staff 10", "2@1 supervisor", "2@1 tenant_admin",
                                                 "3@1 staff", "4@2 staff 20"}));
        long long old_table = 0;
        if (s.get_backend_name() == "sqlite3")
            s << "SELECT COUNT(*) FROM sqlite_master WHERE name = 'request_department_staff'", soci::into(old_table);
        else
            s << "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'request_department_staff'", soci::into(old_table);
        EXPECT_EQ(old_table, 0);
    });
    // The same unit name twice in a municipality is refused; a grant twice on one unit too.
    EXPECT_THROW(db().transact([](soci::session& s) {
        s << "INSERT INTO units (municipality_id, name_el, created_at) VALUES (1, 'ΚΕΠ', 1)";
    }), db::UniqueViolation);
    EXPECT_THROW(db().transact([](soci::session& s) {
        s << "INSERT INTO user_roles (user_id, municipality_id, role, unit_id, granted_at) VALUES (1, 1, 'staff', 10, 1)";
    }), db::UniqueViolation);
}

INSTANTIATE_TEST_SUITE_P(Backends, UnitsMigrationTest, test::kBothBackends, test::backend_name);

}  // namespace
