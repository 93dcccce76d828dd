#include "engines/signal/signal_engine.h"

#include <gtest/gtest.h>

#include "engines/signal/testing/engine_fixture.h"

namespace pulse::signal {
namespace {

using namespace fixtures;  // NOLINT: the shared test fixtures

TEST(SignalEngineTest, EmitsASignalWithEveryFieldAndBatchesTheModel) {
  auto f = MakeEngine();
  WarmUp(*f->engine, {"BTCUSDT", "ETHUSDT"});
  EXPECT_EQ(f->calls, 0);  // nobody ready: no Predict
  BarCloseOutput out;
  // BTC volume 400: average (100 + 100 + 400) / 3 = 200, ratio 2.0. ETH volume 150: 1.29x.
  ASSERT_TRUE(Close(*f->engine,
                    {{"BTCUSDT", MakeBar(2, 100, 400), {0.6, 0.2, 0.9}},
                     {"ETHUSDT", MakeBar(2, 100, 150), {0.6, 0.2, 0.9}}},
                    &out)
                  .ok());
  EXPECT_EQ(f->calls, 1);
  EXPECT_EQ(f->last_rows, 2u);
  EXPECT_EQ(out.counts.evaluated, 2);
  ASSERT_EQ(out.emitted.size(), 1u);
  const Signal& s = out.emitted[0].signal;
  EXPECT_EQ(s.symbol, "BTCUSDT");
  EXPECT_EQ(s.exchange, "binance");
  EXPECT_EQ(s.timeframe, "5m");
  EXPECT_EQ(s.source, "ensemble");
  EXPECT_EQ(s.status, SignalStatus::kPending);
  EXPECT_EQ(s.direction, Direction::kLong);
  EXPECT_EQ(s.created_at, kStart + 3 * kBar);  // the bar's close
  // Scores 0.8, 0.6, 0.9, all weighted 1 x 0.8.
  EXPECT_NEAR(*s.prediction, 2.3 / 3.0, 1e-12);
  EXPECT_NEAR(*s.confidence, 0.8, 1e-12);           // agreement 1 x accuracy 0.8
  EXPECT_EQ(*s.classification, SignalClass::kBuy);  // confidence not > 0.8
  EXPECT_DOUBLE_EQ(s.entry_price, 100.0);
  EXPECT_DOUBLE_EQ(s.stop_loss, 99.0);
  EXPECT_DOUBLE_EQ(s.take_profit, 103.0);
  EXPECT_DOUBLE_EQ(*s.size, 50.0);  // 0.5 % of 10000 / 1.0 stop distance
  EXPECT_EQ(*s.max_hold_minutes, 240);
  EXPECT_FALSE(s.trailing_pct.has_value());
  EXPECT_EQ(s.model_version, "m@7");
  EXPECT_EQ(s.feature_hash, "44dc8a2650ca26c6");  // XXH64 of {0.6, 0.2, 0.9}
  EXPECT_EQ(s.notes, "a 0.60 (previous 0.60) | b 0.20 (previous 0.20)");
  ASSERT_EQ(s.gate_checks.size(), 4u);
  EXPECT_NEAR(s.gate_checks[2].value, 2.8 / 1.2, 1e-12);
  EXPECT_EQ(s.gate_checks[3].gate, "size");
  EXPECT_DOUBLE_EQ(s.gate_checks[3].value, 5000.0);
  const std::vector<TheoryContribution>& c = out.emitted[0].contributions;
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].theory_name, "theory:ta");
  EXPECT_NEAR(c[0].contribution_score, 0.3 / 3.0, 1e-12);  // 0.8 x 0.3 / 2.4
  EXPECT_EQ(c[1].theory_name, "theory:tb");
  EXPECT_NEAR(c[1].contribution_score, 0.1 / 3.0, 1e-12);
  EXPECT_EQ(c[2].theory_name, "model:m");
  EXPECT_NEAR(c[2].contribution_score, 0.4 / 3.0, 1e-12);
  EXPECT_EQ(c[2].created_at, s.created_at);
  EXPECT_DOUBLE_EQ(f->engine->exposure(), 5000.0);

  ASSERT_EQ(out.rejected.size(), 1u);
  const Signal& r = out.rejected[0].signal;
  EXPECT_EQ(r.symbol, "ETHUSDT");
  EXPECT_EQ(r.status, SignalStatus::kRejected);
  EXPECT_EQ(RejectionReasons(r), "volume 1.29x < 2.00x of the 3-bar average");
  EXPECT_EQ(out.counts.emitted, 1);
  EXPECT_EQ(out.counts.rejected, 1);
  EXPECT_EQ(out.counts.rejected_by_volume, 1);
  EXPECT_EQ(out.counts.rejected_by_confidence, 0);
}

TEST(SignalEngineTest, AFailingModelAbstainsForThatBarAndIsReported) {
  auto f = MakeEngine();
  WarmUp(*f->engine, {"BTCUSDT", "ETHUSDT"});
  f->model->fail_with_ = UnavailableError("booster is gone");
  BarCloseOutput out;
  const Status st = Close(*f->engine,
                          {{"BTCUSDT", MakeBar(2, 100, 400), {0.6, 0.2, 0.9}},
                           {"ETHUSDT", MakeBar(2, 100, 150), {0.6, 0.2, 0.9}}},
                          &out);
  ASSERT_TRUE(st.ok()) << st;
  EXPECT_EQ(f->calls, 1);
  EXPECT_EQ(out.counts.model_failures, 1);
  ASSERT_EQ(out.model_failures.size(), 1u);
  EXPECT_EQ(out.model_failures[0].model, "m@7");
  EXPECT_EQ(out.model_failures[0].status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(out.model_failures[0].status.message(), "model 'm@7': booster is gone");
  EXPECT_EQ(f->engine->SourceActivities()[2].votes.abstained, 2);  // for both symbols
  // The theories alone decide: scores 0.8 and 0.6, both weighted 1 x 0.8.
  EXPECT_EQ(out.counts.evaluated, 2);
  ASSERT_EQ(out.emitted.size(), 1u);
  const Signal& s = out.emitted[0].signal;
  EXPECT_EQ(s.symbol, "BTCUSDT");
  EXPECT_NEAR(*s.prediction, (0.8 + 0.6) / 2, 1e-12);
  EXPECT_NEAR(*s.confidence, 0.8, 1e-12);
  for (const TheoryContribution& c : out.emitted[0].contributions) {
    if (c.theory_name == "model:m") {
      EXPECT_EQ(c.contribution_score, 0.0);
    }
  }

  // The next bar the model answers again and the report is clean.
  f->model->fail_with_ = Status::Ok();
  ASSERT_TRUE(Close(*f->engine, {{"ETHUSDT", MakeBar(3, 100, 100), {0.6, 0.2, 0.9}}}, &out).ok());
  EXPECT_EQ(f->calls, 2);
  EXPECT_EQ(out.counts.model_failures, 0);
  EXPECT_TRUE(out.model_failures.empty());
}

TEST(SignalEngineTest, OneOpenSignalThenCooldownThenAdaptedWeights) {
  auto f = MakeEngine();
  WarmUp(*f->engine, {"BTCUSDT"});
  BarCloseOutput out;
  ASSERT_TRUE(Close(*f->engine, {{"BTCUSDT", MakeBar(2, 100, 400), {0.6, 0.2, 0.9}}}, &out).ok());
  ASSERT_EQ(out.counts.emitted, 1);
  ASSERT_TRUE(Close(*f->engine, {{"BTCUSDT", MakeBar(3, 100, 400), {0.6, 0.2, 0.9}}}, &out).ok());
  EXPECT_EQ(out.counts.blocked_by_open_signal, 1);
  EXPECT_TRUE(out.emitted.empty());
  EXPECT_TRUE(out.rejected.empty());

  SignalClosed closed;
  closed.exchange = "binance";
  closed.symbol = "BTCUSDT";
  closed.direction = Direction::kLong;
  closed.closed_at = kStart + 4 * kBar;
  closed.pnl_percent = 3.0;
  closed.source_correct = {{"theory:ta", true}, {"theory:tb", false}, {"model:m", true}};
  ASSERT_TRUE(f->engine->OnSignalClosed(closed).ok());
  EXPECT_DOUBLE_EQ(f->engine->exposure(), 0.0);
  EXPECT_EQ(f->engine->trade_stats().trades(), 1);
  EXPECT_DOUBLE_EQ(f->engine->ensemble().Accuracy(1), 8.0 / 11.0);

  // Bar 4 closes at +5 minutes after the close: within the 10-minute cooldown.
  ASSERT_TRUE(Close(*f->engine, {{"BTCUSDT", MakeBar(4, 100, 400), {0.6, 0.2, 0.9}}}, &out).ok());
  EXPECT_EQ(out.counts.blocked_by_cooldown, 1);
  // Bar 5 closes 10 minutes after: allowed, with the new weights 9/11, 8/11, 9/11 (volume
  // 1600 is 2.0x the average of 400, 400, 1600).
  ASSERT_TRUE(Close(*f->engine, {{"BTCUSDT", MakeBar(5, 100, 1600), {0.6, 0.2, 0.9}}}, &out).ok());
  ASSERT_EQ(out.emitted.size(), 1u);
  const Signal& s = out.emitted[0].signal;
  EXPECT_NEAR(*s.prediction, (9 * 0.8 + 8 * 0.6 + 9 * 0.9) / 26.0, 1e-12);
  EXPECT_NEAR(*s.confidence, (81.0 + 64.0 + 81.0) / (11.0 * 26.0), 1e-12);
}

TEST(SignalEngineTest, ShortHoldAndGateFailures) {
  SignalEngineConfig config = TestConfig();
  config.gates.volume_enabled = false;
  auto f = MakeEngine(config);
  BarCloseOutput out;
  // Without the volume gate, percent stops are ready on the first bar.
  // Scores 0.2, 0.45, 0.1: prediction 0.25, short; strong_sell needs confidence > 0.8.
  ASSERT_TRUE(Close(*f->engine, {{"SOLUSDT", MakeBar(0, 200, 1), {-0.6, -0.1, 0.1}}}, &out).ok());
  ASSERT_EQ(out.emitted.size(), 1u);
  const Signal& s = out.emitted[0].signal;
  EXPECT_EQ(s.direction, Direction::kShort);
  EXPECT_NEAR(*s.prediction, 0.25, 1e-12);
  EXPECT_EQ(*s.classification, SignalClass::kSell);
  EXPECT_DOUBLE_EQ(s.stop_loss, 202.0);
  EXPECT_DOUBLE_EQ(s.take_profit, 194.0);
  EXPECT_DOUBLE_EQ(*s.size, 25.0);  // 0.5 % of 10000 = 50 at risk / 2.0 stop distance
  const std::vector<TheoryContribution>& c = out.emitted[0].contributions;
  EXPECT_NEAR(c[0].contribution_score, 0.3 / 3.0, 1e-12);   // 0.8 x (0.5 - 0.2) / 2.4
  EXPECT_NEAR(c[1].contribution_score, 0.05 / 3.0, 1e-12);  // 0.8 x (0.5 - 0.45) / 2.4
  EXPECT_NEAR(c[2].contribution_score, 0.4 / 3.0, 1e-12);

  // One theory against: scores 0.8 (a), 0.3 (b), 0.5 (model) -> prediction 0.5333 -> hold.
  ASSERT_TRUE(Close(*f->engine, {{"ADAUSDT", MakeBar(0, 1, 1), {0.6, -0.4, 0.5}}}, &out).ok());
  EXPECT_EQ(out.counts.hold, 1);
  EXPECT_EQ(out.counts.evaluated, 1);
  // Every vote so far, held or not: a short then long, b short twice, the model short then 0.5.
  const std::vector<SourceActivity> sources = f->engine->SourceActivities();
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].votes, (SourceVotes{1, 1, 0, 0}));
  EXPECT_EQ(sources[1].votes, (SourceVotes{0, 2, 0, 0}));
  EXPECT_EQ(sources[2].source, "model:m");
  EXPECT_EQ(sources[2].votes, (SourceVotes{0, 1, 1, 0}));
  EXPECT_EQ(sources[2].votes.votes(), 2);

  // Scores 0.9, 0.3, 0.9: prediction 0.7, agreement 2/3, confidence 0.5333 -> hold.
  // Lower the classifier so it becomes a buy that the confidence gate rejects.
  SignalEngineConfig loose = config;
  loose.classification.confidence = 0.5;
  auto g = MakeEngine(loose);
  ASSERT_TRUE(Close(*g->engine, {{"XRPUSDT", MakeBar(0, 100, 1), {0.8, -0.4, 0.9}}}, &out).ok());
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(RejectionReasons(out.rejected[0].signal), "confidence 0.53 < 0.77");
  EXPECT_EQ(out.counts.rejected_by_confidence, 1);
  EXPECT_EQ(out.rejected[0].signal.notes, "a 0.80 (previous nan)");
}

TEST(SignalEngineTest, SequenceModelsGetTheLastVectorsOldestFirst) {
  SignalEngineConfig config = TestConfig();
  config.gates.volume_enabled = false;
  auto f = MakeEngine(config, /*sequence=*/2);
  BarCloseOutput out;
  // First bar: only one vector, the model abstains; the two theories still blend.
  ASSERT_TRUE(Close(*f->engine, {{"BTCUSDT", MakeBar(0, 100, 1), {0.6, 0.2, 0.9}}}, &out).ok());
  EXPECT_EQ(f->calls, 0);
  ASSERT_EQ(out.emitted.size(), 1u);
  EXPECT_EQ(out.emitted[0].signal.model_version, "");
  EXPECT_NEAR(*out.emitted[0].signal.prediction, 0.7, 1e-12);
  ASSERT_TRUE(Close(*f->engine,
                    {{"ETHUSDT", MakeBar(0, 100, 1), {0.1, 0.1, 0.1}},
                     {"BTCUSDT", MakeBar(1, 100, 1), {0.7, 0.2, 0.9}}},
                    &out)
                  .ok());
  EXPECT_EQ(f->calls, 1);
  EXPECT_EQ(f->last_rows, 1u);
  EXPECT_DOUBLE_EQ(f->model->last_first_value_, 0.6);  // the oldest vector comes first
}

TEST(SignalEngineTest, ATpBeforeSlModelVotesLongAboveItsBreakEvenAndAbstainsBelow) {
  SignalEngineConfig config = TestConfig();
  config.gates.volume_enabled = false;
  auto f = MakeEngine(config, 1, "tp-before-sl:rr=3");  // p* = 1 / (1 + 3) = 0.25
  ASSERT_EQ(f->engine->model_scoring().size(), 1u);
  EXPECT_EQ(f->engine->model_scoring()[0].kind(), ModelScoring::Kind::kLongBreakEven);
  EXPECT_DOUBLE_EQ(f->engine->model_scoring()[0].break_even(), 0.25);
  BarCloseOutput out;
  // p = 0.26, just above p*: a long vote of strength 0.01 / 0.75 next to the theories' 0.8, 0.6.
  ASSERT_TRUE(Close(*f->engine, {{"SOLUSDT", MakeBar(0, 100, 1), {0.6, 0.2, 0.26}}}, &out).ok());
  ASSERT_EQ(out.emitted.size(), 1u);
  const double model_score = 0.5 + 0.5 * (0.01 / 0.75);
  EXPECT_NEAR(*out.emitted[0].signal.prediction, (0.8 + 0.6 + model_score) / 3, 1e-12);
  EXPECT_EQ(out.emitted[0].signal.model_version, "m@7");
  ASSERT_EQ(out.emitted[0].contributions.size(), 3u);
  EXPECT_NEAR(out.emitted[0].contributions[2].contribution_score, (model_score - 0.5) / 3, 1e-12);
  // p = 0.24, just below: the model abstains (read as "price rises" it would have voted short,
  // 0.24, and dragged the blend to 0.547, a hold).
  ASSERT_TRUE(Close(*f->engine, {{"ADAUSDT", MakeBar(0, 100, 1), {0.6, 0.2, 0.24}}}, &out).ok());
  ASSERT_EQ(out.emitted.size(), 1u);
  EXPECT_NEAR(*out.emitted[0].signal.prediction, 0.7, 1e-12);
  EXPECT_EQ(out.emitted[0].signal.model_version, "");
  EXPECT_EQ(out.emitted[0].contributions.size(), 2u);
  // The model voted on one of the two symbols it saw; nothing resolved, so the prior accuracy.
  const std::vector<SourceActivity> sources = f->engine->SourceActivities();
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].votes, (SourceVotes{2, 0, 0, 0}));
  EXPECT_EQ(sources[2].votes, (SourceVotes{1, 0, 0, 1}));
  EXPECT_DOUBLE_EQ(sources[2].accuracy, 0.8);
  EXPECT_DOUBLE_EQ(sources[2].weight, 0.8);
}

TEST(SignalEngineTest, AModelWhoseLabelCannotBeScoredIsRefused) {
  int calls = 0;
  std::size_t rows = 0;
  std::vector<std::unique_ptr<ModelRunner>> models;
  models.push_back(std::make_unique<FakeModel>(kNames, &calls, &rows, 1, "up-in-1h"));
  Result<std::unique_ptr<SignalEngine>> engine =
      SignalEngine::Create(TestConfig(), Timeframe::Minutes(5), kNames, {}, std::move(models));
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine.status().message(),
            "model 'm@7': cannot score its label: unknown label kind 'up-in-1h' in 'up-in-1h' "
            "(accepted: tp-before-sl)");
}

TEST(SignalEngineTest, ModelFeatureMismatchNamesTheFirstDifference) {
  int calls = 0;
  std::size_t rows = 0;
  std::vector<std::unique_ptr<ModelRunner>> models;
  models.push_back(
      std::make_unique<FakeModel>(std::vector<std::string>{"5m.a", "5m.x", "5m.p"}, &calls, &rows));
  Result<std::unique_ptr<SignalEngine>> engine =
      SignalEngine::Create(TestConfig(), Timeframe::Minutes(5), kNames, {}, std::move(models));
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine.status().message(),
            "model 'm@7': feature names differ at position 1: the model expects '5m.x', the "
            "engine has '5m.b' (model 3 features, engine 3)");
}

TEST(SignalEngineTest, TheoryBindFailureAndBadInputs) {
  std::vector<std::unique_ptr<Theory>> theories;
  theories.push_back(std::make_unique<FakeTheory>("tz", "zzz"));
  Result<std::unique_ptr<SignalEngine>> engine =
      SignalEngine::Create(TestConfig(), Timeframe::Minutes(5), kNames, std::move(theories), {});
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.status().message().find("'5m.zzz'"), std::string::npos);

  auto f = MakeEngine();
  BarCloseOutput out;
  Status st = Close(*f->engine, {{"BTCUSDT", MakeBar(0, 100, 1), {0.6, 0.2}}}, &out);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "binance:BTCUSDT: feature vector has 2 values, the engine expects 3");

  SignalClosed closed;
  closed.exchange = "binance";
  closed.symbol = "NOPE";
  EXPECT_EQ(f->engine->OnSignalClosed(closed).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace pulse::signal
