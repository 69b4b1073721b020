#pragma once
// Reading numbers that people and links give us (ids in paths, page numbers, form fields): one
// rule everywhere, so "12", " 12 " and "#12" mean the same on every page and anything else
// reads as "not given" — never an exception, never a 500.
#include <cstdint>
#include <optional>
#include <string_view>

namespace syn::text {

// A decimal integer in [lo, hi] written in plain digits (a leading '-' allowed), as links and
// API parameters carry it; nullopt for anything else (spaces, '+', other characters, overflow,
// out of range).
std::optional<std::int64_t> parse_int(std::string_view s, std::int64_t lo, std::int64_t hi);
// A record id as people type it into a form: a positive integer, with spaces around it or
// written "#12" as the pages show it. At most 2^53 − 1, so it survives JSON numbers in a browser.
std::optional<std::int64_t> parse_id(std::string_view s);

inline constexpr std::int64_t kMaxId = (std::int64_t{1} << 53) - 1;

}  // namespace syn::text
