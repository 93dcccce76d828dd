// Metrics registry: counters, gauges and histograms with labels, exposed as Prometheus text.
//
// Each module records through a small probe class that asks the registry for its metrics once,
// at construction, and keeps the returned pointers:
//
//   ASSIGN_OR_RETURN(Counter* bars, registry.GetCounter("pulse_data_bars_total",
//                                                       "Bars accepted", {{"exchange",
//                                                       "binance"}}));
//   bars->Increment();
//   std::string text = registry.SerializeText();  // served by the /metrics route
//
// Names follow pulse_<area>_<what>_<unit> in base units (seconds, bytes); counters end in _total.
// The backend (prometheus-cpp core) stays inside metrics.cc.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pulse {

// Label name -> value. Sorted, so the same labels in any order name the same series.
using MetricLabels = std::map<std::string, std::string>;

// A monotonically increasing count. Owned by its MetricsRegistry; thread-safe (atomic).
class Counter {
 public:
  ~Counter();
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  // Adds `amount`; negative amounts are ignored (a counter never goes down).
  void Increment(double amount = 1.0);
  double Value() const;

 private:
  friend class MetricsRegistry;
  struct Rep;
  explicit Counter(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// A value that goes up and down. Owned by its MetricsRegistry; thread-safe (atomic).
class Gauge {
 public:
  ~Gauge();
  Gauge(const Gauge&) = delete;
  Gauge& operator=(const Gauge&) = delete;

  void Set(double value);
  void Increment(double amount = 1.0);
  void Decrement(double amount = 1.0);
  double Value() const;

 private:
  friend class MetricsRegistry;
  struct Rep;
  explicit Gauge(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Observations counted into cumulative buckets, with their sum and count. Owned by its
// MetricsRegistry; thread-safe.
class Histogram {
 public:
  ~Histogram();
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void Observe(double value);
  std::uint64_t Count() const;
  double Sum() const;

 private:
  friend class MetricsRegistry;
  struct Rep;
  explicit Histogram(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Upper bounds (seconds) for latencies from 50 microseconds to 10 seconds.
std::vector<double> DefaultLatencyBuckets();

// Checks a metric name against pulse_<area>_<what>_<unit>: lower-case [a-z0-9_], at least three
// parts after "pulse_", base units, no reserved suffix (_bucket, _sum, _count), and "_total" on
// counters only. InvalidArgument naming the rule otherwise.
Status ValidateMetricName(std::string_view name, bool is_counter);

// The set of metrics one process exposes. Created by the composition root and shared by
// reference; outlives every probe that holds its metrics.
//
// Get* returns the metric for (name, labels), creating it on first use; later calls with the same
// name and labels return the same object, whose address stays valid for the registry's lifetime.
// A name already used by another type, with another help text, other label names or other
// buckets is refused. Thread-safe.
class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  Result<Counter*> GetCounter(std::string_view name, std::string_view help,
                              const MetricLabels& labels = {});
  Result<Gauge*> GetGauge(std::string_view name, std::string_view help,
                          const MetricLabels& labels = {});
  // `buckets`: strictly increasing finite upper bounds; "+Inf" is implicit.
  Result<Histogram*> GetHistogram(std::string_view name, std::string_view help,
                                  const std::vector<double>& buckets,
                                  const MetricLabels& labels = {});

  // Prometheus text exposition format (version 0.0.4), families sorted by name and series by
  // labels, so the output is deterministic.
  std::string SerializeText() const;

  // Content-Type for the /metrics response.
  static constexpr std::string_view kTextContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pulse
