#pragma once
#include "platform/web/app.hpp"

namespace syn::home {
// The home page (filled by every module through App::home_section), the language switch, and
// the accessibility statement and privacy notice the footer links to.
void install(web::App& app);
}  // namespace syn::home
