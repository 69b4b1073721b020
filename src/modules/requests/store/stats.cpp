// SQL for the statistics page: the facts of every request of a municipality, read in batches.
#include <unordered_map>
#include <vector>

#include "modules/requests/store.hpp"
#include "platform/i18n/calendar.hpp"

namespace syn::requests::store {

std::vector<StatsRow> stats_facts(soci::session& s, std::int64_t municipality_id) {
    std::vector<StatsRow> out;
    long long mid = municipality_id;
    // Fetched in batches: row-at-a-time fetching costs more than the query itself at 200,000 rows.
    constexpr std::size_t kBatch = 2000;
    std::vector<long long> dept(kBatch), type(kBatch), submitted(kBatch), fr(kBatch), resolved(kBatch);
    std::vector<int> rating(kBatch);
    std::vector<std::string> due(kBatch);
    std::vector<soci::indicator> fr_i(kBatch), resolved_i(kBatch), rating_i(kBatch);
    soci::statement st = (s.prepare << "SELECT department_id, type_id, submitted_at, first_response_at, resolved_at, due_day, rating "
                                       "FROM requests WHERE municipality_id = :mid AND merged_into_id IS NULL",
                          soci::use(mid), soci::into(dept), soci::into(type), soci::into(submitted), soci::into(fr, fr_i),
                          soci::into(resolved, resolved_i), soci::into(due), soci::into(rating, rating_i));
    // A day in Athens begins on a whole UTC hour (the offset is +2 or +3 hours), so the day of a
    // resolution depends only on its hour: remembering each hour's answer saves most ICU calls.
    std::unordered_map<long long, Day> day_of_hour;
    st.execute();
    while (st.fetch()) {
        for (std::size_t i = 0; i < dept.size(); ++i) {
            StatsRow row;
            row.department_id = dept[i];
            row.type_id = type[i];
            auto& f = row.facts;
            f.submitted_at = submitted[i];
            if (fr_i[i] == soci::i_ok) f.first_response_at = fr[i];
            if (resolved_i[i] == soci::i_ok) {
                f.resolved_at = resolved[i];
                const long long hour = resolved[i] / 3600;
                auto [it, fresh] = day_of_hour.try_emplace(hour);
                if (fresh) it->second = i18n::athens_day(hour * 3600);
                f.resolved_day = it->second;
            }
            f.due = i18n::parse_iso_day(due[i]);
            if (rating_i[i] == soci::i_ok) f.rating = rating[i];
            out.push_back(std::move(row));
        }
    }
    return out;
}

}  // namespace syn::requests::store
