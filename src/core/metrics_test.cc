#include "core/metrics.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace pulse {
namespace {

TEST(MetricsRegistryTest, SerializesCounterGaugeAndHistogramExactly) {
  MetricsRegistry registry;
  Result<Counter*> binance =
      registry.GetCounter("pulse_data_bars_total", "Bars accepted", {{"exchange", "binance"}});
  Result<Counter*> bybit =
      registry.GetCounter("pulse_data_bars_total", "Bars accepted", {{"exchange", "bybit"}});
  Result<Gauge*> open = registry.GetGauge("pulse_tracker_open_signals", "Open signals");
  Result<Histogram*> latency =
      registry.GetHistogram("pulse_engine_bar_latency_seconds", "Bar handling time",
                            {0.001, 0.01, 0.1}, {{"engine", "signal"}});
  ASSERT_TRUE(binance.ok()) << binance.status();
  ASSERT_TRUE(bybit.ok()) << bybit.status();
  ASSERT_TRUE(open.ok()) << open.status();
  ASSERT_TRUE(latency.ok()) << latency.status();

  (*binance)->Increment();
  (*binance)->Increment(2);
  (*binance)->Increment(-5);  // ignored
  (*bybit)->Increment(7);
  (*open)->Set(4);
  (*open)->Decrement();
  (*latency)->Observe(0.0005);
  (*latency)->Observe(0.005);
  (*latency)->Observe(0.005);
  (*latency)->Observe(2);

  EXPECT_EQ((*binance)->Value(), 3);
  EXPECT_EQ((*open)->Value(), 3);
  EXPECT_EQ((*latency)->Count(), 4u);
  EXPECT_DOUBLE_EQ((*latency)->Sum(), 2.0105);

  EXPECT_EQ(registry.SerializeText(),
            "# HELP pulse_data_bars_total Bars accepted\n"
            "# TYPE pulse_data_bars_total counter\n"
            "pulse_data_bars_total{exchange=\"binance\"} 3\n"
            "pulse_data_bars_total{exchange=\"bybit\"} 7\n"
            "# HELP pulse_engine_bar_latency_seconds Bar handling time\n"
            "# TYPE pulse_engine_bar_latency_seconds histogram\n"
            "pulse_engine_bar_latency_seconds_count{engine=\"signal\"} 4\n"
            "pulse_engine_bar_latency_seconds_sum{engine=\"signal\"} 2.0105\n"
            "pulse_engine_bar_latency_seconds_bucket{engine=\"signal\",le=\"0.001\"} 1\n"
            "pulse_engine_bar_latency_seconds_bucket{engine=\"signal\",le=\"0.01\"} 3\n"
            "pulse_engine_bar_latency_seconds_bucket{engine=\"signal\",le=\"0.1\"} 3\n"
            "pulse_engine_bar_latency_seconds_bucket{engine=\"signal\",le=\"+Inf\"} 4\n"
            "# HELP pulse_tracker_open_signals Open signals\n"
            "# TYPE pulse_tracker_open_signals gauge\n"
            "pulse_tracker_open_signals 3\n");
}

TEST(MetricsRegistryTest, SameNameAndLabelsReturnTheSameObject) {
  MetricsRegistry registry;
  Counter* a =
      registry.GetCounter("pulse_api_requests_total", "Requests", {{"route", "/x"}}).value();
  Counter* b =
      registry.GetCounter("pulse_api_requests_total", "Requests", {{"route", "/x"}}).value();
  Counter* c =
      registry.GetCounter("pulse_api_requests_total", "Requests", {{"route", "/y"}}).value();
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(MetricsRegistryTest, RefusesConflictingRegistrations) {
  MetricsRegistry registry;
  ASSERT_TRUE(registry.GetGauge("pulse_risk_open_positions", "Open positions").ok());
  Result<Counter*> wrong_type = registry.GetCounter("pulse_risk_open_positions", "x");
  EXPECT_EQ(wrong_type.status().code(), StatusCode::kInvalidArgument);  // no _total
  ASSERT_TRUE(registry.GetCounter("pulse_risk_denials_total", "Denials", {{"reason", "a"}}).ok());
  EXPECT_EQ(registry.GetGauge("pulse_risk_denials_total", "Denials").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.GetCounter("pulse_risk_denials_total", "Other help", {{"reason", "a"}})
                .status()
                .message(),
            "metric pulse_risk_denials_total is already registered with help 'Denials'");
  EXPECT_EQ(registry.GetCounter("pulse_risk_denials_total", "Denials", {{"rule", "a"}})
                .status()
                .message(),
            "metric pulse_risk_denials_total: every series needs the label names {reason}");
  ASSERT_TRUE(registry.GetHistogram("pulse_api_request_duration_seconds", "Latency", {1, 2}).ok());
  EXPECT_EQ(registry.GetHistogram("pulse_api_request_duration_seconds", "Latency", {1, 3})
                .status()
                .message(),
            "metric pulse_api_request_duration_seconds is already registered with other buckets");
  EXPECT_EQ(
      registry.GetHistogram("pulse_api_other_duration_seconds", "L", {2, 1}).status().message(),
      "metric pulse_api_other_duration_seconds: bucket bounds must be strictly increasing");
  EXPECT_FALSE(registry.GetHistogram("pulse_api_other_duration_seconds", "L", {}).ok());
  EXPECT_EQ(
      registry.GetHistogram("pulse_api_other_duration_seconds", "L", {1}, {{"le", "1"}})
          .status()
          .message(),
      "metric pulse_api_other_duration_seconds: label 'le' is reserved for histogram buckets");
  EXPECT_EQ(
      registry.GetGauge("pulse_api_open_sockets", "S", {{"bad-label", "1"}}).status().message(),
      "metric pulse_api_open_sockets: 'bad-label' is not a valid label name");
  EXPECT_FALSE(registry.GetGauge("pulse_api_open_sockets", "").ok());
}

TEST(MetricNameTest, EnforcesTheConvention) {
  EXPECT_TRUE(ValidateMetricName("pulse_data_bars_total", true).ok());
  EXPECT_TRUE(ValidateMetricName("pulse_engine_bar_latency_seconds", false).ok());
  EXPECT_EQ(ValidateMetricName("data_bars_total", true).message(),
            "metric name 'data_bars_total' must start with 'pulse_' (pulse_<area>_<what>_<unit>)");
  EXPECT_EQ(ValidateMetricName("pulse_Data_bars_total", true).message(),
            "metric name 'pulse_Data_bars_total' may use only [a-z0-9_] "
            "(pulse_<area>_<what>_<unit>)");
  EXPECT_EQ(ValidateMetricName("pulse_bars_total", true).message(),
            "metric name 'pulse_bars_total' needs an area, a what and a unit "
            "(pulse_<area>_<what>_<unit>)");
  EXPECT_EQ(ValidateMetricName("pulse_data__bars_total", true).message(),
            "metric name 'pulse_data__bars_total' has an empty part (pulse_<area>_<what>_<unit>)");
  EXPECT_EQ(ValidateMetricName("pulse_api_latency_ms", false).message(),
            "metric name 'pulse_api_latency_ms': use the base unit 'seconds', not 'ms'");
  EXPECT_EQ(ValidateMetricName("pulse_data_bars_seen", true).message(),
            "counter name 'pulse_data_bars_seen' must end in '_total'");
  EXPECT_EQ(ValidateMetricName("pulse_data_bars_total", false).message(),
            "metric name 'pulse_data_bars_total': only counters end in '_total'");
  EXPECT_EQ(ValidateMetricName("pulse_api_requests_count", false).message(),
            "metric name 'pulse_api_requests_count': the suffix '_count' is reserved for "
            "histograms");
}

TEST(MetricsRegistryTest, CountsFromManyThreads) {
  MetricsRegistry registry;
  Counter* counter = registry.GetCounter("pulse_test_events_total", "Events").value();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) counter->Increment();
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(counter->Value(), 40000);
}

}  // namespace
}  // namespace pulse
