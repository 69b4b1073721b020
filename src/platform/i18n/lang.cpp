// Which language a request is served in. Runs on every request, so it only scans the header
// once, allocates nothing, and never throws on malformed input (it just ignores the entry).
#include "platform/i18n/i18n.hpp"

namespace syn::i18n {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim_ows(std::string_view s) {  // HTTP optional white space: SP and HTAB
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// RFC 9110 qvalue ("0", "0.5", "1", "1.000") in thousandths, or -1 when malformed, so that an
// entry with a garbled weight is ignored rather than guessed at.
int parse_qvalue(std::string_view v) {
    if (v.empty() || (v[0] != '0' && v[0] != '1')) return -1;
    int q = (v[0] - '0') * 1000;
    if (v.size() == 1) return q;
    if (v[1] != '.' || v.size() > 5) return -1;
    int scale = 100;
    for (std::size_t i = 2; i < v.size(); ++i, scale /= 10) {
        if (v[i] < '0' || v[i] > '9') return -1;
        q += (v[i] - '0') * scale;
    }
    return q > 1000 ? -1 : q;
}

// Weight of one Accept-Language entry ("el-GR;q=0.8"): 1000 when absent, -1 when malformed.
int entry_weight(std::string_view params) {
    int q = 1000;
    while (!params.empty()) {
        const auto semi = params.find(';');
        const std::string_view p = trim_ows(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
        if (p.size() >= 2 && lower(p[0]) == 'q' && p[1] == '=') q = parse_qvalue(trim_ows(p.substr(2)));
    }
    return q;
}

}  // namespace

std::string_view code(Lang l) { return l == Lang::En ? "en" : "el"; }

std::optional<Lang> parse_lang(std::string_view s) {
    // A primary subtag we serve, optionally followed by a region or other subtags: "el",
    // "EL", "el-GR", "en_GB", "en-US". "ell", "e", "el-" are not languages we recognise.
    if (s.size() < 2) return std::nullopt;
    if (s.size() > 2 && ((s[2] != '-' && s[2] != '_') || s.size() == 3)) return std::nullopt;
    const char a = lower(s[0]), b = lower(s[1]);
    if (a == 'e' && b == 'l') return Lang::El;
    if (a == 'e' && b == 'n') return Lang::En;
    return std::nullopt;
}

Lang negotiate(std::optional<std::string_view> cookie, std::optional<std::string_view> accept_language) {
    if (cookie) {
        if (const auto l = parse_lang(trim_ows(*cookie))) return *l;
    }
    if (!accept_language) return Lang::El;

    // Highest weight wins; among equal weights the first listed, as browsers list them in the
    // user's order of preference. "*" means any language, so our default (Greek) qualifies.
    std::optional<Lang> best;
    int best_q = 0;  // q=0 means "not acceptable", so it can never be chosen
    std::string_view rest = *accept_language;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view entry = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);

        const auto semi = entry.find(';');
        const std::string_view tag = trim_ows(entry.substr(0, semi));
        const int q = semi == std::string_view::npos ? 1000 : entry_weight(entry.substr(semi + 1));
        const std::optional<Lang> lang = tag == "*" ? std::optional<Lang>(Lang::El) : parse_lang(tag);
        if (lang && q > best_q) {
            best = lang;
            best_q = q;
        }
    }
    return best.value_or(Lang::El);
}

}  // namespace syn::i18n
