#pragma once
// Percent-encoding (RFC 3986) and UTF-8 validation: the two byte-level checks every
// parser in this folder shares. Standard library only, so the fuzz build can compile it alone.
#include <optional>
#include <string>
#include <string_view>

namespace syn::http {

// Decodes %XX escapes (either hex case). With plus_as_space, '+' becomes ' ' as in
// application/x-www-form-urlencoded. nullopt when a '%' is not followed by two hex digits:
// guessing what a broken escape meant is how two layers end up disagreeing about a value.
std::optional<std::string> percent_decode(std::string_view s, bool plus_as_space);

// Escapes every byte except RFC 3986 unreserved characters (ALPHA DIGIT - . _ ~), with
// upper-case hex, so the result is safe in a path segment, a query key or a query value.
std::string percent_encode(std::string_view s);

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view s);

}  // namespace syn::http
