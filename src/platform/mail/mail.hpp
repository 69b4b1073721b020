#pragma once
// Outgoing mail: an outbox table (mail_outbox, db/migrations/0003_*) filled inside business
// transactions, and a sender that a background job runs (jobs::Runner).
//
// Wiring in main:
//   runner.every("mail", std::chrono::minutes(1), [&] { mail::dispatch_due(*db, smtp); });
// and after a request that queued mail, runner.notify("mail") to send it without waiting.
#include "platform/db/database.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace syn::mail {

struct Message {
    std::string to;         // one bare address: "maria@example.gr"
    std::string subject;    // UTF-8, already translated
    std::string body_text;  // UTF-8 plain text, already translated
    // The outbox sets it: the Message-ID's left part, the same at every attempt, so a message sent
    // twice (a copy that died between the server's "250 OK" and recording it) is one message to
    // the recipient's mail program. Empty: a random one.
    std::string key{};
};

// Queues inside the caller's transaction, so mail is sent only if the business change
// commits. Throws std::invalid_argument for an address that is not one plain mailbox
// (which also rules out header injection).
void enqueue(soci::session& s, std::optional<std::int64_t> municipality_id, const Message& m);

struct SmtpConfig {
    std::string url;  // smtp://host:port (STARTTLS when offered; required when user is set) or smtps://host:port
    std::string from = "Synergeia <no-reply@localhost>";
    std::string user{}, password{};  // {} so designated initialisers may leave them out quietly
};

// Sends one message now with libcurl: RFC 5322 headers (Subject and display names RFC 2047
// encoded when not ASCII), a text/plain UTF-8 body in quoted-printable. Returns "" on success
// or a one-line error text (never containing the password). Connect timeout 15 s, total 120 s.
// `accepted`, when given, runs as soon as the server has taken the message, before the goodbye
// (QUIT) round trip: the outbox records the sending there, so that a process dying in between
// leaves as short a moment as possible in which the message went but is not marked sent.
std::string send_smtp(const SmtpConfig& c, const Message& m, const std::function<void()>& accepted = {});

// Sends due messages, one at a time, until none is due or max_batch were tried. Each is
// claimed in a short transaction (PostgreSQL: FOR UPDATE SKIP LOCKED, so several copies of
// the program share the work), sent outside any transaction, then marked sent — or given its
// next attempt after 1, 2, 4 … minutes (capped at 1 hour); after the 10th failed attempt it
// stays in the table with status 'failed' and the last error. Returns how many were sent.
// A claimed message is not due again for lease_seconds, so no other copy sends it meanwhile; if
// the claiming copy dies mid-send, another one sends it after the lease (at least once). Keep the
// lease above send_smtp's 120 s timeout.
std::size_t dispatch_due(db::Database& db, const SmtpConfig& c, std::size_t max_batch = 50, std::int64_t lease_seconds = 600);

// Deletes messages sent before the given time (unix seconds), inside the caller's
// transaction; mail bodies are personal data and need not be kept. Returns how many.
std::size_t purge_sent(soci::session& s, std::int64_t sent_before);

// The retry policy, exposed for tests and the operator guide.
inline constexpr int kMaxAttempts = 10;
// Seconds to wait after the given failed attempt (1-based): 60, 120, 240 … at most 3600.
std::int64_t backoff_seconds(int attempt);

}  // namespace syn::mail
