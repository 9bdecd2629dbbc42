#include "api/metrics.h"

#include <gtest/gtest.h>

namespace wenjin::api {
namespace {

TEST(MetricsTest, RendersPrometheusText) {
  Metrics m;
  m.ObserveRequest("get_search", "GET", 200, 0.003);
  m.ObserveRequest("get_search", "GET", 200, 0.2);
  m.ObserveRequest("get_search", "GET", 400, 0.0001);
  m.Increment("wenjin_verdicts_total", {{"verdict", "review"}});
  m.SetGauge("wenjin_review_queue_depth", {}, 7);
  std::string text = m.Render();
  EXPECT_NE(text.find("# TYPE wenjin_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("wenjin_http_requests_total{method=\"GET\",route=\"get_search\",status=\"200\"} 2"),
            std::string::npos) << text;
  EXPECT_NE(text.find("wenjin_http_request_duration_seconds_bucket{route=\"get_search\",le=\"0.005\"} 2"),
            std::string::npos) << text;
  EXPECT_NE(text.find("wenjin_http_request_duration_seconds_bucket{route=\"get_search\",le=\"+Inf\"} 3"),
            std::string::npos);
  EXPECT_NE(text.find("wenjin_http_request_duration_seconds_count{route=\"get_search\"} 3"), std::string::npos);
  EXPECT_NE(text.find("wenjin_verdicts_total{verdict=\"review\"} 1"), std::string::npos);
  EXPECT_NE(text.find("wenjin_review_queue_depth 7"), std::string::npos);
}

}  // namespace
}  // namespace wenjin::api
