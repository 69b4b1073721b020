#include "platform/files/image.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "platform/files/sniff.hpp"
#include "platform/text/text.hpp"

namespace syn::files {

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The first element is <svg …>, after an optional byte-order mark, XML declaration, comments,
// and white space.
bool svg_root(const std::string& lower) {
    std::size_t at = lower.starts_with("\xef\xbb\xbf") ? 3 : 0;
    while (at < lower.size()) {
        while (at < lower.size() && std::isspace(static_cast<unsigned char>(lower[at]))) ++at;
        if (lower.compare(at, 5, "<?xml") == 0 || lower.compare(at, 4, "<!--") == 0) {
            const auto end = lower.find(lower.compare(at, 5, "<?xml") == 0 ? "?>" : "-->", at);
            if (end == std::string::npos) return false;
            at = end + (lower[end] == '?' ? 2 : 3);
            continue;
        }
        // A document type, perhaps with an internal subset ("[…]"): an SVG still, which the
        // checks below then refuse for what the subset can do.
        if (lower.compare(at, 9, "<!doctype") == 0) {
            const auto bracket = lower.find('[', at), close = lower.find('>', at);
            const auto end = bracket != std::string::npos && bracket < close ? lower.find("]>", bracket) : close;
            if (end == std::string::npos) return false;
            at = end + (lower[end] == ']' ? 2 : 1);
            continue;
        }
        return lower.compare(at, 4, "<svg") == 0 && at + 4 < lower.size() &&
               (std::isspace(static_cast<unsigned char>(lower[at + 4])) || lower[at + 4] == '>');
    }
    return false;
}

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Where an attribute's value starts after `name` at `at` (past spaces, '=', spaces and a quote);
// npos when no '=' follows the name.
std::size_t value_start(const std::string& lower, std::size_t at) {
    while (at < lower.size() && space(lower[at])) ++at;
    if (at >= lower.size() || lower[at] != '=') return std::string::npos;
    ++at;
    while (at < lower.size() && (space(lower[at]) || lower[at] == '"' || lower[at] == '\'')) ++at;
    return at;
}

// Anything that would let the drawing act or reach out. Judged on the lower-cased text, and
// strictly, because a logo needs none of it: any mention of a script (also under a namespace
// prefix, "<x:script>", or as "javascript:"), embedded HTML, entities and character references
// (which could spell any of these), CSS escapes and imports, animations that could set a link,
// event handlers (onload=…), and any link or url(…) that does not point inside the drawing
// (#id) or hold an embedded image (data:image/).
bool svg_can_act(const std::string& lower) {
    static constexpr std::array<std::string_view, 13> kForbidden = {
        "script", "iframe", "foreignobject", "<!entity", "embed", "object", "&#", "\\", "@import", "<set", ":set", "animate", "<!doctype"};
    for (auto f : kForbidden)
        if (lower.find(f) != std::string::npos) return true;
    for (std::size_t at = lower.find("href"); at != std::string::npos; at = lower.find("href", at + 4)) {
        const auto v = value_start(lower, at + 4);
        if (v == std::string::npos) continue;
        if (v >= lower.size() || !(lower[v] == '#' || lower.compare(v, 11, "data:image/") == 0)) return true;
    }
    for (std::size_t at = lower.find("url("); at != std::string::npos; at = lower.find("url(", at + 4)) {
        auto next = at + 4;
        while (next < lower.size() && (space(lower[next]) || lower[next] == '\'' || lower[next] == '"')) ++next;
        if (next >= lower.size() || lower[next] != '#') return true;
    }
    for (std::size_t at = lower.find("on"); at != std::string::npos; at = lower.find("on", at + 2)) {
        if (at == 0 || !(space(lower[at - 1]) || lower[at - 1] == '/')) continue;
        auto end = at + 2;
        while (end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end]))) ++end;
        if (end > at + 2 && value_start(lower, end) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

ImageCheck check_image(std::string_view data) {
    if (auto m = accepted_document_type(data); m && *m != "application/pdf") return {m, false};
    if (data.empty() || !text::valid_utf8_text(data)) return {};
    const auto lower = lower_ascii(data);
    if (!svg_root(lower)) return {};
    if (svg_can_act(lower)) return {std::nullopt, true};
    return {std::string("image/svg+xml"), false};
}

std::string stored_image_type(std::string_view data) {
    if (data.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
    if (data.starts_with("\xff\xd8\xff")) return "image/jpeg";
    return "image/svg+xml";
}

}  // namespace syn::files
