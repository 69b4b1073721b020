#pragma once
// Static assets embedded in the binary, each served under a fingerprinted name
// (css/app.3f2a1b9c.css) with a year-long immutable Cache-Control, and under its plain name
// with an ETag for revalidation.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/http/message.hpp"

namespace syn::web {

class Assets {
public:
    Assets();  // indexes syn::embed::assets()
    // "/static/css/app.<hash>.css" for "css/app.css"; the plain path when unknown.
    std::string url(std::string_view path) const;
    // Serves "css/app.css" or "css/app.<hash>.css"; nullopt when there is no such asset.
    std::optional<http::Response> serve(std::string_view path, std::optional<std::string_view> if_none_match) const;

private:
    struct Asset { std::string_view data; std::string etag, content_type, fingerprinted; };
    std::unordered_map<std::string, Asset> by_path_;
    std::unordered_map<std::string, std::string> fingerprinted_to_path_;
};

std::string_view content_type_for(std::string_view path);

}  // namespace syn::web
