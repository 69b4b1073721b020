#pragma once
// Images people upload to be shown on every page (a municipality's logo): PNG, JPEG, or an SVG
// that is only a drawing. Judged by the bytes, never by the name or the browser's word.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace syn::files {

inline constexpr std::size_t kMaxLogoBytes = 2u * 1024 * 1024;

struct ImageCheck {
    std::optional<std::string> mime;  // "image/png", "image/jpeg" or "image/svg+xml"; nullopt: refused
    bool unsafe_svg = false;          // refused because the SVG could run script or fetch from elsewhere
};

// PNG and JPEG as accepted_document_type() sees them. An SVG is accepted when its root is <svg>
// and it holds no script, event handler, foreign object, entity, or reference to another site:
// a logo is shown to every visitor, so it must not be able to act.
ImageCheck check_image(std::string_view data);

// The type of bytes that check_image accepted earlier, from their first bytes.
std::string stored_image_type(std::string_view data);

}  // namespace syn::files
