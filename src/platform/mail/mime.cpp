#include "platform/mail/mime.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace syn::mail::mime {
namespace {

bool printable_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7E) return false;
    return true;
}

std::string base64(std::string_view bytes) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

// The display name of a From header: RFC 2047 when not ASCII, quoted when it has specials.
std::string display_name(std::string_view name) {
    if (!printable_ascii(name)) return encode_header(name);
    if (name.find_first_of("()<>@,;:\\\".[]") == std::string_view::npos) return std::string(name);
    std::string q = "\"";
    for (char c : name) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    return q + "\"";
}

}  // namespace

bool valid_address(std::string_view a) {
    if (a.empty() || a.size() > 254) return false;
    const auto at = a.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == a.size() || a.find('@', at + 1) != std::string_view::npos)
        return false;
    for (unsigned char c : a)
        if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == ',' || c == '"' || c == '(' || c == ')' ||
            c == ';' || c == '\\' || c == '[' || c == ']')
            return false;
    return true;
}

std::optional<Mailbox> parse_mailbox(std::string_view s) {
    const auto lt = s.rfind('<');
    if (lt == std::string_view::npos) {
        std::string addr = trim(s);
        if (!valid_address(addr)) return std::nullopt;
        return Mailbox{"", addr};
    }
    const auto gt = s.find('>', lt);
    if (gt == std::string_view::npos || !trim(s.substr(gt + 1)).empty()) return std::nullopt;
    std::string addr(s.substr(lt + 1, gt - lt - 1));
    if (!valid_address(addr)) return std::nullopt;
    std::string display = trim(s.substr(0, lt));
    if (display.size() >= 2 && display.front() == '"' && display.back() == '"')
        display = display.substr(1, display.size() - 2);
    for (char& c : display)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    return Mailbox{display, addr};
}

std::string encode_header(std::string_view text) {
    std::string clean(text);
    for (char& c : clean)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    if (printable_ascii(clean)) return clean;

    // 39 bytes → 52 base64 characters → a 64-character word: "Subject: " plus one word stays
    // within the 78-character line RFC 5322 recommends.
    constexpr std::size_t kChunk = 39;
    std::string out;
    std::size_t pos = 0;
    while (pos < clean.size()) {
        std::size_t end = std::min(pos + kChunk, clean.size());
        // Back off to a character boundary (not before a continuation byte 10xxxxxx).
        while (end < clean.size() && end > pos + 1 && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(std::string_view(clean).substr(pos, end - pos)) + "?=";
        pos = end;
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    std::size_t line_len = 0;
    auto emit = [&](std::string_view token) {
        if (line_len + token.size() > 75) {  // leave room for the soft break '='
            out += "=\r\n";
            line_len = 0;
        }
        out += token;
        line_len += token.size();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r' || c == '\n') {  // CRLF, CR or LF: one hard line break
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\r\n";
            line_len = 0;
            continue;
        }
        const bool line_end = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
        const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
        // A '.' opening a line is encoded too, so no relay can mistake it for the end of data.
        const bool line_start = line_len == 0 || line_len + 1 > 75;
        if (literal && !(c == '.' && line_start)) {
            emit(std::string_view(reinterpret_cast<const char*>(&text[i]), 1));
        } else {
            const char enc[3] = {'=', kHex[c >> 4], kHex[c & 0xF]};
            emit(std::string_view(enc, 3));
        }
    }
    return out;
}

std::string rfc5322_date(std::int64_t unix_seconds) {
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                  kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string build(const Mailbox& from, const Message& m, std::int64_t now, std::string_view message_id) {
    std::string out;
    out += "Date: " + rfc5322_date(now) + "\r\n";
    out += "From: " + (from.display.empty() ? from.address : display_name(from.display) + " <" + from.address + ">") +
           "\r\n";
    out += "To: " + m.to + "\r\n";
    out += "Subject: " + encode_header(m.subject) + "\r\n";
    out += "Message-ID: <" + std::string(message_id) + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: quoted-printable\r\n";
    out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no auto-replies to us
    out += "\r\n";
    out += quoted_printable(m.body_text);
    if (!out.ends_with("\r\n")) out += "\r\n";  // SMTP data ends with a line end; add none of our own
    return out;
}

}  // namespace syn::mail::mime
