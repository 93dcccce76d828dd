// Wiring of the signal engine from configuration: the enabled theories with their weights, the
// configured models (opened with their manifests), and the engine over a feature set's names.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adapters/inference/open_model.h"
#include "app/config/config.h"
#include "core/status.h"
#include "core/timeframe.h"
#include "engines/signal/signal_engine.h"
#include "ports/model_runner.h"

namespace pulse::app {

// How configured models are opened (signal.xgboost_engine).
inference::OpenModelOptions ModelOpenOptions(const SignalConfig& config);

// The model files of `signal.models` (comma-separated; blanks ignored).
std::vector<std::string> ConfiguredModelPaths(const SignalConfig& config);

// Opens every configured model. NotFound / InvalidArgument naming the file.
Result<std::vector<std::unique_ptr<ModelRunner>>> OpenConfiguredModels(const SignalConfig& config);

// The engine for `feature_names` (FeatureSet::Names() of the configured feature set on `base`):
// enabled theories (their config weights as base weights), the configured models (weight
// signal.model_weight each). FailedPrecondition when a theory's feature or a model's feature
// names do not match, naming the first difference.
Result<std::unique_ptr<signal::SignalEngine>> BuildSignalEngine(
    const SignalConfig& config, Timeframe base, const std::vector<std::string>& feature_names);

}  // namespace pulse::app
