#pragma once
#include "platform/web/app.hpp"

namespace syn::settings {
// The municipality's own settings, for its administrator: English name, brand colour, logo, and
// the municipality's own holidays.
void install(web::App& app);
}  // namespace syn::settings
