#include "platform/auth/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace syn::auth::totp {

namespace {

void init_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (oath_init() != OATH_OK) throw std::runtime_error("liboath could not start");
        if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    });
}

// The secret's bytes; empty when it is not base32.
std::string decode(std::string_view secret) {
    char* out = nullptr;
    std::size_t len = 0;
    if (oath_base32_decode(secret.data(), secret.size(), &out, &len) != OATH_OK || !out) return {};
    std::string bytes(out, len);
    sodium_memzero(out, len);
    std::free(out);
    return bytes;
}

std::string percent(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

}  // namespace

std::string new_secret() {
    init_once();
    unsigned char bytes[20];
    randombytes_buf(bytes, sizeof bytes);
    char* out = nullptr;
    std::size_t len = 0;
    if (oath_base32_encode(reinterpret_cast<const char*>(bytes), sizeof bytes, &out, &len) != OATH_OK || !out)
        throw std::runtime_error("base32 encoding failed");
    std::string secret(out, len);
    std::free(out);
    sodium_memzero(bytes, sizeof bytes);
    while (!secret.empty() && secret.back() == '=') secret.pop_back();  // 20 bytes need none anyway
    return secret;
}

std::string uri(std::string_view issuer, std::string_view account, std::string_view secret) {
    return "otpauth://totp/" + percent(issuer) + ":" + percent(account) + "?secret=" + std::string(secret) + "&issuer=" +
           percent(issuer) + "&algorithm=SHA1&digits=" + std::to_string(kDigits) + "&period=" + std::to_string(kStepSeconds);
}

std::string spaced(std::string_view secret) {
    std::string out;
    for (std::size_t i = 0; i < secret.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += secret[i];
    }
    return out;
}

std::optional<std::int64_t> check(std::string_view secret, std::string_view code, std::int64_t now, std::int64_t after_step) {
    init_once();
    std::string digits;
    for (char c : code) {
        if (c == ' ' || c == '-') continue;
        if (c < '0' || c > '9') return std::nullopt;
        digits += c;
    }
    if (digits.size() != kDigits) return std::nullopt;
    const auto key = decode(secret);
    if (key.empty()) return std::nullopt;
    int position = 0;
    std::uint64_t step = 0;
    const int rc = oath_totp_validate3(key.data(), key.size(), static_cast<time_t>(now), kStepSeconds, 0, 1, &position, &step,
                                       digits.c_str());
    if (rc < 0) return std::nullopt;
    if (static_cast<std::int64_t>(step) <= after_step) return std::nullopt;  // used already
    return static_cast<std::int64_t>(step);
}

std::string code_at(std::string_view secret, std::int64_t now) {
    init_once();
    const auto key = decode(secret);
    char out[kDigits + 1] = {};
    if (key.empty() || oath_totp_generate(key.data(), key.size(), static_cast<time_t>(now), kStepSeconds, 0, kDigits, out) != OATH_OK)
        throw std::invalid_argument("not a base32 secret");
    return out;
}

}  // namespace syn::auth::totp
