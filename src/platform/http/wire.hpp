#pragma once
// A response as the bytes that go on the wire (RFC 9112): the status line, the headers in the
// order the handler set them, Content-Length and Connection as the server decided, and the
// body (none for HEAD). One buffer, written in one call: Beast's serializer walks a chain of
// small buffers per header, which cost more than the rest of a small answer together.
// The caller checked the headers first (headers.hpp: unwritable_header).
#include <string>
#include <string_view>

#include "platform/http/message.hpp"

namespace syn::http {

// The reason phrase of a status code ("OK", "See Other"), or "Unknown" for one we never send.
std::string_view reason_phrase(int status);

// version is 10 or 11. keep_alive: what the server decided (HTTP/1.1 says "close" when not,
// HTTP/1.0 says "keep-alive" when so). A handler's own Content-Length or Connection header is
// replaced by the server's.
std::string serialize_response(const Response& res, unsigned version, bool keep_alive, bool head);
// The status line and headers alone, for an answer whose payload is written from where it lies
// (Response::shared_body) in the same call, as a second buffer.
std::string serialize_head(const Response& res, unsigned version, bool keep_alive);

}  // namespace syn::http
