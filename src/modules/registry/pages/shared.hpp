#pragma once
// Shared pieces of the organisation people's pages (pages/*.cpp): path building, state
// tags, small POST buttons, and the route groups install_admin_pages() puts together.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "modules/registry/model.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/layout.hpp"
#include "platform/web/app.hpp"
#include "platform/web/components.hpp"

namespace syn::registry {
// A state as a coloured tag (draft grey, submitted blue, verified green, returned yellow,
// suspended red, dissolved purple); a stored code the map does not know shows as itself.
html::Html state_tag(const i18n::Tr& tr, State s);
html::Html state_tag(const i18n::Tr& tr, std::string_view code);
}  // namespace syn::registry

namespace syn::registry::admin_pages {

// "/my/organisations/7" + rest.
std::string org_path(std::int64_t id, std::string_view rest = {});
// The name people know the organisation by: its distinctive title when it has one.
std::string display_name(const Organisation& o);
const char* document_kind_label(std::string_view kind);  // msgid
// Breadcrumbs: Home › My organisations › <organisation> › <current>.
std::vector<html::Crumb> crumbs(web::Context& ctx, const Organisation* o, const std::string& current);
// Moves every error onto one field (whose element the page has), keeping the messages, so the
// error summary's links land where the problem is shown.
html::Errors errors_on(const html::Errors& e, const std::string& field);

void install_form_pages(web::App& app);      // pages/profile.cpp
void install_document_pages(web::App& app);  // pages/documents.cpp
void install_people_pages(web::App& app);    // pages/people.cpp

}  // namespace syn::registry::admin_pages
