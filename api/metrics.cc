// Prometheus text rendering.
#include "api/metrics.h"

#include <sstream>

namespace wenjin::api {

namespace {
constexpr const char* kRequests = "wenjin_http_requests_total";
constexpr const char* kLatency = "wenjin_http_request_duration_seconds";

std::string EscapeLabel(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

Metrics::Metrics() : bounds_{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5} {
  Describe(kRequests, "counter", "HTTP requests served, by route, method and status.");
  Describe(kLatency, "histogram", "HTTP request latency in seconds, by route.");
}

std::string Metrics::LabelText(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) out += ",";
    first = false;
    out += k + "=\"" + EscapeLabel(v) + "\"";
  }
  return out + "}";
}

void Metrics::Describe(const std::string& name, const std::string& type, const std::string& help) {
  std::lock_guard<std::mutex> lock(mu_);
  help_[name] = {type, help};
}

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  counters_[kRequests][LabelText({{"route", route}, {"method", method}, {"status", std::to_string(status)}})] += 1;
  Histogram& h = latency_[LabelText({{"route", route}})];
  if (h.buckets.empty()) h.buckets.assign(bounds_.size(), 0);
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (seconds <= bounds_[i]) h.buckets[i]++;
  }
  h.count++;
  h.sum += seconds;
}

void Metrics::Increment(const std::string& name, const Labels& labels, double by) {
  std::lock_guard<std::mutex> lock(mu_);
  counters_[name][LabelText(labels)] += by;
}

void Metrics::SetGauge(const std::string& name, const Labels& labels, double value) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_[name][LabelText(labels)] = value;
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  auto header = [&](const std::string& name, const char* fallback_type) {
    auto it = help_.find(name);
    if (it != help_.end()) {
      out << "# HELP " << name << " " << it->second.second << "\n# TYPE " << name << " " << it->second.first << "\n";
    } else {
      out << "# TYPE " << name << " " << fallback_type << "\n";
    }
  };
  for (const auto& [name, series] : counters_) {
    header(name, "counter");
    for (const auto& [labels, v] : series) out << name << labels << " " << v << "\n";
  }
  for (const auto& [name, series] : gauges_) {
    header(name, "gauge");
    for (const auto& [labels, v] : series) out << name << labels << " " << v << "\n";
  }
  if (!latency_.empty()) {
    header(kLatency, "histogram");
    for (const auto& [labels, h] : latency_) {
      // labels is "{route=\"x\"}": splice le= into it
      std::string inner = labels.substr(1, labels.size() - 2);
      for (size_t i = 0; i < bounds_.size(); ++i) {
        out << kLatency << "_bucket{" << inner << ",le=\"" << bounds_[i] << "\"} " << h.buckets[i] << "\n";
      }
      out << kLatency << "_bucket{" << inner << ",le=\"+Inf\"} " << h.count << "\n";
      out << kLatency << "_sum" << labels << " " << h.sum << "\n";
      out << kLatency << "_count" << labels << " " << h.count << "\n";
    }
  }
  return out.str();
}

}  // namespace wenjin::api
