#include "platform/http/local_path.hpp"

#include <utility>

#include "platform/http/percent.hpp"

namespace syn::http {

bool is_local_path(std::string_view t) {
    if (t.empty() || t.size() > kMaxLocalPathBytes || t[0] != '/' || t.starts_with("//")) return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (c < 0x20 || c == 0x7F || c == '\\') return false;
        // U+0080–U+009F are C2 80 … C2 9F in UTF-8.
        if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) <= 0x9F) return false;
    }
    return valid_utf8(t);
}

std::string local_path_or(std::string_view target, std::string fallback) {
    return is_local_path(target) ? std::string(target) : std::move(fallback);
}

}  // namespace syn::http
