#include "platform/mail/store.hpp"

#include "platform/db/native.hpp"

namespace syn::mail::store {

void insert(soci::session& s, std::optional<std::int64_t> municipality_id, const Message& m, std::int64_t now) {
    std::int64_t mun = municipality_id.value_or(0);
    soci::indicator mun_ind = municipality_id ? soci::i_ok : soci::i_null;
    s << "INSERT INTO mail_outbox (municipality_id, to_addr, subject, body_text, status, attempts,"
         " next_attempt_at, created_at) VALUES (:mun, :to, :subject, :body, 'pending', 0, :next, :created)",
        soci::use(mun, mun_ind), soci::use(m.to), soci::use(m.subject), soci::use(m.body_text), soci::use(now),
        soci::use(now);
}

std::optional<Claimed> claim_next(soci::session& s, std::int64_t now, std::int64_t lease_until) {
    // SKIP LOCKED: another copy of the program holding a row moves on to the next one instead
    // of waiting. SQLite has one writer at a time (BEGIN IMMEDIATE) and needs no clause.
    const bool pg = db::backend_of(s) == db::Backend::Postgres;
    Claimed c;
    s << std::string("SELECT id, attempts, to_addr, subject, body_text, created_at,"
                     " COALESCE((SELECT m.name FROM municipalities m WHERE m.id = mail_outbox.municipality_id), '') FROM mail_outbox"
                     " WHERE status = 'pending' AND next_attempt_at <= :now"
                     " ORDER BY next_attempt_at, id LIMIT 1") +
             (pg ? " FOR UPDATE SKIP LOCKED" : ""),
        soci::use(now), soci::into(c.id), soci::into(c.attempts), soci::into(c.message.to),
        soci::into(c.message.subject), soci::into(c.message.body_text), soci::into(c.created_at), soci::into(c.municipality_name);
    if (!s.got_data()) return std::nullopt;
    c.attempts += 1;
    c.message.key = "outbox-" + std::to_string(c.id) + "." + std::to_string(c.created_at);
    s << "UPDATE mail_outbox SET attempts = :attempts, next_attempt_at = :lease WHERE id = :id",
        soci::use(c.attempts), soci::use(lease_until), soci::use(c.id);
    return c;
}

void mark_sent(soci::session& s, const Claimed& c, std::int64_t now) {
    s << "UPDATE mail_outbox SET status = 'sent', sent_at = :now, last_error = NULL"
         " WHERE id = :id AND attempts = :attempts",
        soci::use(now), soci::use(c.id), soci::use(c.attempts);
}

void mark_failed(soci::session& s, const Claimed& c, const std::string& error, std::int64_t next_attempt_at,
                 bool give_up) {
    const std::string status = give_up ? "failed" : "pending";
    s << "UPDATE mail_outbox SET status = :status, last_error = :error, next_attempt_at = :next"
         " WHERE id = :id AND attempts = :attempts",
        soci::use(status), soci::use(error), soci::use(next_attempt_at), soci::use(c.id), soci::use(c.attempts);
}

std::size_t delete_sent_before(soci::session& s, std::int64_t sent_before) {
    soci::statement st = (s.prepare << "DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < :before",
                          soci::use(sent_before));
    st.execute(true);
    return static_cast<std::size_t>(st.get_affected_rows());
}

}  // namespace syn::mail::store
