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

namespace syn::registry {

namespace {

// Validates the input in the user's language; the ΑΦΜ must also be free in this municipality.
OrganisationInput validated(web::Context& ctx, soci::session& s, const OrganisationInput& raw, std::int64_t except_id) {
    OrganisationInput in = normalised(raw);
    html::Errors errors(ctx.tr);
    for (const auto& p : check(in, db::now_unix())) errors.add(p.field, ctx.tr(p.msgid));
    if (!errors.for_field("afm") && store::afm_taken(s, ctx.tenant.id, in.afm, except_id))
        errors.add("afm", ctx.tr("An organisation with this tax number (ΑΦΜ) is already registered in the municipality"));
    if (!errors.empty()) throw web::Invalid(std::move(errors));
    return in;
}

}  // namespace

Access access(web::Context& ctx, const Organisation& o) {
    return ctx.db.read([&](soci::session& s) { return detail::access_in(s, ctx, o); });
}

std::vector<MyOrganisation> my_organisations(web::Context& ctx) {
    ctx.require_login();
    auto rows = ctx.db.read([&](soci::session& s) { return store::of_user(s, ctx.tenant.id, ctx.principal.user_id); });
    std::vector<MyOrganisation> out;
    for (auto& [o, role] : rows) out.push_back({std::move(o), std::move(role)});
    return out;
}

Organisation load(web::Context& ctx, std::int64_t id) {
    ctx.require_login();
    return ctx.db.read([&](soci::session& s) {
        auto o = store::by_id(s, ctx.tenant.id, id);
        if (!o) throw web::NotFound();
        const Access a = detail::access_in(s, ctx, *o);
        if (!a.member && !a.reader) throw web::NotFound();  // do not confirm that the id exists
        return *o;
    });
}

std::int64_t create(web::Context& ctx, const OrganisationInput& raw) {
    ctx.require_login();
    return ctx.db.transact([&](soci::session& s) {
        Organisation o;
        o.municipality_id = ctx.tenant.id;
        o.profile = validated(ctx, s, raw, 0);
        o.created_at = o.updated_at = db::now_unix();
        const auto id = store::insert(s, o);
        store::add_member(s, ctx.tenant.id, id, ctx.principal.user_id, kRoleAdmin, o.created_at);
        detail::record(s, ctx, o, "create", "", state_code(State::Draft), {},
                       nlohmann::json{{"name", o.profile.official_name}}.dump());
        return id;
    });
}

void update(web::Context& ctx, std::int64_t id, const OrganisationInput& raw) {
    ctx.require_login();
    ctx.db.transact([&](soci::session& s) {
        auto o = store::by_id_for_update(s, ctx.tenant.id, id);
        if (!o) throw web::NotFound();
        const Access a = detail::access_in(s, ctx, *o);
        detail::require(a, a.admin || a.staff);
        if (o->state == State::Dissolved) {
            html::Errors e(ctx.tr);
            e.add("official_name", ctx.tr("A dissolved organisation can no longer be changed"));
            throw web::Invalid(std::move(e));
        }
        o->profile = validated(ctx, s, raw, id);
        o->updated_at = db::now_unix();
        store::update_profile(s, *o);
        detail::record(s, ctx, *o, "edit", "", "", {}, nlohmann::json{{"by_staff", !a.admin}}.dump());
    });
}

std::vector<std::string> required_documents(const Organisation& o) {
    if (o.profile.subtype == kSubtypeInformalGroup) return {};
    return {"statute"};
}

void submit(web::Context& ctx, std::int64_t id) {
    ctx.require_login();
    ctx.db.transact([&](soci::session& s) {
        auto o = store::by_id_for_update(s, ctx.tenant.id, id);
        if (!o) throw web::NotFound();
        const Access a = detail::access_in(s, ctx, *o);
        detail::require(a, a.admin);
        html::Errors e(ctx.tr);
        if (!detail::missing_documents(s, *o).empty())  // the statute is the only required document
            e.add("documents", ctx.tr("Upload the statute before submitting the organisation"));
        const Transition t = next(o->state, Event::Submit);
        if (!t.ok) e.add("state", ctx.tr(t.refusal));
        if (!e.empty()) throw web::Invalid(std::move(e));
        const auto from = o->state;
        o->state = t.to;
        o->return_reasons.clear();
        o->submitted_at = o->updated_at = db::now_unix();
        store::update_lifecycle(s, *o);
        detail::record(s, ctx, *o, "submit", state_code(from), state_code(t.to), {}, "{}");
    });
    ctx.app.wake_jobs();
}

}  // namespace syn::registry
