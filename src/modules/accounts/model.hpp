#pragma once
// Accounts: people who log in. One account per e-mail address across the install.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace syn::accounts {

struct Account {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    std::optional<std::int64_t> email_verified_at;
    std::string password_hash;
    std::string status;  // active | deleted
    std::int64_t created_at = 0;
};

struct RegisterInput { std::string display_name, email, password, password_confirm; bool accept_terms = false; };
// client_ip: where the attempt came from, for the per-address limit on failed attempts.
struct LoginInput { std::string email, password, client_ip; };

struct ApiToken {
    std::int64_t id = 0;
    std::string name;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> last_used_at, revoked_at;
};

// A field that failed validation and the English msgid explaining why.
struct Problem { std::string field; const char* msgid; };

inline constexpr std::size_t kMinPassword = 10;
inline constexpr std::size_t kMaxPassword = 256;
inline constexpr long kVerifyTokenSeconds = 48 * 3600;
inline constexpr long kResetTokenSeconds = 3600;
// "Send the link again": at most this many asks per address, and per client address, in the window.
inline constexpr long kResendWindowSeconds = 15 * 60;
inline constexpr int kResendsPerAddress = 3;
inline constexpr int kResendsPerClient = 10;
// An invitation to choose a password: the person may be on leave when it arrives.
inline constexpr long kInvitationSeconds = 7 * 24 * 3600;
inline constexpr int kRecoveryCodes = 10;

// The account's second factor, for its page.
struct SecondFactorStatus {
    bool enabled = false;
    std::int64_t since = 0;
    long long codes_left = 0;
    bool required = false;  // the account holds a role that needs it, and the install requires it
};
// What the set-up page shows: the otpauth:// URI for the QR code, the secret to type instead.
struct SecondFactorSetup {
    std::string uri, spaced_secret;
};

}  // namespace syn::accounts
