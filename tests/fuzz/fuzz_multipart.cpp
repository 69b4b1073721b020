// libFuzzer target: multipart/form-data. The input is a Content-Type line, '\n', then the
// body. Accepted results must respect the limits, and writing the parts back out with the
// same boundary must parse to the same parts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/http/multipart.hpp"
#include "platform/http/percent.hpp"

using namespace syn::http;

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

std::string serialize(const std::vector<Part>& parts, std::string_view boundary) {
    std::string out;
    for (const auto& p : parts) {
        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Disposition: form-data; name=").append(quoted(p.name));
        if (p.filename) out.append("; filename=").append(quoted(*p.filename));
        out.append("\r\nContent-Type: ").append(p.content_type).append("\r\n\r\n");
        out.append(p.data).append("\r\n");
    }
    out.append("--").append(boundary).append("--\r\n");
    return out;
}

bool same(const Part& a, const Part& b) {
    return a.name == b.name && a.filename == b.filename && a.content_type == b.content_type && a.data == b.data;
}

void check_result(const MultipartResult& r, std::string_view boundary, const MultipartLimits& limits) {
    if (!r.ok()) {
        check(r.parts.empty());
        return;
    }
    check(r.parts.size() <= limits.max_parts);
    for (const auto& p : r.parts) {
        check(!p.name.empty() && valid_utf8(p.name));
        check(p.data.size() <= limits.max_part_bytes);
        check(!p.content_type.empty());
        if (p.filename) check(valid_utf8(*p.filename));
        else check(valid_utf8(p.data));
    }
    MultipartLimits roomy;
    roomy.max_header_bytes = 1 << 20;
    auto again = parse_multipart(serialize(r.parts, boundary), boundary, roomy);
    check(again.ok() && again.parts.size() == r.parts.size());
    for (std::size_t i = 0; i < r.parts.size(); ++i) check(same(again.parts[i], r.parts[i]));
    auto fields = fields_of(r.parts);
    for (const auto& [k, v] : fields.items) check(fields.get(k).has_value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t nl = input.find('\n');
    std::string_view content_type = input.substr(0, nl);
    std::string_view body = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);

    auto boundary = multipart_boundary(content_type);
    std::string b = boundary ? *boundary : std::string("b");
    check(!b.empty() && b.size() <= 70);

    const MultipartLimits defaults;
    check_result(parse_multipart(body, b, defaults), b, defaults);

    MultipartLimits tight;
    tight.max_parts = 2;
    tight.max_part_bytes = 16;
    tight.max_header_bytes = 64;
    check_result(parse_multipart(body, b, tight), b, tight);
    return 0;
}
