#include "platform/web/problem.hpp"

namespace syn::web {

http::Response problem(int status, const std::string& title, const std::string& detail, const nlohmann::json& extra) {
    nlohmann::json j = {{"type", "about:blank"}, {"title", title}, {"status", status}};
    if (!detail.empty()) j["detail"] = detail;
    for (auto it = extra.begin(); it != extra.end(); ++it) j[it.key()] = it.value();
    return http::Response::text(status, j.dump(), "application/problem+json");
}

http::Response json(int status, const nlohmann::json& body) {
    return http::Response::text(status, body.dump(), "application/json");
}

}  // namespace syn::web
