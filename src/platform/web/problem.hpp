#pragma once
// RFC 9457 problem details for the JSON API (ARCHITECTURE rule 8).
#include <nlohmann/json.hpp>

#include <string>

#include "platform/http/message.hpp"

namespace syn::web {

// type is "about:blank" unless given; extra members (e.g. "errors") are merged in.
http::Response problem(int status, const std::string& title, const std::string& detail,
                       const nlohmann::json& extra = nlohmann::json::object());
http::Response json(int status, const nlohmann::json& body);

}  // namespace syn::web
