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

namespace syn::registry::admin_pages {

// A numeric route parameter; NotFound for anything else, so a bad id reads as a missing page.
std::int64_t id_param(const web::Context& ctx, std::string_view name);
// "/my/organisations/7" + rest.
std::string org_path(std::int64_t id, std::string_view rest = {});
// The name people know the organisation by: its distinctive title when it has one.
std::string display_name(const Organisation& o);
html::Html state_tag(const i18n::Tr& tr, State s);
const char* document_kind_label(std::string_view kind);  // msgid
// Breadcrumbs: Home › My organisations › <organisation> › <current>.
std::vector<html::Crumb> crumbs(web::Context& ctx, const Organisation* o, const std::string& current);
// A one-button POST form, for actions in table rows; `hidden` is read after the label by screen
// readers so that ten "Remove" buttons are told apart.
html::Html post_button(web::Context& ctx, const std::string& action, std::string_view label, std::string_view hidden,
                       std::string_view kind = "secondary");
// Moves every error onto one field (whose element the page has), keeping the messages, so the
// error summary's links land where the problem is shown.
html::Errors errors_on(const html::Errors& e, const std::string& field);

void install_form_pages(web::App& app);      // pages/profile.cpp
void install_document_pages(web::App& app);  // pages/documents.cpp
void install_people_pages(web::App& app);    // pages/people.cpp

}  // namespace syn::registry::admin_pages
