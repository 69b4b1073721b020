// The municipality's areas: its administrator adds them and retires those no longer used;
// every module's forms offer them (web/places.hpp).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "modules/settings/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/text/number.hpp"
#include "platform/text/text.hpp"

namespace syn::settings {

namespace {

constexpr const char* kPermission = "tenant.configure";

void audit_place(soci::session& s, const web::Scope& scope, const char* action, const nlohmann::json& details) {
    audit::append(s, {scope.tenant.id, scope.principal.user_id, action, "municipality:" + std::to_string(scope.tenant.id), details.dump()});
}

}  // namespace

std::vector<web::Place> places(const web::Scope& scope) {
    return scope.db.read([&](soci::session& s) { return web::list_places(s, scope.tenant.id); });
}

void add_place(const web::Scope& scope, const PlaceInput& in) {
    scope.require(kPermission);
    html::Errors e(scope.tr);
    web::Place p;
    p.name = text::trim(in.name);
    if (p.name.empty()) e.add("name", scope.tr("Enter the name of the area"));
    else if (text::characters(p.name) > 100 || !text::valid_utf8_text(p.name) || p.name.find('\n') != std::string::npos)
        e.add("name", scope.tr("The name must be one line of 100 characters or fewer"));
    const auto kind = web::parse_place_kind(in.kind);
    if (!kind) e.add("kind", scope.tr("Choose what kind of area it is"));
    else p.kind = *kind;
    scope.db.transact([&](soci::session& s) {
        if (!text::trim(in.parent).empty()) {
            const auto parent = text::parse_int(text::trim(in.parent), 1, text::kMaxId);
            const auto all = web::list_places(s, scope.tenant.id);
            if (!parent || std::none_of(all.begin(), all.end(), [&](const web::Place& x) { return x.id == *parent; }))
                e.add("parent", scope.tr("Choose the area it lies in from the list"));
            else p.parent_id = *parent;
        }
        if (e.empty() && web::find_place(s, scope.tenant.id, p.name))
            e.add("name", scope.tr("There is an area of this name already (accents and capitals aside)"));
        if (!e.empty()) throw web::Invalid(e);
        web::add_place(s, scope.tenant.id, p);
        audit_place(s, scope, "tenant.place_added", {{"name", p.name}, {"kind", web::place_kind_code(p.kind)}});
    });
}

void set_place_retired(const web::Scope& scope, std::int64_t id, bool retired) {
    scope.require(kPermission);
    scope.db.transact([&](soci::session& s) {
        if (!web::set_place_retired(s, scope.tenant.id, id, retired)) throw web::NotFound();
        audit_place(s, scope, retired ? "tenant.place_retired" : "tenant.place_restored", {{"place_id", id}});
    });
}

}  // namespace syn::settings
