#include "modules/requests/rules.hpp"

#include "platform/text/search.hpp"
#include "platform/text/text.hpp"

namespace syn::requests {

namespace {
// Enough of a long description to find it by its subject, without bloating the index.
constexpr std::size_t kMaxDescriptionBytes = 1500;
}  // namespace

std::string request_search_text(const Request& r) {
    const std::string folded = text::fold(r.title) + " | " + text::cut_words(text::fold(r.description), kMaxDescriptionBytes) +
                               " | " + text::fold(r.location.address);
    return folded + " || " + text::transliterate(folded);
}

}  // namespace syn::requests
