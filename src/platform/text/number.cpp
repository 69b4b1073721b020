#include "platform/text/number.hpp"

#include <charconv>

namespace syn::text {

namespace {
std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace

std::optional<std::int64_t> parse_int(std::string_view s, std::int64_t lo, std::int64_t hi) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    if (v < lo || v > hi) return std::nullopt;
    return v;
}

std::optional<std::int64_t> parse_id(std::string_view s) {
    s = trim_spaces(s);
    if (!s.empty() && s.front() == '#') s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return std::nullopt;
    return parse_int(s, 1, kMaxId);
}

}  // namespace syn::text
