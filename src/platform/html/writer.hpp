#pragma once
// The one way pages produce HTML. Every string argument is escaped; only an html::Html —
// which only a Writer can make — goes out as markup. Passing a std::string where markup is
// wanted does not compile, so forgetting to escape is impossible by construction.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>

namespace syn::html {

class Writer;

// Markup that a Writer produced, and is therefore safe to embed.
class Html {
public:
    Html() = default;
    const std::string& str() const { return s_; }
    bool empty() const { return s_.empty(); }

private:
    friend class Writer;
    explicit Html(std::string s) : s_(std::move(s)) {}
    std::string s_;
};

// Escapes the five characters that matter in text and in quoted attribute values.
void escape_to(std::string& out, std::string_view s);
std::string escape(std::string_view s);

namespace detail {
struct Escaped { std::string_view s; };
struct Raw { std::string_view s; };
template <class> inline constexpr bool always_false = false;

template <class T>
auto wrap(const T& v) {
    if constexpr (std::is_same_v<T, Html>) return Raw{v.str()};
    else if constexpr (std::is_same_v<T, bool>) static_assert(always_false<T>, "render a bool as text yourself");
    else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, char>) return v;
    else if constexpr (std::is_same_v<T, char>) return Escaped{std::string_view(&v, 1)};
    else if constexpr (std::is_convertible_v<const T&, std::string_view>) return Escaped{std::string_view(v)};
    else static_assert(always_false<T>, "html::Writer takes strings (escaped), numbers or html::Html");
}
}  // namespace detail

class Writer {
public:
    Writer() { buf_.reserve(1024); }

    // w("<p class=\"{}\">{}</p>", cls, text) — the format string must be a literal.
    template <class... Args>
    Writer& operator()(fmt::format_string<Args...> fs, const Args&... args) {
        // Format into fmt's own buffer, then append once: formatting straight into
        // std::back_inserter(std::string) makes fmt grow the string for every byte a custom
        // formatter writes, which was a third of a home-page request (bench/README.md).
        fmt::memory_buffer out;
        fmt::vformat_to(fmt::appender(out), static_cast<fmt::string_view>(fs), fmt::make_format_args(detail::wrap(args)...));
        buf_.append(out.data(), out.size());
        return *this;
    }
    Writer& text(std::string_view s) { escape_to(buf_, s); return *this; }
    Writer& operator<<(const Html& h) { buf_ += h.str(); return *this; }

    Html take() { return Html(std::move(buf_)); }
    std::string release() { return std::move(buf_); }
    std::size_t size() const { return buf_.size(); }

private:
    std::string buf_;
};

}  // namespace syn::html

template <>
struct fmt::formatter<syn::html::detail::Escaped> {
    constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
    template <class Ctx>
    auto format(const syn::html::detail::Escaped& e, Ctx& ctx) const {
        // Copies each run of safe bytes in one go, then the entity for the byte that ends it.
        auto out = ctx.out();
        const char* run = e.s.data();
        const char* const end = run + e.s.size();
        for (const char* p = run; p != end; ++p) {
            std::string_view entity;
            switch (*p) {
                case '&': entity = "&amp;"; break;
                case '<': entity = "&lt;"; break;
                case '>': entity = "&gt;"; break;
                case '"': entity = "&quot;"; break;
                case '\'': entity = "&#39;"; break;
                default: continue;
            }
            out = std::copy(run, p, out);
            out = std::copy(entity.begin(), entity.end(), out);
            run = p + 1;
        }
        return std::copy(run, end, out);
    }
};

template <>
struct fmt::formatter<syn::html::detail::Raw> {
    constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
    template <class Ctx>
    auto format(const syn::html::detail::Raw& r, Ctx& ctx) const {
        return std::copy(r.s.begin(), r.s.end(), ctx.out());
    }
};

// Lets the compile-time format check accept Html arguments; the output is the markup itself.
template <>
struct fmt::formatter<syn::html::Html> : fmt::formatter<syn::html::detail::Raw> {
    template <class Ctx>
    auto format(const syn::html::Html& h, Ctx& ctx) const {
        return fmt::formatter<syn::html::detail::Raw>::format(syn::html::detail::Raw{h.str()}, ctx);
    }
};
