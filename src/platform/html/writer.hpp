#pragma once
// The one way pages produce HTML. Every string argument is escaped; only an html::Html —
// which only a Writer can make — goes out as markup. Passing a std::string where markup is
// wanted does not compile, so forgetting to escape is impossible by construction.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <tuple>
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
    // The one other source of markup: cmark-gfm's safe renderer (markdown.cpp), which escapes
    // text itself and drops raw HTML and dangerous links. Named, so nothing else can use it.
    friend Html render_markdown(std::string_view md);
    // A JSON-LD block (layout.cpp): JSON is not HTML-escaped inside <script>, so that function
    // makes it safe its own way (every '<' becomes \u003c).
    friend Html json_ld_script(std::string_view json);
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

void append_escaped(std::string& out, std::string_view s, std::string_view spec);
template <class W>
void append_one(std::string& out, const W& w, std::string_view spec);

// One wrapped argument with the function that appends it; lets Writer walk its format string
// without fmt's type-erased machinery.
struct Arg {
    const void* p = nullptr;
    void (*append)(std::string& out, const void* p, std::string_view spec) = nullptr;
    template <class W>
    static Arg of(const W& w) {
        return {&w, [](std::string& out, const void* p, std::string_view spec) { append_one(out, *static_cast<const W*>(p), spec); }};
    }
};

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
        // fmt checks the format string against the arguments at compile time; at run time we
        // walk it ourselves and append each argument straight into the page. fmt's run-time
        // parsing of every replacement field was half the cost of a 50-item directory page
        // (bench/README.md); specs such as {:.6f} still go through fmt.
        const auto wrapped = std::make_tuple(detail::wrap(args)...);
        std::apply([&](const auto&... w) {
            const detail::Arg list[] = {detail::Arg::of(w)..., detail::Arg{}};
            const fmt::string_view f = fs;  // fmt 9: the checked string converts to its view
            append_formatted(std::string_view(f.data(), f.size()), list);
        }, wrapped);
        return *this;
    }
    Writer& text(std::string_view s) { escape_to(buf_, s); return *this; }
    Writer& operator<<(const Html& h) { buf_ += h.str(); return *this; }

    Html take() { return Html(std::move(buf_)); }
    // Appends fs with each replacement field ({}, {0}, {:spec}, {{, }}) filled from args.
    void append_formatted(std::string_view fs, const detail::Arg* args);
    std::string release() { return std::move(buf_); }
    std::size_t size() const { return buf_.size(); }

private:
    std::string buf_;
};

}  // namespace syn::html

// Lets fmt's compile-time check of a Writer's format string accept Html arguments. Writer
// itself appends arguments without fmt (append_formatted); this is for the check and for the
// rare fmt::format of markup, which gets the markup itself.
template <>
struct fmt::formatter<syn::html::Html> {
    constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
    template <class Ctx>
    auto format(const syn::html::Html& h, Ctx& ctx) const {
        return std::copy(h.str().begin(), h.str().end(), ctx.out());
    }
};

namespace syn::html::detail {

template <class W>
void append_one(std::string& out, const W& w, std::string_view spec) {
    if constexpr (std::is_same_v<W, Escaped>) {
        append_escaped(out, w.s, spec);
    } else if constexpr (std::is_same_v<W, Raw>) {
        out.append(w.s);
    } else if (spec.empty()) {  // a number
        fmt::format_to(std::back_inserter(out), "{}", w);
    } else {
        fmt::format_to(std::back_inserter(out), fmt::runtime(std::string("{:").append(spec).append("}")), w);
    }
}

}  // namespace syn::html::detail
