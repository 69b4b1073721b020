#include "modules/people/pages/shared.hpp"

#include "platform/auth/permissions.hpp"
#include "platform/html/writer.hpp"

namespace syn::people::pages {

std::string grant_label(const i18n::Tr& tr, const std::string& role, std::optional<std::int64_t> unit_id,
                        const std::vector<UnitRow>& units) {
    std::string out = tr(auth::role_label_msgid(role));
    if (!unit_id) return out;
    for (const auto& r : units)
        if (r.unit.id == *unit_id) return out + " — " + r.unit.name(tr.lang() == i18n::Lang::En ? "en" : "el");
    return out;
}

const char* kind_label(std::string_view kind) {
    if (kind == "structure") return N_("Structure");
    if (kind == "committee") return N_("Committee");
    return N_("Department");
}

std::vector<html::Option> role_options(const i18n::Tr& tr, html::Option first) {
    std::vector<html::Option> out{std::move(first)};
    for (const auto& r : auth::roles())
        if (r.admin_grants) out.push_back({r.name, tr(r.label_msgid)});
    return out;
}

std::vector<html::Option> unit_options(const std::vector<UnitRow>& units, const i18n::Tr& tr, html::Option first) {
    std::vector<html::Option> out{std::move(first)};
    for (const auto& r : units) {
        if (r.unit.retired) continue;
        std::string indent;
        for (int i = 0; i < r.depth; ++i) indent += "\u2014 ";  // an em dash per level: a select cannot indent
        out.push_back({std::to_string(r.unit.id), indent + r.unit.name(tr.lang() == i18n::Lang::En ? "en" : "el")});
    }
    return out;
}

html::Html grant_fields(const i18n::Tr& tr, const GrantInput& in, const std::vector<UnitRow>& units, const html::Errors& e) {
    html::Writer w;
    w << html::select({.name = "role", .label = tr("Role"), .value = in.role}, role_options(tr, {"", tr("Choose a role")}), e);
    w << html::select({.name = "unit_id", .label = tr("Unit"), .value = in.unit_id,
                       .hint = tr("For staff, committee members and social workers: the unit they work in. They also act in the units below it. Leave it empty for the other roles.")},
                      unit_options(units, tr, {"", tr("None (the whole municipality)")}), e);
    return w.take();
}

}  // namespace syn::people::pages
