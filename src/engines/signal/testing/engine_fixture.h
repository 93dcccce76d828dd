// Test-only fixtures of the signal engine's tests: a fake theory and a fake model reading their
// opinion straight from the feature vector, a small engine config, bar and close helpers.
// Header-only; one engine per test; not thread-safe.
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "engines/signal/signal_engine.h"

namespace pulse::signal::fixtures {

inline const UnixNanos kStart =
    FromSeconds(1'700'000'100) / (5 * kNanosPerMinute) * 5 * kNanosPerMinute;
constexpr UnixNanos kBar = 5 * kNanosPerMinute;

// Votes long when its feature is > 0 (strength = value), short when < 0, abstains on 0 / NaN.
class FakeTheory final : public Theory {
 public:
  FakeTheory(std::string name, std::string feature)
      : name_(std::move(name)), feature_(std::move(feature)) {}
  std::string_view name() const override { return name_; }
  Status Bind(const FeatureLookup& features) override {
    ASSIGN_OR_RETURN(index_, features.Find(feature_));
    return Status::Ok();
  }
  Opinion Evaluate(const FeatureView& view) const override {
    const double x = view.current[index_];
    if (std::isnan(x) || x == 0) return {};
    return {x > 0 ? Vote::kLong : Vote::kShort, std::abs(x)};
  }
  std::string Explain(const FeatureView& view) const override {
    return fmt::format("{} {:.2f} (previous {:.2f})", feature_, view.current[index_],
                       view.previous[index_]);
  }

 private:
  std::string name_;
  std::string feature_;
  std::size_t index_ = 0;
};

// A model whose probability is the "p" feature of the newest vector of each row; counts calls.
class FakeModel final : public ModelRunner {
 public:
  FakeModel(std::vector<std::string> names, int* calls, std::size_t* last_rows,
            std::size_t sequence = 1, std::string label = "")
      : calls_(calls), last_rows_(last_rows), sequence_(sequence) {
    manifest_.name = "m";
    manifest_.version = "7";
    manifest_.base_timeframe = "5m";
    manifest_.feature_names = std::move(names);
    manifest_.label = std::move(label);
  }
  const ModelManifest& manifest() const override { return manifest_; }
  std::size_t sequence_length() const override { return sequence_; }
  Status Predict(std::span<const double> rows, std::span<double> probabilities) override {
    ++*calls_;
    if (!fail_with_.ok()) return fail_with_;
    const std::size_t width = row_width();
    if (rows.size() != probabilities.size() * width) return InvalidArgumentError("bad sizes");
    *last_rows_ = probabilities.size();
    for (std::size_t r = 0; r < probabilities.size(); ++r) {
      probabilities[r] = rows[r * width + width - 1];  // "p" of the newest vector
      last_first_value_ = rows[r * width];
    }
    return Status::Ok();
  }
  double last_first_value_ = 0;
  Status fail_with_;  // returned by Predict when not OK

 private:
  ModelManifest manifest_;
  int* calls_;
  std::size_t* last_rows_;
  std::size_t sequence_;
};

inline const std::vector<std::string> kNames = {"5m.a", "5m.b", "5m.p"};

// Percent stop 1 % with take-profit 3x: entry 100 -> 99 / 103; reward/risk after fees
// (3 - 0.2) / (1 + 0.2) = 2.33. Volume average over 3 bars; 0.5 % risk of 10000.
inline SignalEngineConfig TestConfig() {
  SignalEngineConfig config;
  config.levels.stop = StopMethod::kPercent;
  config.levels.stop_percent = 1.0;
  config.levels.reward_risk = 3.0;
  config.levels.max_hold_minutes = 240;
  config.gates.volume_period = 3;
  config.sizing.risk_percent = 0.5;
  config.open_signals.cooldown_minutes = 10;
  return config;
}

struct Fixture {
  std::unique_ptr<SignalEngine> engine;
  int calls = 0;
  std::size_t last_rows = 0;
  FakeModel* model = nullptr;
};

// The fake model has no label unless given one: its p is then scored around 0.5.
inline std::unique_ptr<Fixture> MakeEngine(SignalEngineConfig config = TestConfig(),
                                           std::size_t sequence = 1, std::string label = "") {
  auto f = std::make_unique<Fixture>();
  std::vector<std::unique_ptr<Theory>> theories;
  theories.push_back(std::make_unique<FakeTheory>("ta", "a"));
  theories.push_back(std::make_unique<FakeTheory>("tb", "b"));
  std::vector<std::unique_ptr<ModelRunner>> models;
  auto model =
      std::make_unique<FakeModel>(kNames, &f->calls, &f->last_rows, sequence, std::move(label));
  f->model = model.get();
  models.push_back(std::move(model));
  Result<std::unique_ptr<SignalEngine>> engine = SignalEngine::Create(
      config, Timeframe::Minutes(5), kNames, std::move(theories), std::move(models));
  EXPECT_TRUE(engine.ok()) << engine.status();
  f->engine = *std::move(engine);
  return f;
}

inline Bar MakeBar(int index, double close, double volume) {
  Bar b;
  b.open_time = kStart + index * kBar;
  b.open = close;
  b.high = close + 1;
  b.low = close - 1;
  b.close = close;
  b.volume = volume;
  return b;
}

// Feeds one bar close of `bars` (symbol, bar, features).
inline Status Close(SignalEngine& engine,
                    const std::vector<std::tuple<std::string, Bar, std::vector<double>>>& bars,
                    BarCloseOutput* out) {
  std::vector<BarCloseInput> inputs;
  for (const auto& [symbol, bar, features] : bars) {
    inputs.push_back({"binance", symbol, bar, features});
  }
  return engine.OnBarClose(inputs, out);
}

// Two warm-up bars of volume 100 for the given symbols.
inline void WarmUp(SignalEngine& engine, const std::vector<std::string>& symbols) {
  BarCloseOutput out;
  for (int i = 0; i < 2; ++i) {
    std::vector<std::tuple<std::string, Bar, std::vector<double>>> bars;
    for (const std::string& s : symbols) {
      bars.emplace_back(s, MakeBar(i, 100, 100), std::vector<double>{0.6, 0.2, 0.9});
    }
    ASSERT_TRUE(Close(engine, bars, &out).ok());
    EXPECT_EQ(out.counts.warming_up, static_cast<int>(symbols.size()));
    EXPECT_EQ(out.counts.evaluated, 0);
  }
}

}  // namespace pulse::signal::fixtures
