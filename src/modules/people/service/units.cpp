// The municipality's units: added, renamed, nested and retired by its administrator. Retiring
// keeps the unit for the history that names it; it is refused while anything still needs it.
#include <algorithm>
#include <functional>

#include "modules/people/service.hpp"
#include "modules/people/service/shared.hpp"
#include "modules/people/store.hpp"
#include "platform/cache/read_cache.hpp"

namespace syn::people {

namespace {

std::string subject(std::int64_t id) { return "unit:" + std::to_string(id); }

// Tree order: each unit followed by the ones below it, siblings by name (list_units' order).
std::vector<UnitRow> in_tree_order(const std::vector<auth::Unit>& all) {
    std::vector<UnitRow> out;
    std::function<void(std::optional<std::int64_t>, int)> walk = [&](std::optional<std::int64_t> parent, int depth) {
        for (const auto& u : all)
            if (u.parent_id == parent && depth < 32) {
                out.push_back({u, depth});
                walk(u.id, depth + 1);
            }
    };
    walk(std::nullopt, 0);
    // A unit whose parent is unknown (bad data) is still listed, at the top.
    if (out.size() < all.size())
        for (const auto& u : all)
            if (std::none_of(out.begin(), out.end(), [&](const UnitRow& r) { return r.unit.id == u.id; })) out.push_back({u, 0});
    return out;
}

}  // namespace

std::vector<UnitRow> units(const web::Scope& scope) {
    scope.require(kPermManage);
    static cache::ReadCache<std::shared_ptr<const std::vector<UnitRow>>> cache(1000, std::chrono::seconds(5));
    return *cache.get(std::to_string(scope.tenant.id), auth::units_generation(), [&] {
        const auto all = scope.db.read([&](soci::session& s) { return auth::list_units(s, scope.tenant.id); });
        return std::make_shared<const std::vector<UnitRow>>(in_tree_order(all));
    });
}

std::optional<auth::Unit> unit(const web::Scope& scope, std::int64_t id) {
    scope.require(kPermManage);
    return scope.db.read([&](soci::session& s) { return auth::find_unit(s, scope.tenant.id, id); });
}

std::int64_t save_unit(const web::Scope& scope, std::optional<std::int64_t> id, const UnitInput& in) {
    scope.require(kPermManage);
    std::int64_t saved = 0;
    try {
        saved = scope.db.transact([&](soci::session& s) {
            const auto all = auth::list_units(s, scope.tenant.id);
            const auth::UnitTree tree(all);
            const auth::Unit* old = nullptr;
            for (const auto& u : all)
                if (id && u.id == *id) old = &u;
            if (id && !old) throw web::NotFound();
            std::vector<Problem> problems;
            auto u = check_unit(in, id, all, tree, problems);
            if (!u) detail::invalid(scope, problems);
            if (old) {
                u->retired = old->retired;
                auth::update_unit(s, scope.tenant.id, *u);
            } else {
                u->id = auth::add_unit(s, scope.tenant.id, *u);
            }
            detail::record(s, scope, id ? "people.unit_changed" : "people.unit_added", subject(u->id),
                           {{"name_el", u->name_el}, {"name_en", u->name_en}, {"kind", u->kind}, {"email", u->email},
                            {"parent_id", u->parent_id ? nlohmann::json(*u->parent_id) : nlohmann::json()}});
            return u->id;
        });
    } catch (const db::UniqueViolation&) {
        detail::invalid(scope, {{"name_el", N_("The municipality has a unit with this name already")}});
    }
    auth::units_changed();
    return saved;
}

void retire_unit(const web::Scope& scope, std::int64_t id) {
    scope.require(kPermManage);
    scope.db.transact([&](soci::session& s) {
        const auto all = auth::list_units(s, scope.tenant.id);
        const auto it = std::find_if(all.begin(), all.end(), [&](const auth::Unit& u) { return u.id == id; });
        if (it == all.end()) throw web::NotFound();
        if (it->retired) return;
        if (store::grants_on_unit(s, scope.tenant.id, id) > 0)
            detail::invalid(scope, {{"retire", N_("People hold roles in this unit. Withdraw their roles first.")}});
        for (const auto& u : all)
            if (u.parent_id == id && !u.retired)
                detail::invalid(scope, {{"retire", N_("Units below this one are in use. Retire them or move them first.")}});
        if (const char* why = auth::unit_in_use(s, scope.tenant.id, id)) detail::invalid(scope, {{"retire", why}});
        auth::set_unit_retired(s, scope.tenant.id, id, true);
        detail::record(s, scope, "people.unit_retired", subject(id), {{"name_el", it->name_el}});
    });
    auth::units_changed();
}

void reinstate_unit(const web::Scope& scope, std::int64_t id) {
    scope.require(kPermManage);
    scope.db.transact([&](soci::session& s) {
        const auto u = auth::find_unit(s, scope.tenant.id, id);
        if (!u) throw web::NotFound();
        if (!u->retired) return;
        auth::set_unit_retired(s, scope.tenant.id, id, false);
        detail::record(s, scope, "people.unit_reinstated", subject(id), {{"name_el", u->name_el}});
    });
    auth::units_changed();
}

}  // namespace syn::people
