#include "modules/settings/store.hpp"

namespace syn::settings::store {

std::string logo_sha256(soci::session& s, std::int64_t municipality_id) {
    const long long id = municipality_id;
    std::string hash;
    s << "SELECT logo_sha256 FROM municipalities WHERE id = :i", soci::use(id), soci::into(hash);
    return hash;
}

}  // namespace syn::settings::store
