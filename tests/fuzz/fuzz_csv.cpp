// libFuzzer target: the CSV reader behind the registry's import (platform/text/csv). Any bytes
// an operator uploads must parse or fail cleanly, within the limits, with a line number that
// exists in the file.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/text/csv.hpp"

using namespace syn::text;

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::size_t lines = 1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) +
                              static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\r'));
    csv::ParseOptions options;
    options.max_records = 50;
    options.max_field_bytes = 256;
    const auto r = csv::parse(bytes, options);
    check(r.delimiter == ',' || r.delimiter == ';' || r.delimiter == '\t');
    if (r.ok()) {
        check(r.records.size() <= options.max_records);
        std::size_t previous = 0;
        for (const auto& rec : r.records) {
            check(rec.line >= 1 && rec.line <= lines && rec.line > previous);
            previous = rec.line;
            for (const auto& f : rec.fields) check(f.size() <= options.max_field_bytes);
        }
    } else {
        check(r.error_line >= 1 && r.error_line <= lines);
    }
    if (auto text = csv::to_utf8(bytes)) check(text->size() >= bytes.size());
    return 0;
}
