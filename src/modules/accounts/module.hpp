#pragma once
#include "platform/web/app.hpp"

namespace syn::accounts {
// Routes and permissions of the accounts module.
void install(web::App& app);
}  // namespace syn::accounts
