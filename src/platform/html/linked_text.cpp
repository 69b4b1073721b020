#include "platform/html/linked_text.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace syn::html {

namespace {

std::size_t next_address(std::string_view s, std::size_t from) {
    const auto a = s.find("http://", from), b = s.find("https://", from);
    return std::min(a, b);
}

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

Html linked_text(std::string_view s) {
    Writer w;
    std::size_t at = 0;
    for (auto start = next_address(s, 0); start != std::string_view::npos; start = next_address(s, at)) {
        auto end = start;
        while (end < s.size() && !space(s[end]) && s[end] != '<' && s[end] != '>' && s[end] != '"') ++end;
        // A sentence may end right after an address: its full stop or bracket is not part of it.
        // ASCII marks only: a byte of a Greek letter must never be cut off the address.
        while (end > start && std::string_view(".,;:!?)'").find(s[end - 1]) != std::string_view::npos) --end;
        w.text(s.substr(at, start - at));
        const auto address = s.substr(start, end - start);
        if (address.size() > std::string_view("https://").size()) w("<a href=\"{}\">{}</a>", address, address);
        else w.text(address);
        at = end;
    }
    w.text(s.substr(at));
    return w.take();
}

}  // namespace syn::html
