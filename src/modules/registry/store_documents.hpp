#pragma once
// SQL for an organisation's documents (organisation_documents) and for the question the blob
// store cannot answer itself: is a stored file still referred to by anything?
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/registry/model.hpp"

namespace syn::registry::store {

// Inserts d (id ignored) and returns the new id.
std::int64_t insert_document(soci::session& s, std::int64_t municipality_id, const Document& d);
// Newest first.
std::vector<Document> documents(soci::session& s, std::int64_t municipality_id, std::int64_t org_id);
std::optional<Document> document(soci::session& s, std::int64_t municipality_id, std::int64_t org_id,
                                 std::int64_t document_id);
// true when a row was deleted.
bool delete_document(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t document_id);
// Whether any document or logo, of any municipality, refers to this content hash. Blobs are
// shared by content across the whole install, so only an unreferenced blob may be removed.
bool blob_in_use(soci::session& s, const std::string& sha256);

}  // namespace syn::registry::store
