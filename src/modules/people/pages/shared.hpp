#pragma once
// What the people pages share: the words for roles and units, and the choices of their forms.
#include <string>
#include <vector>

#include "modules/people/service.hpp"
#include "platform/html/forms.hpp"
#include "platform/web/context.hpp"

namespace syn::people::pages {

inline constexpr const char* kPeoplePath = "/admin/people";
inline constexpr const char* kUnitsPath = "/admin/units";

// "Municipal staff — Τμήμα Καθαριότητας", in the page's language.
std::string grant_label(const i18n::Tr& tr, const std::string& role, std::optional<std::int64_t> unit_id,
                        const std::vector<UnitRow>& units);
const char* kind_label(std::string_view kind);  // N_-marked
// The roles the administrator gives, after `first` (e.g. "Choose a role").
std::vector<html::Option> role_options(const i18n::Tr& tr, html::Option first);
// The units in use in tree order, names indented by depth, after `first`.
std::vector<html::Option> unit_options(const std::vector<UnitRow>& units, const i18n::Tr& tr, html::Option first);
// The role and unit fields of a grant form.
html::Html grant_fields(const i18n::Tr& tr, const GrantInput& in, const std::vector<UnitRow>& units, const html::Errors& e);

}  // namespace syn::people::pages
