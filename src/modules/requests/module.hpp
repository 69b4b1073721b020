#pragma once
#include <vector>

#include "platform/web/app.hpp"
#include "platform/web/module.hpp"

namespace syn::requests {
// Requests to the municipality (C3): permissions, routes, navigation, the search-index job, the demo.
void install(web::App& app);
// `synergeia requests generate`.
std::vector<web::Command> commands();
}  // namespace syn::requests
