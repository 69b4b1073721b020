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

namespace {

// "civil_society" → "civilsociety": tokenizers split at '_'.
std::string token(std::string_view prefix, std::string_view code) {
    std::string out(prefix);
    for (char c : code)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
    return out;
}

}  // namespace

std::string filter_tokens(const Organisation& o, bool listed) {
    std::string out = " " + token("zzm", std::to_string(o.municipality_id));
    if (listed) out += " zzl1";
    if (o.state == State::Verified) out += " zzv1";
    out += " " + token("zzk", o.profile.kind);
    for (const auto& a : o.profile.areas) out += " " + token("zza", a);
    return out;
}

std::vector<std::string> filter_terms(const FilterTerms& f) {
    std::vector<std::string> out{token("zzm", std::to_string(f.municipality_id)), f.verified_only ? "zzv1" : "zzl1"};
    if (!f.kind.empty()) out.push_back(token("zzk", f.kind));
    if (!f.area.empty()) out.push_back(token("zza", f.area));
    return out;
}

}  // namespace syn::registry
