// libFuzzer target: parse_query and the percent codec. Beyond "does not crash", it checks
// that every accepted result respects the limits and survives an encode/parse round trip.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/http/percent.hpp"
#include "platform/http/query.hpp"

using namespace syn::http;

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

void check_params(const Params& p, const ParamLimits& limits) {
    check(p.items.size() <= limits.max_pairs);
    std::string encoded;
    for (const auto& [k, v] : p.items) {
        check(k.size() <= limits.max_key && v.size() <= limits.max_value);
        check(valid_utf8(k) && valid_utf8(v));
        if (!encoded.empty()) encoded += '&';
        encoded += percent_encode(k) + '=' + percent_encode(v);
    }
    auto again = parse_query(encoded, limits);
    check(again.has_value() && again->items == p.items);
    if (!p.items.empty()) {
        const std::string& key = p.items.front().first;
        check(p.get(key).has_value() && *p.get(key) == p.items.front().second);
        check(!p.all(key).empty() && p.all(key).front() == p.items.front().second);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);

    // The codec: encoding is total and decoding undoes it.
    auto round = percent_decode(percent_encode(input), false);
    check(round.has_value() && *round == input);
    if (auto d = percent_decode(input, true)) check(d->size() <= input.size());

    const ParamLimits defaults;
    if (auto p = parse_query(input, defaults)) check_params(*p, defaults);

    // Small limits, so the fuzzer reaches the refusal paths with short inputs.
    ParamLimits tight;
    tight.max_pairs = 3;
    tight.max_key = 4;
    tight.max_value = 8;
    if (auto p = parse_query(input, tight)) check_params(*p, tight);
    return 0;
}
