// The public statistics page: per department and per request type, the median time to first
// response and to resolution, the share resolved within the deadline and the average rating.
// One SELECT of the municipality's facts, grouped by the pure rules, cached for a minute.
#include <algorithm>
#include <unordered_map>

#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/service/shared.hpp"
#include "modules/requests/store.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/i18n/calendar.hpp"

namespace syn::requests {

namespace {

cache::ReadCache<Statistics>& stats_cache() {
    static cache::ReadCache<Statistics> c(1000, std::chrono::seconds(60));
    return c;
}

// Groups by ids (short keys, cheap to copy at 200,000 rows; two departments with the same
// English name stay apart), then names the groups in the viewer's language, in name order.
std::vector<GroupStats> named(std::vector<GroupStats> groups, const std::unordered_map<std::string, std::string>& names) {
    for (auto& g : groups)
        if (auto it = names.find(g.key); it != names.end()) g.key = it->second;
    std::stable_sort(groups.begin(), groups.end(), [](const GroupStats& a, const GroupStats& b) { return a.key < b.key; });
    return groups;
}

bool in_period(const RequestFacts& f, const StatsPeriod& period) {
    if (!period.from && !period.to) return true;
    const auto day = i18n::athens_day(f.submitted_at);
    return (!period.from || day >= *period.from) && (!period.to || day <= *period.to);
}

Statistics compute(const web::Scope& scope, const StatsPeriod& period) {
    Statistics out;
    std::vector<RequestFacts> facts;
    std::unordered_map<std::string, std::string> departments, types;
    scope.db.read([&](soci::session& s) {
        for (const auto& d : store::departments(s, scope.tenant.id))
            departments[std::to_string(d.id)] = detail::name_in(scope, d.name_el, d.name_en);
        for (const auto& t : store::types(s, scope.tenant.id, false)) types[std::to_string(t.id)] = detail::name_in(scope, t.name_el, t.name_en);
        auto rows = store::stats_facts(s, scope.tenant.id);
        facts.reserve(rows.size());
        for (auto& row : rows) {
            if (!in_period(row.facts, period)) continue;
            row.facts.department = std::to_string(row.department_id);
            row.facts.type = std::to_string(row.type_id);
            facts.push_back(std::move(row.facts));
        }
    });
    out.by_department = named(group_stats(facts, GroupBy::Department), departments);
    out.by_type = named(group_stats(facts, GroupBy::Type), types);
    // Overall: every request under one key.
    for (auto& f : facts) f.department.clear();
    auto all = group_stats(facts, GroupBy::Department);
    if (!all.empty()) out.overall = all.front();
    out.overall.key.clear();
    out.computed_at = scope.now();
    return out;
}

}  // namespace

Statistics statistics(const web::Scope& scope, const StatsPeriod& period) {
    const auto day = [](const std::optional<Day>& d) { return d ? i18n::iso_day(*d) : std::string(); };
    const std::string key = std::to_string(scope.tenant.id) + ":" + std::string(i18n::code(scope.tr.lang())) + ":" + day(period.from) +
                            ":" + day(period.to);
    return stats_cache().get(key, store::generation(), [&] { return compute(scope, period); });
}

}  // namespace syn::requests
