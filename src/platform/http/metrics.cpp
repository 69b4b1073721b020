#include "platform/http/metrics.hpp"

#include <fmt/format.h>

namespace syn::http {

namespace {
// Label values must escape backslash, quote and newline (Prometheus exposition format).
std::string label(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') { out += "\\n"; continue; }
        out += c;
    }
    return out;
}
}  // namespace

void Metrics::observe(const std::string& route, int status, double seconds) {
    std::lock_guard lk(mu_);
    ++requests_[{route, status}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++buckets_[i];
    ++count_;
    sum_ += seconds;
}

void Metrics::gauge(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lk(mu_);
    gauges_.push_back({std::move(name), std::move(help), std::move(read), "gauge"});
}

void Metrics::counter(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lk(mu_);
    gauges_.push_back({std::move(name), std::move(help), std::move(read), "counter"});
}

std::string Metrics::render() const {
    std::lock_guard lk(mu_);
    std::string out;
    out += "# HELP synergeia_http_requests_total HTTP requests by route pattern and status.\n";
    out += "# TYPE synergeia_http_requests_total counter\n";
    for (const auto& [k, n] : requests_)
        out += fmt::format("synergeia_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", label(k.first), k.second, n);
    out += "# HELP synergeia_http_request_duration_seconds Time from request read to response ready.\n";
    out += "# TYPE synergeia_http_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        out += fmt::format("synergeia_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i], buckets_[i]);
    out += fmt::format("synergeia_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", count_);
    out += fmt::format("synergeia_http_request_duration_seconds_sum {}\n", sum_);
    out += fmt::format("synergeia_http_request_duration_seconds_count {}\n", count_);
    for (const auto& g : gauges_) {
        out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", g.name, g.help, g.name, g.type, g.name, g.read());
    }
    return out;
}

}  // namespace syn::http
