#include "modules/demomail/store.hpp"

#include "platform/db/row.hpp"

namespace syn::demomail::store {

namespace {

Letter letter_of(const soci::row& r, bool with_body) {
    Letter l;
    l.id = db::get_int(r, 0);
    l.to = db::get_text(r, 1);
    l.subject = db::get_text(r, 2);
    l.status = db::get_text(r, 3);
    l.created_at = db::get_int(r, 4);
    if (with_body) l.body = db::get_text(r, 5);
    return l;
}

}  // namespace

std::vector<Letter> newest(soci::session& s, std::int64_t municipality_id, int limit) {
    soci::rowset<soci::row> rows = (s.prepare << "SELECT id, to_addr, subject, status, created_at FROM mail_outbox "
                                                 "WHERE municipality_id = :m ORDER BY id DESC LIMIT :l",
                                    soci::use(municipality_id), soci::use(limit));
    std::vector<Letter> out;
    for (const auto& r : rows) out.push_back(letter_of(r, false));
    return out;
}

std::optional<Letter> by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id) {
    soci::rowset<soci::row> rows = (s.prepare << "SELECT id, to_addr, subject, status, created_at, body_text FROM mail_outbox "
                                                 "WHERE municipality_id = :m AND id = :i",
                                    soci::use(municipality_id), soci::use(id));
    for (const auto& r : rows) return letter_of(r, true);
    return std::nullopt;
}

}  // namespace syn::demomail::store
