#pragma once
#include "platform/web/app.hpp"

namespace syn::people {
// The municipality's people for its administrator: units, the people who hold roles, invitations.
void install(web::App& app);
}  // namespace syn::people
