#pragma once
// Plain text as people wrote it (a mail body, a notification) with its web addresses made into
// links, and nothing else made into markup.
#include <string_view>

#include "platform/html/writer.hpp"

namespace syn::html {

// Escaped text in which every http:// or https:// address (up to the next white space, less a
// closing punctuation mark) becomes a link to itself. Line breaks stay as they are: the caller
// shows the text in an element that keeps them (class "plain-text").
Html linked_text(std::string_view text);

}  // namespace syn::html
