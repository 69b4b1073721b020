#pragma once
// What an uploaded file really is, judged from its bytes by libmagic. The name and the
// Content-Type a browser sends are the client's word and are never trusted: an .exe renamed
// "report.pdf" is still an executable.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace syn::files {

// The largest document we accept (the upload body limit in ARCHITECTURE.md). Callers check it
// before sniffing or storing; the sniffer and the blob store take any size.
inline constexpr std::size_t kMaxDocumentBytes = 20u * 1024 * 1024;

// The MIME type libmagic sees in the bytes ("application/pdf", "text/plain",
// "application/x-empty" for no bytes, …). Throws std::runtime_error when the magic database
// cannot be loaded (package libmagic-mgc missing): an upload must fail loudly, not pass unchecked.
std::string sniff_mime(std::string_view data);

// "application/pdf", "image/jpeg" or "image/png" when the bytes are one of those (libmagic says
// so and the format's signature opens the file); nullopt for anything else, whatever the file
// was called.
std::optional<std::string> accepted_document_type(std::string_view data);

}  // namespace syn::files
