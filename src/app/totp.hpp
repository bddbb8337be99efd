// totp.hpp
// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) as the
// authenticator apps compute them, and the base32 secrets (RFC 4648) they are enrolled with.
//
//   auto secret = app::new_totp_secret();                    // base32, 160 bits
//   auto step = app::totp_step(now);                          // seconds since 1970 / 30
//   if (auto s = app::totp_match(secret, "492039", step)) ... // the step it matched (±1)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skillgrade::app {

std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);  // spaces and case ignored

std::string new_totp_secret();  // 20 random bytes, base32
std::int64_t totp_step(std::int64_t unix_seconds);
// The 6-digit code of one step; "" when the secret is not base32.
std::string totp_code(std::string_view secret_base32, std::int64_t step);
// The step within ±window of `step` whose code this is, or nullopt.
std::optional<std::int64_t> totp_match(std::string_view secret_base32, std::string_view code, std::int64_t step, int window = 1);
// otpauth://totp/Issuer:account?secret=…&issuer=…  (for the enrolment QR code)
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace skillgrade::app
