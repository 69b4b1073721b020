// The statistics page's figures: medians, the share resolved within the deadline (in working
// days, so a weekend does not make a request late), and the average rating.
#include <gtest/gtest.h>

#include "modules/requests/rules.hpp"
#include "platform/i18n/working_days.hpp"

using namespace syn::requests;
using namespace std::chrono;

namespace {

Day d(int y, unsigned m, unsigned dd) { return year{y} / month{m} / day{dd}; }
constexpr std::int64_t kHour = 3600, kDay = 86400;

RequestFacts facts(std::string dept, std::string type, std::int64_t submitted) {
    RequestFacts f;
    f.department = std::move(dept);
    f.type = std::move(type);
    f.submitted_at = submitted;
    return f;
}

}  // namespace

TEST(RequestStats, MedianOfOddAndEvenCounts) {
    EXPECT_FALSE(median({}));
    EXPECT_DOUBLE_EQ(*median({5}), 5);
    EXPECT_DOUBLE_EQ(*median({9, 1, 5}), 5);
    EXPECT_DOUBLE_EQ(*median({4, 1, 3, 2}), 2.5);
}

TEST(RequestStats, FiguresPerDepartmentAndPerType) {
    const std::int64_t t0 = 1'790'000'000;
    std::vector<RequestFacts> all;
    // Technical services: three requests.
    auto a = facts("technical", "local_problem", t0);
    a.first_response_at = t0 + 2 * kHour;
    a.resolved_at = t0 + 3 * kDay;
    a.due = d(2026, 9, 10);
    a.resolved_day = d(2026, 9, 10);  // on the due day: in time
    a.rating = 5;
    auto b = facts("technical", "local_problem", t0);
    b.first_response_at = t0 + 6 * kHour;
    b.resolved_at = t0 + 9 * kDay;
    b.due = d(2026, 9, 10);
    b.resolved_day = d(2026, 9, 11);  // a day late
    b.rating = 2;
    auto c = facts("technical", "space", t0);
    c.first_response_at = t0 + 4 * kHour;  // still open: no resolution, no rating
    all = {a, b, c};
    // Culture: one request, rejected after a reply: it has a first response but no resolution.
    auto r = facts("culture", "promotion", t0);
    r.first_response_at = t0 + 1 * kHour;
    all.push_back(r);

    const auto by_dept = group_stats(all, GroupBy::Department);
    ASSERT_EQ(by_dept.size(), 2u);
    EXPECT_EQ(by_dept[0].key, "culture");
    EXPECT_EQ(by_dept[0].requests, 1);
    EXPECT_DOUBLE_EQ(*by_dept[0].median_first_response_hours, 1);
    EXPECT_FALSE(by_dept[0].median_resolution_days);
    EXPECT_FALSE(by_dept[0].resolved_within_deadline);
    EXPECT_FALSE(by_dept[0].average_rating);

    const auto& tech = by_dept[1];
    EXPECT_EQ(tech.key, "technical");
    EXPECT_EQ(tech.requests, 3);
    EXPECT_DOUBLE_EQ(*tech.median_first_response_hours, 4);
    EXPECT_DOUBLE_EQ(*tech.median_resolution_days, 6);
    EXPECT_DOUBLE_EQ(*tech.resolved_within_deadline, 0.5);
    EXPECT_DOUBLE_EQ(*tech.average_rating, 3.5);
    EXPECT_EQ(tech.ratings, 2);

    const auto by_type = group_stats(all, GroupBy::Type);
    ASSERT_EQ(by_type.size(), 3u);
    EXPECT_EQ(by_type[0].key, "local_problem");
    EXPECT_EQ(by_type[0].requests, 2);
    EXPECT_EQ(by_type[1].key, "promotion");
    EXPECT_EQ(by_type[2].key, "space");
    EXPECT_FALSE(by_type[2].median_resolution_days);
}

TEST(RequestStats, DeadlinesInWorkingDaysMakeFridayRequestsFair) {
    // Filed on Friday 20 Nov 2026 with a 1-working-day deadline: due Monday, so a Monday
    // resolution is in time, a Tuesday one is not.
    const Day due = syn::i18n::add_working_days(d(2026, 11, 20), 1);
    EXPECT_EQ(due, d(2026, 11, 23));
    auto on_time = facts("x", "y", 0);
    on_time.resolved_at = 3 * kDay;
    on_time.due = due;
    on_time.resolved_day = d(2026, 11, 23);
    auto late = on_time;
    late.resolved_day = d(2026, 11, 24);
    EXPECT_DOUBLE_EQ(*group_stats({on_time, late}, GroupBy::Department)[0].resolved_within_deadline, 0.5);
}

TEST(RequestStats, ImpossibleFactsAreIgnoredNotCounted) {
    auto f = facts("x", "y", 1000);
    f.first_response_at = 10;  // before submission: a clock error, not a negative duration
    f.resolved_at = 20;
    f.rating = 9;              // out of range
    const auto g = group_stats({f}, GroupBy::Department);
    ASSERT_EQ(g.size(), 1u);
    EXPECT_EQ(g[0].requests, 1);
    EXPECT_FALSE(g[0].median_first_response_hours);
    EXPECT_FALSE(g[0].median_resolution_days);
    EXPECT_FALSE(g[0].average_rating);
    EXPECT_EQ(g[0].ratings, 0);
}
