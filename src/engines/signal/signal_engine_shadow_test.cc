// The signal engine's shadow book and denied signals (OnSignalDenied, SignalClosed::shadow).
#include <gtest/gtest.h>

#include "engines/signal/signal_engine.h"
#include "engines/signal/testing/engine_fixture.h"

namespace pulse::signal {
namespace {

using namespace fixtures;  // NOLINT: the shared test fixtures

// ETH at volume 100 after two warm-up bars of 100: ratio 1.0 < 2.0, rejected on every bar.
Status CloseEth(SignalEngine& engine, int bar, BarCloseOutput* out) {
  return Close(engine, {{"ETHUSDT", MakeBar(bar, 100, 100), {0.6, 0.2, 0.9}}}, out);
}

SignalClosed ShadowClosed(std::string symbol, Direction direction) {
  SignalClosed closed;
  closed.exchange = "binance";
  closed.symbol = std::move(symbol);
  closed.direction = direction;
  closed.shadow = true;
  closed.pnl_percent = -1.0;                 // ignored for a shadow
  closed.source_correct = {{"nope", true}};  // ignored for a shadow
  return closed;
}

TEST(SignalEngineShadowTest, OneRecordPerSymbolDirectionUntilTheShadowCloses) {
  auto f = MakeEngine();  // default policy: one_per_symbol_direction
  WarmUp(*f->engine, {"ETHUSDT"});
  BarCloseOutput out;
  ASSERT_TRUE(CloseEth(*f->engine, 2, &out).ok());
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].signal.symbol, "ETHUSDT");
  EXPECT_EQ(RejectionReasons(out.rejected[0].signal), "volume 1.00x < 2.00x of the 3-bar average");
  EXPECT_EQ(out.counts.rejected, 1);
  EXPECT_EQ(out.counts.rejected_while_shadow_open, 0);
  EXPECT_EQ(f->engine->open_shadows("binance", "ETHUSDT", Direction::kLong), 1);
  // Bars 3 and 4: the same rejection, counted (gate statistics unchanged) but not output.
  for (int bar = 3; bar <= 4; ++bar) {
    ASSERT_TRUE(CloseEth(*f->engine, bar, &out).ok());
    EXPECT_TRUE(out.rejected.empty()) << bar;
    EXPECT_EQ(out.counts.rejected, 1) << bar;
    EXPECT_EQ(out.counts.rejected_by_volume, 1) << bar;
    EXPECT_EQ(out.counts.rejected_while_shadow_open, 1) << bar;
  }
  // The shadow resolves: no cooldown, no learning; the next rejection is a record again.
  ASSERT_TRUE(f->engine->OnSignalClosed(ShadowClosed("ETHUSDT", Direction::kLong)).ok());
  EXPECT_EQ(f->engine->open_shadows("binance", "ETHUSDT", Direction::kLong), 0);
  EXPECT_EQ(f->engine->trade_stats().trades(), 0);
  EXPECT_DOUBLE_EQ(f->engine->ensemble().Accuracy(0), 0.8);
  ASSERT_TRUE(CloseEth(*f->engine, 5, &out).ok());
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].signal.created_at, kStart + 6 * kBar);
  EXPECT_EQ(out.counts.rejected_while_shadow_open, 0);
  EXPECT_EQ(out.counts.blocked_by_cooldown, 0);

  // A second shadow close with none open is an error and changes nothing.
  ASSERT_TRUE(f->engine->OnSignalClosed(ShadowClosed("ETHUSDT", Direction::kLong)).ok());
  const Status st = f->engine->OnSignalClosed(ShadowClosed("ETHUSDT", Direction::kLong));
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(st.message(), "binance:ETHUSDT: no open long shadow to close");
  EXPECT_EQ(f->engine->OnSignalClosed(ShadowClosed("NOPE", Direction::kLong)).code(),
            StatusCode::kNotFound);
}

TEST(SignalEngineShadowTest, PolicyAllOutputsEveryRejectionAndNoneOutputsNone) {
  SignalEngineConfig all_config = TestConfig();
  all_config.shadows = ShadowPolicy::kAll;
  auto all = MakeEngine(all_config);
  SignalEngineConfig none_config = TestConfig();
  none_config.shadows = ShadowPolicy::kNone;
  auto none = MakeEngine(none_config);
  WarmUp(*all->engine, {"ETHUSDT"});
  WarmUp(*none->engine, {"ETHUSDT"});
  BarCloseOutput a, n;
  for (int bar = 2; bar <= 4; ++bar) {
    ASSERT_TRUE(CloseEth(*all->engine, bar, &a).ok());
    ASSERT_TRUE(CloseEth(*none->engine, bar, &n).ok());
    EXPECT_EQ(a.rejected.size(), 1u) << bar;
    EXPECT_EQ(a.counts.rejected, 1);
    EXPECT_EQ(a.counts.rejected_while_shadow_open, 0);
    EXPECT_TRUE(n.rejected.empty()) << bar;
    EXPECT_EQ(n.counts.rejected, 1);
    EXPECT_EQ(n.counts.rejected_by_volume, 1);
    EXPECT_EQ(n.counts.rejected_while_shadow_open, 0);
  }
  EXPECT_EQ(all->engine->open_shadows("binance", "ETHUSDT", Direction::kLong), 3);
  EXPECT_EQ(none->engine->open_shadows("binance", "ETHUSDT", Direction::kLong), 0);
}

TEST(SignalEngineShadowTest, ADeniedSignalFreesItsSlotWithoutCooldownAndBecomesAShadow) {
  auto f = MakeEngine();  // 10-minute cooldown
  WarmUp(*f->engine, {"BTCUSDT"});
  BarCloseOutput out;
  // Volume 400: 2.0x of (100 + 100 + 400) / 3, emitted with a position value of 5000.
  ASSERT_TRUE(Close(*f->engine, {{"BTCUSDT", MakeBar(2, 100, 400), {0.6, 0.2, 0.9}}}, &out).ok());
  ASSERT_EQ(out.emitted.size(), 1u);
  EXPECT_DOUBLE_EQ(f->engine->exposure(), 5000.0);
  const UnixNanos denied_at = kStart + 3 * kBar;

  ASSERT_TRUE(f->engine->OnSignalDenied("binance", "BTCUSDT", Direction::kLong, denied_at).ok());
  EXPECT_DOUBLE_EQ(f->engine->exposure(), 0.0);
  EXPECT_EQ(f->engine->open_shadows("binance", "BTCUSDT", Direction::kLong), 1);
  EXPECT_EQ(f->engine->trade_stats().trades(), 0);
  EXPECT_DOUBLE_EQ(f->engine->ensemble().Accuracy(0), 0.8);

  // Errors change nothing: nothing open any more, the other direction, an unknown symbol.
  Status st = f->engine->OnSignalDenied("binance", "BTCUSDT", Direction::kLong, denied_at);
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(st.message(), "binance:BTCUSDT: no open long signal to close");
  EXPECT_EQ(f->engine->OnSignalDenied("binance", "BTCUSDT", Direction::kShort, denied_at).code(),
            StatusCode::kFailedPrecondition);
  st = f->engine->OnSignalDenied("binance", "NOPE", Direction::kLong, denied_at);
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "signal denied for binance:NOPE, a symbol the engine has not seen");
  EXPECT_EQ(f->engine->open_shadows("binance", "BTCUSDT", Direction::kLong), 1);

  // Bar 3 (5 minutes later, inside the cooldown a close would start): not blocked; the volume
  // gate rejects it and the denied signal's open shadow keeps it from being a record.
  ASSERT_TRUE(Close(*f->engine, {{"BTCUSDT", MakeBar(3, 100, 100), {0.6, 0.2, 0.9}}}, &out).ok());
  EXPECT_EQ(out.counts.blocked_by_cooldown, 0);
  EXPECT_EQ(out.counts.blocked_by_open_signal, 0);
  EXPECT_EQ(out.counts.rejected, 1);
  EXPECT_EQ(out.counts.rejected_while_shadow_open, 1);
  EXPECT_TRUE(out.rejected.empty());
  // Bar 4: 1500 is 2.25x of (400 + 100 + 1500) / 3: emitted again.
  ASSERT_TRUE(Close(*f->engine, {{"BTCUSDT", MakeBar(4, 100, 1500), {0.6, 0.2, 0.9}}}, &out).ok());
  ASSERT_EQ(out.emitted.size(), 1u);
  EXPECT_DOUBLE_EQ(f->engine->exposure(), 5000.0);

  // The denied signal's shadow resolves: only the shadow slot is freed.
  ASSERT_TRUE(f->engine->OnSignalClosed(ShadowClosed("BTCUSDT", Direction::kLong)).ok());
  EXPECT_EQ(f->engine->open_shadows("binance", "BTCUSDT", Direction::kLong), 0);
  EXPECT_DOUBLE_EQ(f->engine->exposure(), 5000.0);
  EXPECT_EQ(f->engine->trade_stats().trades(), 0);
}

}  // namespace
}  // namespace pulse::signal
