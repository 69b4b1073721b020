// SQL for staff's review: the queue of submissions, possible duplicates, the history of
// decisions and the internal notes.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "modules/registry/rules.hpp"
#include "modules/registry/store.hpp"
#include "modules/registry/store/shared.hpp"
#include "platform/db/row.hpp"
#include "platform/text/text.hpp"

namespace syn::registry::store {

using namespace detail;
using nlohmann::json;

DirectoryPage queue(soci::session& s, std::int64_t municipality_id, const QueueQuery& q) {
    db::PreferIndex prefer_index(s, !q.q.empty());
    db::Filter f(s);
    f.where("o.municipality_id = {}", municipality_id);
    if (!q.state.empty()) f.where("o.state = {}", q.state);
    // Staff look organisations up by ΑΦΜ too; it is not in the (public) search text.
    if (const auto afm = text::trim(q.q); afm.size() == 9 && std::all_of(afm.begin(), afm.end(), [](unsigned char c) { return c >= '0' && c <= '9'; }))
        f.where("o.afm = {}", afm);
    else
        f.search(q.q, kOrganisationSearch, {.drive = db::Drive::FromMatches});
    // Oldest submission first: first come, first served. Drafts have none; they come last by name.
    const std::string order = f.postgres() ? "o.submitted_at ASC NULLS LAST, o.id" : "o.submitted_at IS NULL, o.submitted_at, o.id";
    return page_of(s, f, order, q.page, q.per_page);
}

std::vector<Organisation> duplicates(soci::session& s, std::int64_t municipality_id, std::int64_t except_id, const std::string& afm,
                                     const std::string& folded_name) {
    // The folded name is the start of search_text (see rules/search.cpp), so a prefix comparison finds it
    // without a separate column.
    OrgBinding row;
    soci::statement st(s);
    row.exchange(st);
    long long mid = municipality_id, except = except_id;
    std::string a = afm.empty() ? std::string("\x01") : afm, pattern = folded_name + " |%";
    st.exchange(soci::use(mid, "mid"));
    st.exchange(soci::use(except, "except"));
    st.exchange(soci::use(a, "afm"));
    st.exchange(soci::use(pattern, "pattern"));
    return fetch_all(s, st, row,
                     std::string("SELECT ") + kColumns +
                         " FROM organisations o WHERE o.municipality_id = :mid AND o.id <> :except AND (o.afm = :afm OR "
                         "o.search_text LIKE :pattern) ORDER BY o.id LIMIT 20");
}

void add_history(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, const HistoryEntry& h) {
    long long mid = municipality_id, oid = org_id, actor = h.actor_id.value_or(0), at = h.at;
    soci::indicator actor_i = h.actor_id ? soci::i_ok : soci::i_null;
    std::string action = h.action, from = h.from_state, to = h.to_state, reasons = json(h.reasons).dump();
    s << "INSERT INTO organisation_history (organisation_id, municipality_id, actor_id, action, from_state, to_state, reasons, at) "
         "VALUES (:oid, :mid, :actor, :action, :from, :to, :reasons, :at)",
        soci::use(oid), soci::use(mid), soci::use(actor, actor_i), soci::use(action), soci::use(from), soci::use(to), soci::use(reasons),
        soci::use(at);
}

std::vector<HistoryEntry> history(soci::session& s, std::int64_t municipality_id, std::int64_t org_id) {
    std::vector<HistoryEntry> out;
    long long mid = municipality_id, oid = org_id;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT h.id, h.actor_id, COALESCE(u.display_name, ''), h.action, h.from_state, h.to_state, "
                                               "h.reasons, h.at FROM organisation_history h LEFT JOIN users u ON u.id = h.actor_id "
                                               "WHERE h.municipality_id = :mid AND h.organisation_id = :oid ORDER BY h.at DESC, h.id DESC",
                                  soci::use(mid), soci::use(oid));
    for (const auto& r : rs) {
        HistoryEntry h;
        h.id = db::get_int(r, 0);
        h.actor_id = db::opt_int(r, 1);
        h.actor_name = db::get_text(r, 2);
        h.action = db::get_text(r, 3);
        h.from_state = db::get_text(r, 4);
        h.to_state = db::get_text(r, 5);
        h.reasons = strings_from(db::get_text(r, 6));
        h.at = db::get_int(r, 7);
        out.push_back(std::move(h));
    }
    return out;
}

void add_note(soci::session& s, std::int64_t municipality_id, std::int64_t org_id, std::int64_t author_id, const std::string& body,
              std::int64_t at) {
    long long mid = municipality_id, oid = org_id, author = author_id, t = at;
    std::string b = body;
    s << "INSERT INTO organisation_notes (organisation_id, municipality_id, author_id, body, created_at) VALUES (:oid, :mid, :author, :body, :at)",
        soci::use(oid), soci::use(mid), soci::use(author), soci::use(b), soci::use(t);
}

std::vector<Note> notes(soci::session& s, std::int64_t municipality_id, std::int64_t org_id) {
    std::vector<Note> out;
    long long mid = municipality_id, oid = org_id;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT n.id, n.author_id, COALESCE(u.display_name, ''), n.body, n.created_at "
                                               "FROM organisation_notes n LEFT JOIN users u ON u.id = n.author_id "
                                               "WHERE n.municipality_id = :mid AND n.organisation_id = :oid ORDER BY n.created_at DESC, n.id DESC",
                                  soci::use(mid), soci::use(oid));
    for (const auto& r : rs)
        out.push_back({db::get_int(r, 0), db::get_int(r, 1), db::get_text(r, 2), db::get_text(r, 3), db::get_int(r, 4)});
    return out;
}

}  // namespace syn::registry::store
