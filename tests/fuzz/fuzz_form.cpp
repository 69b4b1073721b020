// libFuzzer target: parse_form must accept and refuse exactly what parse_query does
// (same grammar), and what it accepts must be within limits and valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/http/form.hpp"
#include "platform/http/percent.hpp"
#include "platform/http/query.hpp"

using namespace syn::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    ParamLimits limits;
    limits.max_pairs = 8;
    limits.max_key = 16;
    limits.max_value = 64;
    auto form = parse_form(body, limits);
    auto query = parse_query(body, limits);
    if (form.has_value() != query.has_value()) __builtin_trap();
    if (!form) return 0;
    if (form->items != query->items || form->items.size() > limits.max_pairs) __builtin_trap();
    for (const auto& [k, v] : form->items) {
        if (k.size() > limits.max_key || v.size() > limits.max_value) __builtin_trap();
        if (!valid_utf8(k) || !valid_utf8(v)) __builtin_trap();
        if (form->value(k) != *form->get(k)) __builtin_trap();
    }
    return 0;
}
