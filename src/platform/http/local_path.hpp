#pragma once
// Where a "next" or "return" parameter may send someone back to. Standard library only, so the
// fuzz build can compile it alone.
#include <cstddef>
#include <string>
#include <string_view>

namespace syn::http {

// A path on this site ("/account?x=1"), never another host, and never something that could
// break out of the Location header it ends up in. Refused:
//   - anything not starting with exactly one '/' ("//evil.example", "https://…", "evil.example");
//   - a backslash anywhere: browsers read "/\evil.example" as "//evil.example";
//   - every control character (C0, DEL, and the C1 range U+0080–U+009F): CR and LF would split
//     the header, NUL cuts it, and the WHATWG URL parser silently drops TAB and newlines, so
//     "/\t/evil.example" becomes "//evil.example" in a browser;
//   - bytes that are not UTF-8;
//   - anything longer than kMaxLocalPathBytes: no page of ours has a longer address, and the
//     header it would become must stay writable.
inline constexpr std::size_t kMaxLocalPathBytes = 2048;
bool is_local_path(std::string_view target);
// `target` when it is a local path, else `fallback` (the home page, for every caller so far).
std::string local_path_or(std::string_view target, std::string fallback);

}  // namespace syn::http
