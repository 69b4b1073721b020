#pragma once
// Our own request and response types. Beast stays inside server.cpp; everything above it
// (router, handlers, pages, tests) speaks these, which keeps compile times down and lets
// handlers be tested without a socket.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace syn::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

Method method_from(std::string_view name);
std::string_view method_name(Method m);

// Header names compare case-insensitively; order is kept.
class Headers {
public:
    void set(std::string name, std::string value);  // replaces any same-named header
    void add(std::string name, std::string value);  // appends (e.g. Set-Cookie)
    std::optional<std::string_view> get(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& all() const { return items_; }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

struct Request {
    Method method = Method::Get;
    std::string target;        // as received: path + '?' + query
    std::string path;          // percent-decoded path, without the query
    std::string query;         // raw query string, without '?'
    Headers headers;
    std::string body;
    std::string remote_addr;   // peer IP as text
    bool secure = false;       // arrived over TLS (or a trusted proxy said so)
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;

    static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
    static Response redirect(std::string location, int status = 303);
};

// A header name is an RFC 9110 token. A header value may hold no CR, LF or NUL: written as they
// are, they would end the header early and let whatever text reached the value (a "next"
// parameter, a file name) write headers of its own, cookies included.
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
