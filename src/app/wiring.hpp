#pragma once
#include <span>

#include "platform/web/app.hpp"
#include "platform/web/module.hpp"

namespace syn::app {
// Every module, in the order their routes, navigation and home-page sections appear.
std::span<const web::Module> modules();
// Installs every module into the application.
void install_modules(web::App& app);
}  // namespace syn::app
