#include "modules/registry/rules.hpp"

#include "platform/text/search.hpp"
#include "platform/text/text.hpp"

namespace syn::registry {

namespace {

constexpr std::size_t kMaxDescriptionBytes = 1500;

}  // namespace

std::string search_text(const Organisation& org, std::string_view tokens) {
    const Organisation o = redact_for_public(org);
    const auto& p = o.profile;
    std::string folded = text::fold(p.official_name) + " | " + text::fold(p.distinctive_title) + " | " + text::fold(p.neighbourhood) +
                         " | " + text::cut_words(text::fold(p.description_markdown), kMaxDescriptionBytes);
    return text::search_document(folded, tokens);
}

std::string filter_tokens(const Organisation& o, bool listed) {
    // Appended piece by piece: GCC 12 sees a false overlap (-Wrestrict) in " " + std::string.
    std::string out;
    const auto add = [&](const std::string& token) { out.append(" ").append(token); };
    add(text::filter_token("zzm", std::to_string(o.municipality_id)));
    if (listed) add("zzl1");
    if (o.state == State::Verified) add("zzv1");
    add(text::filter_token("zzk", o.profile.kind));
    for (const auto& a : o.profile.areas) add(text::filter_token("zza", a));
    return out;
}

std::vector<std::string> filter_terms(const FilterTerms& f) {
    std::vector<std::string> out{text::filter_token("zzm", std::to_string(f.municipality_id)), f.verified_only ? "zzv1" : "zzl1"};
    if (!f.kind.empty()) out.push_back(text::filter_token("zzk", f.kind));
    if (!f.area.empty()) out.push_back(text::filter_token("zza", f.area));
    return out;
}

}  // namespace syn::registry
