#pragma once
// Stable ASCII codes for enums whose values are stored, sent in APIs and logged: the code of
// a value is codes[value], and parsing is the reverse look-up. One table per enum, in enum order.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace syn::text {

template <class E, std::size_t N>
const char* code_of(const std::array<const char*, N>& codes, E value) {
    return codes[static_cast<std::size_t>(value)];
}

template <class E, std::size_t N>
std::optional<E> parse_code(const std::array<const char*, N>& codes, std::string_view code) {
    for (std::size_t i = 0; i < N; ++i)
        if (code == codes[i]) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace syn::text
