#pragma once
#include "platform/web/app.hpp"

namespace syn::requests {
// Requests to the municipality (C3): permissions, routes, navigation.
void install(web::App& app);
}  // namespace syn::requests
