#include "app/signal_engine_builder.h"

#include "adapters/inference/open_model.h"
#include "engines/signal/theory_factory.h"

namespace pulse::app {

inference::OpenModelOptions ModelOpenOptions(const SignalConfig& config) {
  inference::OpenModelOptions options;
  options.xgboost.engine = config.xgboost_engine;
  return options;
}

std::vector<std::string> ConfiguredModelPaths(const SignalConfig& config) {
  return SplitCommaList(config.models);
}

Result<std::vector<std::unique_ptr<ModelRunner>>> OpenConfiguredModels(const SignalConfig& config) {
  std::vector<std::unique_ptr<ModelRunner>> models;
  for (const std::string& path : ConfiguredModelPaths(config)) {
    Result<std::unique_ptr<ModelRunner>> model =
        inference::OpenModel(path, ModelOpenOptions(config));
    if (!model.ok()) return model.status().WithContext("signal.models");
    models.push_back(std::move(*model));
  }
  return models;
}

Result<std::unique_ptr<signal::SignalEngine>> BuildSignalEngine(
    const SignalConfig& config, Timeframe base, const std::vector<std::string>& feature_names) {
  signal::SignalEngineConfig engine = config.engine;
  std::vector<std::unique_ptr<signal::Theory>> theories;
  for (const signal::TheoryConfig& theory : config.theories) {
    if (!theory.enabled) continue;
    Result<std::unique_ptr<signal::Theory>> created = signal::CreateTheory(theory);
    if (!created.ok()) return created.status().WithContext("signal.theories." + theory.name);
    engine.theory_weights[theory.name] = theory.weight;
    theories.push_back(std::move(*created));
  }
  ASSIGN_OR_RETURN(std::vector<std::unique_ptr<ModelRunner>> models, OpenConfiguredModels(config));
  for (const auto& model : models)
    engine.model_weights[model->manifest().name] = config.model_weight;
  return signal::SignalEngine::Create(engine, base, feature_names, std::move(theories),
                                      std::move(models));
}

}  // namespace pulse::app
