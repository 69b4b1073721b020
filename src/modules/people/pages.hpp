#pragma once
// The people pages' route groups, each in its own file; module.cpp installs them.
#include "platform/web/app.hpp"

namespace syn::people {

// pages/units.cpp: /admin/units (the tree, add, change, retire).
void install_unit_pages(web::App& app);
// pages/people.cpp: /admin/people (the list, a person's roles, invitations).
void install_people_pages(web::App& app);

}  // namespace syn::people
