#include "platform/http/multipart.hpp"
#include "platform/http/token.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include "platform/http/percent.hpp"

namespace syn::http {

namespace {

// Control characters other than HTAB never belong in a header value.
bool has_ctl(std::string_view s) {
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
    }
    return false;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

bool ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && ows(s.front())) s.remove_prefix(1);
    while (!s.empty() && ows(s.back())) s.remove_suffix(1);
    return s;
}

// A header value of the form `type; name=value; name="quoted value"` (Content-Type,
// Content-Disposition). Parameter names are lower-cased.
struct HeaderValue {
    std::string_view type;
    std::vector<std::pair<std::string, std::string>> params;

    const std::string* param(std::string_view name) const {
        for (const auto& [k, v] : params)
            if (k == name) return &v;
        return nullptr;
    }
};

// nullopt on anything malformed, including a parameter given twice: two parsers that pick
// different copies of a duplicated name= is the classic upload-filter bypass.
std::optional<HeaderValue> parse_header_value(std::string_view s) {
    if (has_ctl(s)) return std::nullopt;
    HeaderValue hv;
    std::size_t semi = s.find(';');
    hv.type = trim(s.substr(0, semi));
    if (hv.type.empty()) return std::nullopt;
    for (char c : hv.type)
        if (!token_char(static_cast<unsigned char>(c)) && c != '/') return std::nullopt;
    if (semi == std::string_view::npos) return hv;

    std::size_t i = semi;
    const std::size_t n = s.size();
    while (i < n) {
        // at a ';'
        ++i;
        while (i < n && ows(s[i])) ++i;
        if (i == n) break;         // trailing ';'
        if (s[i] == ';') continue;  // empty parameter
        std::size_t name_start = i;
        while (i < n && token_char(static_cast<unsigned char>(s[i]))) ++i;
        std::string name(s.substr(name_start, i - name_start));
        if (name.empty() || i == n || s[i] != '=') return std::nullopt;
        for (char& c : name) c = lower(c);
        ++i;
        std::string value;
        if (i < n && s[i] == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                char c = s[i];
                if (c == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                // Only \" and \\ are escapes. Browsers do not escape backslashes at all
                // (the HTML spec escapes '"' as %22), so a lone '\' is kept as is.
                if (c == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\')) {
                    value.push_back(s[i + 1]);
                    i += 2;
                    continue;
                }
                value.push_back(c);
                ++i;
            }
            if (!closed) return std::nullopt;
            while (i < n && ows(s[i])) ++i;
        } else {
            std::size_t v_start = i;
            while (i < n && s[i] != ';') ++i;
            std::string_view raw = trim(s.substr(v_start, i - v_start));
            if (raw.empty() || raw.find('"') != std::string_view::npos) return std::nullopt;
            value.assign(raw);
        }
        if (i < n && s[i] != ';') return std::nullopt;
        if (hv.param(name)) return std::nullopt;
        hv.params.emplace_back(std::move(name), std::move(value));
    }
    return hv;
}

// RFC 2046 bchars.
bool valid_boundary(std::string_view b) {
    if (b.empty() || b.size() > 70 || b.back() == ' ') return false;
    for (char c : b) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        switch (c) {
            case '\'': case '(': case ')': case '+': case '_': case ',': case '-': case '.':
            case '/': case ':': case '=': case '?': case ' ':
                ok = true;
                break;
            default:
                break;
        }
        if (!ok) return false;
    }
    return true;
}

MultipartResult fail(std::string message) {
    MultipartResult r;
    r.error = std::move(message);
    return r;
}

// Fills `part` from its header block (lines separated by CRLF, without the final blank
// line); returns an error message or "".
std::string parse_part_headers(std::string_view block, Part& part) {
    bool seen_disposition = false, seen_type = false;
    std::size_t pos = 0;
    while (pos < block.size()) {
        std::size_t eol = block.find("\r\n", pos);
        if (eol == std::string_view::npos) eol = block.size();
        std::string_view line = block.substr(pos, eol - pos);
        pos = eol + 2;

        // Folded continuation lines are obsolete (RFC 7230 §3.2.4) and only ever seen in attacks.
        if (line.empty() || ows(line.front())) return "malformed part headers";
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) return "malformed part headers";
        std::string_view name = line.substr(0, colon);
        std::string_view value = trim(line.substr(colon + 1));
        if (has_ctl(value)) return "malformed part headers";

        if (iequals(name, "Content-Disposition")) {
            if (seen_disposition) return "repeated Content-Disposition";
            seen_disposition = true;
            auto hv = parse_header_value(value);
            if (!hv || !iequals(hv->type, "form-data")) return "malformed Content-Disposition";
            const std::string* field = hv->param("name");
            if (!field || field->empty()) return "part without a name";
            if (!valid_utf8(*field)) return "part name is not valid UTF-8";
            part.name = *field;
            // filename* (RFC 5987) is ignored: RFC 7578 §4.2 says senders must not use it.
            if (const std::string* file = hv->param("filename")) {
                if (!valid_utf8(*file)) return "filename is not valid UTF-8";
                part.filename = *file;
            }
        } else if (iequals(name, "Content-Type")) {
            if (seen_type) return "repeated Content-Type";
            seen_type = true;
            if (value.empty()) return "malformed part headers";
            part.content_type = value;
        }
        // Other headers (Content-Transfer-Encoding is deprecated by RFC 7578) are ignored.
    }
    if (!seen_disposition) return "missing Content-Disposition";
    if (!seen_type) part.content_type = "text/plain";
    return "";
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    auto hv = parse_header_value(content_type);
    if (!hv || !iequals(hv->type, "multipart/form-data")) return std::nullopt;
    const std::string* b = hv->param("boundary");
    if (!b || !valid_boundary(*b)) return std::nullopt;
    return *b;
}

MultipartResult parse_multipart(std::string_view body, std::string_view boundary, const MultipartLimits& limits) {
    if (!valid_boundary(boundary)) return fail("invalid boundary");

    // Every delimiter but a first one at the very start of the body is CRLF "--" boundary;
    // the CRLF belongs to the delimiter, not to the data before it.
    const std::string delimiter = "\r\n--" + std::string(boundary);
    const std::string_view dash_boundary = std::string_view(delimiter).substr(2);
    // Boyer-Moore keeps the scan linear even for bodies built to look almost like delimiters.
    const std::boyer_moore_searcher searcher(delimiter.begin(), delimiter.end());

    // A delimiter is only one when followed by "--" (the close delimiter) or by optional
    // transport padding and CRLF; "--boundaryX" is data (RFC 2046 §5.1.1).
    auto ends_delimiter = [&](std::size_t at) {
        if (body.substr(at).starts_with("--")) return true;
        while (at < body.size() && ows(body[at])) ++at;
        return body.substr(at).starts_with("\r\n");
    };
    // Position of the next delimiter (its CRLF) at or after `from`, or npos.
    auto find_delimiter = [&](std::size_t from) {
        while (from < body.size()) {
            auto hit = std::search(body.begin() + from, body.end(), searcher);
            if (hit == body.end()) return std::string_view::npos;
            auto at = static_cast<std::size_t>(hit - body.begin());
            if (ends_delimiter(at + delimiter.size())) return at;
            from = at + 1;
        }
        return std::string_view::npos;
    };

    std::size_t pos;  // just after the boundary text of the delimiter we stand on
    if (body.starts_with(dash_boundary) && ends_delimiter(dash_boundary.size())) {
        pos = dash_boundary.size();
    } else {
        std::size_t first = find_delimiter(0);  // after a preamble
        if (first == std::string_view::npos) return fail("missing opening boundary");
        pos = first + delimiter.size();
    }

    MultipartResult result;
    while (true) {
        if (body.substr(pos).starts_with("--")) return result;  // close delimiter; the epilogue is ignored
        while (ows(body[pos])) ++pos;                            // transport padding, then CRLF (checked)
        pos += 2;

        if (result.parts.size() >= limits.max_parts) return fail("too many parts");
        std::size_t next = find_delimiter(pos);
        if (next == std::string_view::npos) return fail("missing closing boundary");
        std::string_view region = body.substr(pos, next - pos);

        std::string_view header_block;
        std::size_t data_start;
        if (region.starts_with("\r\n")) {
            data_start = 2;  // no headers at all; refused below for lacking a Content-Disposition
        } else {
            // Look no further than the limit allows (+4 for the blank line), however long the part.
            std::size_t window = limits.max_header_bytes < region.size() ? limits.max_header_bytes + 4 : region.size();
            std::size_t blank = region.substr(0, window).find("\r\n\r\n");
            if (blank == std::string_view::npos)
                return fail(region.size() > limits.max_header_bytes ? "part headers too large" : "malformed part headers");
            if (blank > limits.max_header_bytes) return fail("part headers too large");
            header_block = region.substr(0, blank);
            data_start = blank + 4;
        }
        std::string_view data = region.substr(data_start);
        if (data.size() > limits.max_part_bytes) return fail("part too large");

        Part part;
        if (auto error = parse_part_headers(header_block, part); !error.empty()) return fail(std::move(error));
        if (!part.filename && !valid_utf8(data)) return fail("field is not valid UTF-8");
        part.data.assign(data);
        result.parts.push_back(std::move(part));
        pos = next + delimiter.size();
    }
}

Params fields_of(const std::vector<Part>& parts) {
    Params params;
    for (const auto& p : parts)
        if (!p.filename) params.items.emplace_back(p.name, p.data);
    return params;
}

}  // namespace syn::http
