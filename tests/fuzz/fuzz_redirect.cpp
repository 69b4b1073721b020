// libFuzzer target: the two guards between a "next"/"return" parameter and the Location header.
// Whatever is_local_path accepts must be a same-site path that no browser reads as another host
// and that the response writer can write; whatever headers unwritable_header lets through must
// serialise to exactly the header lines they were, no more; a Host that valid_host accepts has
// nothing in it that could change the request's meaning.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/http/headers.hpp"
#include "platform/http/local_path.hpp"
#include "platform/http/message.hpp"
#include "platform/http/percent.hpp"
#include "platform/http/query.hpp"

using namespace syn::http;

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

void check_local(std::string_view path) {
    if (!is_local_path(path)) return;
    check(path.size() >= 1 && path[0] == '/');
    check(path.size() < 2 || (path[1] != '/' && path[1] != '\\'));
    check(path.size() <= kMaxLocalPathBytes);
    for (unsigned char c : path) check(c >= 0x20 && c != 0x7F && c != '\\');
    check(valid_utf8(path));
    // What the handlers do with it: a redirect the server will write.
    check(!unwritable_header(Response::redirect(std::string(path))));
}

// Writes the headers as HTTP/1.1 does and counts the lines that come out.
void check_serialised(const Response& res) {
    if (unwritable_header(res)) return;
    std::string head;
    for (const auto& [k, v] : res.headers.all()) head += k + ": " + v + "\r\n";
    std::size_t lines = 0;
    for (std::size_t at = 0; (at = head.find('\n', at)) != std::string::npos; ++at) ++lines;
    check(lines == res.headers.all().size());
    check(head.find('\0') == std::string::npos);
    for (const auto& [k, v] : res.headers.all()) {
        check(!k.empty() && k.find_first_of(":\r\n ") == std::string::npos);
        check(v.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos);
        check(v.size() <= kMaxHeaderValueBytes);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // Raw, and as a query string's next/return would arrive after decoding.
    check_local(input);
    if (auto q = parse_query(input)) {
        check_local(q->value("next"));
        check_local(q->value("return"));
    }

    // The input as a header name '\0' value: the writer's guard holds for any bytes.
    const auto nul = input.find('\0');
    Response res;
    res.headers.set("Content-Type", "text/plain");
    if (nul == std::string_view::npos) res.headers.add("Location", std::string(input));
    else res.headers.add(std::string(input.substr(0, nul)), std::string(input.substr(nul + 1)));
    check_serialised(res);

    if (valid_host(input)) check(input.find_first_of(std::string_view(" \t\r\n\0/\\@?#", 11)) == std::string_view::npos);
    return 0;
}
