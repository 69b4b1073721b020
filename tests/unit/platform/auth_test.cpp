#include <gtest/gtest.h>

#include <algorithm>

#include "platform/auth/crypto.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/second_factor.hpp"
#include "platform/auth/totp.hpp"
#include "platform/auth/units.hpp"

using namespace syn::auth;

TEST(AuthCrypto, PasswordHashIsArgon2idAndVerifies) {
    auto h = hash_password("correct horse battery");
    EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(verify_password("correct horse battery", h));
    EXPECT_FALSE(verify_password("correct horse batterY", h));
    EXPECT_FALSE(verify_password("anything", ""));
    EXPECT_NE(hash_password("same"), hash_password("same"));  // salted
}

TEST(AuthCrypto, TokensAreRandomAndUrlSafe) {
    auto a = random_token(), b = random_token();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
}

TEST(AuthCrypto, Base64UrlRoundTripsAndRefusesWhatIsNot) {
    const std::string bytes("\x00\xfb\xff?>", 5);
    EXPECT_EQ(base64url(bytes), "APv_Pz4");  // URL-safe alphabet, no padding
    EXPECT_EQ(from_base64url("APv_Pz4"), bytes);
    EXPECT_EQ(base64url(""), "");
    EXPECT_FALSE(from_base64url("AP+/Pz4="));  // standard alphabet and padding are not this
    EXPECT_FALSE(from_base64url("!!"));
}

TEST(AuthCrypto, Sha256KnownVector) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(constant_time_equals("abc", "abc"));
    EXPECT_FALSE(constant_time_equals("abc", "abd"));
    EXPECT_FALSE(constant_time_equals("abc", "abcd"));
}

TEST(AuthPermissions, GrantsArePerMunicipality) {
    define_permission("test.read_log", {"auditor", "operator"});
    Principal auditor_of_7{1, {{7, "auditor", std::nullopt}}};
    Principal operator_everywhere{2, {{std::nullopt, "operator", std::nullopt}}};
    Principal staff_of_7{3, {{7, "staff", std::nullopt}}};
    Principal visitor{};
    EXPECT_TRUE(allowed(auditor_of_7, "test.read_log", 7));
    EXPECT_FALSE(allowed(auditor_of_7, "test.read_log", 8));
    EXPECT_TRUE(allowed(operator_everywhere, "test.read_log", 8));
    EXPECT_FALSE(allowed(staff_of_7, "test.read_log", 7));
    EXPECT_FALSE(allowed(visitor, "test.read_log", 7));
}

TEST(AuthPermissions, EveryAccountIsACitizenButVisitorsAreNot) {
    define_permission("test.submit", {"citizen"});
    EXPECT_TRUE(allowed(Principal{5, {}}, "test.submit", 1));
    EXPECT_FALSE(allowed(Principal{}, "test.submit", 1));
}

TEST(AuthPermissions, UnknownRoleOrPermissionIsAProgrammingError) {
    EXPECT_THROW(define_permission("test.bad", {"superuser"}), std::invalid_argument);
    EXPECT_THROW(allowed(Principal{5, {}}, "test.never_defined", 1), std::logic_error);
    EXPECT_TRUE(is_role("tenant_admin"));
    EXPECT_FALSE(is_role("root"));
}

// The municipality 7's units:   1 Διεύθυνση ─┬─ 2 Τμήμα Α ── 4 Γραφείο
//                                             └─ 3 Τμήμα Β
// and 9 of another municipality. Each role's grant, on unit 2 or on none, asked about a thing of
// each unit: acting reaches the grant's unit and the units below it, never above or beside it;
// reading reaches the whole municipality.
TEST(AuthPermissions, AUnitGrantReachesItsUnitAndTheUnitsBelowItOnly) {
    define_permission("test.unit_act", {"staff", "committee", "social_worker", "tenant_admin"}, Reach::unit);
    define_permission("test.unit_read", {"staff", "auditor"});
    const UnitTree tree(std::vector<Unit>{{.id = 1, .parent_id = std::nullopt},
                                          {.id = 2, .parent_id = 1},
                                          {.id = 3, .parent_id = 1},
                                          {.id = 4, .parent_id = 2}});
    const auto acts = [&](const Principal& p, std::int64_t unit) { return allowed_in(p, "test.unit_act", 7, unit, tree); };
    for (const char* role : {"staff", "committee", "social_worker"}) {
        const Principal on_2{1, {{7, role, 2}}};
        EXPECT_TRUE(acts(on_2, 2)) << role << ": its own unit";
        EXPECT_TRUE(acts(on_2, 4)) << role << ": a unit below";
        EXPECT_FALSE(acts(on_2, 1)) << role << ": the unit above";
        EXPECT_FALSE(acts(on_2, 3)) << role << ": a unit beside";
        EXPECT_FALSE(acts(on_2, 9)) << role << ": a unit it does not know";
        EXPECT_TRUE(allowed(on_2, "test.unit_act", 7)) << role << ": holds it somewhere in 7";
        EXPECT_FALSE(allowed(on_2, "test.unit_act", 8)) << role << ": not in another municipality";
        EXPECT_FALSE(allowed_in(Principal{1, {{8, role, 2}}}, "test.unit_act", 7, 2, tree)) << role << ": another municipality's grant";
        // Without a unit a unit-bound role reaches none.
        const Principal on_none{1, {{7, role, std::nullopt}}};
        for (std::int64_t u : {1, 2, 3, 4}) EXPECT_FALSE(acts(on_none, u)) << role << " on no unit, unit " << u;
        EXPECT_FALSE(allowed(on_none, "test.unit_act", 7)) << role << " on no unit";
    }
    // The municipality's roles reach every unit; the operator and others without the permission none.
    const Principal admin{2, {{7, "tenant_admin", std::nullopt}}};
    for (std::int64_t u : {1, 2, 3, 4}) EXPECT_TRUE(acts(admin, u)) << "tenant_admin, unit " << u;
    EXPECT_FALSE(acts(Principal{3, {{7, "auditor", std::nullopt}}}, 2));
    EXPECT_FALSE(acts(Principal{4, {}}, 2)) << "a citizen";
    EXPECT_FALSE(acts(Principal{}, 2)) << "a visitor";
    // Reading with municipality reach: a member of staff of unit 3 reads unit 2's things.
    EXPECT_TRUE(allowed_in(Principal{5, {{7, "staff", 3}}}, "test.unit_read", 7, 2, tree));
    EXPECT_TRUE(allowed_in(Principal{5, {{7, "staff", std::nullopt}}}, "test.unit_read", 7, 2, tree));
}

TEST(AuthUnits, TheTreeKnowsWhatIsBelowAndRefusesALoop) {
    const UnitTree tree(std::vector<Unit>{{.id = 1, .parent_id = std::nullopt}, {.id = 2, .parent_id = 1}, {.id = 4, .parent_id = 2}});
    auto below = tree.with_units_below(1);
    std::sort(below.begin(), below.end());
    EXPECT_EQ(below, (std::vector<std::int64_t>{1, 2, 4}));
    EXPECT_EQ(tree.with_units_below(4), (std::vector<std::int64_t>{4}));
    EXPECT_TRUE(tree.would_loop(1, 4)) << "1 below its own grandchild";
    EXPECT_TRUE(tree.would_loop(2, 2));
    EXPECT_FALSE(tree.would_loop(4, 1));
    // Bad data with a loop does not hang.
    const UnitTree looped(std::vector<Unit>{{.id = 1, .parent_id = 2}, {.id = 2, .parent_id = 1}});
    EXPECT_FALSE(looped.covers(3, 1));
}

// RFC 6238's test vectors (SHA-1, the ASCII secret "12345678901234567890"), cut to the 6 digits
// the apps show: the last six of the RFC's eight.
TEST(AuthTotp, CodesMatchTheRfcAndWorkOnceWithinAStepEitherSide) {
    const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";  // base32 of "12345678901234567890"
    EXPECT_EQ(totp::code_at(secret, 59), "287082");
    EXPECT_EQ(totp::code_at(secret, 1111111109), "081804");
    EXPECT_EQ(totp::code_at(secret, 1234567890), "005924");
    EXPECT_EQ(totp::code_at(secret, 2000000000), "279037");
    // Accepted at its step and one step either side, not two; the step it returns is used once.
    const auto step = totp::check(secret, "081804", 1111111109, 0);
    ASSERT_TRUE(step);
    EXPECT_EQ(*step, 1111111109 / 30);
    EXPECT_TRUE(totp::check(secret, "081804", 1111111109 + 30, 0));
    EXPECT_TRUE(totp::check(secret, "081 804", 1111111109 - 30, 0)) << "spaces as people type them";
    EXPECT_FALSE(totp::check(secret, "081804", 1111111109 + 61, 0));
    EXPECT_FALSE(totp::check(secret, "081804", 1111111109, *step)) << "the same code twice";
    for (const char* bad : {"", "08180", "0818045", "08180a", "081804\n"}) EXPECT_FALSE(totp::check(secret, bad, 1111111109, 0)) << bad;
    EXPECT_FALSE(totp::check("not base32!", "081804", 1111111109, 0));
}

TEST(AuthTotp, NewSecretsAreRandom160BitBase32AndTheUriIsWhatAppsRead) {
    const auto a = totp::new_secret(), b = totp::new_secret();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
    EXPECT_EQ(totp::check(a, totp::code_at(a, 1'800'000'000), 1'800'000'000, 0), 1'800'000'000 / 30);
    EXPECT_EQ(totp::uri("Δήμος Καλαμάτας", "maria@example.gr", "ABCD"),
              "otpauth://totp/%CE%94%CE%AE%CE%BC%CE%BF%CF%82%20%CE%9A%CE%B1%CE%BB%CE%B1%CE%BC%CE%AC%CF%84%CE%B1%CF%82:maria@example.gr"
              "?secret=ABCD&issuer=%CE%94%CE%AE%CE%BC%CE%BF%CF%82%20%CE%9A%CE%B1%CE%BB%CE%B1%CE%BC%CE%AC%CF%84%CE%B1%CF%82"
              "&algorithm=SHA1&digits=6&period=30");
    EXPECT_EQ(totp::spaced("ABCDEFGHIJ"), "ABCD EFGH IJ");
}

TEST(AuthSecondFactor, ASessionCountsOnceItPassedTheSecondFactorAndStaffRolesWaitForOne) {
    const Principal staff{1, {{7, "staff", 2}, {7, "org_admin", std::nullopt}}};
    const Principal citizen{2, {}};
    EXPECT_EQ(gate(true, false, true, citizen), Gate::pending) << "anyone who turned it on is asked for it";
    EXPECT_EQ(gate(true, true, true, staff), Gate::open);
    EXPECT_EQ(gate(false, false, true, staff), Gate::roles_held);
    EXPECT_EQ(gate(false, false, false, staff), Gate::open) << "an install that turned it off";
    EXPECT_EQ(gate(true, false, false, citizen), Gate::open) << "an install that turned it off asks nobody";
    EXPECT_EQ(gate(false, false, true, citizen), Gate::open);
    const auto held = without_personal_data_roles(staff);
    ASSERT_EQ(held.grants.size(), 1u);
    EXPECT_EQ(held.grants[0].role, "org_admin");
}
