#pragma once
// Rich text that users write (an organisation's description, an announcement), as CommonMark
// with GitHub's autolinks, ~~strikethrough~~ and tables, rendered by cmark-gfm in safe mode.
#include "platform/html/writer.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace syn::html {

// Safe to embed in any page: raw HTML is dropped (never passed through, never a tag),
// javascript:, vbscript:, file: and data: links lose their href, invalid UTF-8 becomes U+FFFD.
// Adjusted to sit inside our pages: headings start at <h3> (the page owns h1 and h2); images
// become links to the image (the CSP loads no third-party images, and loading them would tell
// other sites who reads the page); a link with no text shows its web address (or goes); empty
// headings go; table columns carry no align attribute (obsolete in HTML5, and inline styles
// break the CSP).
// Callers cap the input length (a form field limit): cmark is fast, but not free.
Html render_markdown(std::string_view md);

// The words of the Markdown without its markup, for a meta description or a list excerpt:
// raw HTML dropped, white space collapsed to single spaces, and at most max_chars characters
// (code points), cut at a word where one is near, ending in "…" when anything was cut.
std::string markdown_to_plain_text(std::string_view md, std::size_t max_chars);

}  // namespace syn::html
