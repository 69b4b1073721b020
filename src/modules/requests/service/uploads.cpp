#include "modules/requests/service/shared.hpp"

#include "platform/auth/crypto.hpp"
#include "platform/files/filename.hpp"
#include "platform/files/sniff.hpp"

namespace syn::requests::detail {

// The file parts that carry a file (an empty file input sends a part with no name and no bytes).
std::vector<CheckedFile> check_files(const web::Scope& scope, html::Errors& e, const RequestType& type,
                                     const std::vector<http::Part>& files) {
    std::vector<CheckedFile> out;
    std::vector<const http::Part*> chosen;
    for (const auto& p : files)
        if (p.filename && !(p.filename->empty() && p.data.empty())) chosen.push_back(&p);
    if (chosen.empty()) return out;
    if (!type.takes_attachments) {
        e.add("attachments", scope.tr("This type of request does not take attachments"));
        return out;
    }
    if (chosen.size() > kMaxAttachments) {
        e.add("attachments", scope.tr("Attach at most 5 files"));
        return out;
    }
    for (const auto* p : chosen) {
        const std::string name = files::safe_filename(*p->filename);
        if (p->data.empty()) {
            e.add("attachments", scope.tr.tf("The file «{}» is empty", name));
            continue;
        }
        if (p->data.size() > files::kMaxDocumentBytes) {
            e.add("attachments", scope.tr.tf("The file «{}» is larger than 20 MB", name));
            continue;
        }
        auto mime = files::accepted_document_type(p->data);
        if (!mime) {
            e.add("attachments",
                  scope.tr.tf("The file «{}» must be a PDF, JPEG or PNG document. It is of another type, whatever its name says.", name));
            continue;
        }
        out.push_back({files::document_filename(*p->filename, *mime), *mime, &p->data});
    }
    return out;
}

NewBlobs::~NewBlobs() {
    if (committed_) return;
    for (const auto& h : fresh_) {
        try {
            store_.remove(h);
        } catch (...) {
            // An orphan blob is harmless: nothing serves it without a row.
        }
    }
}

std::string NewBlobs::put(const std::string& data) {
    const std::string hash = auth::sha256_hex(data);
    const bool existed = store_.exists(hash);
    const auto blob = store_.put(data);
    if (!existed) fresh_.push_back(blob.sha256);
    return blob.sha256;
}

std::vector<Attachment> stored_attachments(NewBlobs& blobs, const std::vector<CheckedFile>& files, std::int64_t at) {
    std::vector<Attachment> out;
    for (const auto& f : files) {
        Attachment a;
        a.filename = f.filename;
        a.mime = f.mime;
        a.size = static_cast<std::int64_t>(f.data->size());
        a.created_at = at;
        a.sha256 = blobs.put(*f.data);
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace syn::requests::detail
