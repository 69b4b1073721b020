#include "platform/html/writer.hpp"

namespace syn::html {

void escape_to(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
}

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    escape_to(out, s);
    return out;
}

}  // namespace syn::html
