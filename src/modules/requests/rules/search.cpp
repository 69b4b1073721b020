#include "modules/requests/rules.hpp"

#include "platform/text/search.hpp"
#include "platform/text/text.hpp"

#include <algorithm>

namespace syn::requests {

namespace {
// Enough of a long description to find it by its subject, without bloating the index.
constexpr std::size_t kMaxDescriptionBytes = 1500;
}  // namespace

std::vector<std::string> request_filter_terms(const RequestFilterTerms& f) {
    std::vector<std::string> out{text::filter_token("zzm", std::to_string(f.municipality_id))};
    if (f.listed_only) out.emplace_back("zzp1");
    if (f.open) out.push_back(text::filter_token("zzo", *f.open ? "1" : "0"));
    if (f.state) out.push_back(text::filter_token("zzs", state_code(*f.state)));
    if (f.department_id) out.push_back(text::filter_token("zzd", std::to_string(*f.department_id)));
    if (f.type_id) out.push_back(text::filter_token("zzt", std::to_string(*f.type_id)));
    return out;
}

std::string request_search_text(const Request& r) {
    const std::string folded = text::fold(r.title) + " | " + text::cut_words(text::fold(r.description), kMaxDescriptionBytes) +
                               " | " + text::fold(r.location.address);
    std::string tokens;
    for (const auto& t : request_filter_terms({r.municipality_id, r.is_public && !r.merged_into_id, is_open(r.state), r.state,
                                               r.department_id, r.type_id}))
        tokens += t + " ";
    // The requester's name is a private key: the staff queue finds it, no public search does.
    return text::search_document(folded, tokens + text::private_key_tokens(kRequesterKey, r.requester_name));
}

std::optional<std::int64_t> request_number(std::string_view query) {
    std::string q = text::trim(query);
    if (q.starts_with('#')) q = text::trim(q.substr(1));
    if (q.empty() || q.size() > 12 || !std::all_of(q.begin(), q.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    const auto n = std::stoll(q);
    return n > 0 ? std::optional<std::int64_t>(n) : std::nullopt;
}

}  // namespace syn::requests
