#include "modules/people/rules.hpp"

#include <cctype>

#include "platform/auth/permissions.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/number.hpp"
#include "platform/text/text.hpp"

namespace syn::people {

namespace {

bool one_line(const std::string& s) { return text::valid_utf8_text(s) && s.find_first_of("\r\n\t") == std::string::npos; }

bool name_ok(const std::string& s) {
    const auto n = text::characters(s);
    return one_line(s) && n >= 2 && n <= 120;
}

const auth::Unit* find(const std::vector<auth::Unit>& units, std::int64_t id) {
    for (const auto& u : units)
        if (u.id == id) return &u;
    return nullptr;
}

}  // namespace

std::optional<auth::Unit> check_unit(const UnitInput& in, std::optional<std::int64_t> id, const std::vector<auth::Unit>& units,
                                     const auth::UnitTree& tree, std::vector<Problem>& problems) {
    const auto before = problems.size();
    auth::Unit u;
    u.id = id.value_or(0);
    u.name_el = text::trim(in.name_el);
    u.name_en = text::trim(in.name_en);
    u.kind = in.kind;
    u.email = text::trim(in.email);
    for (auto& c : u.email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (u.name_el.empty()) problems.push_back({"name_el", N_("Enter the unit's name in Greek")});
    else if (!name_ok(u.name_el)) problems.push_back({"name_el", N_("The name must be one line of 2 to 120 characters")});
    if (!u.name_en.empty() && !name_ok(u.name_en)) problems.push_back({"name_en", N_("The name must be one line of 2 to 120 characters")});
    if (!auth::is_unit_kind(u.kind)) problems.push_back({"kind", N_("Choose what kind of unit it is")});
    if (!in.parent_id.empty()) {
        const auto parent = text::parse_id(in.parent_id);
        const auto* p = parent ? find(units, *parent) : nullptr;
        if (!p || p->retired) problems.push_back({"parent_id", N_("Choose a unit of the municipality, or none")});
        else if (id && tree.would_loop(*id, *parent)) problems.push_back({"parent_id", N_("A unit cannot be placed below itself or a unit below it")});
        else u.parent_id = *parent;
    }
    if (!u.email.empty() && !text::valid_email(u.email))
        problems.push_back({"email", N_("Enter an e-mail address in the correct format, like name@example.gr")});
    if (problems.size() > before) return std::nullopt;
    return u;
}

std::optional<CheckedGrant> check_grant(const GrantInput& in, const std::vector<auth::Unit>& units, std::vector<Problem>& problems) {
    const auto* info = auth::role_info(in.role);
    if (!info || !info->admin_grants) {
        problems.push_back({"role", N_("Choose a role")});
        return std::nullopt;
    }
    CheckedGrant g{info->name, std::nullopt};
    if (info->on == auth::RoleOn::unit) {
        const auto unit = text::parse_id(in.unit_id);
        const auto* u = unit ? find(units, *unit) : nullptr;
        if (!u || u->retired) {
            problems.push_back({"unit_id", N_("Choose the unit the role is held in")});
            return std::nullopt;
        }
        g.unit_id = *unit;
    } else if (!in.unit_id.empty()) {
        problems.push_back({"unit_id", N_("This role is held in the whole municipality: leave the unit empty")});
        return std::nullopt;
    }
    return g;
}

std::optional<CheckedGrant> check_invite(const InviteInput& in, const std::vector<auth::Unit>& units, std::vector<Problem>& problems) {
    const auto before = problems.size();
    const auto email = text::trim(in.email);
    if (email.empty()) problems.push_back({"email", N_("Enter the person's e-mail address")});
    else if (!text::valid_email(email)) problems.push_back({"email", N_("Enter an e-mail address in the correct format, like name@example.gr")});
    const auto name = text::trim(in.display_name);
    if (name.empty()) problems.push_back({"display_name", N_("Enter the person's name")});
    else if (!one_line(name) || text::characters(name) > 120) problems.push_back({"display_name", N_("The name must be one line of up to 120 characters")});
    auto g = check_grant(in.grant, units, problems);
    if (problems.size() > before) return std::nullopt;
    return g;
}

}  // namespace syn::people
