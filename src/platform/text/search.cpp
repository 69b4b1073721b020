#include "platform/text/search.hpp"

#include "platform/text/text.hpp"

namespace syn::text {

namespace {

constexpr std::size_t kMaxTerms = 8;
constexpr std::size_t kMaxTermBytes = 40;

bool word_byte(unsigned char c) { return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

}  // namespace

std::string cut_words(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    auto end = s.rfind(' ', max);
    return end == std::string::npos ? std::string() : s.substr(0, end);
}

std::vector<std::string> search_terms(std::string_view query) {
    const std::string folded = fold(query.substr(0, 400));
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

}  // namespace syn::text
