#include "modules/registry/search.hpp"

#include "modules/registry/rules.hpp"
#include "platform/text/text.hpp"

namespace syn::registry {

namespace {

constexpr std::size_t kMaxTerms = 8;
constexpr std::size_t kMaxTermBytes = 40;
constexpr std::size_t kMaxDescriptionBytes = 1500;

bool word_byte(unsigned char c) { return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

// Cuts folded text at a word boundary at most max bytes in, so no UTF-8 sequence is split.
std::string cut_words(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    auto end = s.rfind(' ', max);
    return end == std::string::npos ? std::string() : s.substr(0, end);
}

}  // namespace

std::string search_text(const Organisation& org) {
    const Organisation o = redact_for_public(org);
    const auto& p = o.profile;
    std::string folded = text::fold(p.official_name) + " | " + text::fold(p.distinctive_title) + " | " + text::fold(p.neighbourhood) +
                         " | " + cut_words(text::fold(p.description_markdown), kMaxDescriptionBytes);
    return folded + " || " + text::transliterate(folded);
}

std::vector<std::string> search_terms(std::string_view query) {
    const std::string folded = text::fold(query.substr(0, 400));
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (!word.empty() && word.size() <= kMaxTermBytes && out.size() < kMaxTerms) out.push_back(word);
        word.clear();
    };
    for (unsigned char c : folded) {
        if (word_byte(c)) word.push_back(static_cast<char>(c));
        else flush();
    }
    flush();
    return out;
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

std::string fts5_query(const std::vector<std::string>& terms, const std::vector<std::string>& exact) {
    std::string out;
    for (const auto& t : exact) out += (out.empty() ? "\"" : " \"") + t + "\"";
    for (const auto& t : terms) out += (out.empty() ? "\"" : " \"") + t + "\"*";  // terms hold no quotes
    return out;
}

std::string pg_tsquery(const std::vector<std::string>& terms, const std::vector<std::string>& exact) {
    std::string out;
    for (const auto& t : exact) out += (out.empty() ? "" : " & ") + t;
    for (const auto& t : terms) out += (out.empty() ? "" : " & ") + t + ":*";
    return out;
}

}  // namespace syn::registry
