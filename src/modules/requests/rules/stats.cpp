// The figures of the public statistics page, per department and per request type.
#include <algorithm>
#include <map>

#include "modules/requests/rules.hpp"

namespace syn::requests {

std::optional<double> median(std::vector<double> v) {
    if (v.empty()) return std::nullopt;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    if (v.size() % 2 == 1) return *mid;
    const double upper = *mid;
    const double lower = *std::max_element(v.begin(), mid);
    return (lower + upper) / 2;
}

std::vector<GroupStats> group_stats(const std::vector<RequestFacts>& facts, GroupBy by) {
    struct Acc {
        int requests = 0, resolved_with_due = 0, on_time = 0, ratings = 0, rating_sum = 0;
        std::vector<double> first_response_hours, resolution_days;
    };
    std::map<std::string, Acc> groups;
    for (const auto& f : facts) {
        Acc& a = groups[by == GroupBy::Department ? f.department : f.type];
        ++a.requests;
        if (f.first_response_at && *f.first_response_at >= f.submitted_at)
            a.first_response_hours.push_back(static_cast<double>(*f.first_response_at - f.submitted_at) / 3600.0);
        if (f.resolved_at && *f.resolved_at >= f.submitted_at) {
            a.resolution_days.push_back(static_cast<double>(*f.resolved_at - f.submitted_at) / 86400.0);
            if (f.due && f.resolved_day) {
                ++a.resolved_with_due;
                if (std::chrono::sys_days{*f.resolved_day} <= std::chrono::sys_days{*f.due}) ++a.on_time;
            }
        }
        if (f.rating && *f.rating >= 1 && *f.rating <= 5) {
            ++a.ratings;
            a.rating_sum += *f.rating;
        }
    }
    std::vector<GroupStats> out;
    for (auto& [key, a] : groups) {
        GroupStats g;
        g.key = key;
        g.requests = a.requests;
        g.median_first_response_hours = median(std::move(a.first_response_hours));
        g.median_resolution_days = median(std::move(a.resolution_days));
        if (a.resolved_with_due > 0) g.resolved_within_deadline = static_cast<double>(a.on_time) / a.resolved_with_due;
        if (a.ratings > 0) g.average_rating = static_cast<double>(a.rating_sum) / a.ratings;
        g.ratings = a.ratings;
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace syn::requests
