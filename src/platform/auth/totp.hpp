#pragma once
// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second
// factor of the log-in of those who see other people's data. What every authenticator app
// (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator) reads from the QR code.
// liboath (Debian's oath-toolkit) computes and checks the codes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace syn::auth::totp {

inline constexpr unsigned kStepSeconds = 30;
inline constexpr unsigned kDigits = 6;

// A new secret of 20 random bytes (160 bits, RFC 4226's recommendation), in base32 without
// padding: how the apps take it, typed or in the QR code.
std::string new_secret();
// The otpauth:// URI of the QR code: "otpauth://totp/Issuer:account?secret=…&issuer=Issuer…".
std::string uri(std::string_view issuer, std::string_view account, std::string_view secret);
// The secret in groups of four, for typing it in by hand.
std::string spaced(std::string_view secret);

// The time step a code was made for, when `code` (6 digits; spaces ignored) is the code of the
// secret at `now` or one step either side (a phone's clock drifts), and that step is after
// `after_step` (a code works once: the caller stores the step it returns). nullopt otherwise.
std::optional<std::int64_t> check(std::string_view secret, std::string_view code, std::int64_t now, std::int64_t after_step);
// The code of the secret at `now` (for tests and the demo).
std::string code_at(std::string_view secret, std::int64_t now);

}  // namespace syn::auth::totp
