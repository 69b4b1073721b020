#pragma once
#include "platform/web/app.hpp"

namespace syn::app {
// Installs every module into the application, in the order their routes and home sections appear.
void install_modules(web::App& app);
}  // namespace syn::app
