// Documents an organisation files (statute, board decision, registry certificate) and its logo.
// Files are judged by their bytes (libmagic), never by their name or the browser's word, and
// stored by content hash outside any web root. An upload that fails for any reason leaves no
// file behind: the blob is written first, and removed again when the row that would refer to
// it is not written and nothing else refers to the same bytes.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>

#include "modules/registry/service.hpp"
#include "modules/registry/service/shared.hpp"
#include "modules/registry/store.hpp"
#include "platform/files/blob_store.hpp"
#include "platform/files/filename.hpp"
#include "platform/files/sniff.hpp"

namespace syn::registry {

namespace {

constexpr std::size_t kMaxLogoBytes = 2u * 1024 * 1024;

[[noreturn]] void invalid(const web::Scope& scope, const char* field, const char* msgid) {
    html::Errors e(scope.tr);
    e.add(field, scope.tr(msgid));
    throw web::Invalid(std::move(e));
}

// Admins act for their organisation, staff on its behalf; a dissolved one is closed.
Organisation for_editor(const web::Scope& scope, std::int64_t org_id) {
    scope.require_login();
    auto o = load(scope, org_id);
    const auto a = access(scope, o);
    if (!a.admin && !a.staff) throw web::Forbidden();
    if (o.state == State::Dissolved)
        invalid(scope, "file", N_("The organisation has been dissolved, so its documents can no longer be changed"));
    return o;
}


// The history line and the audit entry ("registry.<action>") of a change, with who acted.
void record(soci::session& s, const web::Scope& scope, const Organisation& o, const char* action,
            const std::vector<std::string>& reasons, const nlohmann::json& details) {
    detail::record(s, scope, o, action, "", "", reasons, details.dump());
}

// Removes the blob unless a row refers to it. Used after a failed insert (the blob was new)
// and after a delete or a logo change (the old bytes may now be unreferenced).
void drop_if_unused(const web::Scope& scope, files::BlobStore& blobs, const std::string& sha256) {
    if (sha256.empty()) return;
    try {
        const bool used = scope.db.read([&](soci::session& s) { return store::blob_in_use(s, sha256); });
        if (!used) blobs.remove(sha256);
    } catch (...) {
        // Leaving an orphan blob is harmless (it is never served without a row); failing the
        // request over it would hide the error that brought us here.
    }
}

// Stores the bytes, then runs write(session, hash) in one transaction. When that fails the
// blob goes again, unless some other row refers to the same bytes.
template <class F>
void store_then_write(const web::Scope& scope, files::BlobStore& blobs, const std::string& data, F&& write) {
    const auto blob = blobs.put(data);
    try {
        scope.db.transact([&](soci::session& s) { write(s, blob.sha256); });
    } catch (...) {
        drop_if_unused(scope, blobs, blob.sha256);
        throw;
    }
}

bool document_kind_valid(const std::string& kind) {
    return std::any_of(std::begin(kDocumentKinds), std::end(kDocumentKinds), [&](const char* k) { return kind == k; });
}

}  // namespace

std::vector<Document> documents(const web::Scope& scope, std::int64_t org_id) {
    scope.require_login();
    load(scope, org_id);  // members, staff and auditors
    return scope.db.read([&](soci::session& s) { return store::documents(s, scope.tenant.id, org_id); });
}

Document add_document(const web::Scope& scope, std::int64_t org_id, const std::string& kind, const http::Part& file) {
    const auto o = for_editor(scope, org_id);
    html::Errors e(scope.tr);
    if (!document_kind_valid(kind)) e.add("kind", scope.tr("Choose what kind of document this is"));
    std::optional<std::string> mime;
    if (!file.filename || file.filename->empty() || file.data.empty())
        e.add("file", scope.tr("Choose a file to upload"));
    else if (file.data.size() > files::kMaxDocumentBytes)
        e.add("file", scope.tr("The file must be 20 MB or smaller"));
    else if (!(mime = files::accepted_document_type(file.data)))
        e.add("file", scope.tr("The file must be a PDF, JPEG or PNG document. This file is of another type, whatever its name says."));
    if (!e.empty()) throw web::Invalid(std::move(e));

    Document d;
    d.organisation_id = org_id;
    d.kind = kind;
    d.filename = files::document_filename(*file.filename, *mime);
    d.mime = *mime;
    d.size = static_cast<std::int64_t>(file.data.size());
    d.uploaded_by = scope.principal.user_id;
    d.uploaded_at = scope.now();
    files::BlobStore blobs(scope.cfg.files_dir);
    store_then_write(scope, blobs, file.data, [&](soci::session& s, const std::string& sha256) {
        d.sha256 = sha256;
        d.id = store::insert_document(s, scope.tenant.id, d);
        record(s, scope, o, "document.add", {d.filename},
               {{"document_id", d.id}, {"kind", d.kind}, {"mime", d.mime}, {"size", d.size}, {"sha256", d.sha256}});
    });
    return d;
}

void remove_document(const web::Scope& scope, std::int64_t org_id, std::int64_t document_id) {
    const auto o = for_editor(scope, org_id);
    const auto removed = scope.db.transact([&](soci::session& s) {
        auto d = store::document(s, scope.tenant.id, org_id, document_id);
        if (!d || !store::delete_document(s, scope.tenant.id, org_id, document_id)) throw web::NotFound();
        record(s, scope, o, "document.remove", {d->filename},
               {{"document_id", d->id}, {"kind", d->kind}, {"sha256", d->sha256}});
        return *d;
    });
    files::BlobStore blobs(scope.cfg.files_dir);
    drop_if_unused(scope, blobs, removed.sha256);
}

DocumentContent document_content(const web::Scope& scope, std::int64_t org_id, std::int64_t document_id) {
    scope.require_login();
    load(scope, org_id);  // members, staff and auditors
    auto d = scope.db.read([&](soci::session& s) { return store::document(s, scope.tenant.id, org_id, document_id); });
    if (!d) throw web::NotFound();
    auto data = files::BlobStore(scope.cfg.files_dir).get(d->sha256);
    if (!data) throw web::NotFound();
    return {std::move(*d), std::move(*data)};
}

void set_logo(const web::Scope& scope, std::int64_t org_id, const http::Part& file) {
    const auto o = for_editor(scope, org_id);
    std::optional<std::string> mime;
    if (!file.filename || file.filename->empty() || file.data.empty())
        invalid(scope, "logo", N_("Choose an image to upload"));
    if (file.data.size() > kMaxLogoBytes) invalid(scope, "logo", N_("The logo must be 2 MB or smaller"));
    mime = files::accepted_document_type(file.data);
    if (!mime || *mime == "application/pdf")
        invalid(scope, "logo", N_("The logo must be a JPEG or PNG image. This file is of another type, whatever its name says."));

    files::BlobStore blobs(scope.cfg.files_dir);
    store_then_write(scope, blobs, file.data, [&](soci::session& s, const std::string& sha256) {
        store::set_logo(s, scope.tenant.id, org_id, sha256);
        record(s, scope, o, "logo.set", {},
               {{"mime", *mime}, {"size", file.data.size()}, {"sha256", sha256}});
    });
    // The previous logo's bytes, unless they are still someone's document or logo.
    drop_if_unused(scope, blobs, o.logo_sha256);
}

}  // namespace syn::registry
