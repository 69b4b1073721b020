#pragma once
// Cutting UTF-8 text to a limit without splitting a character: a search box, a log line or a
// mail header cut in the middle of "λακκουβα" would carry a broken letter ("λακκουβ\xCE") into
// the next link, filter or CSV export.
#include <cstddef>
#include <string_view>

namespace syn::text {

// The longest prefix of s that fits in max_bytes and ends at a character boundary. Bytes that
// are not UTF-8 are kept as they are: validation is the caller's (valid_utf8_text).
std::string_view cut_utf8(std::string_view s, std::size_t max_bytes);
// The first max_chars characters (code points) of s, or s itself when it is shorter.
std::string_view cut_utf8_chars(std::string_view s, std::size_t max_chars);

}  // namespace syn::text
