#include "engines/data/candle_validator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <vector>

#include <fmt/format.h>

namespace pulse::data {

namespace {

// The expected spacing of bars: a known timeframe (calendar months included) or a raw step.
class Interval {
 public:
  Interval() = default;
  explicit Interval(Timeframe tf) : tf_(tf), nanos_(tf.NominalNanos()) {}
  explicit Interval(std::int64_t nanos) : nanos_(nanos) {}

  bool known() const { return nanos_ > 0; }
  std::int64_t nanos() const { return nanos_; }
  std::string name() const { return tf_.has_value() ? tf_->ToString() : std::string(); }

  UnixNanos Next(UnixNanos t) const { return tf_.has_value() ? tf_->Next(t) : t + nanos_; }
  bool OnGrid(UnixNanos t, UnixNanos origin) const {
    if (tf_.has_value()) return tf_->BucketStart(t) == t;
    return (t - origin) % nanos_ == 0;
  }
  // Bars that fit strictly between two present bars at `a` and `b` (a < b).
  std::int64_t MissingBetween(UnixNanos a, UnixNanos b) const {
    if (tf_.has_value() && !tf_->IsFixedLength()) {
      std::int64_t n = 0;
      for (UnixNanos t = tf_->Next(a); t < b; t = tf_->Next(t)) ++n;
      return n;
    }
    return (b - a + nanos_ - 1) / nanos_ - 1;  // ceil((b - a) / len) - 1
  }
  UnixNanos Add(UnixNanos t, std::int64_t n) const {
    return tf_.has_value() ? tf_->Add(t, n) : t + n * nanos_;
  }

 private:
  std::optional<Timeframe> tf_;
  std::int64_t nanos_ = 0;
};

constexpr std::array<const char*, 15> kTimeframeNames = {
    "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M"};

// The most common positive step between sorted distinct times, as a timeframe when it is one.
Interval InferInterval(const std::vector<UnixNanos>& times) {
  std::map<std::int64_t, std::int64_t> counts;
  for (std::size_t i = 1; i < times.size(); ++i) ++counts[times[i] - times[i - 1]];
  std::int64_t best = 0;
  std::int64_t best_count = 0;
  for (const auto& [step, count] : counts) {
    if (count > best_count) {
      best = step;
      best_count = count;
    }
  }
  if (best == 0) return Interval();
  // Calendar months: steps of 28 to 31 days between month starts.
  if (best >= 28 * kNanosPerDay && best <= 31 * kNanosPerDay) {
    const Timeframe month = Timeframe::Months(1);
    if (std::all_of(times.begin(), times.end(),
                    [&](UnixNanos t) { return month.BucketStart(t) == t; })) {
      return Interval(month);
    }
  }
  for (const char* name : kTimeframeNames) {
    const Timeframe tf = *Timeframe::Parse(name);
    if (tf.IsFixedLength() && tf.NominalNanos() == best) return Interval(tf);
  }
  return Interval(best);
}

double Median(std::vector<double> v) {
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  double m = v[mid];
  if (v.size() % 2 == 0) m = (m + *std::max_element(v.begin(), v.begin() + mid)) / 2;
  return m;
}

// Robust z-scores: 0.6745 * (x - median) / MAD, or (x - median) / (1.253314 * mean absolute
// deviation) when the MAD is 0. Empty when there are too few values or no spread.
std::vector<double> RobustZ(const std::vector<double>& values) {
  constexpr std::size_t kMinValues = 10;
  if (values.size() < kMinValues) return {};
  const double median = Median(values);
  std::vector<double> dev(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) dev[i] = std::fabs(values[i] - median);
  const double mad = Median(dev);
  double scale = 0;
  if (mad > 0) {
    scale = mad / 0.6745;
  } else {
    const double mean_ad = std::accumulate(dev.begin(), dev.end(), 0.0) / dev.size();
    scale = 1.253314 * mean_ad;
  }
  if (!(scale > 0)) return {};
  std::vector<double> z(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) z[i] = (values[i] - median) / scale;
  return z;
}

bool Finite(double v) { return std::isfinite(v); }

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

// Builds the report; one instance per Validate call.
class Checker {
 public:
  Checker(const ValidatorOptions& options, std::span<const Bar> bars, std::string_view source)
      : options_(options), bars_(bars) {
    report_.source = std::string(source);
    report_.rows = static_cast<std::int64_t>(bars.size());
    report_.price_outlier_threshold = options.price_outlier_z;
    report_.volume_anomaly_threshold = options.volume_anomaly_z;
  }

  DataQualityReport Run() {
    if (bars_.empty()) {
      report_.usable = false;
      report_.unusable_reasons.push_back("no rows");
      report_.score = 0;
      report_.deductions.push_back({"rows", 0, 100, "the series has no rows"});
      return std::move(report_);
    }
    CheckRows();
    CheckTimes();
    CheckOutliers();
    Score();
    return std::move(report_);
  }

 private:
  void Example(const char* check, std::size_t row, std::string detail) {
    std::int64_t& n = examples_per_check_[check];
    if (n >= options_.max_examples_per_check) return;
    ++n;
    report_.examples.push_back(
        {check, static_cast<std::int64_t>(row), bars_[row].open_time, std::move(detail)});
  }

  void CheckRows() {
    for (std::size_t i = 0; i < bars_.size(); ++i) {
      const Bar& b = bars_[i];
      if (i > 0 && b.open_time < bars_[i - 1].open_time) {
        ++report_.non_monotonic;
        Example("non_monotonic", i,
                fmt::format("earlier than the previous row ({})",
                            FormatIso8601(bars_[i - 1].open_time)));
      }
      const bool finite = Finite(b.open) && Finite(b.high) && Finite(b.low) && Finite(b.close);
      if (!finite) {
        ++report_.nan_prices;
        Example("nan_prices", i,
                fmt::format("o={} h={} l={} c={}", b.open, b.high, b.low, b.close));
      } else if (b.open <= 0 || b.high <= 0 || b.low <= 0 || b.close <= 0) {
        ++report_.non_positive_prices;
        Example("non_positive_prices", i,
                fmt::format("o={} h={} l={} c={}", b.open, b.high, b.low, b.close));
      }
      if (finite) {
        const bool high_bad = b.high < std::max(b.open, b.close);
        const bool low_bad = b.low > std::min(b.open, b.close);
        const bool inverted = b.high < b.low;
        report_.high_below_open_close += high_bad;
        report_.low_above_open_close += low_bad;
        report_.high_below_low += inverted;
        if (high_bad || low_bad || inverted) {
          ++report_.ohlc_inconsistent_rows;
          Example("ohlc", i, fmt::format("o={} h={} l={} c={}", b.open, b.high, b.low, b.close));
        }
      }
      if (!Finite(b.volume)) {
        ++report_.nan_volume;
        Example("nan_volume", i, fmt::format("volume={}", b.volume));
      } else if (b.volume < 0) {
        ++report_.negative_volume;
        Example("negative_volume", i, fmt::format("volume={}", b.volume));
      } else if (b.volume == 0) {
        ++report_.zero_volume;
      }
    }
  }

  void CheckTimes() {
    // Row indexes in time order; among equal timestamps the first row is kept.
    order_.resize(bars_.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      return bars_[a].open_time < bars_[b].open_time;
    });
    std::vector<std::size_t> distinct;
    distinct.reserve(order_.size());
    for (std::size_t idx : order_) {
      if (!distinct.empty() && bars_[distinct.back()].open_time == bars_[idx].open_time) {
        ++report_.duplicates;
        Example("duplicates", idx, fmt::format("same time as row {}", distinct.back()));
        continue;
      }
      distinct.push_back(idx);
    }
    order_ = std::move(distinct);
    std::vector<UnixNanos> times(order_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) times[i] = bars_[order_[i]].open_time;
    report_.first_time = times.front();
    report_.last_time = times.back();

    if (options_.timeframe.has_value()) {
      interval_ = Interval(*options_.timeframe);
    } else {
      interval_ = InferInterval(times);
      report_.interval_inferred = true;
    }
    report_.interval_nanos = interval_.nanos();
    report_.interval_name = interval_.name();
    if (!interval_.known()) {
      report_.expected_rows = static_cast<std::int64_t>(times.size());
      return;
    }
    for (std::size_t i = 0; i < times.size(); ++i) {
      if (!interval_.OnGrid(times[i], times.front())) {
        ++report_.misaligned;
        Example("misaligned", order_[i],
                fmt::format("not on the {} grid",
                            interval_.name().empty()
                                ? fmt::format("{}s", interval_.nanos() / kNanosPerSecond)
                                : interval_.name()));
      }
      if (i == 0) continue;
      const std::int64_t missing = interval_.MissingBetween(times[i - 1], times[i]);
      if (missing <= 0) continue;
      GapInfo gap;
      gap.first_missing = interval_.Next(times[i - 1]);
      gap.last_missing = interval_.Add(gap.first_missing, missing - 1);
      gap.missing_bars = missing;
      ++report_.gap_count;
      report_.missing_bars += missing;
      if (!report_.longest_gap.has_value() || missing > report_.longest_gap->missing_bars) {
        report_.longest_gap = gap;
      }
      if (static_cast<int>(report_.gaps.size()) < options_.max_listed_gaps) {
        report_.gaps.push_back(gap);
      }
    }
    report_.expected_rows = static_cast<std::int64_t>(times.size()) + report_.missing_bars;
  }

  void CheckOutliers() {
    // Log returns between bars exactly one interval apart (a return across a gap spans more
    // time and is not comparable).
    std::vector<double> returns;
    std::vector<std::size_t> return_rows;
    std::vector<double> log_volumes;
    std::vector<std::size_t> volume_rows;
    for (std::size_t i = 0; i < order_.size(); ++i) {
      const Bar& b = bars_[order_[i]];
      if (Finite(b.volume) && b.volume > 0) {
        log_volumes.push_back(std::log(b.volume));
        volume_rows.push_back(order_[i]);
      }
      if (i == 0 || !interval_.known()) continue;
      const Bar& prev = bars_[order_[i - 1]];
      if (interval_.Next(prev.open_time) != b.open_time) continue;
      if (!(Finite(prev.close) && Finite(b.close) && prev.close > 0 && b.close > 0)) continue;
      returns.push_back(std::log(b.close / prev.close));
      return_rows.push_back(order_[i]);
    }
    const std::vector<double> z = RobustZ(returns);
    for (std::size_t i = 0; i < z.size(); ++i) {
      if (std::fabs(z[i]) > options_.price_outlier_z) {
        ++report_.price_outliers;
        Example("price_outliers", return_rows[i],
                fmt::format("log return {:.4f}, z {:.1f}", returns[i], z[i]));
      }
    }
    const std::vector<double> vz = RobustZ(log_volumes);
    for (std::size_t i = 0; i < vz.size(); ++i) {
      if (std::fabs(vz[i]) > options_.volume_anomaly_z) {
        ++report_.volume_anomalies;
        Example("volume_anomalies", volume_rows[i],
                fmt::format("volume {}, z {:.1f}", bars_[volume_rows[i]].volume, vz[i]));
      }
    }
  }

  // Points for `count` affected out of `total`: `per_percent` per 1% affected, at least
  // `floor` when any, at most `cap`.
  void Deduct(const char* check, std::int64_t count, std::int64_t total, double per_percent,
              double floor, double cap, std::string reason) {
    if (count <= 0) return;
    const double share = total > 0 ? 100.0 * static_cast<double>(count) / total : 100.0;
    const double points = Round2(std::min(cap, std::max(floor, per_percent * share)));
    report_.deductions.push_back(
        {check, count, points, fmt::format("{} ({:.3f}% of {})", reason, share, total)});
  }

  void Score() {
    const std::int64_t rows = report_.rows;
    Deduct("invalid_prices", report_.nan_prices + report_.non_positive_prices, rows, 10, 25, 50,
           fmt::format("{} rows with NaN/infinite and {} with non-positive prices",
                       report_.nan_prices, report_.non_positive_prices));
    Deduct("non_monotonic", report_.non_monotonic, rows, 10, 20, 40,
           fmt::format("{} rows earlier than the row before", report_.non_monotonic));
    Deduct("duplicates", report_.duplicates, rows, 5, 2, 20,
           fmt::format("{} rows repeat an earlier timestamp", report_.duplicates));
    Deduct("ohlc", report_.ohlc_inconsistent_rows, rows, 5, 2, 25,
           fmt::format("{} rows where high/low do not bound open/close",
                       report_.ohlc_inconsistent_rows));
    Deduct("gaps", report_.missing_bars, report_.expected_rows, 2, 0, 30,
           fmt::format("{} missing bars in {} gaps", report_.missing_bars, report_.gap_count));
    Deduct("misaligned", report_.misaligned, rows, 5, 5, 20,
           fmt::format("{} timestamps off the interval grid", report_.misaligned));
    Deduct("bad_volume", report_.negative_volume + report_.nan_volume, rows, 10, 10, 30,
           fmt::format("{} rows with negative and {} with NaN volume", report_.negative_volume,
                       report_.nan_volume));
    Deduct("zero_volume", report_.zero_volume, rows, 0.5, 0, 10,
           fmt::format("{} rows with zero volume", report_.zero_volume));
    Deduct("price_outliers", report_.price_outliers, rows, 2, 0, 15,
           fmt::format("{} returns with |robust z| > {:g}", report_.price_outliers,
                       options_.price_outlier_z));
    Deduct("volume_anomalies", report_.volume_anomalies, rows, 0.5, 0, 5,
           fmt::format("{} volumes with |robust z| > {:g}", report_.volume_anomalies,
                       options_.volume_anomaly_z));
    double total = 0;
    for (const QualityDeduction& d : report_.deductions) total += d.points;
    report_.score = Round2(std::max(0.0, 100.0 - total));

    auto& reasons = report_.unusable_reasons;
    if (report_.nan_prices > 0)
      reasons.push_back(fmt::format("{} rows with NaN/infinite prices", report_.nan_prices));
    if (report_.non_positive_prices > 0) {
      reasons.push_back(
          fmt::format("{} rows with non-positive prices", report_.non_positive_prices));
    }
    if (report_.non_monotonic > 0) {
      reasons.push_back(fmt::format("{} non-monotonic timestamps", report_.non_monotonic));
    }
    if (report_.negative_volume + report_.nan_volume > 0) {
      reasons.push_back(fmt::format("{} rows with negative or NaN volume",
                                    report_.negative_volume + report_.nan_volume));
    }
    if (report_.score < options_.min_usable_score) {
      reasons.push_back(fmt::format("score {:.2f} below the minimum {:g}", report_.score,
                                    options_.min_usable_score));
    }
    report_.usable = reasons.empty();
  }

  const ValidatorOptions& options_;
  std::span<const Bar> bars_;
  DataQualityReport report_;
  std::vector<std::size_t> order_;  // distinct rows in time order
  Interval interval_;
  std::map<std::string, std::int64_t> examples_per_check_;
};

}  // namespace

CandleValidator::CandleValidator(ValidatorOptions options) : options_(std::move(options)) {}

DataQualityReport CandleValidator::Validate(std::span<const Bar> bars,
                                            std::string_view source) const {
  return Checker(options_, bars, source).Run();
}

}  // namespace pulse::data
