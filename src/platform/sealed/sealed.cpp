#include "platform/sealed/sealed.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "platform/audit/audit.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/db/row.hpp"

namespace syn::sealed {

namespace {

constexpr std::string_view kValuePrefix = "v1.";
constexpr std::string_view kCheckPlain = "synergeia sealed key check";
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

// nonce || ciphertext, in base64: the key is 32 bytes, the associated data binds it to its place.
std::string encrypt(std::string_view plain, const std::string& key, std::string_view ad) {
    std::string out(kNonce + plain.size() + kTag, '\0');
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(p, kNonce);
    unsigned long long n = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(p + kNonce, &n, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                                               reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, p,
                                               reinterpret_cast<const unsigned char*>(key.data()));
    return auth::base64url(std::string_view(out.data(), kNonce + n));
}

std::optional<std::string> decrypt(std::string_view sealed_b64, const std::string& key, std::string_view ad) {
    const auto raw = auth::from_base64url(sealed_b64);
    if (!raw || raw->size() < kNonce + kTag) return std::nullopt;
    const auto* p = reinterpret_cast<const unsigned char*>(raw->data());
    std::string out(raw->size() - kNonce - kTag, '\0');
    unsigned long long n = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &n, nullptr, p + kNonce,
                                                   raw->size() - kNonce, reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), p,
                                                   reinterpret_cast<const unsigned char*>(key.data())) != 0)
        return std::nullopt;
    out.resize(n);
    return out;
}

std::string record_name(const Record& r) { return r.kind + ":" + std::to_string(r.id); }
std::string wrap_ad(const Record& r, int version) { return "synergeia record key|" + record_name(r) + "|" + std::to_string(version); }
std::string field_ad(const Record& r, std::string_view field) { return "synergeia field|" + record_name(r) + "|" + std::string(field); }
std::string check_ad(int version) { return "synergeia key check|" + std::to_string(version); }

const std::string& current_key(const KeyRing& keys) {
    const auto* k = keys.key(keys.current());
    if (!k)
        throw NoKey("no key-encryption key is given for sealed fields: set SYNERGEIA_SEALED_KEYS or sealed_keys_file "
                    "(`synergeia keys new` makes one)");
    return *k;
}

struct Wrapped {
    int version = 0;
    std::string wrapped;
};

std::optional<Wrapped> load_wrapped(soci::session& s, const Record& r) {
    Wrapped w;
    soci::indicator ind = soci::i_null;
    s << "SELECT kek_version, wrapped FROM sealed_record_keys WHERE record_kind = :k AND record_id = :i", soci::into(w.version),
        soci::into(w.wrapped, ind), soci::use(r.kind), soci::use(r.id);
    if (!s.got_data() || ind == soci::i_null) return std::nullopt;
    return w;
}

std::string unwrap(const KeyRing& keys, const Record& r, const Wrapped& w) {
    const auto* kek = keys.key(w.version);
    if (!kek) throw NoKey("the key-encryption key of version " + std::to_string(w.version) + " is not given; it wrapped " + record_name(r));
    auto key = decrypt(w.wrapped, *kek, wrap_ad(r, w.version));
    if (!key || key->size() != kKeyBytes) throw Unreadable("the key of " + record_name(r) + " does not open with key version " + std::to_string(w.version));
    return std::move(*key);
}

// The check value of the current key, written the first time it is used.
void ensure_check(soci::session& s, const KeyRing& keys) {
    const int version = keys.current();
    long long n = 0;
    s << "SELECT COUNT(*) FROM sealed_key_checks WHERE version = :v", soci::into(n), soci::use(version);
    if (n > 0) return;
    const std::string check = encrypt(kCheckPlain, current_key(keys), check_ad(version));
    const auto now = db::now_unix();
    s << "INSERT INTO sealed_key_checks (version, check_value, created_at) VALUES (:v, :c, :t)", soci::use(version), soci::use(check),
        soci::use(now);
}

}  // namespace

std::string seal(soci::session& s, const KeyRing& keys, const Record& record, std::string_view field, std::string_view plain) {
    auth::ensure_sodium();
    const std::string& kek = current_key(keys);
    std::string key;
    if (const auto w = load_wrapped(s, record)) {
        key = unwrap(keys, record, *w);
    } else {
        ensure_check(s, keys);
        key.resize(kKeyBytes);
        crypto_aead_xchacha20poly1305_ietf_keygen(reinterpret_cast<unsigned char*>(key.data()));
        const int version = keys.current();
        const std::string wrapped = encrypt(key, kek, wrap_ad(record, version));
        const auto now = db::now_unix();
        soci::indicator mid_ind = record.municipality_id ? soci::i_ok : soci::i_null;
        std::int64_t mid = record.municipality_id.value_or(0);
        s << "INSERT INTO sealed_record_keys (record_kind, record_id, municipality_id, kek_version, wrapped, created_at) "
             "VALUES (:k, :i, :m, :v, :w, :t)",
            soci::use(record.kind), soci::use(record.id), soci::use(mid, mid_ind), soci::use(version), soci::use(wrapped), soci::use(now);
    }
    std::string out(kValuePrefix);
    out += encrypt(plain, key, field_ad(record, field));
    sodium_memzero(key.data(), key.size());
    return out;
}

std::vector<std::string> open(db::Database& db, const KeyRing& keys, const Record& record, const std::vector<Field>& fields,
                              const Reason& reason) {
    auth::ensure_sodium();
    nlohmann::json names = nlohmann::json::array();
    for (const auto& f : fields) names.push_back(f.name);
    const nlohmann::json details{{"record", record_name(record)}, {"fields", names}, {"why", reason.why}};
    // Decrypted inside the transaction that writes the entry, handed out only once it committed.
    return db.transact([&](soci::session& s) {
        audit::append(s, {record.municipality_id, reason.actor_user_id, "sealed.read",
                          reason.person_user_id ? "user:" + std::to_string(*reason.person_user_id) : record_name(record), details.dump()});
        std::vector<std::string> out;
        out.reserve(fields.size());
        std::optional<std::string> key;
        for (const auto& f : fields) {
            if (f.value.empty()) {
                out.emplace_back();
                continue;
            }
            if (!f.value.starts_with(kValuePrefix)) throw Unreadable("the value of " + f.name + " of " + record_name(record) + " is not sealed");
            if (!key) {
                const auto w = load_wrapped(s, record);
                if (!w) throw Unreadable("the key of " + record_name(record) + " is gone (shredded)");
                key = unwrap(keys, record, *w);
            }
            auto plain = decrypt(std::string_view(f.value).substr(kValuePrefix.size()), *key, field_ad(record, f.name));
            if (!plain) throw Unreadable("the value of " + f.name + " does not belong to " + record_name(record));
            out.push_back(std::move(*plain));
        }
        if (key) sodium_memzero(key->data(), key->size());
        return out;
    });
}

void shred(soci::session& s, const Record& record) {
    s << "DELETE FROM sealed_record_keys WHERE record_kind = :k AND record_id = :i", soci::use(record.kind), soci::use(record.id);
}

std::size_t rotate(db::Database& db, const KeyRing& keys, std::size_t batch) {
    auth::ensure_sodium();
    const std::string& kek = current_key(keys);
    const int version = keys.current();
    return db.transact([&](soci::session& s) {
        ensure_check(s, keys);
        std::vector<std::pair<Record, Wrapped>> todo;
        const long long limit = static_cast<long long>(batch);
        soci::rowset<soci::row> rows = (s.prepare << "SELECT record_kind, record_id, kek_version, wrapped FROM sealed_record_keys "
                                                     "WHERE kek_version <> :v ORDER BY record_kind, record_id LIMIT :n",
                                        soci::use(version), soci::use(limit));
        for (const auto& r : rows)
            todo.push_back({Record{db::get_text(r, 0), db::get_int(r, 1)}, Wrapped{static_cast<int>(db::get_int(r, 2)), db::get_text(r, 3)}});
        for (auto& [record, w] : todo) {
            std::string key = unwrap(keys, record, w);
            const std::string wrapped = encrypt(key, kek, wrap_ad(record, version));
            sodium_memzero(key.data(), key.size());
            s << "UPDATE sealed_record_keys SET kek_version = :v, wrapped = :w WHERE record_kind = :k AND record_id = :i", soci::use(version),
                soci::use(wrapped), soci::use(record.kind), soci::use(record.id);
        }
        return todo.size();
    });
}

std::int64_t waiting_for_rotation(db::Database& db, const KeyRing& keys) {
    const int version = keys.current();
    return db.read([&](soci::session& s) {
        long long n = 0;
        s << "SELECT COUNT(*) FROM sealed_record_keys WHERE kek_version <> :v", soci::into(n), soci::use(version);
        return static_cast<std::int64_t>(n);
    });
}

void check_keys(db::Database& db, const KeyRing& keys) {
    auth::ensure_sodium();
    const auto used = db.read([&](soci::session& s) {
        std::vector<std::pair<int, std::string>> out;
        soci::rowset<soci::row> rows = (s.prepare << "SELECT version, check_value FROM sealed_key_checks ORDER BY version");
        for (const auto& r : rows) out.emplace_back(static_cast<int>(db::get_int(r, 0)), db::get_text(r, 1));
        return out;
    });
    for (const auto& [version, check] : used) {
        const auto* kek = keys.key(version);
        if (!kek) {
            const auto wrapped = db.read([&](soci::session& s) {
                long long n = 0;
                s << "SELECT COUNT(*) FROM sealed_record_keys WHERE kek_version = :v", soci::into(n), soci::use(version);
                return n;
            });
            if (wrapped > 0)
                throw std::runtime_error("sealed key version " + std::to_string(version) + " wraps the keys of " + std::to_string(wrapped) +
                                         " records but is not given: add it to SYNERGEIA_SEALED_KEYS or sealed_keys_file "
                                         "(it may leave once `synergeia keys rotate` has re-wrapped them under a newer key)");
            continue;
        }
        if (!decrypt(check, *kek, check_ad(version)))
            throw std::runtime_error("sealed key version " + std::to_string(version) +
                                     " is not the key this database was sealed with: give the key that was used, not a new one");
    }
    if (!keys.empty()) {
        try {
            db.transact([&](soci::session& s) { ensure_check(s, keys); });
        } catch (const db::UniqueViolation&) {
            // Another copy starting at the same moment wrote it first; check theirs.
            check_keys(db, keys);
        }
    }
}

}  // namespace syn::sealed
