#include "platform/html/writer.hpp"

#include <array>
#include <cstring>

namespace syn::html {

namespace {

// Bytes that need an entity; everything else is copied in runs (a page is mostly plain text,
// and appending byte by byte was a quarter of a directory page's instructions).
constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'&', '<', '>', '"', '\''}) t[c] = true;
    return t;
}();

}  // namespace

void escape_to(std::string& out, std::string_view s) {
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p != end) {
        const char* run = p;
        while (p != end && !kSpecial[static_cast<unsigned char>(*p)]) ++p;
        out.append(run, p);
        if (p == end) break;
        switch (*p) {
            case '&': out.append("&amp;", 5); break;
            case '<': out.append("&lt;", 4); break;
            case '>': out.append("&gt;", 4); break;
            case '"': out.append("&quot;", 6); break;
            default: out.append("&#39;", 5); break;
        }
        ++p;
    }
}

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    escape_to(out, s);
    return out;
}

}  // namespace syn::html

namespace syn::html {

namespace detail {

void append_escaped(std::string& out, std::string_view s, std::string_view spec) {
    if (spec.empty()) return escape_to(out, s);
    escape_to(out, fmt::format(fmt::runtime(std::string("{:").append(spec).append("}")), s));
}

}  // namespace detail

void Writer::append_formatted(std::string_view fs, const detail::Arg* args) {
    // fmt has already checked fs at compile time (matching braces, argument count and kinds),
    // so this walk can trust its shape.
    std::size_t next = 0;
    const char* s = fs.data();
    const char* const end = s + fs.size();
    const char* run = s;
    while (s != end) {
        // Jump to the next brace: the literal text between fields is copied in one piece.
        const char* open = static_cast<const char*>(std::memchr(s, '{', static_cast<std::size_t>(end - s)));
        const char* shut = static_cast<const char*>(std::memchr(s, '}', static_cast<std::size_t>((open ? open : end) - s)));
        s = shut ? shut : open;
        if (!s) break;
        buf_.append(run, s);
        if (*s == '}' || s[1] == '{') {  // "}}" or "{{"
            buf_.push_back(*s);
            s += 2;
            run = s;
            continue;
        }
        const char* close = std::find(s + 1, end, '}');
        std::string_view field(s + 1, static_cast<std::size_t>(close - s - 1));
        const auto colon = field.find(':');
        const std::string_view id = field.substr(0, colon);
        std::size_t index = next++;
        if (!id.empty()) {
            index = 0;
            for (char c : id) index = index * 10 + static_cast<std::size_t>(c - '0');
        }
        const std::string_view spec = colon == std::string_view::npos ? std::string_view() : field.substr(colon + 1);
        args[index].append(buf_, args[index].p, spec);
        s = close + 1;
        run = s;
    }
    buf_.append(run, end);
}

}  // namespace syn::html
