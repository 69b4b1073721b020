#include "platform/html/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace syn::html {

Html qr_svg(std::string_view text, std::string_view label) {
    const std::string data(text);
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
    if (!code) throw std::runtime_error("the QR code could not be made");
    const int n = code->width, quiet = 4, size = n + 2 * quiet;
    // One path of unit squares, each dark module "M x y h1 v1 h-1 z"; runs along a row merged.
    std::string d;
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n;) {
            if (!(code->data[y * n + x] & 1)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < n && (code->data[y * n + x + run] & 1)) ++run;
            d += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h" + std::to_string(run) + "v1h-" +
                 std::to_string(run) + "z";
            x += run;
        }
    }
    Writer w;
    w("<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
      "<path fill=\"#000\" d=\"{}\"/></svg>",
      size, size, size * 5, size * 5, label, d);
    return w.take();
}

}  // namespace syn::html
