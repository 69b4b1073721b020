#pragma once
// Our own request and response types. Beast stays inside server.cpp; everything above it
// (router, handlers, pages, tests) speaks these, which keeps compile times down and lets
// handlers be tested without a socket.
#include <memory>
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
    // A body the response does not own, sent without a copy: bytes that outlive every answer (an
    // embedded asset) or that `keep` holds alive (a cached answer shared by many). When it is
    // set, `body` is not sent.
    std::string_view shared_body = {};
    std::shared_ptr<const void> keep = {};

    // The bytes after the head: the shared body when there is one, else the body.
    std::string_view payload() const { return shared_body.data() ? shared_body : std::string_view(body); }

    static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
    static Response redirect(std::string location, int status = 303);
};

}  // namespace syn::http
