#include "platform/sealed/keyring.hpp"

#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "platform/auth/crypto.hpp"
#include "platform/text/number.hpp"

namespace syn::sealed {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

KeyRing KeyRing::parse(std::string_view text, std::string_view where) {
    KeyRing ring;
    int line_no = 0;
    while (!text.empty()) {
        const auto end = text.find_first_of(",\n");
        const std::string_view line = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++line_no;
        if (line.empty() || line.front() == '#') continue;
        const auto bad = [&](std::string_view why) {
            return std::runtime_error(std::string(where) + ", entry " + std::to_string(line_no) + ": " + std::string(why) +
                                      " (expected \"<version>:<key>\", as `synergeia keys new` prints)");
        };
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) throw bad("no ':' between the version and the key");
        const auto version = text::parse_int(trim(line.substr(0, colon)), 1, 1'000'000);
        if (!version) throw bad("the version is not a whole number from 1 up");
        auto raw = auth::from_base64url(trim(line.substr(colon + 1)));
        if (!raw || raw->size() != kKeyBytes) throw bad("the key is not 32 bytes in URL-safe base64");
        if (ring.keys_.count(static_cast<int>(*version))) throw bad("this version is given twice");
        ring.keys_.emplace(static_cast<int>(*version), std::move(*raw));
    }
    return ring;
}

KeyRing KeyRing::from_config(const config::Config& cfg) {
    if (const char* env = std::getenv("SYNERGEIA_SEALED_KEYS"); env && *env) return parse(env, "SYNERGEIA_SEALED_KEYS");
    if (cfg.sealed_keys_file.empty()) return {};
    std::ifstream in(cfg.sealed_keys_file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the sealed keys file " + cfg.sealed_keys_file);
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), cfg.sealed_keys_file);
}

const std::string* KeyRing::key(int version) const {
    const auto it = keys_.find(version);
    return it == keys_.end() ? nullptr : &it->second;
}

std::string new_key_line(int version) {
    auth::ensure_sodium();
    std::string raw(kKeyBytes, '\0');
    crypto_aead_xchacha20poly1305_ietf_keygen(reinterpret_cast<unsigned char*>(raw.data()));
    const auto line = std::to_string(version) + ":" + auth::base64url(raw);
    sodium_memzero(raw.data(), raw.size());
    return line;
}

}  // namespace syn::sealed
