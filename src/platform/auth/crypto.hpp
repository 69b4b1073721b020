#pragma once
// Password hashing and random tokens, all from libsodium.
#include <optional>
#include <string>
#include <string_view>

namespace syn::auth {

// argon2id with OWASP's minimum (19 MiB, 2 passes): strong, and cheap enough that a log-in
// does not pin a core or blow the memory budget under load.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

// libsodium's one-time set-up, for code that calls libsodium itself; throws when it fails.
void ensure_sodium();

// Bytes as URL-safe base64 without padding, and back (nullopt for anything that is not).
std::string base64url(std::string_view bytes);
std::optional<std::string> from_base64url(std::string_view text);

// 32 random bytes, URL-safe base64 without padding (43 characters).
std::string random_token();
// Hex SHA-256: how tokens are kept at rest, so a stolen database yields no live session.
std::string sha256_hex(std::string_view s);
// Compares secrets without leaking through timing where they differ.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace syn::auth
