#include "platform/http/wire.hpp"

#include <charconv>

namespace syn::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if ((x | 0x20) != (y | 0x20)) return false;  // header names are tokens: ASCII only
    }
    return true;
}

void append_number(std::string& out, std::size_t n) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, end);
}

}  // namespace

std::string_view reason_phrase(int status) {
    switch (status) {
        case 100: return "Continue";
        case 101: return "Switching Protocols";
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 206: return "Partial Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 303: return "See Other";
        case 304: return "Not Modified";
        case 307: return "Temporary Redirect";
        case 308: return "Permanent Redirect";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 406: return "Not Acceptable";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 410: return "Gone";
        case 411: return "Length Required";
        case 412: return "Precondition Failed";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 416: return "Range Not Satisfiable";
        case 417: return "Expectation Failed";
        case 422: return "Unprocessable Entity";
        case 426: return "Upgrade Required";
        case 428: return "Precondition Required";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        case 505: return "HTTP Version Not Supported";
        default: return "Unknown";
    }
}

namespace {

std::string head_and_maybe_body(const Response& res, unsigned version, bool keep_alive, bool with_body) {
    const std::string_view payload = res.payload();
    std::size_t size = 64 + (with_body ? payload.size() : 0);
    for (const auto& [name, value] : res.headers.all()) size += name.size() + value.size() + 4;
    std::string out;
    out.reserve(size);
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    const int status = res.status >= 100 && res.status <= 999 ? res.status : 500;
    append_number(out, static_cast<std::size_t>(status));
    out += ' ';
    out += reason_phrase(status);
    out += "\r\n";
    for (const auto& [name, value] : res.headers.all()) {
        if (iequals(name, "Content-Length") || iequals(name, "Connection")) continue;  // the server's to say
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    if (version == 10 && keep_alive) out += "Connection: keep-alive\r\n";
    if (version != 10 && !keep_alive) out += "Connection: close\r\n";
    out += "Content-Length: ";
    append_number(out, payload.size());  // for HEAD: the size a GET would send
    out += "\r\n\r\n";
    if (with_body) out += payload;
    return out;
}

}  // namespace

std::string serialize_response(const Response& res, unsigned version, bool keep_alive, bool head) {
    return head_and_maybe_body(res, version, keep_alive, !head);
}

std::string serialize_head(const Response& res, unsigned version, bool keep_alive) {
    return head_and_maybe_body(res, version, keep_alive, false);
}

}  // namespace syn::http
