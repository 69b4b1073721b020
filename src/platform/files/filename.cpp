#include "platform/files/filename.hpp"

#include "platform/http/percent.hpp"
#include "platform/text/cut.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace syn::files {

namespace {

constexpr std::size_t kMaxNameBytes = 150;
constexpr std::size_t kMaxExtensionBytes = 16;

// Length of the well-formed UTF-8 sequence at s[i] and its code point, or 0 when ill-formed
// (overlong, surrogate, above U+10FFFF, truncated).
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    std::size_t len;
    char32_t min;
    if (c < 0x80) { cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; min = 0x10000; }
    else return 0;
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

bool unwanted(char32_t cp) {
    if (cp < 0x20 || cp == 0x7F) return true;                    // C0 controls, DEL
    if (cp >= 0x80 && cp <= 0x9F) return true;                   // C1 controls
    if (cp == 0x200E || cp == 0x200F) return true;               // LRM, RLM
    if (cp >= 0x202A && cp <= 0x202E) return true;               // bidi embeddings, overrides
    if (cp >= 0x2066 && cp <= 0x2069) return true;               // bidi isolates
    if (cp == 0xFEFF) return true;                               // BOM, zero-width no-break
    return false;
}

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::string safe_filename(std::string_view client_name) {
    // Browsers on Windows used to send the whole path; either separator may appear.
    if (auto slash = client_name.find_last_of("/\\"); slash != std::string_view::npos)
        client_name.remove_prefix(slash + 1);

    std::string clean;
    clean.reserve(client_name.size());
    for (std::size_t i = 0; i < client_name.size();) {
        char32_t cp = 0;
        std::size_t len = utf8_sequence(client_name, i, cp);
        if (len == 0) { ++i; continue; }  // ill-formed byte: dropped
        if (!unwanted(cp)) clean.append(client_name.substr(i, len));
        i += len;
    }

    std::string_view name = trim_spaces(clean);
    if (name.find_first_not_of('.') == std::string_view::npos) return "document";  // "", ".", ".."
    if (name.size() <= kMaxNameBytes) return std::string(name);

    // Too long: shorten the stem and keep a short extension, so "….pdf" still opens as a PDF.
    std::string_view ext;
    if (auto dot = name.rfind('.'); dot != std::string_view::npos && dot > 0 && name.size() - dot <= kMaxExtensionBytes)
        ext = name.substr(dot);
    std::string out(trim_spaces(text::cut_utf8(name.substr(0, name.size() - ext.size()), kMaxNameBytes - ext.size())));
    out.append(ext);
    return out;
}

std::string document_filename(std::string_view client_name, std::string_view mime) {
    struct Type { std::string_view mime, ext, other; };
    static constexpr Type kTypes[] = {
        {"application/pdf", ".pdf", ".pdf"},
        {"image/jpeg", ".jpg", ".jpeg"},
        {"image/png", ".png", ".png"},
    };
    std::string name = safe_filename(client_name);
    const Type* type = nullptr;
    for (const auto& t : kTypes)
        if (t.mime == mime) type = &t;
    if (!type) return name;

    std::string_view ext;
    if (auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) ext = std::string_view(name).substr(dot);
    const auto same = [&](std::string_view want) {
        return ext.size() == want.size() && std::equal(ext.begin(), ext.end(), want.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == b;
               });
    };
    if (same(type->ext) || same(type->other)) return name;
    // A short run of letters and digits after the last dot is an extension, and a wrong one:
    // it goes. Anything else ("Πρακτικό 3.2024") is part of the name and stays.
    const bool is_extension = ext.size() >= 2 && ext.size() <= 6 &&
                              std::all_of(ext.begin() + 1, ext.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }) &&
                              !std::all_of(ext.begin() + 1, ext.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (is_extension) name.resize(name.size() - ext.size());
    return safe_filename(name + std::string(type->ext));
}

std::string content_disposition(std::string_view disposition, std::string_view filename) {
    const std::string name = safe_filename(filename);

    std::string ascii;
    ascii.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        char32_t cp = 0;
        std::size_t len = utf8_sequence(name, i, cp);  // name is valid UTF-8: len ≥ 1
        if (len == 0) len = 1;
        i += len;
        if (cp >= 0x80) ascii += '_';
        // '%' too: some browsers percent-decode the plain filename parameter (RFC 6266 D.).
        else if (cp == '"' || cp == '\\' || cp == '%' || cp < 0x20 || cp == 0x7F) continue;
        else ascii += static_cast<char>(cp);
    }
    if (ascii.empty()) ascii = "document";

    std::string out(disposition == "inline" ? "inline" : "attachment");
    out += "; filename=\"";
    out += ascii;
    out += "\"; filename*=UTF-8''";
    out += http::percent_encode(name);
    return out;
}

}  // namespace syn::files
