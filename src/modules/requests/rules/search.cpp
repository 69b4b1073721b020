#include "modules/requests/rules.hpp"

#include "platform/text/search.hpp"
#include "platform/text/text.hpp"

#include <algorithm>

namespace syn::requests {

namespace {
// Enough of a long description to find it by its subject, without bloating the index.
constexpr std::size_t kMaxDescriptionBytes = 1500;
}  // namespace

std::string request_search_text(const Request& r) {
    const std::string folded = text::fold(r.title) + " | " + text::cut_words(text::fold(r.description), kMaxDescriptionBytes) +
                               " | " + text::fold(r.location.address);
    // The requester's name is a private key: the staff queue finds it, no public search does.
    return text::search_document(folded, text::private_key_tokens(kRequesterKey, r.requester_name));
}

std::optional<std::int64_t> request_number(std::string_view query) {
    std::string q = text::trim(query);
    if (q.starts_with('#')) q = text::trim(q.substr(1));
    if (q.empty() || q.size() > 12 || !std::all_of(q.begin(), q.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    const auto n = std::stoll(q);
    return n > 0 ? std::optional<std::int64_t>(n) : std::nullopt;
}

}  // namespace syn::requests
