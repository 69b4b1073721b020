#pragma once
// The municipality's colour. The strict CSP forbids style attributes and inline <style>, so
// the colour reaches the page as a tiny per-tenant stylesheet that overrides the custom
// properties app.css is written against (--brand, --brand-dark, --brand-tint).
#include <optional>
#include <string>
#include <string_view>

namespace syn::html {

inline constexpr std::string_view default_brand_colour = "#003476";  // gov.gr blue

// "#1D4F91", "#1d4f91" or "#19f" → "#1d4f91" / "#1199ff"; anything else → nullopt.
// Use it to validate the colour an administrator types in.
std::optional<std::string> normalise_hex_colour(std::string_view s);

// Contrast ratio (WCAG 2.1 definition, 1 … 21) between two normalised "#rrggbb" colours.
double contrast_ratio(std::string_view a, std::string_view b);

// The per-tenant stylesheet, e.g. ":root{--brand:#1d4f91;--brand-dark:#163b6d;--brand-tint:#e8edf4}".
// An invalid colour falls back to the default. A valid colour too light for white text on it
// (or for links on white) is darkened, keeping its hue, until it reaches 4.5:1 (WCAG 2.1 AA).
std::string theme_css(std::string_view hex_colour);

}  // namespace syn::html
