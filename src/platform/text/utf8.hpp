#pragma once
// Internal to platform/text: the one place that turns UTF-8 bytes into ICU strings, so that
// every function treats invalid input the same way (ill-formed sequences are dropped, never
// passed on, so a folded search key can never carry bytes that break the database or HTML).
#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace syn::text::detail {

// Decodes UTF-8, silently skipping every ill-formed sequence (ICU's strict U8_NEXT rules:
// overlongs, surrogates and code points above U+10FFFF are ill-formed). Input over 1 GiB
// throws std::length_error: ICU string lengths are 32-bit.
icu::UnicodeString decode_lenient(std::string_view s);

// Appends one valid code point (not a surrogate, ≤ U+10FFFF) as UTF-8.
void append_utf8(std::string& out, UChar32 c);

}  // namespace syn::text::detail
