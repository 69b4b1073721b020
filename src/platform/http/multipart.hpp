#pragma once
// multipart/form-data request bodies (RFC 7578, framing from RFC 2046), parsed strictly and
// within limits. The whole body is already in memory: the server caps it per route (uploads
// 20 MiB), so there is no streaming here. Standard library only, so the fuzz build can compile it alone.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/query.hpp"

namespace syn::http {

// The boundary parameter of a "multipart/form-data" Content-Type, quoted or not.
// nullopt for any other media type, a missing or repeated boundary, or one that breaks
// RFC 2046 (1..70 characters from its bchars set, not ending in a space).
std::optional<std::string> multipart_boundary(std::string_view content_type);

struct Part {
    std::string name;                     // from Content-Disposition: form-data; name="..."
    std::optional<std::string> filename;  // present for file inputs (may be "" when none was chosen);
                                          // exactly as sent: strip any path before storing it
    std::string content_type;             // "text/plain" when the part does not say (RFC 7578 §4.4)
    std::string data;
};

struct MultipartLimits {
    std::size_t max_parts = 32;
    std::size_t max_part_bytes = 20u << 20;  // data of one part
    std::size_t max_header_bytes = 8192;     // header block of one part
};

struct MultipartResult {
    std::vector<Part> parts;  // empty whenever error is set
    std::string error;        // a short English diagnostic for logs, e.g. "missing closing boundary"
    bool ok() const { return error.empty(); }
};

// Lines end in CRLF; a bare LF is not accepted as one. The preamble and epilogue are ignored.
// Each part needs a Content-Disposition of type form-data with a non-empty UTF-8 name; a
// part without a filename is a text field and its data must be valid UTF-8, like an
// urlencoded form's. A body that ends before the closing boundary is an error, so a cut-off
// upload is never taken for a complete one.
MultipartResult parse_multipart(std::string_view body, std::string_view boundary, const MultipartLimits& limits = {});

// The text fields (parts without a filename) as name -> value, in order, so handlers can
// read multipart and urlencoded forms the same way.
Params fields_of(const std::vector<Part>& parts);

}  // namespace syn::http
