// The organisation itself: who may see it, creating, editing and submitting it.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/service/shared.hpp"
#include "modules/registry/store.hpp"
#include "platform/web/app.hpp"
#include "platform/audit/audit.hpp"
#include "platform/web/places.hpp"

namespace syn::registry {

namespace {

// Validates the input in the user's language; the ΑΦΜ must also be free in this municipality.
OrganisationInput validated(const web::Scope& scope, soci::session& s, const OrganisationInput& raw, std::int64_t except_id) {
    OrganisationInput in = normalised(raw);
    html::Errors errors(scope.tr);
    for (const auto& p : check(in, scope.now())) errors.add(p.field, scope.tr(p.msgid));
    if (!errors.for_field("neighbourhood") && !web::spell_as_place(s, scope.tenant.id, in.neighbourhood))
        errors.add("neighbourhood", scope.tr("Choose the neighbourhood from the municipality's list of areas"));
    if (!errors.for_field("afm") && store::afm_taken(s, scope.tenant.id, in.afm, except_id))
        errors.add("afm", scope.tr("An organisation with this tax number (ΑΦΜ) is already registered in the municipality"));
    if (!errors.empty()) throw web::Invalid(std::move(errors));
    return in;
}

}  // namespace

Access access(const web::Scope& scope, const Organisation& o) {
    return scope.db.read([&](soci::session& s) { return detail::access_in(s, scope, o); });
}

std::vector<MyOrganisation> my_organisations(const web::Scope& scope) {
    scope.require_login();
    auto rows = scope.db.read([&](soci::session& s) { return store::of_user(s, scope.tenant.id, scope.principal.user_id); });
    std::vector<MyOrganisation> out;
    for (auto& [o, role] : rows) out.push_back({std::move(o), std::move(role)});
    return out;
}

Organisation load(const web::Scope& scope, std::int64_t id) {
    scope.require_login();
    return scope.db.read([&](soci::session& s) {
        auto o = store::by_id(s, scope.tenant.id, id);
        if (!o) throw web::NotFound();
        const Access a = detail::access_in(s, scope, *o);
        if (!a.member && !a.reader) throw web::NotFound();  // do not confirm that the id exists
        return *o;
    });
}

std::int64_t create(const web::Scope& scope, const OrganisationInput& raw) {
    scope.require_login();
    return scope.db.transact([&](soci::session& s) {
        Organisation o;
        o.municipality_id = scope.tenant.id;
        o.profile = validated(scope, s, raw, 0);
        o.created_at = o.updated_at = scope.now();
        const auto id = store::insert(s, o);
        store::add_member(s, scope.tenant.id, id, scope.principal.user_id, kRoleAdmin, o.created_at);
        detail::record(s, scope, o, "create", "", state_code(State::Draft), {},
                       nlohmann::json{{"name", o.profile.official_name}}.dump());
        return id;
    });
}

void update(const web::Scope& scope, std::int64_t id, const OrganisationInput& raw) {
    scope.require_login();
    scope.db.transact([&](soci::session& s) {
        auto o = store::by_id_for_update(s, scope.tenant.id, id);
        if (!o) throw web::NotFound();
        const Access a = detail::access_in(s, scope, *o);
        detail::require(a, a.admin || a.staff);
        if (o->state == State::Dissolved) {
            html::Errors e(scope.tr);
            e.add("official_name", scope.tr("A dissolved organisation can no longer be changed"));
            throw web::Invalid(std::move(e));
        }
        o->profile = validated(scope, s, raw, id);
        o->updated_at = scope.now();
        store::update_profile(s, *o);
        detail::record(s, scope, *o, "edit", "", "", {}, nlohmann::json{{"by_staff", !a.admin}}.dump());
    });
}

std::vector<std::string> required_documents(const Organisation& o) {
    if (o.profile.subtype == kSubtypeInformalGroup) return {};
    return {"statute"};
}

void submit(const web::Scope& scope, std::int64_t id) {
    scope.require_login();
    scope.db.transact([&](soci::session& s) {
        auto o = store::by_id_for_update(s, scope.tenant.id, id);
        if (!o) throw web::NotFound();
        const Access a = detail::access_in(s, scope, *o);
        detail::require(a, a.admin);
        html::Errors e(scope.tr);
        if (!detail::missing_documents(s, *o).empty())  // the statute is the only required document
            e.add("documents", scope.tr("Upload the statute before submitting the organisation"));
        const Transition t = next(o->state, Event::Submit);
        if (!t.ok) e.add("state", scope.tr(t.refusal));
        if (!e.empty()) throw web::Invalid(std::move(e));
        const auto from = o->state;
        o->state = t.to;
        o->return_reasons.clear();
        o->submitted_at = o->updated_at = scope.now();
        store::update_lifecycle(s, *o);
        detail::record(s, scope, *o, "submit", state_code(from), state_code(t.to), {}, "{}");
    });
    scope.wake_jobs();
}

}  // namespace syn::registry
