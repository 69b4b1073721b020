#include "modules/registry/store.hpp"

#include "platform/db/row.hpp"

namespace syn::registry::store {

namespace {

constexpr const char* kColumns =
    "SELECT id, organisation_id, kind, filename, mime, size, sha256, uploaded_by, uploaded_at "
    "FROM organisation_documents ";

Document from_row(const soci::row& r) {
    Document d;
    d.id = db::get_int(r, 0);
    d.organisation_id = db::get_int(r, 1);
    d.kind = db::get_text(r, 2);
    d.filename = db::get_text(r, 3);
    d.mime = db::get_text(r, 4);
    d.size = db::get_int(r, 5);
    d.sha256 = db::get_text(r, 6);
    d.uploaded_by = db::get_int(r, 7);
    d.uploaded_at = db::get_int(r, 8);
    return d;
}

}  // namespace

std::int64_t insert_document(soci::session& s, std::int64_t municipality_id, const Document& d) {
    long long id = 0, org = d.organisation_id, m = municipality_id, size = d.size, by = d.uploaded_by,
              at = d.uploaded_at;
    s << "INSERT INTO organisation_documents (organisation_id, municipality_id, kind, filename, mime, size, sha256, "
         "uploaded_by, uploaded_at) VALUES (:o, :m, :k, :f, :t, :z, :h, :b, :a) RETURNING id",
        soci::use(org), soci::use(m), soci::use(d.kind), soci::use(d.filename), soci::use(d.mime), soci::use(size),
        soci::use(d.sha256), soci::use(by), soci::use(at), soci::into(id);
    return id;
}

std::vector<Document> documents(soci::session& s, std::int64_t municipality_id, std::int64_t org_id) {
    long long m = municipality_id, o = org_id;
    soci::rowset<soci::row> rs =
        (s.prepare << std::string(kColumns) +
                          "WHERE municipality_id = :m AND organisation_id = :o ORDER BY uploaded_at DESC, id DESC",
         soci::use(m), soci::use(o));
    std::vector<Document> out;
    for (const auto& r : rs) out.push_back(from_row(r));
    return out;
}

std::optional<Document> document(soci::session& s, std::int64_t municipality_id, std::int64_t org_id,
                                 std::int64_t document_id) {
    long long m = municipality_id, o = org_id, id = document_id;
    soci::rowset<soci::row> rs =
        (s.prepare << std::string(kColumns) + "WHERE municipality_id = :m AND organisation_id = :o AND id = :i",
         soci::use(m), soci::use(o), soci::use(id));
    for (const auto& r : rs) return from_row(r);
    return std::nullopt;
}

bool delete_document(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t document_id) {
    long long m = municipality_id, o = org_id, id = document_id;
    soci::statement st = (s.prepare << "DELETE FROM organisation_documents "
                                       "WHERE municipality_id = :m AND organisation_id = :o AND id = :i",
                          soci::use(m), soci::use(o), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

bool blob_in_use(soci::session& s, const std::string& sha256) {
    long long n = 0;
    // Blobs are shared by content across the whole platform: the same bytes may also be a
    // request's attachment or a municipality's logo.
    s << "SELECT (SELECT COUNT(*) FROM organisation_documents WHERE sha256 = :h) + "
         "(SELECT COUNT(*) FROM organisations WHERE logo_sha256 = :h2) + "
         "(SELECT COUNT(*) FROM request_attachments WHERE sha256 = :h3) + "
         "(SELECT COUNT(*) FROM municipalities WHERE logo_sha256 = :h4)",
        soci::use(sha256), soci::use(sha256), soci::use(sha256), soci::use(sha256), soci::into(n);
    return n > 0;
}

}  // namespace syn::registry::store
