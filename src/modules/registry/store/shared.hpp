#pragma once
// Internal to the registry store (store/*.cpp): the typed binding of one organisations row, the
// SELECT list every read uses, and the reads and pages the features share. Not for services.
#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/registry/store.hpp"
#include "platform/db/filter.hpp"

namespace syn::registry::store::detail {

// Bumped by every write, so caches keyed on generation() drop what they hold.
void changed();
bool is_listed(State st);
// What the full-text index holds for an organisation: its public words and the filter tokens.
std::string indexed_text(const Organisation& o);

// The SELECT list every organisation read uses ("o" is the organisations row).
extern const char* const kColumns;
extern const db::FullText kOrganisationSearch;

// Typed binding of one organisations row: faster than soci::row, and NULLs explicit.
struct OrgBinding {
    long long id = 0, municipality_id = 0;
    std::string slug, official_name, distinctive_title, kind, subtype, afm, gemi, kalo, court, founding, description,
        seat, neighbourhood, postal, email, phone, website, social, board, visibility, logo, state, reasons;
    double lat = 0, lng = 0;
    long long declared = 0, created = 0, updated = 0, submitted = 0, verified = 0, expires = 0, reminded = 0;
    soci::indicator afm_i = soci::i_ok, lat_i = soci::i_ok, lng_i = soci::i_ok, declared_i = soci::i_ok,
                    submitted_i = soci::i_ok, verified_i = soci::i_ok, expires_i = soci::i_ok, reminded_i = soci::i_ok;

    void exchange(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(municipality_id));
        st.exchange(soci::into(slug));
        st.exchange(soci::into(official_name));
        st.exchange(soci::into(distinctive_title));
        st.exchange(soci::into(kind));
        st.exchange(soci::into(subtype));
        st.exchange(soci::into(afm, afm_i));
        st.exchange(soci::into(gemi));
        st.exchange(soci::into(kalo));
        st.exchange(soci::into(court));
        st.exchange(soci::into(founding));
        st.exchange(soci::into(description));
        st.exchange(soci::into(seat));
        st.exchange(soci::into(neighbourhood));
        st.exchange(soci::into(postal));
        st.exchange(soci::into(lat, lat_i));
        st.exchange(soci::into(lng, lng_i));
        st.exchange(soci::into(email));
        st.exchange(soci::into(phone));
        st.exchange(soci::into(website));
        st.exchange(soci::into(social));
        st.exchange(soci::into(declared, declared_i));
        st.exchange(soci::into(board));
        st.exchange(soci::into(visibility));
        st.exchange(soci::into(logo));
        st.exchange(soci::into(state));
        st.exchange(soci::into(reasons));
        st.exchange(soci::into(created));
        st.exchange(soci::into(updated));
        st.exchange(soci::into(submitted, submitted_i));
        st.exchange(soci::into(verified, verified_i));
        st.exchange(soci::into(expires, expires_i));
        st.exchange(soci::into(reminded, reminded_i));
    }

    Organisation current() const;
};

std::vector<std::string> areas_of(soci::session& s, std::int64_t org_id);
// Areas for many organisations in one query (a directory page), keyed by id.
void attach_areas(soci::session& s, std::vector<Organisation>& orgs);
bool is_postgres(soci::session& s);
// A JSON array of strings as stored (return reasons, social links); [] when it is not one.
std::vector<std::string> strings_from(const std::string& text);
// The ORDER BY of a list by name.
std::string name_order(soci::session& s);
// The organisation whose column `where` ("id" or "slug") is the key, in this municipality.
std::optional<Organisation> one(soci::session& s, const std::string& where, std::int64_t mid, const std::string& key_text,
                                std::int64_t key_id, bool for_update);
// Runs a SELECT of kColumns that `prepare` readies on st (row's into()s are exchanged already).
std::vector<Organisation> fetch_all(soci::session& s, soci::statement& st, OrgBinding& row,
                                    const std::function<void(soci::statement&)>& prepare);
// Runs a SELECT of kColumns built by the caller with its binds already exchanged.
std::vector<Organisation> fetch_all(soci::session& s, soci::statement& st, OrgBinding& row, const std::string& sql);
// The organisations the filter selects, in `order` (the table is "o"; a search may start from
// its matches instead), `limit` of them from `offset`.
std::vector<Organisation> rows_of(soci::session& s, db::Filter& f, const std::string& order, std::int64_t limit, std::int64_t offset);
// One page of them. ranked: a search's best matches first, read tier by tier where it can
// (db::read_by_tiers), each tier in `order`.
DirectoryPage page_of(soci::session& s, db::Filter& f, const std::string& order, int page, int per_page,
                      std::optional<std::int64_t> total = std::nullopt, bool ranked = false);

}  // namespace syn::registry::store::detail
