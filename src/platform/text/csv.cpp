// CSV reading and writing (see csv.hpp for the dialect we accept and why).
#include "platform/text/csv.hpp"

#include <array>
#include <cstdint>

namespace syn::text::csv {

namespace {

constexpr std::string_view kBom = kUtf8Bom;

std::string_view without_bom(std::string_view s) { return s.starts_with(kBom) ? s.substr(kBom.size()) : s; }

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        std::size_t n = 0;
        std::uint32_t cp = 0, min = 0;
        if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
        else return false;
        if (i + n >= s.size()) return false;  // the sequence is cut off
        for (std::size_t k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Windows-1253 bytes 0x80–0xBF → Unicode (0: undefined). 0xC0–0xFE map to U+0390–U+03CE in
// order, except 0xD2 (undefined, the gap of final sigma in ISO 8859-7's layout); 0xFF is undefined.
constexpr std::array<std::uint16_t, 64> kCp1253High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0,      0x2030, 0,      0x2039, 0,      0,      0,      0,       // 88
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0,      0x2122, 0,      0x203A, 0,      0,      0,      0,       // 98
    0x00A0, 0x0385, 0x0386, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,  // A0
    0x00A8, 0x00A9, 0,      0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x2015,  // A8
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x0384, 0x00B5, 0x00B6, 0x00B7,  // B0
    0x0388, 0x0389, 0x038A, 0x00BB, 0x038C, 0x00BD, 0x038E, 0x038F,  // B8
};

std::optional<std::uint32_t> cp1253(unsigned char b) {
    if (b < 0x80) return b;
    if (b < 0xC0) {
        const auto cp = kCp1253High[b - 0x80];
        return cp ? std::optional<std::uint32_t>(cp) : std::nullopt;
    }
    if (b == 0xD2 || b == 0xFF) return std::nullopt;
    return 0x0390u + (b - 0xC0u);
}

}  // namespace

char detect_delimiter(std::string_view text) {
    text = without_bom(text);
    std::size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;  // "" toggles twice: still right for counting
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted && c == ',') ++comma;
        else if (!quoted && c == ';') ++semicolon;
        else if (!quoted && c == '\t') ++tab;
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
}

ParseResult parse(std::string_view text, const ParseOptions& options) {
    ParseResult r;
    text = without_bom(text);
    r.delimiter = options.delimiter.value_or(detect_delimiter(text));
    const char delim = r.delimiter;

    std::size_t line = 1;          // the line we are on
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto fail = [&](Error e, std::size_t at) {
        r.records.clear();
        r.error = e;
        r.error_line = at;
        return r;
    };

    while (i < n) {
        Record rec;
        rec.line = line;
        std::string field;
        bool record_done = false;
        bool quoted_any = false;  // a line holding just "" is an empty value, not an empty line
        while (!record_done) {
            field.clear();
            if (i < n && text[i] == '"') {
                // Quoted field: runs to the matching quote, across line breaks.
                const std::size_t opened_on = line;
                quoted_any = true;
                ++i;
                bool closed = false;
                while (i < n) {
                    // Checked at the top, so that the "" and line-break paths are bounded too.
                    if (field.size() > options.max_field_bytes) return fail(Error::FieldTooLong, rec.line);
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') { field += '"'; i += 2; continue; }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == '\r') {
                        field += '\n';
                        ++line;
                        i += (i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
                        continue;
                    }
                    if (c == '\n') ++line;
                    field += c;
                    ++i;
                }
                if (!closed) return fail(Error::UnterminatedQuote, opened_on);
                if (field.size() > options.max_field_bytes) return fail(Error::FieldTooLong, rec.line);
                if (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r')
                    return fail(Error::TextAfterQuote, line);
            } else {
                while (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') field += text[i++];
                if (field.size() > options.max_field_bytes) return fail(Error::FieldTooLong, rec.line);
            }
            rec.fields.push_back(std::move(field));
            if (i >= n) {
                record_done = true;
            } else if (text[i] == delim) {
                ++i;
                // A delimiter at the very end of the text still ends in one more (empty) field.
                if (i >= n) { rec.fields.emplace_back(); record_done = true; }
            } else {  // line break
                i += (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
                ++line;
                record_done = true;
            }
        }
        const bool blank = rec.fields.size() == 1 && rec.fields[0].empty() && !quoted_any;
        if (!blank) {
            if (r.records.size() >= options.max_records) return fail(Error::TooManyRecords, rec.line);
            r.records.push_back(std::move(rec));
        }
    }
    return r;
}

std::optional<std::string> to_utf8(std::string_view bytes) {
    if (is_utf8(bytes)) return std::string(bytes);
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char ch : bytes) {
        const auto cp = cp1253(static_cast<unsigned char>(ch));
        if (!cp) return std::nullopt;
        append_utf8(out, *cp);
    }
    return out;
}

std::string cell(std::string_view value, const WriteOptions& options) {
    std::string v;
    v.reserve(value.size() + 1);
    if (options.formula_guard && !value.empty() &&
        (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' || value[0] == '\r'))
        v.push_back('\'');
    v.append(value);
    const bool needs_quotes = v.find_first_of(std::string{options.delimiter, '"', '\n', '\r'}) != std::string::npos ||
                              (!v.empty() && (v.front() == ' ' || v.back() == ' ' || v.front() == '\t' || v.back() == '\t'));
    if (!needs_quotes) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string row(std::span<const std::string> values, const WriteOptions& options) {
    std::string out;
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (k) out += options.delimiter;
        out += cell(values[k], options);
    }
    out += "\r\n";
    return out;
}

}  // namespace syn::text::csv
