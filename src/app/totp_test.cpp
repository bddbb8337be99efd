#include "app/totp.hpp"

#include <gtest/gtest.h>

using namespace skillgrade::app;

// RFC 6238 appendix B (SHA-1, secret "12345678901234567890"), truncated to 6 digits.
TEST(totp, rfc6238_test_vectors) {
    auto secret = base32_encode("12345678901234567890");
    EXPECT_EQ(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    EXPECT_EQ(totp_code(secret, totp_step(59)), "287082");
    EXPECT_EQ(totp_code(secret, totp_step(1111111109)), "081804");
    EXPECT_EQ(totp_code(secret, totp_step(1234567890)), "005924");
    EXPECT_EQ(totp_code(secret, totp_step(2000000000)), "279037");
}

TEST(totp, a_code_matches_within_one_step) {
    auto secret = new_totp_secret();
    EXPECT_EQ(secret.size(), 32u);
    auto code = totp_code(secret, 1000);
    EXPECT_EQ(totp_match(secret, code, 1000), 1000);
    EXPECT_EQ(totp_match(secret, code, 1001), 1000);
    EXPECT_EQ(totp_match(secret, code, 999), 1000);
    EXPECT_FALSE(totp_match(secret, code, 1002));
    EXPECT_FALSE(totp_match(secret, "12345", 1000));
    EXPECT_FALSE(totp_match("not base32!", "123456", 1000));
    EXPECT_EQ(base32_decode("gezd gnbv"), base32_decode("GEZDGNBV"));
    EXPECT_EQ(otpauth_uri("skillgrade", "张 三", "ABC"),
              "otpauth://totp/skillgrade:%E5%BC%A0%20%E4%B8%89?secret=ABC&issuer=skillgrade&algorithm=SHA1&digits=6&period=30");
}
