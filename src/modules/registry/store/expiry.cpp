// SQL for the expiry of verifications: the verified organisations whose verification ends
// before a moment.
#include "modules/registry/store.hpp"
#include "modules/registry/store/shared.hpp"

namespace syn::registry::store {

using namespace detail;

std::vector<Organisation> verified_expiring_before(soci::session& s, std::int64_t before) {
    OrgBinding row;
    soci::statement st(s);
    row.exchange(st);
    long long b = before;
    st.exchange(soci::use(b, "before"));
    return fetch_all(s, st, row,
                     std::string("SELECT ") + kColumns +
                         " FROM organisations o WHERE o.state = 'verified' AND o.expires_at IS NOT NULL AND o.expires_at < :before "
                         "ORDER BY o.expires_at, o.id");
}

}  // namespace syn::registry::store
