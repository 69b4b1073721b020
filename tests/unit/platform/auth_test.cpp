#include <gtest/gtest.h>

#include "platform/auth/crypto.hpp"
#include "platform/auth/permissions.hpp"

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
    Principal auditor_of_7{1, {{7, "auditor"}}};
    Principal operator_everywhere{2, {{std::nullopt, "operator"}}};
    Principal staff_of_7{3, {{7, "staff"}}};
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
