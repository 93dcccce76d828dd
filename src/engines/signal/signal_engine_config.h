// SignalEngineConfig: every setting of the signal engine in one plain struct with the issue's
// defaults; the app maps the YAML `signal:` section onto it and Create validates it.
#pragma once

#include <map>
#include <string>

#include "engines/signal/ensemble.h"
#include "engines/signal/level_planner.h"
#include "engines/signal/open_signal_book.h"
#include "engines/signal/position_sizer.h"
#include "engines/signal/quality_gates.h"
#include "engines/signal/shadow_book.h"
#include "engines/signal/signal_classifier.h"

namespace pulse::signal {

struct SignalEngineConfig {
  EnsembleConfig ensemble;  // window 50, prior 0.8 x 10, floor 0.2, 2 sources
  // Base weights by theory name / model manifest name; a source not listed weighs 1.0.
  std::map<std::string, double> theory_weights;
  std::map<std::string, double> model_weights;
  ClassifierConfig classification;  // 0.8 / 0.7 strong, 0.6 / 0.6
  QualityGateConfig gates;          // confidence 0.77, volume 2x of 20 bars, reward/risk 2.0
  LevelConfig levels;               // close entry, 2 x ATR(14) stop, take-profit 3 x stop
  int volatility_period = 20;       // ATR % average for volatility-adjusted sizing
  SizingConfig sizing;              // fixed fractional 1 % of 10000, Kelly after 20 trades
  OpenSignalConfig open_signals;    // one per symbol and direction, 60-minute cooldown
  // Which rejected candidates are output as SignalRejected records (shadows).
  ShadowPolicy shadows = ShadowPolicy::kOnePerSymbolDirection;
};

}  // namespace pulse::signal
