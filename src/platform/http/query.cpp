#include "platform/http/query.hpp"

#include "platform/http/percent.hpp"

namespace syn::http {

std::optional<std::string_view> Params::get(std::string_view key) const {
    for (const auto& [k, v] : items)
        if (k == key) return std::string_view(v);
    return std::nullopt;
}

std::vector<std::string_view> Params::all(std::string_view key) const {
    std::vector<std::string_view> out;
    for (const auto& [k, v] : items)
        if (k == key) out.emplace_back(v);
    return out;
}

std::string Params::value(std::string_view key) const {
    auto v = get(key);
    return v ? std::string(*v) : std::string();
}

namespace {

// Each decoded byte takes one to three input bytes, so an encoded text longer than three
// times the limit cannot fit; checking that first avoids decoding megabytes to throw away.
std::optional<std::string> decode_within(std::string_view raw, std::size_t limit) {
    if (raw.size() / 3 > limit) return std::nullopt;
    auto decoded = percent_decode(raw, /*plus_as_space=*/true);
    if (!decoded || decoded->size() > limit || !valid_utf8(*decoded)) return std::nullopt;
    return decoded;
}

}  // namespace

std::optional<Params> parse_query(std::string_view q, const ParamLimits& limits) {
    Params params;
    std::size_t pos = 0;
    while (pos <= q.size()) {
        std::size_t amp = q.find('&', pos);
        if (amp == std::string_view::npos) amp = q.size();
        std::string_view pair = q.substr(pos, amp - pos);
        pos = amp + 1;
        if (pair.empty()) continue;

        if (params.items.size() >= limits.max_pairs) return std::nullopt;
        std::size_t eq = pair.find('=');
        std::string_view raw_key = pair.substr(0, eq);
        std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);

        auto key = decode_within(raw_key, limits.max_key);
        if (!key) return std::nullopt;
        auto value = decode_within(raw_value, limits.max_value);
        if (!value) return std::nullopt;
        params.items.emplace_back(std::move(*key), std::move(*value));
    }
    return params;
}

}  // namespace syn::http
