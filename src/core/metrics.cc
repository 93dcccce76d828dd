#include "core/metrics.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <set>
#include <utility>

#include <prometheus/check_names.h>
#include <prometheus/client_metric.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace pulse {

struct Counter::Rep {
  prometheus::Counter* metric;
};
struct Gauge::Rep {
  prometheus::Gauge* metric;
};
struct Histogram::Rep {
  prometheus::Histogram* metric;
};

Counter::Counter(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Counter::~Counter() = default;
void Counter::Increment(double amount) {
  if (amount > 0) rep_->metric->Increment(amount);
}
double Counter::Value() const { return rep_->metric->Value(); }

Gauge::Gauge(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Gauge::~Gauge() = default;
void Gauge::Set(double value) { rep_->metric->Set(value); }
void Gauge::Increment(double amount) { rep_->metric->Increment(amount); }
void Gauge::Decrement(double amount) { rep_->metric->Decrement(amount); }
double Gauge::Value() const { return rep_->metric->Value(); }

Histogram::Histogram(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Histogram::~Histogram() = default;
void Histogram::Observe(double value) { rep_->metric->Observe(value); }
std::uint64_t Histogram::Count() const { return rep_->metric->Collect().histogram.sample_count; }
double Histogram::Sum() const { return rep_->metric->Collect().histogram.sample_sum; }

std::vector<double> DefaultLatencyBuckets() {
  return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,    0.1,    0.25,    0.5,    1,     2.5,    5,     10};
}

namespace {

enum class Kind { kCounter, kGauge, kHistogram };

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kCounter:
      return "counter";
    case Kind::kGauge:
      return "gauge";
    case Kind::kHistogram:
      return "histogram";
  }
  return "metric";
}

// Last name parts that are not base units, with the base unit to use instead.
constexpr std::pair<std::string_view, std::string_view> kNonBaseUnits[] = {
    {"ms", "seconds"},      {"millis", "seconds"},  {"milliseconds", "seconds"},
    {"us", "seconds"},      {"micros", "seconds"},  {"microseconds", "seconds"},
    {"ns", "seconds"},      {"nanos", "seconds"},   {"nanoseconds", "seconds"},
    {"secs", "seconds"},    {"minutes", "seconds"}, {"hours", "seconds"},
    {"kilobytes", "bytes"}, {"kb", "bytes"},        {"megabytes", "bytes"},
    {"mb", "bytes"},        {"percent", "ratio"},   {"pct", "ratio"},
};

std::vector<std::string_view> SplitName(std::string_view name) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = name.find('_', start);
    parts.push_back(name.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

Status ValidateLabels(std::string_view metric, const MetricLabels& labels, Kind kind) {
  for (const auto& [label, value] : labels) {
    if (label.empty() || !prometheus::CheckLabelName(label) || label.rfind("__", 0) == 0) {
      return InvalidArgumentError("metric {}: '{}' is not a valid label name", metric, label);
    }
    if (kind == Kind::kHistogram && label == "le") {
      return InvalidArgumentError("metric {}: label 'le' is reserved for histogram buckets",
                                  metric);
    }
  }
  return Status::Ok();
}

Status ValidateBuckets(std::string_view metric, const std::vector<double>& buckets) {
  if (buckets.empty()) {
    return InvalidArgumentError("metric {}: a histogram needs at least one bucket", metric);
  }
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (!std::isfinite(buckets[i])) {
      return InvalidArgumentError("metric {}: bucket bounds must be finite (+Inf is implicit)",
                                  metric);
    }
    if (i > 0 && buckets[i] <= buckets[i - 1]) {
      return InvalidArgumentError("metric {}: bucket bounds must be strictly increasing", metric);
    }
  }
  return Status::Ok();
}

std::set<std::string> LabelNames(const MetricLabels& labels) {
  std::set<std::string> names;
  for (const auto& [name, value] : labels) names.insert(name);
  return names;
}

// One family: its type, help, label names and (histograms) buckets, and its series.
struct FamilyEntry {
  Kind kind = Kind::kCounter;
  std::string help;
  std::set<std::string> label_names;
  std::vector<double> buckets;
  prometheus::Family<prometheus::Counter>* counters = nullptr;
  prometheus::Family<prometheus::Gauge>* gauges = nullptr;
  prometheus::Family<prometheus::Histogram>* histograms = nullptr;
  std::map<MetricLabels, std::unique_ptr<Counter>> counter_series;
  std::map<MetricLabels, std::unique_ptr<Gauge>> gauge_series;
  std::map<MetricLabels, std::unique_ptr<Histogram>> histogram_series;
};

}  // namespace

Status ValidateMetricName(std::string_view name, bool is_counter) {
  constexpr std::string_view kConvention = "pulse_<area>_<what>_<unit>";
  if (name.rfind("pulse_", 0) != 0) {
    return InvalidArgumentError("metric name '{}' must start with 'pulse_' ({})", name,
                                kConvention);
  }
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return InvalidArgumentError("metric name '{}' may use only [a-z0-9_] ({})", name,
                                  kConvention);
    }
  }
  std::vector<std::string_view> parts = SplitName(name);
  for (std::string_view part : parts) {
    if (part.empty()) {
      return InvalidArgumentError("metric name '{}' has an empty part ({})", name, kConvention);
    }
  }
  if (parts.size() < 4) {
    return InvalidArgumentError("metric name '{}' needs an area, a what and a unit ({})", name,
                                kConvention);
  }
  if (parts[1][0] >= '0' && parts[1][0] <= '9') {
    return InvalidArgumentError("metric name '{}': the area must start with a letter", name);
  }
  std::string_view last = parts.back();
  for (const auto& [unit, base] : kNonBaseUnits) {
    if (last == unit) {
      return InvalidArgumentError("metric name '{}': use the base unit '{}', not '{}'", name, base,
                                  unit);
    }
  }
  if (last == "bucket" || last == "sum" || last == "count") {
    return InvalidArgumentError("metric name '{}': the suffix '_{}' is reserved for histograms",
                                name, last);
  }
  if (is_counter && last != "total") {
    return InvalidArgumentError("counter name '{}' must end in '_total'", name);
  }
  if (!is_counter && last == "total") {
    return InvalidArgumentError("metric name '{}': only counters end in '_total'", name);
  }
  if (!prometheus::CheckMetricName(std::string(name))) {
    return InvalidArgumentError("metric name '{}' is not a valid Prometheus name", name);
  }
  return Status::Ok();
}

struct MetricsRegistry::Impl {
  // Finds or creates the family `name`, checking that it matches an existing one. Holds mu.
  Result<FamilyEntry*> Family(std::string_view name, std::string_view help, Kind kind,
                              const MetricLabels& labels, const std::vector<double>& buckets) {
    RETURN_IF_ERROR(ValidateMetricName(name, kind == Kind::kCounter));
    if (help.empty()) return InvalidArgumentError("metric {}: help text is empty", name);
    RETURN_IF_ERROR(ValidateLabels(name, labels, kind));
    if (kind == Kind::kHistogram) RETURN_IF_ERROR(ValidateBuckets(name, buckets));

    auto it = families.find(std::string(name));
    if (it != families.end()) {
      FamilyEntry& entry = it->second;
      if (entry.kind != kind) {
        return AlreadyExistsError("metric {} is already registered as a {}", name,
                                  KindName(entry.kind));
      }
      if (entry.help != help) {
        return AlreadyExistsError("metric {} is already registered with help '{}'", name,
                                  entry.help);
      }
      if (entry.label_names != LabelNames(labels)) {
        return InvalidArgumentError("metric {}: every series needs the label names {{{}}}", name,
                                    fmt::join(entry.label_names, ", "));
      }
      if (kind == Kind::kHistogram && entry.buckets != buckets) {
        return InvalidArgumentError("metric {} is already registered with other buckets", name);
      }
      return &entry;
    }

    FamilyEntry entry;
    entry.kind = kind;
    entry.help = std::string(help);
    entry.label_names = LabelNames(labels);
    entry.buckets = buckets;
    try {
      switch (kind) {
        case Kind::kCounter:
          entry.counters = &prometheus::BuildCounter()
                                .Name(std::string(name))
                                .Help(std::string(help))
                                .Register(registry);
          break;
        case Kind::kGauge:
          entry.gauges = &prometheus::BuildGauge()
                              .Name(std::string(name))
                              .Help(std::string(help))
                              .Register(registry);
          break;
        case Kind::kHistogram:
          entry.histograms = &prometheus::BuildHistogram()
                                  .Name(std::string(name))
                                  .Help(std::string(help))
                                  .Register(registry);
          break;
      }
    } catch (const std::exception& e) {
      return InvalidArgumentError("metric {}: {}", name, e.what());
    }
    return &families.emplace(std::string(name), std::move(entry)).first->second;
  }

  mutable std::mutex mu;
  prometheus::Registry registry;
  std::map<std::string, FamilyEntry> families;
};

MetricsRegistry::MetricsRegistry() : impl_(std::make_unique<Impl>()) {}
MetricsRegistry::~MetricsRegistry() = default;

Result<Counter*> MetricsRegistry::GetCounter(std::string_view name, std::string_view help,
                                             const MetricLabels& labels) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(FamilyEntry * family, impl_->Family(name, help, Kind::kCounter, labels, {}));
  std::unique_ptr<Counter>& series = family->counter_series[labels];
  if (series == nullptr) {
    try {
      auto rep = std::make_unique<Counter::Rep>(Counter::Rep{&family->counters->Add(labels)});
      series.reset(new Counter(std::move(rep)));
    } catch (const std::exception& e) {
      family->counter_series.erase(labels);
      return InvalidArgumentError("metric {}: {}", name, e.what());
    }
  }
  return series.get();
}

Result<Gauge*> MetricsRegistry::GetGauge(std::string_view name, std::string_view help,
                                         const MetricLabels& labels) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(FamilyEntry * family, impl_->Family(name, help, Kind::kGauge, labels, {}));
  std::unique_ptr<Gauge>& series = family->gauge_series[labels];
  if (series == nullptr) {
    try {
      auto rep = std::make_unique<Gauge::Rep>(Gauge::Rep{&family->gauges->Add(labels)});
      series.reset(new Gauge(std::move(rep)));
    } catch (const std::exception& e) {
      family->gauge_series.erase(labels);
      return InvalidArgumentError("metric {}: {}", name, e.what());
    }
  }
  return series.get();
}

Result<Histogram*> MetricsRegistry::GetHistogram(std::string_view name, std::string_view help,
                                                 const std::vector<double>& buckets,
                                                 const MetricLabels& labels) {
  std::lock_guard lock(impl_->mu);
  ASSIGN_OR_RETURN(FamilyEntry * family,
                   impl_->Family(name, help, Kind::kHistogram, labels, buckets));
  std::unique_ptr<Histogram>& series = family->histogram_series[labels];
  if (series == nullptr) {
    try {
      auto rep = std::make_unique<Histogram::Rep>(
          Histogram::Rep{&family->histograms->Add(labels, buckets)});
      series.reset(new Histogram(std::move(rep)));
    } catch (const std::exception& e) {
      family->histogram_series.erase(labels);
      return InvalidArgumentError("metric {}: {}", name, e.what());
    }
  }
  return series.get();
}

std::string MetricsRegistry::SerializeText() const {
  std::vector<prometheus::MetricFamily> families = impl_->registry.Collect();
  std::sort(families.begin(), families.end(),
            [](const prometheus::MetricFamily& a, const prometheus::MetricFamily& b) {
              return a.name < b.name;
            });
  for (prometheus::MetricFamily& family : families) {
    std::sort(family.metric.begin(), family.metric.end(),
              [](const prometheus::ClientMetric& a, const prometheus::ClientMetric& b) {
                return a.label < b.label;
              });
  }
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace pulse
