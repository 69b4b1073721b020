// What citizens do with requests besides filing them: support someone else's public request
// ("me too"), and — as the requester — reopen it within the window or rate the answer.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "modules/registry/service.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/service/shared.hpp"
#include "modules/requests/store.hpp"
#include "platform/text/text.hpp"

namespace syn::requests {

namespace {

constexpr std::size_t kMaxRatingComment = 2000;
constexpr std::size_t kMaxInformation = 5000;

// The request, locked for the rest of the transaction, and whether the viewer is its requester
// (the person who filed it, or an admin of the organisation it was filed for: read in the same
// transaction, so one read answers both). NotFound when the viewer may not see it (someone
// else's private request).
struct Seen {
    Request r;
    bool mine = false;
};
Seen visible(soci::session& s, const web::Scope& scope, std::int64_t id) {
    auto r = store::by_id_for_update(s, scope.tenant.id, id);
    if (!r) throw web::NotFound();
    bool mine = r->requester_user_id && *r->requester_user_id == scope.principal.user_id;
    if (!mine && r->organisation_id)
        for (const auto& a : registry::organisation_admins(s, scope.tenant.id, *r->organisation_id))
            mine = mine || a.user_id == scope.principal.user_id;
    if (!mine && !scope.can(kPermRead) && (!r->is_public || r->merged_into_id)) throw web::NotFound();
    return {std::move(*r), mine};
}

}  // namespace

void support(const web::Scope& scope, std::int64_t id) {
    scope.require_login();
    scope.db.transact([&](soci::session& s) {
        const auto [r, mine] = visible(s, scope, id);
        if (mine) detail::invalid(scope, "support", N_("You cannot support your own request; you already follow it"));
        if (!r.is_public) detail::invalid(scope, "support", N_("Only public requests can be supported"));
        if (r.merged_into_id) detail::invalid(scope, "support", N_("This request was merged into another one; support that one instead"));
        if (!is_open(r.state)) detail::invalid(scope, "support", N_("This request is finished and can no longer be supported"));
        store::add_supporter(s, scope.tenant.id, id, scope.principal.user_id, scope.now());  // idempotent
    });
}

void unsupport(const web::Scope& scope, std::int64_t id) {
    scope.require_login();
    scope.db.transact([&](soci::session& s) {
        visible(s, scope, id);
        store::remove_supporter(s, scope.tenant.id, id, scope.principal.user_id);  // idempotent
    });
}

void reopen(const web::Scope& scope, std::int64_t id) {
    scope.require_login();
    scope.db.transact([&](soci::session& s) {
        auto [r, mine] = visible(s, scope, id);
        if (!mine) throw web::Forbidden();
        if (r.merged_into_id) detail::invalid(scope, "event", N_("This request was merged into another one; act on that one instead"));
        // Taking a request back is final: the person files a new one if the problem returns.
        if (withdrawn(store::events(s, scope.tenant.id, id, true)))
            detail::invalid(scope, "event", N_("You withdrew this request, so it cannot be reopened. Make a new request instead."));
        TransitionInput in;
        in.actor = Actor::Requester;
        in.now = scope.now();
        in.finished_at = r.finished_at;
        in.reopen_days = static_cast<int>(scope.cfg.requests_reopen_days);
        const auto t = next(r.state, Event::Reopen, in);
        if (!t.ok) detail::invalid(scope, "event", t.refusal);
        const State from = r.state;
        r.state = t.to;
        r.finished_at.reset();
        r.closed_at.reset();
        r.updated_at = in.now;
        store::update_workflow(s, r);
        const nlohmann::json details{{"from", state_code(from)}, {"to", state_code(t.to)}};
        detail::add_history(s, scope, r, EntryKind::Reopen, from, t.to, "", true, details.dump());
        // A reopened request changes state as a staff decision does, so it is audited the same way.
        detail::audit_decision(s, scope, r, "reopen", details.dump());

        // Whoever holds the request hears that it is back.
        const auto compose = [&](const i18n::Tr& tr) {
            return detail::Message{tr.tf("Request reopened: «{}»", r.title),
                                   tr.tf("The requester reopened the request «{}» (number {}); it is in progress again.", r.title, r.id) +
                                       "\n\n" + tr.tf("Open it in the back office: {}", scope.absolute_url("/admin/requests/" + std::to_string(r.id))) +
                                       "\n"};
        };
        detail::tell_holder(s, scope, r, compose);
    });
}

void rate(const web::Scope& scope, std::int64_t id, int rating, const std::string& comment_in) {
    scope.require_login();
    const std::string comment = text::trim(comment_in);
    html::Errors e(scope.tr);
    if (rating < 1 || rating > 5) e.add("rating", scope.tr("Choose a rating from 1 to 5"));
    if (!text::valid_utf8_text(comment) || text::characters(comment) > kMaxRatingComment)
        e.add("comment", scope.tr("The comment must be 2,000 characters or fewer"));
    scope.db.transact([&](soci::session& s) {
        auto [r, mine] = visible(s, scope, id);
        if (!mine) throw web::Forbidden();
        if (!e.empty()) throw web::Invalid(std::move(e));
        if (!r.resolved_at || (r.state != State::Resolved && r.state != State::Closed))
            detail::invalid(scope, "rating", N_("You can rate the answer once the request has been resolved"));
        if (r.rating) detail::invalid(scope, "rating", N_("You have already rated the answer to this request"));
        const std::int64_t at = scope.now();
        store::set_rating(s, scope.tenant.id, id, rating, comment, at);
        r.rating = rating;
        detail::add_history(s, scope, r, EntryKind::Rating, std::nullopt, std::nullopt, comment, true,
                            nlohmann::json{{"rating", rating}}.dump());
    });
}

bool withdrawn(const std::vector<HistoryEntry>& history) {
    return std::any_of(history.begin(), history.end(), [](const HistoryEntry& h) { return h.kind == EntryKind::Withdrawal; });
}

bool withdrawable(const std::vector<HistoryEntry>& history, State state) {
    if (state != State::Submitted) return false;
    return std::all_of(history.begin(), history.end(), [](const HistoryEntry& h) {
        return h.kind == EntryKind::Submitted || h.kind == EntryKind::Information;
    });
}

void withdraw(const web::Scope& scope, std::int64_t id, const std::string& reason_in) {
    scope.require_login();
    const std::string reason = text::trim(reason_in);
    if (!text::valid_utf8_text(reason) || text::characters(reason) > kMaxRatingComment)
        detail::invalid(scope, "reason", N_("The reason must be 2,000 characters or fewer"));
    scope.db.transact([&](soci::session& s) {
        auto [r, mine] = visible(s, scope, id);
        if (!mine) throw web::Forbidden();
        if (r.merged_into_id) detail::invalid(scope, "actions", N_("This request was merged into another one; act on that one instead"));
        if (!withdrawable(store::events(s, scope.tenant.id, id, false), r.state))
            detail::invalid(scope, "actions", N_("The municipality has already started working on this request, so it can no longer be withdrawn. You can add information to it instead, or ask for it to be closed."));
        const State from = r.state;
        const auto now = scope.now();
        r.state = State::Closed;
        r.finished_at = now;
        r.closed_at = now;
        r.updated_at = now;
        store::update_workflow(s, r);
        const nlohmann::json details{{"from", state_code(from)}, {"to", state_code(r.state)}};
        detail::add_history(s, scope, r, EntryKind::Withdrawal, from, r.state, reason, true, details.dump());
        detail::audit_decision(s, scope, r, "withdraw", details.dump());
        detail::tell_holder(s, scope, r, [&](const i18n::Tr& tr) {
            std::string body = tr.tf("The requester withdrew the request «{}» (number {}); it is closed.", r.title, r.id) + "\n\n";
            if (!reason.empty()) body += tr.tf("Their reason: {}", reason) + "\n\n";
            body += tr.tf("Open it in the back office: {}", scope.absolute_url("/admin/requests/" + std::to_string(r.id))) + "\n";
            return detail::Message{tr.tf("Request withdrawn: «{}»", r.title), body};
        });
    });
}

void add_information(const web::Scope& scope, std::int64_t id, const std::string& text_in, const std::vector<http::Part>& files) {
    scope.require_login();
    const std::string added = text::trim(text_in);
    html::Errors e(scope.tr);
    if (!text::valid_utf8_text(added) || text::characters(added) > kMaxInformation)
        e.add("information", scope.tr("The information must be 5,000 characters or fewer"));
    // The type decides which files it takes, as when the request was filed.
    const auto type = scope.db.read([&](soci::session& s) -> std::optional<RequestType> {
        const auto r = store::by_id(s, scope.tenant.id, id);
        if (!r) throw web::NotFound();
        return store::type_by_id(s, scope.tenant.id, r->type_id);
    });
    std::vector<detail::CheckedFile> checked;
    if (type) checked = detail::check_files(scope, e, *type, files);
    if (e.empty() && added.empty() && checked.empty()) e.add("information", scope.tr("Write the information, or attach a file"));
    if (!e.empty()) throw web::Invalid(std::move(e));

    files::BlobStore blobs(scope.cfg.files_dir);
    detail::NewBlobs fresh(blobs);
    const auto at = scope.now();
    auto attachments = detail::stored_attachments(fresh, checked, at);
    scope.db.transact([&](soci::session& s) {
        auto [r, mine] = visible(s, scope, id);
        if (!mine) throw web::Forbidden();
        if (r.merged_into_id) detail::invalid(scope, "actions", N_("This request was merged into another one; act on that one instead"));
        if (!is_open(r.state))
            detail::invalid(scope, "actions", N_("This request is finished, so information can no longer be added. Reopen it first if the outcome does not satisfy you."));
        nlohmann::json names = nlohmann::json::array();
        for (auto& a : attachments) {
            a.request_id = id;
            a.id = store::add_attachment(s, scope.tenant.id, a, scope.principal.user_id);
            names.push_back(a.filename);
        }
        detail::add_history(s, scope, r, EntryKind::Information, std::nullopt, std::nullopt, added, true,
                            nlohmann::json{{"attachments", names}}.dump());
        r.updated_at = at;
        store::update_workflow(s, r);
        detail::tell_holder(s, scope, r, [&](const i18n::Tr& tr) {
            std::string body = tr.tf("The requester added information to the request «{}» (number {}).", r.title, r.id) + "\n\n";
            if (!added.empty()) body += added + "\n\n";
            if (!names.empty()) body += tr.tn("{} file attached.", "{} files attached.", static_cast<long>(names.size())) + "\n\n";
            body += tr.tf("Open it in the back office: {}", scope.absolute_url("/admin/requests/" + std::to_string(r.id))) + "\n";
            return detail::Message{tr.tf("New information on «{}»", r.title), body};
        });
    });
    fresh.commit();
}

}  // namespace syn::requests
