#include "bench/features/feature_universe.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "adapters/replay/candle_file_reader.h"
#include "app/config/config.h"
#include "app/config/features_config.h"

namespace pulse::bench {
namespace {

constexpr UnixNanos kStart = FromMillis(1609459200000);  // 2021-01-01 00:00 UTC
constexpr UnixNanos kStep = FromSeconds(300);

}  // namespace

FeatureUniverse& FeatureUniverse::Get(Feeding feeding) {
  if (feeding == Feeding::kBaseBars) {
    static FeatureUniverse* base_bars = new FeatureUniverse(Feeding::kBaseBars);
    return *base_bars;
  }
  static FeatureUniverse* higher_bars = new FeatureUniverse(Feeding::kHigherBars);
  return *higher_bars;
}

std::vector<std::string> FeatureUniverse::FeatureNames() const {
  return symbols_.empty() ? std::vector<std::string>() : symbols_[0].features.Names();
}

Timeframe FeatureUniverse::base() const { return symbols_[0].features.base(); }

Bar FeatureUniverse::BarAt(const UniverseSymbol& s, std::int64_t j) const {
  Bar bar = (*s.source)[(s.offset + static_cast<std::size_t>(j)) % s.source->size()];
  bar.open_time = kStart + kStep * j;
  return bar;
}

void FeatureUniverse::Aggregate() {
  for (UniverseSymbol& s : symbols_) Aggregate(s);
}

void FeatureUniverse::Aggregate(UniverseSymbol& s) {
  const Bar bar = BarAt(s, next_);
  s.last = bar;
  s.pending = 0;
  for (data::BarAggregator& a : s.aggregators) {
    for (std::optional<Bar> done = a.Update(bar); done; done = a.PollCompleted()) {
      s.higher[s.pending] = *done;
      s.higher_tf[s.pending] = a.to();
      ++s.pending;
    }
  }
}

double FeatureUniverse::Update(bool aggregate) {
  double sink = 0;
  for (std::size_t i = 0; i < symbols_.size(); ++i) {
    UniverseSymbol& s = symbols_[i];
    if (aggregate) {
      // The next symbol's set state and bar (its record was asked for one symbol earlier),
      // and the record after it, loaded while this one updates.
      if (i + 2 < symbols_.size()) __builtin_prefetch(&symbols_[i + 2]);
      if (i + 1 < symbols_.size()) {
        const UniverseSymbol& next = symbols_[i + 1];
        next.features.Prefetch();
        __builtin_prefetch(&(*next.source)[next.at]);
      }
      s.last = (*s.source)[s.at];
      s.last.open_time = kStart + kStep * next_;
      s.at = s.at + 1 == s.source->size() ? 0 : s.at + 1;
      (void)s.features.OnBaseBar(s.last);
    } else {
      for (int h = 0; h < s.pending; ++h) (void)s.features.OnBar(s.higher_tf[h], s.higher[h]);
      (void)s.features.OnBar(s.features.base(), s.last);
    }
    sink += s.features.Values()[0];
  }
  ++next_;
  return sink;
}

FeatureUniverse::FeatureUniverse(Feeding feeding) : feeding_(feeding) {
  const char* src = std::getenv("PULSE_SOURCE_DIR");
  const std::string dir = std::string(src ? src : PULSE_DEFAULT_SOURCE_DIR) + "/data/sample/";
  for (const char* name : {"BTCUSDT", "ETHUSDT", "SOLUSDT"}) {
    auto bars = replay::ReadCandleFile(dir + name + "-5m.csv.gz");
    if (!bars.ok()) {
      error_ = std::string(bars.status().message());
      return;
    }
    sources_.push_back(std::move(*bars));
  }
  auto spec = app::FeatureSetSpecFromConfig(app::FeaturesConfig{});
  if (!spec.ok()) {
    error_ = std::string(spec.status().message());
    return;
  }
  int count = kSymbols;
  if (const char* n = std::getenv("PULSE_BENCH_SYMBOLS"); n != nullptr) {
    count = std::clamp(std::atoi(n), 1, kSymbols);
  }
  symbols_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    auto set = indicators::FeatureSet::Create(*spec);
    if (!set.ok()) {
      error_ = std::string(set.status().message());
      return;
    }
    UniverseSymbol s{.source = &sources_[i % 3],
                     .offset = static_cast<std::size_t>(i) * 61,
                     .at = static_cast<std::size_t>(i) * 61 % sources_[i % 3].size(),
                     .last = {},
                     .features = std::move(*set),
                     .aggregators = {},
                     .pending = 0,
                     .higher = {},
                     .higher_tf = {},
                     .name = fmt::format("S{:04}", i)};
    if (feeding_ == Feeding::kHigherBars) {
      for (Timeframe tf : s.features.HigherTimeframes()) {
        s.aggregators.push_back(*data::BarAggregator::Create(spec->base, tf));
      }
    }
    symbols_.push_back(std::move(s));
  }
  SkipUntil([](std::int64_t j) { return j >= kWarmUpBars; });
  for (const UniverseSymbol& s : symbols_) {
    if (!s.features.Ready()) error_ = "a feature set is not warmed up";
  }
}

}  // namespace pulse::bench
