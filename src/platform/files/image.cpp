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

// Anything that would let the drawing act or reach out: scripts, event handlers (onload=…),
// embedded HTML, entities (which can also blow up in size), and links or styles that load
// from another address.
bool svg_can_act(const std::string& lower) {
    static constexpr std::array<std::string_view, 13> kForbidden = {
        "<script", "javascript:", "<foreignobject", "<!entity", "<!doctype", "<iframe", "<embed", "<object",
        "href=\"http", "href='http", "href=\"//", "href='//", "@import"};
    for (auto f : kForbidden)
        if (lower.find(f) != std::string::npos) return true;
    // url(#gradient) points inside the drawing; any other url(…) loads from somewhere.
    for (std::size_t at = lower.find("url("); at != std::string::npos; at = lower.find("url(", at + 4)) {
        auto next = at + 4;
        while (next < lower.size() && (std::isspace(static_cast<unsigned char>(lower[next])) || lower[next] == '\'' || lower[next] == '"')) ++next;
        if (next >= lower.size() || lower[next] != '#') return true;
    }
    for (std::size_t at = lower.find("on"); at != std::string::npos; at = lower.find("on", at + 2)) {
        if (at == 0 || !(std::isspace(static_cast<unsigned char>(lower[at - 1])) || lower[at - 1] == '/')) continue;
        auto end = at + 2;
        while (end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end]))) ++end;
        while (end < lower.size() && std::isspace(static_cast<unsigned char>(lower[end]))) ++end;
        if (end > at + 2 && end < lower.size() && lower[end] == '=') return true;
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
