#include "platform/html/theme.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <fmt/format.h>

namespace syn::html {
namespace {

struct Rgb {
    double r, g, b;  // 0 … 255
};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Rgb parse(std::string_view normalised) {
    auto byte = [&](int i) { return hex_digit(normalised[i]) * 16 + hex_digit(normalised[i + 1]); };
    return {double(byte(1)), double(byte(3)), double(byte(5))};
}

std::string to_hex(Rgb c) {
    auto b = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 255.0))); };
    return fmt::format("#{:02x}{:02x}{:02x}", b(c.r), b(c.g), b(c.b));
}

// Linear blend, rounded to whole channel values so that the contrast we check is the contrast
// of the colour we write: t = 0 gives a, t = 1 gives b.
Rgb mix(Rgb a, Rgb b, double t) {
    auto m = [t](double x, double y) { return std::round(x + (y - x) * t); };
    return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b)};
}

// WCAG 2.1 relative luminance of an sRGB colour.
double luminance(Rgb c) {
    auto lin = [](double v) {
        v /= 255.0;
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrast(Rgb a, Rgb b) {
    double la = luminance(a), lb = luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

constexpr Rgb white{255, 255, 255};
constexpr Rgb black{0, 0, 0};
constexpr double tint_amount = 0.9;  // the tint is the brand colour 90 % of the way to white

}  // namespace

std::optional<std::string> normalise_hex_colour(std::string_view s) {
    if (s.size() != 4 && s.size() != 7) return std::nullopt;
    if (s[0] != '#') return std::nullopt;
    for (char c : s.substr(1))
        if (hex_digit(c) < 0) return std::nullopt;
    std::string out = "#";
    for (char c : s.substr(1)) {
        char lower = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
        out += lower;
        if (s.size() == 4) out += lower;  // "#19f" → "#1199ff"
    }
    return out;
}

double contrast_ratio(std::string_view a, std::string_view b) {
    auto na = normalise_hex_colour(a), nb = normalise_hex_colour(b);
    if (!na || !nb) return 1.0;
    return contrast(parse(*na), parse(*nb));
}

std::string theme_css(std::string_view hex_colour) {
    auto norm = normalise_hex_colour(hex_colour);
    Rgb brand = parse(norm ? *norm : std::string(default_brand_colour));
    // The brand colour is a background under white text (header, buttons) and a text colour
    // on white and on the tint (links, current page marks), so it must reach 4.5:1 against
    // both. Darkening towards black keeps the hue and always gets there.
    Rgb chosen = brand;
    for (int step = 1; step <= 20; ++step) {
        Rgb tint = mix(chosen, white, tint_amount);
        if (contrast(chosen, white) >= 4.5 && contrast(chosen, tint) >= 4.5) break;
        chosen = mix(brand, black, step * 0.05);
    }
    Rgb dark = mix(chosen, black, 0.25);  // hover and pressed states
    Rgb tint = mix(chosen, white, tint_amount);
    return fmt::format(":root{{--brand:{};--brand-dark:{};--brand-tint:{}}}\n", to_hex(chosen), to_hex(dark),
                       to_hex(tint));
}

}  // namespace syn::html
