#pragma once
// Building an RFC 5322 message by hand: the few encodings SMTP needs, kept pure for tests.
#include "platform/mail/mail.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace syn::mail::mime {

// A plain mailbox "local@domain": no spaces, controls, quotes, angle brackets or commas; one '@'.
bool valid_address(std::string_view a);

struct Mailbox {
    std::string display;  // may be empty
    std::string address;
};
// "Name <a@b>" or "a@b"; nullopt unless the address is valid.
std::optional<Mailbox> parse_mailbox(std::string_view s);

// A header value: as is when printable ASCII, else RFC 2047 "=?UTF-8?B?…?=" words of at most
// 39 bytes each (never splitting a UTF-8 sequence), folded onto continuation lines. Control
// characters (CR, LF …) become spaces first, so a value can never start a new header.
std::string encode_header(std::string_view text);

// RFC 2045 quoted-printable, lines ending CRLF, at most 76 characters per line.
std::string quoted_printable(std::string_view text);

// "Tue, 03 Feb 2026 09:05:00 +0000"; English names, whatever the process locale.
std::string rfc5322_date(std::int64_t unix_seconds);

// The whole message, headers and body, CRLF line ends.
std::string build(const Mailbox& from, const Message& m, std::int64_t now, std::string_view message_id);

}  // namespace syn::mail::mime
