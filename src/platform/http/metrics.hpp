#pragma once
// Prometheus text-format metrics: requests by route and status, a latency histogram, and
// gauges supplied at scrape time (DB pool use, open connections).
#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace syn::http {

class Metrics {
public:
    void observe(const std::string& route, int status, double seconds);
    // name, help, value — read when /metrics is scraped.
    void gauge(std::string name, std::string help, std::function<double()> read);
    // The same for a value that only grows (Prometheus' counter type, for rate()).
    void counter(std::string name, std::string help, std::function<double()> read);
    std::string render() const;

private:
    static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};
    mutable std::mutex mu_;
    std::map<std::pair<std::string, int>, unsigned long long> requests_;
    std::array<unsigned long long, kBuckets.size()> buckets_{};
    unsigned long long count_ = 0;
    double sum_ = 0;
    struct Gauge { std::string name, help; std::function<double()> read; const char* type; };
    std::vector<Gauge> gauges_;
};

}  // namespace syn::http
