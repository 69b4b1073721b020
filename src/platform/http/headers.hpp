#pragma once
// What may be written in a response header, and what a Host header may hold. Standard library
// only, so the fuzz build can compile it alone.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/message.hpp"

namespace syn::http {

// Longer header values are refused: no answer of ours needs one, and Beast throws on values
// over 64 KiB, which would end the connection's session without its bookkeeping.
inline constexpr std::size_t kMaxHeaderValueBytes = 8 * 1024;

// A header name is an RFC 9110 token. A header value holds no control character but HTAB
// (RFC 9110 §5.5): written as they are, CR and LF would end the header early and let whatever
// text reached the value (a "next" parameter, a file name) write headers of its own, cookies
// included, and NUL cuts it short.
bool valid_header_name(std::string_view name);
bool valid_header_value(std::string_view value);
// The name of the first header of `res` that cannot be written as it is; nullopt when all can.
// The server answers such a response with a 500 rather than strip or repair the header: a
// repaired Location or Set-Cookie would still be one the handler never meant to send.
std::optional<std::string> unwritable_header(const Response& res);

// A Host header value as RFC 9112 §3.2 allows it: empty, or uri-host [":" port], uri-host being
// a registered name (RFC 3986 unreserved, pct-encoded and sub-delims characters), an IPv4
// address or an IP literal in brackets. Spaces, slashes, '@' and the like are refused.
bool valid_host(std::string_view value);

}  // namespace syn::http
