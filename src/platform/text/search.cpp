#include "platform/text/search.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "platform/text/greek.hpp"
#include "platform/text/text.hpp"

namespace syn::text {

namespace {

constexpr std::size_t kMaxWords = 8;
constexpr std::size_t kMaxWordBytes = 40;
constexpr std::size_t kMaxIndexedWordBytes = 80;  // longer "words" are codes or junk: no stems, parts or sounds
constexpr std::size_t kPartFrom = 2;               // a compound's first part has at least two letters
constexpr std::size_t kPartLetters = 4;            // and what is searched inside it at least four

// Calls fn with every run of letters and digits in UTF-8 text: the tokens both engines see, as
// FTS5's unicode61 and PostgreSQL's parser split at everything else.
template <typename Fn>
void for_each_word(std::string_view s, Fn fn) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    int32_t start = -1;
    for (int32_t i = 0; i < n;) {
        const int32_t at = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        const bool word = c >= 0 && u_isalnum(c);
        if (word && start < 0) start = at;
        if (!word && start >= 0) {
            fn(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start)));
            start = -1;
        }
    }
    if (start >= 0) fn(s.substr(static_cast<std::size_t>(start)));
}

// Byte offsets of the code points of valid UTF-8.
std::vector<std::size_t> letter_starts(std::string_view w) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < w.size(); ++i)
        if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80) out.push_back(i);
    return out;
}

// A section of tokens after the words: each token carries the section's marker ("zz2" stems,
// "zz3" parts, "zz4" sounds), so that one index without weights tells the sections apart. A
// PostgreSQL vector with weights cannot be filtered by its GIN index: every candidate row would
// be read again to check the weight.
class Section {
public:
    explicit Section(std::string_view marker = {}) : marker_(marker) {}
    void add(std::string_view token) {
        if (token.empty() || !seen_.emplace(token).second) return;
        if (!text_.empty()) text_ += ' ';
        text_ += marker_;
        text_ += token;
    }
    const std::string& text() const { return text_; }

private:
    std::string marker_;
    std::unordered_set<std::string> seen_;
    std::string text_;
};

constexpr std::array<std::string_view, kTiers> kMarkers{"", "zz2", "zz3", "zz4"};

// Tokens hold no quotes. Appended rather than `"\"" + …`, which GCC 12 misreads as an overlapping copy (-Wrestrict).
std::string quoted(std::string_view token) {
    std::string out;
    out.reserve(token.size() + 2);
    out += '"';
    out += token;
    out += '"';
    return out;
}

}  // namespace

std::string cut_words(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    auto end = s.rfind(' ', max);
    return end == std::string::npos ? std::string() : s.substr(0, end);
}

std::string search_document(std::string_view folded, std::string_view tokens) {
    Section stems(kMarkers[1]), parts(kMarkers[2]), sounds(kMarkers[3]);
    for_each_word(folded, [&](std::string_view w) {
        if (w.size() > kMaxIndexedWordBytes) return;
        stems.add(stem(w));
        sounds.add(sound(w));
        if (!has_greek(w)) return;
        const auto starts = letter_starts(w);
        for (std::size_t i = kPartFrom; i + kPartLetters <= starts.size(); ++i) parts.add(w.substr(starts[i]));
    });
    std::string out(folded);
    out += " || ";
    out += transliterate(folded);
    if (!tokens.empty()) out += ' ' + std::string(tokens);
    for (const auto* section : {&stems, &parts, &sounds}) {
        out += kSectionBreak;
        out += section->text();
    }
    return out;
}

std::array<std::string_view, kTiers> search_sections(std::string_view stored) {
    std::array<std::string_view, kTiers> out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto end = i + 1 < out.size() ? stored.find(kSectionBreak) : std::string_view::npos;
        out[i] = stored.substr(0, end);
        if (end == std::string_view::npos) break;
        stored.remove_prefix(end + 1);
    }
    return out;
}

std::string private_key_tokens(char marker, std::string_view text) {
    Section keys;
    const std::string folded = fold(text);
    for_each_word(folded, [&](std::string_view w) {
        if (w.size() > kMaxIndexedWordBytes) return;
        const std::string word_key = std::string("zz") + marker + "w";
        keys.add(word_key + std::string(w));
        keys.add(word_key + transliterate(w));
        if (const auto s = sound(w); !s.empty()) keys.add(std::string("zz") + marker + "s" + s);
    });
    return keys.text();
}

std::string filter_token(std::string_view prefix, std::string_view code) {
    std::string out(prefix);
    for (const char c : code)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
    return out;
}

namespace {

// "kalh" → "kali", "filarmonikh" → "filarmoniki": an h that does not end ch, th or ph, read as η
// (after a k too: "kh" for χ is rarer in Greeklish than a word ending in -kh, and the word's
// plain sound keeps the χ reading).
std::string lone_h_as_eta(std::string_view w) {
    std::string out(w);
    for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i] == 'h' && (i == 0 || std::string_view("ctp").find(w[i - 1]) == std::string_view::npos)) out[i] = 'i';
    return out;
}

// "xronia" → "chronia": x read as χ.
std::string x_as_chi(std::string_view w) {
    std::string out;
    for (const char c : w) out += c == 'x' ? std::string("ch") : std::string(1, c);
    return out;
}

}  // namespace

std::vector<QueryWord> query_words(std::string_view query) {
    const std::string folded = fold(query.substr(0, 400));
    std::vector<QueryWord> out;
    for_each_word(folded, [&](std::string_view w) {
        if (out.size() >= kMaxWords || w.size() > kMaxWordBytes || w.starts_with("zz")) return;
        QueryWord q{std::string(w), stem(w), without_ending(w), sound(w), {}};
        if (!has_greek(w))
            for (const auto& other : {sound(lone_h_as_eta(w)), sound(x_as_chi(w))})
                if (!other.empty() && other != q.sound &&
                    std::find(q.sounds_also.begin(), q.sounds_also.end(), other) == q.sounds_also.end())
                    q.sounds_also.push_back(other);
        if (q.sound.starts_with("zz")) q.sound.clear();
        std::erase_if(q.sounds_also, [](const std::string& k) { return k.starts_with("zz"); });
        out.push_back(std::move(q));
    });
    return out;
}

namespace {

// One query word's alternatives up to a tier, in an engine's syntax.
struct Syntax {
    std::string (*prefix)(std::string_view section, std::string_view token);
    std::string (*whole)(std::string_view section, std::string_view token);
    const char* any;  // OR
    const char* all;  // AND
};

// SQLite names the section's column as well (its index is per column); PostgreSQL has the marker only.
constexpr std::array<std::string_view, kTiers> kFtsColumns{"words", "stems", "parts", "sounds"};
constexpr std::array<std::string_view, kTiers> kPgSections{"", "", "", ""};

std::string fts_prefix(std::string_view col, std::string_view t) { return std::string(col) + " : " + quoted(t) + "*"; }
std::string fts_whole(std::string_view col, std::string_view t) { return std::string(col) + " : " + quoted(t); }
std::string pg_prefix(std::string_view, std::string_view t) { return std::string(t) + ":*"; }
std::string pg_whole(std::string_view, std::string_view t) { return std::string(t); }

std::string build(const MatchSpec& m, const Syntax& x, const std::array<std::string_view, kTiers>& sections) {
    auto marked = [](int section, std::string_view token) { return std::string(kMarkers[section]) + std::string(token); };
    std::vector<std::string> groups;
    for (const auto& w : m.words) {
        std::vector<std::string> alt{x.prefix(sections[0], w.word)};
        for (const char marker : m.keys) {
            alt.push_back(x.prefix(sections[0], std::string("zz") + marker + "w" + w.word));
            if (!w.sound.empty()) alt.push_back(x.prefix(sections[0], std::string("zz") + marker + "s" + w.sound));
            for (const auto& other : w.sounds_also) alt.push_back(x.prefix(sections[0], std::string("zz") + marker + "s" + other));
        }
        if (m.upto >= 2 && !w.stem.empty()) alt.push_back(x.whole(sections[1], marked(1, w.stem)));
        if (m.upto >= 3 && !w.part.empty()) alt.push_back(x.prefix(sections[2], marked(2, w.part)));
        if (m.upto >= 4) {
            if (!w.sound.empty()) alt.push_back(x.prefix(sections[3], marked(3, w.sound)));
            for (const auto& other : w.sounds_also) alt.push_back(x.prefix(sections[3], marked(3, other)));
        }
        std::string g;
        for (const auto& a : alt) g += (g.empty() ? "" : x.any) + a;
        groups.push_back(alt.size() > 1 ? "(" + g + ")" : g);
    }
    // The filters last: FTS5 walks an AND's first operand and seeks in the others, and a filter
    // (the municipality: every row) is the longest list.
    for (const auto& t : m.exact) groups.push_back(x.whole(sections[0], t));
    std::string out;
    for (const auto& g : groups) out += (out.empty() ? "" : x.all) + g;
    return out;
}

}  // namespace

std::string fts5_match(const MatchSpec& m) { return build(m, {fts_prefix, fts_whole, " OR ", " AND "}, kFtsColumns); }

std::string pg_match(const MatchSpec& m) { return build(m, {pg_prefix, pg_whole, " | ", " & "}, kPgSections); }

}  // namespace syn::text
