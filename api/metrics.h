// Metrics: counters, gauges and latency histograms rendered in the Prometheus text format for
// GET /metrics. Thread-safe; label sets are small and fixed (route, method, status, verdict).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace wenjin::api {

using Labels = std::map<std::string, std::string>;

class Metrics {
 public:
  Metrics();
  // One served request: counts wenjin_http_requests_total and observes
  // wenjin_http_request_duration_seconds for the route.
  void ObserveRequest(const std::string& route, const std::string& method, int status, double seconds);
  void Increment(const std::string& name, const Labels& labels = {}, double by = 1);
  void SetGauge(const std::string& name, const Labels& labels, double value);
  // Declares HELP text for a metric family (shown once in the output).
  void Describe(const std::string& name, const std::string& type, const std::string& help);
  std::string Render() const;

 private:
  struct Histogram {
    std::vector<uint64_t> buckets;  // cumulative counts per bound
    uint64_t count = 0;
    double sum = 0;
  };
  static std::string LabelText(const Labels& labels);
  mutable std::mutex mu_;
  std::vector<double> bounds_;
  std::map<std::string, std::pair<std::string, std::string>> help_;  // name -> (type, help)
  std::map<std::string, std::map<std::string, double>> counters_;    // name -> labels -> value
  std::map<std::string, std::map<std::string, double>> gauges_;
  std::map<std::string, Histogram> latency_;                         // labels -> histogram
};

}  // namespace wenjin::api
