#pragma once
// A QR code drawn as inline SVG (libqrencode), so a page shows one without JavaScript or an
// image request: the second factor's set-up page, where a phone's authenticator app scans it.
#include <string_view>

#include "platform/html/writer.hpp"

namespace syn::html {

// `label` is what a screen reader says instead of the picture (the page also gives the text
// the code holds, for typing it in).
Html qr_svg(std::string_view text, std::string_view label);

}  // namespace syn::html
