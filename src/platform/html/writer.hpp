#pragma once
// The one way pages produce HTML. Every string argument is escaped; only an html::Html —
// which only a Writer can make — goes out as markup. Passing a std::string where markup is
// wanted does not compile, so forgetting to escape is impossible by construction.
#include <fmt/format.h>

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
        fmt::vformat_to(std::back_inserter(buf_), static_cast<fmt::string_view>(fs), fmt::make_format_args(detail::wrap(args)...));
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
        auto out = ctx.out();
        for (char c : e.s) {
            switch (c) {
                case '&': out = fmt::format_to(out, "&amp;"); break;
                case '<': out = fmt::format_to(out, "&lt;"); break;
                case '>': out = fmt::format_to(out, "&gt;"); break;
                case '"': out = fmt::format_to(out, "&quot;"); break;
                case '\'': out = fmt::format_to(out, "&#39;"); break;
                default: *out++ = c;
            }
        }
        return out;
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
