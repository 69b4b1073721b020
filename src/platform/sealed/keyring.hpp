#pragma once
// The key-encryption keys of sealed fields (sealed.hpp). They never enter the database: they
// come from the environment (SYNERGEIA_SEALED_KEYS) or from a file only the program's user can
// read (sealed_keys_file), as lines "<version>:<key>", the key being 32 random bytes in
// URL-safe base64 (`synergeia keys new` prints one). The highest version wraps new record keys;
// the others stay to open what they wrapped until `synergeia keys rotate` has re-wrapped it.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "platform/config/config.hpp"

namespace syn::sealed {

constexpr std::size_t kKeyBytes = 32;

class KeyRing {
public:
    KeyRing() = default;
    // Lines "<version>:<key>" (blank lines and lines starting with # are skipped). Throws
    // std::runtime_error naming the line when one cannot be read: a version that is not a
    // positive number, given twice, or a key that is not 32 bytes of base64.
    static KeyRing parse(std::string_view text, std::string_view where);
    // SYNERGEIA_SEALED_KEYS when set (versions separated by commas or new lines), else the file
    // cfg.sealed_keys_file when set, else an empty ring. Throws when the file cannot be read.
    static KeyRing from_config(const config::Config& cfg);

    bool empty() const { return keys_.empty(); }
    int current() const { return keys_.empty() ? 0 : keys_.rbegin()->first; }
    // The key of this version, or nullptr.
    const std::string* key(int version) const;
    const std::map<int, std::string>& all() const { return keys_; }

private:
    std::map<int, std::string> keys_;  // version → 32 raw bytes
};

// A new key line "<version>:<32 random bytes, URL-safe base64>".
std::string new_key_line(int version);

}  // namespace syn::sealed
