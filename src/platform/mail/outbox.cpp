// The outbox's use cases: queue in the caller's transaction, send what is due, retry later.
#include "platform/mail/mail.hpp"
#include "platform/mail/mime.hpp"
#include "platform/mail/store.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/cut.hpp"

#include <algorithm>
#include <stdexcept>

namespace syn::mail {
namespace {

constexpr std::size_t kMaxErrorLength = 1000;

// Mail about a municipality comes from it by name ("Δήμος Καλαμάτας <no-reply@…>"), at the
// configured address: people recognise the sender before they open the message.
SmtpConfig sender_for(const SmtpConfig& c, const std::string& municipality_name) {
    if (municipality_name.empty()) return c;
    const auto from = mime::parse_mailbox(c.from);
    if (!from) return c;  // send_smtp reports the bad configuration
    SmtpConfig out = c;
    // The stored name is the genitive ("Καλαμάτας"); the sender's name is the Greek title.
    std::string name;
    for (char ch : i18n::Tr(i18n::Lang::El).tf("Municipality of {}", municipality_name))
        if (ch != '"' && ch != '\\' && ch != '\r' && ch != '\n') name.push_back(ch);
    out.from = "\"" + name + "\" <" + from->address + ">";
    return out;
}

}  // namespace

std::int64_t backoff_seconds(int attempt) {
    if (attempt < 1) attempt = 1;
    if (attempt > 7) return 3600;  // 60 · 2^6 = 3840 already passes the cap
    return std::min<std::int64_t>(std::int64_t{60} << (attempt - 1), 3600);
}

void enqueue(soci::session& s, std::optional<std::int64_t> municipality_id, const Message& m) {
    if (!mime::valid_address(m.to)) throw std::invalid_argument("mail::enqueue: invalid recipient address");
    store::insert(s, municipality_id, m, db::now_unix());
}

std::size_t dispatch_due(db::Database& db, const SmtpConfig& c, std::size_t max_batch, std::int64_t lease_seconds) {
    std::size_t sent = 0;
    for (std::size_t i = 0; i < max_batch; ++i) {
        const std::int64_t now = db::now_unix();
        const auto claimed =
            db.transact([&](soci::session& s) { return store::claim_next(s, now, now + lease_seconds); });
        if (!claimed) break;

        std::string error;
        bool marked = false;
        const auto mark_sent = [&] {
            db.transact([&](soci::session& s) { store::mark_sent(s, *claimed, db::now_unix()); });
            marked = true;
        };
        try {
            error = send_smtp(sender_for(c, claimed->municipality_name), claimed->message, mark_sent);
        } catch (const std::exception& e) {
            error = e.what();
        }
        if (marked) {
            ++sent;
            continue;
        }
        // Not taken by the server, or taken and recording it failed (error says which): later again.
        // Cut on a character boundary: PostgreSQL refuses broken UTF-8.
        error.resize(text::cut_utf8(error, kMaxErrorLength).size());
        const std::int64_t done_at = db::now_unix();
        db.transact([&](soci::session& s) {
            store::mark_failed(s, *claimed, error, done_at + backoff_seconds(claimed->attempts), claimed->attempts >= kMaxAttempts);
        });
    }
    return sent;
}

std::size_t purge_sent(soci::session& s, std::int64_t sent_before) {
    return store::delete_sent_before(s, sent_before);
}

}  // namespace syn::mail
