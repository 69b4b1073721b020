#pragma once
#include <vector>

#include "platform/web/app.hpp"
#include "platform/web/module.hpp"

namespace syn::registry {
// Organisation registry (C1): permissions, routes, the expiry job, the demo, home-page section.
void install(web::App& app);
// `synergeia registry generate`.
std::vector<web::Command> commands();
}  // namespace syn::registry
