#pragma once
// Pieces every requests use case shares: who the viewer is to a request, the staff scope check,
// the history line + audit entry of a change, and telling people about it (mail in Greek plus an
// in-app notification). For the service_*.cpp files only, not for pages.
#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/requests/model.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/store.hpp"
#include "platform/files/blob_store.hpp"
#include "platform/http/multipart.hpp"
#include "platform/web/scope.hpp"

namespace syn::requests::detail {

// Throws web::Invalid with one translated message at one field.
[[noreturn]] void invalid(const web::Scope& scope, const char* field, const char* msgid);

Day today(const web::Scope& scope);  // in Athens, by the scope's clock
// Open, and its deadline has passed (against `today` in Athens).
bool is_overdue(const Request& r, Day today);
// Sets r.overdue for each, against today in Athens.
void mark_overdue(const web::Scope& scope, std::vector<Request>& rs);
void mark_overdue(const web::Scope& scope, Request& r);

// Organisations the logged-in account administers (registry). Reads on its own connection: call
// it before a transaction, never inside one.
std::vector<std::int64_t> administered_organisations(const web::Scope& scope);
// The person who filed it, or an admin of the organisation it was filed for.
bool is_requester(const web::Scope& scope, const Request& r, const std::vector<std::int64_t>& admin_orgs);
// The same, reading the organisations only when the request has one (outside a transaction).
bool is_requester(const web::Scope& scope, const Request& r);

bool is_tenant_admin(const web::Scope& scope);
// The departments a member of staff answers for (their staff grants' units and the units below),
// and whether they supervise every department.
struct StaffScope {
    std::vector<std::int64_t> departments;
    bool supervisor = false;
};
StaffScope staff_scope(const web::Scope& scope);
// requests.handle on the request's department: staff of it or of a unit above it, supervisors,
// the tenant admin.
bool can_act(soci::session& s, const web::Scope& scope, const Request& r);
// Refuses unless can_act: NotFound for those who may not even read it, Forbidden for staff of
// other departments and auditors.
void require_act(soci::session& s, const web::Scope& scope, const Request& r);

// The request without the requester's personal data (name, e-mail, phone), for the public.
Request without_personal_data(Request r);

// One line of the request's history, by the acting account (none for a visitor).
std::int64_t add_history(soci::session& s, const web::Scope& scope, const Request& r, EntryKind kind,
                         std::optional<State> from, std::optional<State> to, const std::string& body, bool is_public,
                         const std::string& details_json = "{}");
// The audit entry of a decision (staff, or the requester's reopening): "requests.<action>",
// subject "request:<id>".
void audit_decision(soci::session& s, const web::Scope& scope, const Request& r, const std::string& action,
                    const std::string& details_json);

// The absolute address of a request's page, for mail.
std::string request_url(const web::Scope& scope, std::int64_t id);
// "/requests/<id>": the link of an in-app notification (a path inside the municipality).
std::string request_path(std::int64_t id);

// A message as its recipient reads it: written by `Compose` in their language.
struct Message {
    std::string subject, body;
};
using Compose = std::function<Message(const i18n::Tr& tr)>;

// Mails `email` (when not empty) and notifies `user_id` (when set) inside the transaction, in the
// account's language (Greek for an address without an account, such as a unit's mailbox). A bad
// address is skipped, not fatal: an Open311 reporter's typo must not undo a decision.
void tell(soci::session& s, const web::Scope& scope, std::optional<std::int64_t> user_id, const std::string& email,
          const Compose& compose, const std::string& link);
// The same in a language the caller knows (the person on the page right now).
void tell_in(soci::session& s, const web::Scope& scope, i18n::Lang lang, std::optional<std::int64_t> user_id,
             const std::string& email, const Compose& compose, const std::string& link);
// The requester (their account and the request's e-mail) and, for a request filed on behalf of
// an organisation, its other admins.
void tell_requester(soci::session& s, const web::Scope& scope, const Request& r, const Compose& compose);
// Whoever holds the request now: its assignee, or else its department's mailbox(es).
void tell_holder(soci::session& s, const web::Scope& scope, const Request& r, const Compose& compose);
// Every supporter of the request, except `except_user` (e.g. the requester, already told).
void tell_supporters(soci::session& s, const web::Scope& scope, const Request& r, const Compose& compose,
                     std::optional<std::int64_t> except_user = std::nullopt);

// A name in the viewer's language, English falling back to Greek.
std::string name_in(const web::Scope& scope, const std::string& el, const std::string& en);

// ---------------------------------------------------------------- uploads (service/uploads.cpp)
// Files people attach to a request, when filing it or adding information later.
inline constexpr std::size_t kMaxAttachments = 5;

struct CheckedFile {
    std::string filename, mime;
    const std::string* data = nullptr;
};

// The file parts that carry a file (an empty file input sends a part with no name and no bytes),
// each a PDF, JPEG or PNG of at most 20 MB, at most five, and only for a type that takes
// attachments; each problem goes into `e` under "attachments".
std::vector<CheckedFile> check_files(const web::Scope& scope, html::Errors& e, const RequestType& type,
                                     const std::vector<http::Part>& files);

// Blobs written for one change: removed again unless the transaction that refers to them
// committed. A blob that was on disk before (the same bytes filed elsewhere) is never removed.
class NewBlobs {
public:
    explicit NewBlobs(files::BlobStore& store) : store_(store) {}
    ~NewBlobs();
    NewBlobs(const NewBlobs&) = delete;
    NewBlobs& operator=(const NewBlobs&) = delete;
    std::string put(const std::string& data);
    void commit() { committed_ = true; }

private:
    files::BlobStore& store_;
    std::vector<std::string> fresh_;
    bool committed_ = false;
};

// Attachments of `request_id` for the checked files, stored as blobs in `blobs` (not yet in
// the database: add_attachment does that inside the transaction).
std::vector<Attachment> stored_attachments(NewBlobs& blobs, const std::vector<CheckedFile>& files, std::int64_t at);

}  // namespace syn::requests::detail
