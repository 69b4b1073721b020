#pragma once
#include <vector>

#include "platform/web/app.hpp"
#include "platform/web/module.hpp"

namespace syn::accounts {
// Routes and permissions of the accounts module.
void install(web::App& app);
// `synergeia user revoke`.
std::vector<web::Command> commands();
}  // namespace syn::accounts
