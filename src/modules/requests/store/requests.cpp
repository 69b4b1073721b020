// SQL for single requests: insert (also in bulk), read, workflow and rating updates, history,
// attachments and supporters. The lists (queue, public list, statistics) are in store/lists.cpp.
#include "modules/requests/store.hpp"
#include "platform/cache/changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "modules/requests/rules.hpp"
#include "modules/requests/store/shared.hpp"
#include "platform/db/native.hpp"
#include "platform/db/row.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/text/codes.hpp"
#include "platform/text/search.hpp"

namespace syn::requests::store {

namespace detail {

namespace {
constexpr std::array<const char*, 3> kSourceCodes{"web", "api", "open311"};
constexpr std::array<const char*, 10> kKindCodes{"submitted", "transition", "assignment", "note",       "reply",
                                                 "merge",     "rating",     "reopen",     "withdrawal", "information"};
}  // namespace

const char* source_code(Source s) { return text::code_of(kSourceCodes, s); }
Source parse_source(const std::string& code) { return text::parse_code<Source>(kSourceCodes, code).value_or(Source::Web); }
const char* kind_code(EntryKind k) { return text::code_of(kKindCodes, k); }
EntryKind parse_kind(const std::string& code) { return text::parse_code<EntryKind>(kKindCodes, code).value_or(EntryKind::Note); }

const char* const kRequestColumns =
    "r.id, r.municipality_id, r.type_id, COALESCE(t.code, ''), r.department_id, r.assignee_user_id, "
    "COALESCE(u.display_name, ''), r.requester_user_id, r.organisation_id, COALESCE(o.official_name, ''), r.requester_name, "
    "r.requester_email, r.requester_phone, r.title, r.description, r.address, r.postal_code, r.latitude, r.longitude, "
    "r.is_public, r.state, r.source, r.submitted_at, r.updated_at, r.first_response_at, r.resolved_at, r.finished_at, "
    "r.closed_at, r.due_day, r.status_note, r.merged_into_id, r.rating, r.rating_comment, r.supporters, r.area";
// LEFT JOINs keep the requests row the outer loop, so the planner drives from its indexes.
const char* const kRequestFrom =
    " FROM requests r LEFT JOIN request_types t ON t.id = r.type_id LEFT JOIN users u ON u.id = r.assignee_user_id "
    "LEFT JOIN organisations o ON o.id = r.organisation_id";

void RequestBinding::exchange(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(municipality_id));
    st.exchange(soci::into(type_id));
    st.exchange(soci::into(type_code));
    st.exchange(soci::into(department_id));
    st.exchange(soci::into(assignee, assignee_i));
    st.exchange(soci::into(assignee_name));
    st.exchange(soci::into(requester, requester_i));
    st.exchange(soci::into(organisation, organisation_i));
    st.exchange(soci::into(organisation_name));
    st.exchange(soci::into(requester_name));
    st.exchange(soci::into(requester_email));
    st.exchange(soci::into(requester_phone));
    st.exchange(soci::into(title));
    st.exchange(soci::into(description));
    st.exchange(soci::into(address));
    st.exchange(soci::into(postal_code));
    st.exchange(soci::into(lat, lat_i));
    st.exchange(soci::into(lng, lng_i));
    st.exchange(soci::into(is_public));
    st.exchange(soci::into(state));
    st.exchange(soci::into(source));
    st.exchange(soci::into(submitted));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(first_response, first_response_i));
    st.exchange(soci::into(resolved, resolved_i));
    st.exchange(soci::into(finished, finished_i));
    st.exchange(soci::into(closed, closed_i));
    st.exchange(soci::into(due_day));
    st.exchange(soci::into(status_note));
    st.exchange(soci::into(merged_into, merged_into_i));
    st.exchange(soci::into(rating, rating_i));
    st.exchange(soci::into(rating_comment));
    st.exchange(soci::into(supporters));
    st.exchange(soci::into(area));
}

Request RequestBinding::current() const {
    auto opt = [](soci::indicator i, long long v) { return i == soci::i_ok ? std::optional<std::int64_t>(v) : std::nullopt; };
    Request r;
    r.id = id;
    r.municipality_id = municipality_id;
    r.type_id = type_id;
    r.type_code = type_code;
    r.department_id = department_id;
    r.assignee_user_id = opt(assignee_i, assignee);
    r.assignee_name = assignee_name;
    r.requester_user_id = opt(requester_i, requester);
    r.organisation_id = opt(organisation_i, organisation);
    r.organisation_name = organisation_name;
    r.requester_name = requester_name;
    r.requester_email = requester_email;
    r.requester_phone = requester_phone;
    r.title = title;
    r.description = description;
    r.location.address = address;
    r.location.postal_code = postal_code;
    r.location.area = area;
    if (lat_i == soci::i_ok && lng_i == soci::i_ok) {
        r.location.latitude = lat;
        r.location.longitude = lng;
    }
    r.is_public = is_public != 0;
    r.state = parse_state(state).value_or(State::Submitted);
    r.source = parse_source(source);
    r.submitted_at = submitted;
    r.updated_at = updated;
    r.first_response_at = opt(first_response_i, first_response);
    r.resolved_at = opt(resolved_i, resolved);
    r.finished_at = opt(finished_i, finished);
    r.closed_at = opt(closed_i, closed);
    if (auto d = i18n::parse_iso_day(due_day)) r.due = *d;
    r.status_note = status_note;
    r.merged_into_id = opt(merged_into_i, merged_into);
    if (rating_i == soci::i_ok) r.rating = rating;
    r.rating_comment = rating_comment;
    r.supporters = supporters;
    return r;
}

bool is_postgres(soci::session& s) { return s.get_backend_name() == "postgresql"; }

}  // namespace detail

using namespace detail;

namespace {

cache::Topic g_requests{"requests.requests"};
void changed() { g_requests.changed(); }

soci::indicator ind(bool present) { return present ? soci::i_ok : soci::i_null; }

// The bound values of one INSERT INTO requests.
struct InsertValues {
    long long mid = 0, type = 0, dept = 0, assignee = 0, requester = 0, org = 0, submitted = 0, updated = 0,
              first_response = 0, resolved = 0, finished = 0, closed = 0, merged_into = 0, rated_at = 0, id = 0;
    std::string area;
    std::string requester_name, requester_email, requester_phone, title, description, address, postal, state, source, due,
        status_note, rating_comment, token, search;
    double lat = 0, lng = 0;
    int is_public = 1, rating = 0, supporters = 0;
    soci::indicator assignee_i = soci::i_null, requester_i = soci::i_null, org_i = soci::i_null, lat_i = soci::i_null,
                    lng_i = soci::i_null, first_response_i = soci::i_null, resolved_i = soci::i_null, finished_i = soci::i_null,
                    closed_i = soci::i_null, merged_i = soci::i_null, rating_i = soci::i_null, rated_i = soci::i_null,
                    token_i = soci::i_null;

    void fill(const Request& r, const NewRequestExtras& x) {
        mid = r.municipality_id;
        type = r.type_id;
        dept = r.department_id;
        assignee = r.assignee_user_id.value_or(0);
        assignee_i = ind(r.assignee_user_id.has_value());
        requester = r.requester_user_id.value_or(0);
        requester_i = ind(r.requester_user_id.has_value());
        org = r.organisation_id.value_or(0);
        org_i = ind(r.organisation_id.has_value());
        requester_name = r.requester_name;
        requester_email = r.requester_email;
        requester_phone = r.requester_phone;
        title = r.title;
        description = r.description;
        address = r.location.address;
        postal = r.location.postal_code;
        area = r.location.area;
        const bool located = r.location.latitude && r.location.longitude;
        lat = located ? *r.location.latitude : 0;
        lng = located ? *r.location.longitude : 0;
        lat_i = lng_i = ind(located);
        is_public = r.is_public ? 1 : 0;
        state = state_code(r.state);
        source = source_code(r.source);
        submitted = r.submitted_at;
        updated = r.updated_at ? r.updated_at : r.submitted_at;
        auto set = [](long long& v, soci::indicator& i, const std::optional<std::int64_t>& o) {
            v = o.value_or(0);
            i = ind(o.has_value());
        };
        set(first_response, first_response_i, r.first_response_at);
        set(resolved, resolved_i, r.resolved_at);
        set(finished, finished_i, r.finished_at);
        set(closed, closed_i, r.closed_at);
        set(merged_into, merged_i, r.merged_into_id);
        due = i18n::iso_day(r.due);
        status_note = r.status_note;
        rating = r.rating.value_or(0);
        rating_i = ind(r.rating.has_value());
        rated_at = updated;
        rated_i = rating_i;
        rating_comment = r.rating_comment;
        supporters = r.supporters;
        token = x.open311_token;
        token_i = ind(!x.open311_token.empty());
        search = x.search_text;
    }
};

constexpr const char* kInsertSql =
    "INSERT INTO requests (municipality_id, type_id, department_id, assignee_user_id, requester_user_id, organisation_id, "
    "requester_name, requester_email, requester_phone, title, description, address, postal_code, latitude, longitude, is_public, "
    "state, source, submitted_at, updated_at, first_response_at, resolved_at, finished_at, closed_at, due_day, status_note, "
    "merged_into_id, rating, rating_comment, rated_at, supporters, open311_token, search_text, area) VALUES (:mid, :type, :dept, "
    ":assignee, :requester, :org, :rname, :remail, :rphone, :title, :descr, :addr, :postal, :lat, :lng, :pub, :state, :source, "
    ":submitted, :updated, :fr, :resolved, :finished, :closed, :due, :note, :merged, :rating, :rcomment, :rated, :supporters, "
    ":token, :search, :area)";

struct EventValues {
    long long mid = 0, rid = 0, actor = 0, at = 0, id = 0;
    std::string kind, from, to, body, details;
    int is_public = 0;
    soci::indicator actor_i = soci::i_null;

    void fill(std::int64_t municipality_id, std::int64_t request_id, const HistoryEntry& h, const std::string& d) {
        mid = municipality_id;
        rid = request_id;
        kind = kind_code(h.kind);
        from = h.from ? state_code(*h.from) : "";
        to = h.to ? state_code(*h.to) : "";
        body = h.body;
        details = d.empty() ? "{}" : d;
        is_public = h.is_public ? 1 : 0;
        actor = h.actor_user_id.value_or(0);
        actor_i = ind(h.actor_user_id.has_value());
        at = h.at;
    }
};

constexpr const char* kEventSql =
    "INSERT INTO request_events (request_id, municipality_id, kind, from_state, to_state, body, details, is_public, "
    "actor_user_id, at) VALUES (:rid, :mid, :kind, :from, :to, :body, :details, :pub, :actor, :at)";

std::optional<Request> one(soci::session& s, std::int64_t municipality_id, std::int64_t id, bool for_update) {
    RequestBinding row;
    soci::statement st(s);
    row.exchange(st);
    long long m = municipality_id, k = id;
    st.exchange(soci::use(m, "mid"));
    st.exchange(soci::use(k, "id"));
    st.alloc();
    // FOR UPDATE OF r: only the request row is locked, not the joined type, user or organisation.
    st.prepare(std::string("SELECT ") + kRequestColumns + kRequestFrom + " WHERE r.municipality_id = :mid AND r.id = :id" +
               (for_update && is_postgres(s) ? " FOR UPDATE OF r" : ""));
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.current();
}

}  // namespace

// ---------------------------------------------------------------- bulk writer

struct BulkWriter::Impl {
    soci::session& s;
    const bool pg;
    InsertValues v;
    EventValues e;
    soci::statement insert, event;

    explicit Impl(soci::session& session)
        : s(session),
          pg(is_postgres(session)),
          insert((s.prepare << with_id(pg, kInsertSql), soci::use(v.mid), soci::use(v.type), soci::use(v.dept),
                  soci::use(v.assignee, v.assignee_i), soci::use(v.requester, v.requester_i), soci::use(v.org, v.org_i),
                  soci::use(v.requester_name), soci::use(v.requester_email), soci::use(v.requester_phone), soci::use(v.title),
                  soci::use(v.description), soci::use(v.address), soci::use(v.postal), soci::use(v.lat, v.lat_i),
                  soci::use(v.lng, v.lng_i), soci::use(v.is_public), soci::use(v.state), soci::use(v.source),
                  soci::use(v.submitted), soci::use(v.updated), soci::use(v.first_response, v.first_response_i),
                  soci::use(v.resolved, v.resolved_i), soci::use(v.finished, v.finished_i), soci::use(v.closed, v.closed_i),
                  soci::use(v.due), soci::use(v.status_note), soci::use(v.merged_into, v.merged_i), soci::use(v.rating, v.rating_i),
                  soci::use(v.rating_comment), soci::use(v.rated_at, v.rated_i), soci::use(v.supporters),
                  soci::use(v.token, v.token_i), soci::use(v.search), soci::use(v.area), soci::into(v.id))),
          event((s.prepare << with_id(pg, kEventSql), soci::use(e.rid), soci::use(e.mid), soci::use(e.kind), soci::use(e.from),
                 soci::use(e.to), soci::use(e.body), soci::use(e.details), soci::use(e.is_public), soci::use(e.actor, e.actor_i),
                 soci::use(e.at), soci::into(e.id))) {}

    // Runs an insert and gives its new row's id. SQLite answers RETURNING through a temporary
    // table opened and closed per row (a tenth of these small inserts, which Open311 POSTs make
    // one after another inside a shared commit); its connection's last rowid is the same id.
    static std::string with_id(bool pg, const char* sql) { return std::string(sql) + (pg ? " RETURNING id" : ""); }
    long long run(soci::statement& st, long long& returned) {
        st.execute(true);
        db::finish(s, st);
        if (pg) return returned;
        long long id = 0;
        s.get_last_insert_id("", id);
        return id;
    }
};

BulkWriter::BulkWriter(soci::session& s)
    : impl_(&db::per_connection<Impl>(s, "requests.bulk_writer", [&] { return std::make_unique<Impl>(s); })) {}

std::int64_t BulkWriter::insert_request(Request& r, const NewRequestExtras& extras) {
    changed();
    impl_->v.fill(r, extras);
    r.id = impl_->run(impl_->insert, impl_->v.id);
    return r.id;
}

std::int64_t BulkWriter::add_event(std::int64_t municipality_id, std::int64_t request_id, const HistoryEntry& h,
                                   const std::string& details) {
    impl_->e.fill(municipality_id, request_id, h, details);
    return impl_->run(impl_->event, impl_->e.id);
}

// ---------------------------------------------------------------- single rows

std::uint64_t generation() { return g_requests.generation(); }

std::int64_t insert_request(soci::session& s, Request& r, const NewRequestExtras& extras) {
    BulkWriter w(s);
    const auto id = w.insert_request(r, extras);
    index_new_requests(s);
    return id;
}

// The index is complete up to its highest rowid: SQLite has one writer at a time and gives a new
// row the next id, and requests are never deleted, so the requests above it are exactly the ones
// not yet indexed (a rolled-back id is simply used again).
namespace {
long long highest_indexed(soci::session& s) {
    long long id = 0;
    s << "SELECT COALESCE((SELECT rowid FROM request_search ORDER BY rowid DESC LIMIT 1), 0)", soci::into(id);
    return id;
}
}  // namespace

std::size_t unindexed_requests(soci::session& s) {
    if (is_postgres(s)) return 0;
    long long newest = 0;
    s << "SELECT COALESCE(MAX(id), 0) FROM requests", soci::into(newest);
    return static_cast<std::size_t>(std::max(0LL, newest - highest_indexed(s)));
}

std::size_t index_new_requests(soci::session& s, std::optional<std::size_t> at_most) {
    if (is_postgres(s)) return 0;
    long long indexed = highest_indexed(s);
    long long limit = at_most ? static_cast<long long>(*at_most) : -1;  // a negative LIMIT is none in SQLite
    long long id = 0;
    std::string stored;
    soci::statement read = (s.prepare << "SELECT id, search_text FROM requests WHERE id > :indexed ORDER BY id LIMIT :limit",
                            soci::use(indexed), soci::use(limit), soci::into(id), soci::into(stored));
    std::vector<std::pair<long long, std::string>> rows;
    read.execute();
    while (read.fetch()) {
        if (stored.empty()) break;  // its text is still to be refilled: the index stays complete up to its highest rowid
        rows.emplace_back(id, stored);
    }
    std::string words, stems, parts, sounds;
    soci::statement add = (s.prepare << "INSERT INTO request_search (rowid, words, stems, parts, sounds) VALUES (:id, :w, :s, :p, :n)",
                           soci::use(id), soci::use(words), soci::use(stems), soci::use(parts), soci::use(sounds));
    for (const auto& [row_id, text] : rows) {
        const auto sections = text::search_sections(text);
        id = row_id;
        words = sections[0], stems = sections[1], parts = sections[2], sounds = sections[3];
        add.execute(true);
    }
    if (!rows.empty()) changed();  // cached searches may now find more
    return rows.size();
}

std::size_t refill_search_texts(soci::session& s, std::size_t at_most) {
    std::vector<std::int64_t> ids;
    long long id = 0, limit = static_cast<long long>(at_most);
    soci::statement st = (s.prepare << "SELECT id FROM requests WHERE search_text = '' ORDER BY id LIMIT :limit", soci::use(limit),
                          soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    if (ids.empty()) return 0;
    db::Filter f(s);
    std::string list;
    for (auto i : ids) list += (list.empty() ? "" : ", ") + std::to_string(i);  // integers we read
    f.where("r.id IN (" + list + ")");
    std::string text;
    soci::statement set = (s.prepare << "UPDATE requests SET search_text = :t WHERE id = :id", soci::use(text), soci::use(id));
    for (const auto& r : detail::fetch(s, f, " ORDER BY r.id")) {
        text = request_search_text(r);
        id = r.id;
        set.execute(true);
    }
    changed();
    return ids.size();
}

std::int64_t insert_request(soci::session& s, Request& r, const std::string& search_text) {
    return insert_request(s, r, NewRequestExtras{search_text, ""});
}

std::int64_t add_event(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, const HistoryEntry& h,
                       const std::string& details) {
    return BulkWriter(s).add_event(municipality_id, request_id, h, details);
}

std::vector<HistoryEntry> events(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, bool public_only) {
    std::vector<HistoryEntry> out;
    long long mid = municipality_id, rid = request_id, id = 0, actor = 0, at = 0;
    std::string kind, from, to, body, actor_name;
    int pub = 0;
    soci::indicator actor_i = soci::i_ok;
    soci::statement st = (s.prepare << std::string("SELECT e.id, e.kind, e.from_state, e.to_state, e.body, e.is_public, e.actor_user_id, "
                                                   "COALESCE(u.display_name, ''), e.at FROM request_events e LEFT JOIN users u ON "
                                                   "u.id = e.actor_user_id WHERE e.municipality_id = :mid AND e.request_id = :rid") +
                                           (public_only ? " AND e.is_public = 1" : "") + " ORDER BY e.id",
                          soci::use(mid), soci::use(rid), soci::into(id), soci::into(kind), soci::into(from), soci::into(to),
                          soci::into(body), soci::into(pub), soci::into(actor, actor_i), soci::into(actor_name), soci::into(at));
    st.execute();
    while (st.fetch()) {
        HistoryEntry h;
        h.id = id;
        h.kind = parse_kind(kind);
        h.from = parse_state(from);
        h.to = parse_state(to);
        h.body = body;
        h.is_public = pub != 0;
        if (actor_i == soci::i_ok) h.actor_user_id = actor;
        h.actor_name = actor_name;
        h.at = at;
        out.push_back(std::move(h));
    }
    return out;
}

std::optional<Request> by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id) {
    return one(s, municipality_id, id, false);
}

std::optional<Request> by_id_for_update(soci::session& s, std::int64_t municipality_id, std::int64_t id) {
    return one(s, municipality_id, id, true);
}

std::optional<std::int64_t> id_by_token(soci::session& s, std::int64_t municipality_id, std::string_view token) {
    long long mid = municipality_id, id = 0;
    std::string t(token);
    soci::indicator i = soci::i_null;
    s << "SELECT id FROM requests WHERE municipality_id = :mid AND open311_token = :t", soci::use(mid), soci::use(t), soci::into(id, i);
    if (!s.got_data() || i != soci::i_ok) return std::nullopt;
    return id;
}

std::vector<std::int64_t> open_assigned_to(soci::session& s, std::int64_t municipality_id, std::int64_t user_id) {
    long long m = municipality_id, u = user_id;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT id FROM requests WHERE municipality_id = :m AND assignee_user_id = :u "
                                               "AND state NOT IN ('resolved', 'rejected', 'closed') ORDER BY id",
                                  soci::use(m), soci::use(u));
    std::vector<std::int64_t> out;
    for (const auto& r : rs) out.push_back(db::get_int(r, 0));
    return out;
}

void update_workflow(soci::session& s, const Request& r) {
    changed();
    long long mid = r.municipality_id, id = r.id, dept = r.department_id, updated = r.updated_at;
    long long assignee = r.assignee_user_id.value_or(0), fr = r.first_response_at.value_or(0), resolved = r.resolved_at.value_or(0),
              finished = r.finished_at.value_or(0), closed = r.closed_at.value_or(0), merged = r.merged_into_id.value_or(0);
    soci::indicator assignee_i = ind(r.assignee_user_id.has_value()), fr_i = ind(r.first_response_at.has_value()),
                    resolved_i = ind(r.resolved_at.has_value()), finished_i = ind(r.finished_at.has_value()),
                    closed_i = ind(r.closed_at.has_value()), merged_i = ind(r.merged_into_id.has_value());
    std::string state = state_code(r.state), note = r.status_note;
    // The search text carries the state, department and merge as filter tokens (rules.hpp), so it
    // follows them; an emptied text stays empty for the refill job.
    std::string old_search;
    s << "SELECT search_text FROM requests WHERE id = :id", soci::use(id), soci::into(old_search);
    std::string search = old_search.empty() ? std::string() : request_search_text(r);
    s << "UPDATE requests SET department_id = :dept, assignee_user_id = :assignee, state = :state, updated_at = :updated, "
         "first_response_at = :fr, resolved_at = :resolved, finished_at = :finished, closed_at = :closed, status_note = :note, "
         "merged_into_id = :merged, search_text = :search WHERE municipality_id = :mid AND id = :id",
        soci::use(dept), soci::use(assignee, assignee_i), soci::use(state), soci::use(updated), soci::use(fr, fr_i),
        soci::use(resolved, resolved_i), soci::use(finished, finished_i), soci::use(closed, closed_i), soci::use(note),
        soci::use(merged, merged_i), soci::use(search), soci::use(mid), soci::use(id);
    // SQLite's index holds the requests up to the highest it indexed; later ones get their
    // current text when index_new_requests() reaches them.
    if (!is_postgres(s) && search != old_search && id <= highest_indexed(s)) db::write_full_text(s, kRequestSearch, id, old_search, search);
}

void set_rating(soci::session& s, std::int64_t municipality_id, std::int64_t id, int rating, const std::string& comment,
                std::int64_t at) {
    changed();
    long long mid = municipality_id, i = id, t = at;
    int r = rating;
    std::string c = comment;
    s << "UPDATE requests SET rating = :rating, rating_comment = :comment, rated_at = :at, updated_at = :at2 "
         "WHERE municipality_id = :mid AND id = :id",
        soci::use(r), soci::use(c), soci::use(t), soci::use(t), soci::use(mid), soci::use(i);
}

// ---------------------------------------------------------------- attachments

std::int64_t add_attachment(soci::session& s, std::int64_t municipality_id, const Attachment& a,
                            std::optional<std::int64_t> uploaded_by) {
    long long mid = municipality_id, rid = a.request_id, size = a.size, at = a.created_at, by = uploaded_by.value_or(0), id = 0;
    soci::indicator by_i = ind(uploaded_by.has_value());
    std::string name = a.filename, mime = a.mime, sha = a.sha256;
    s << "INSERT INTO request_attachments (request_id, municipality_id, filename, mime, size, sha256, uploaded_by, created_at) "
         "VALUES (:rid, :mid, :name, :mime, :size, :sha, :by, :at) RETURNING id",
        soci::use(rid), soci::use(mid), soci::use(name), soci::use(mime), soci::use(size), soci::use(sha), soci::use(by, by_i),
        soci::use(at), soci::into(id);
    return id;
}

namespace {

std::vector<Attachment> attachments_where(soci::session& s, std::int64_t municipality_id, std::int64_t request_id,
                                          std::optional<std::int64_t> attachment_id) {
    std::vector<Attachment> out;
    Attachment a;
    long long mid = municipality_id, rid = request_id, aid = attachment_id.value_or(0), id = 0, size = 0, at = 0;
    soci::statement st = (s.prepare << std::string("SELECT id, filename, mime, size, sha256, created_at FROM request_attachments "
                                                   "WHERE municipality_id = :mid AND request_id = :rid") +
                                           (attachment_id ? " AND id = :aid" : " AND id <> :aid") + " ORDER BY id",
                          soci::use(mid), soci::use(rid), soci::use(aid), soci::into(id), soci::into(a.filename), soci::into(a.mime),
                          soci::into(size), soci::into(a.sha256), soci::into(at));
    st.execute();
    while (st.fetch()) {
        a.id = id;
        a.request_id = request_id;
        a.size = size;
        a.created_at = at;
        out.push_back(a);
    }
    return out;
}

}  // namespace

std::vector<Attachment> attachments(soci::session& s, std::int64_t municipality_id, std::int64_t request_id) {
    return attachments_where(s, municipality_id, request_id, std::nullopt);
}

std::optional<Attachment> attachment(soci::session& s, std::int64_t municipality_id, std::int64_t request_id,
                                     std::int64_t attachment_id) {
    auto v = attachments_where(s, municipality_id, request_id, attachment_id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

// ---------------------------------------------------------------- supporters

bool add_supporter(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, std::int64_t user_id,
                   std::int64_t at) {
    long long mid = municipality_id, rid = request_id, uid = user_id, t = at;
    soci::statement st = (s.prepare << "INSERT INTO request_supporters (request_id, municipality_id, user_id, created_at) "
                                       "VALUES (:rid, :mid, :uid, :at) ON CONFLICT (request_id, user_id) DO NOTHING",
                          soci::use(rid), soci::use(mid), soci::use(uid), soci::use(t));
    st.execute(true);
    if (st.get_affected_rows() == 0) return false;
    changed();
    s << "UPDATE requests SET supporters = supporters + 1 WHERE municipality_id = :mid AND id = :rid", soci::use(mid), soci::use(rid);
    return true;
}

bool remove_supporter(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, std::int64_t user_id) {
    long long mid = municipality_id, rid = request_id, uid = user_id;
    soci::statement st = (s.prepare << "DELETE FROM request_supporters WHERE municipality_id = :mid AND request_id = :rid AND "
                                       "user_id = :uid",
                          soci::use(mid), soci::use(rid), soci::use(uid));
    st.execute(true);
    if (st.get_affected_rows() == 0) return false;
    changed();
    s << "UPDATE requests SET supporters = supporters - 1 WHERE municipality_id = :mid AND id = :rid AND supporters > 0",
        soci::use(mid), soci::use(rid);
    return true;
}

bool is_supporter(soci::session& s, std::int64_t municipality_id, std::int64_t request_id, std::int64_t user_id) {
    long long mid = municipality_id, rid = request_id, uid = user_id, n = 0;
    s << "SELECT COUNT(*) FROM request_supporters WHERE municipality_id = :mid AND request_id = :rid AND user_id = :uid",
        soci::use(mid), soci::use(rid), soci::use(uid), soci::into(n);
    return n > 0;
}

std::vector<std::int64_t> supporter_ids(soci::session& s, std::int64_t municipality_id, std::int64_t request_id) {
    std::vector<std::int64_t> out;
    long long mid = municipality_id, rid = request_id, uid = 0;
    soci::statement st = (s.prepare << "SELECT user_id FROM request_supporters WHERE municipality_id = :mid AND request_id = :rid "
                                       "ORDER BY created_at, user_id",
                          soci::use(mid), soci::use(rid), soci::into(uid));
    st.execute();
    while (st.fetch()) out.push_back(uid);
    return out;
}

std::vector<Recipient> supporters(soci::session& s, std::int64_t municipality_id, std::int64_t request_id) {
    std::vector<Recipient> out;
    long long mid = municipality_id, rid = request_id, uid = 0;
    std::string email;
    soci::indicator email_i = soci::i_ok;
    soci::statement st = (s.prepare << "SELECT u.id, u.email FROM request_supporters sp JOIN users u ON u.id = sp.user_id "
                                       "WHERE sp.municipality_id = :mid AND sp.request_id = :rid AND u.status = 'active' "
                                       "ORDER BY sp.created_at, u.id",
                          soci::use(mid), soci::use(rid), soci::into(uid), soci::into(email, email_i));
    st.execute();
    while (st.fetch()) out.push_back({uid, email_i == soci::i_ok ? email : std::string()});
    return out;
}

std::optional<Contact> contact(soci::session& s, std::int64_t user_id) {
    long long uid = user_id;
    Contact c;
    soci::indicator email_i = soci::i_null;
    s << "SELECT display_name, email FROM users WHERE id = :uid AND status = 'active'", soci::use(uid), soci::into(c.name),
        soci::into(c.email, email_i);
    if (!s.got_data()) return std::nullopt;
    if (email_i != soci::i_ok) c.email.clear();
    return c;
}

std::int64_t count_in(soci::session& s, std::int64_t municipality_id) {
    long long mid = municipality_id, n = 0;
    s << "SELECT COUNT(*) FROM requests WHERE municipality_id = :mid", soci::use(mid), soci::into(n);
    return n;
}

}  // namespace syn::requests::store
