#pragma once
// The settings' route groups, each in its own file; module.cpp installs them.
#include "platform/web/app.hpp"

namespace syn::settings {

// pages/appearance.cpp: /admin/settings (English name, brand colour, logo).
void install_appearance_pages(web::App& app);
// pages/holidays.cpp: /admin/settings/holidays (the municipality's own holidays).
void install_holiday_pages(web::App& app);
// pages/places.cpp: /admin/settings/places (the municipality's areas).
void install_place_pages(web::App& app);

}  // namespace syn::settings
