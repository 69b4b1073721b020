#pragma once
// Query strings (a=1&b=two+words&c=%CE%B1), decoded strictly and within limits.
// Standard library only, so the fuzz build can compile it alone.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace syn::http {

// Limits apply to the decoded key and value. A request over any of them is refused whole:
// silently dropping the extra pairs would make the handler act on a different input than
// the one the client sent.
struct ParamLimits {
    std::size_t max_pairs = 256;
    std::size_t max_key = 256;
    std::size_t max_value = 1 << 20;
};

// Decoded pairs in the order received; a key may repeat (checkboxes, multi-selects).
class Params {
public:
    std::vector<std::pair<std::string, std::string>> items;

    std::optional<std::string_view> get(std::string_view key) const;  // first value
    std::vector<std::string_view> all(std::string_view key) const;     // every value, in order
    std::string value(std::string_view key) const;                     // "" when absent
};

// Empty pairs ("a=1&&b") are skipped; a key without '=' has the value "".
// nullopt when malformed (bad %XX escape), over a limit, or a key or value is not valid
// UTF-8 after decoding.
std::optional<Params> parse_query(std::string_view q, const ParamLimits& limits = {});

}  // namespace syn::http
