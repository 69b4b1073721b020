#pragma once
// Internal to the requests store (store/requests.cpp, store/lists.cpp): the typed binding of one requests
// row and the codes stored for enums. Not for services.
#include <soci/soci.h>

#include <string>

#include "modules/requests/model.hpp"

namespace syn::requests::store::detail {

const char* source_code(Source s);
Source parse_source(const std::string& code);
const char* kind_code(EntryKind k);
EntryKind parse_kind(const std::string& code);

// The SELECT list and FROM clause every request read uses ("r" is the requests row).
extern const char* const kRequestColumns;
extern const char* const kRequestFrom;

// Typed binding of kRequestColumns: faster than soci::row, and NULLs explicit.
struct RequestBinding {
    long long id = 0, municipality_id = 0, type_id = 0, department_id = 0, assignee = 0, requester = 0, organisation = 0;
    std::string type_code, assignee_name, organisation_name, requester_name, requester_email, requester_phone, title,
        description, address, postal_code, state, source, due_day, status_note, rating_comment;
    double lat = 0, lng = 0;
    int is_public = 1, rating = 0, supporters = 0;
    long long submitted = 0, updated = 0, first_response = 0, resolved = 0, finished = 0, closed = 0, merged_into = 0;
    soci::indicator assignee_i = soci::i_ok, requester_i = soci::i_ok, organisation_i = soci::i_ok, lat_i = soci::i_ok,
                    lng_i = soci::i_ok, first_response_i = soci::i_ok, resolved_i = soci::i_ok, finished_i = soci::i_ok,
                    closed_i = soci::i_ok, merged_into_i = soci::i_ok, rating_i = soci::i_ok;

    void exchange(soci::statement& st);
    Request current() const;
};

bool is_postgres(soci::session& s);

}  // namespace syn::requests::store::detail
