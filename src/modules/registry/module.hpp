#pragma once
#include "platform/web/app.hpp"

namespace syn::registry {
// Organisation registry (C1): permissions, routes, the expiry job's work, home-page section.
void install(web::App& app);
}  // namespace syn::registry
