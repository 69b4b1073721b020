#pragma once
// File names that came from a client, made safe to show and to send back in a header. The
// name is only ever a label: blobs are stored by hash, never under the name.
#include <string>
#include <string_view>

namespace syn::files {

// The last path component ('/' and '\' both count, so "C:\x\y.pdf" → "y.pdf"), without
// control characters, invalid UTF-8 or bidirectional overrides (which make "gpj.exe" look like
// "exe.jpg"), trimmed, at most 150 bytes cut on a character boundary (keeping a short
// extension), and "document" when nothing is left.
std::string safe_filename(std::string_view client_name);

// The name to keep for a document whose bytes libmagic found to be `mime`: safe_filename's,
// with the extension of that type ("x.html" holding a PDF → "x.pdf"; "photo" → "photo.jpg"),
// so that the file opens as what it is when downloaded, never as what its name claimed. A name
// with the right extension in any case ("Scan.JPEG") is kept as it is; a mime type we do not
// know leaves the name alone.
std::string document_filename(std::string_view client_name, std::string_view mime);

// A Content-Disposition value (RFC 6266): disposition is "attachment" or "inline" (anything
// else is taken as "attachment"); the name goes through safe_filename and is sent twice, as an
// ASCII fallback (non-ASCII characters → '_', quotes, backslashes and '%' dropped) and as
// filename*=UTF-8''<percent-encoded> for every current browser.
std::string content_disposition(std::string_view disposition, std::string_view filename);

}  // namespace syn::files
