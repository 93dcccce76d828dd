// `pulse model train | inspect | predict`: train an XGBoost classifier on the configured
// features, show a model's manifest and whether it fits the configured features, and write a
// model's probabilities for every bar of a candle file. The work is in app/model_training.h.
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "adapters/inference/open_model.h"
#include "app/commands/commands.h"
#include "app/feature_input.h"
#include "app/model_training.h"
#include "app/progress_bar.h"
#include "app/signal_engine_builder.h"

namespace pulse::app {

namespace {

struct TrainFlags {
  ModelTrainingRequest request;
  std::string from, to;
  bool no_class_balance = false;
  std::string progress = "auto";
};

struct InspectFlags {
  std::string model;
};

struct PredictFlags {
  std::string model, data, out;
};

std::string FormatSpan(const std::optional<TimeWindow>& window) {
  if (!window) return "-";
  return fmt::format("{} .. {}", FormatIso8601(window->start), FormatIso8601(window->end));
}

std::string FormatWindow(const std::optional<TimeWindow>& window) {
  if (!window) return "-";
  return fmt::format("{} .. {} ({} rows)", FormatIso8601(window->start), FormatIso8601(window->end),
                     window->rows);
}

// "platt (a 0.4321, b -1.9876) fitted on 812 validation rows", "none".
std::string CalibrationText(const std::optional<ProbabilityCalibration>& c) {
  if (!c) return "none";
  if (c->method == "platt") {
    return fmt::format("platt (a {:.4f}, b {:.4f}) fitted on {} validation rows", c->a, c->b,
                       c->fit_rows);
  }
  return fmt::format("{} ({} points) fitted on {} validation rows", c->method, c->x.size(),
                     c->fit_rows);
}

void PrintTrainingReport(const ModelTrainingResult& r, int horizon, std::ostream& out) {
  const ModelManifest& m = r.manifest;
  out << fmt::format("model {} ({} features on {}, label {}, horizon {} bars)\n", m.Tag(),
                     m.feature_names.size(), fmt::join(m.timeframes, ", "), m.label, horizon);
  out << fmt::format("rows: {} bars, {} warm-up and {} unlabelled dropped, {} usable\n", r.bars,
                     r.warm_up_rows, r.unlabelled_rows, r.usable_rows);
  out << fmt::format("split (chronological, purge gap {} rows):\n", horizon);
  out << fmt::format("  train       {:>8} rows  positive rate {:.4f}  {}\n", r.train.rows,
                     r.train.positive_rate(), FormatSpan(m.train_window));
  out << fmt::format("  validation  {:>8} rows  positive rate {:.4f}  {}\n", r.validation.rows,
                     r.validation.positive_rate(), FormatSpan(m.validation_window));
  out << fmt::format("  test        {:>8} rows  positive rate {:.4f}  {}\n", r.test.rows,
                     r.test.positive_rate(), FormatSpan(m.test_window));
  if (m.notes.find("class balancing off") != std::string::npos) {
    out << fmt::format("class weight: label-1 rows weigh {:.4f} (class balancing off)\n",
                       r.positive_weight);
  } else {
    out << fmt::format("class weight: label-1 rows weigh {:.4f} (negatives / positives in train)\n",
                       r.positive_weight);
  }
  const std::string valid =
      r.training.validation_log_loss
          ? fmt::format(", validation log-loss {:.4f}", *r.training.validation_log_loss)
          : "";
  out << fmt::format("training: {} rounds run, best round {}, train log-loss {:.4f}{}\n",
                     r.training.rounds_trained, r.training.best_round, r.training.train_log_loss,
                     valid);
  out << fmt::format("calibration: {}\n", CalibrationText(m.calibration));
  out << fmt::format("test metrics ({} rows, threshold {}{}):\n", r.test_report.rows,
                     r.test_report.threshold, m.calibration ? ", calibrated probabilities" : "");
  for (const auto& [name, value] : m.test_metrics) {
    if (name == "tn" || name == "fp" || name == "fn" || name == "tp") continue;
    out << fmt::format("  {:<22}{:.4f}\n", name, value);
  }
  const analytics::ConfusionMatrix& c = r.test_report.confusion;
  out << "confusion matrix (rows: true label, columns: predicted):\n";
  out << fmt::format("  {:<8}{:>10}{:>10}\n", "", "pred 0", "pred 1");
  out << fmt::format("  {:<8}{:>10}{:>10}\n", "true 0", c.tn, c.fp);
  out << fmt::format("  {:<8}{:>10}{:>10}\n", "true 1", c.fn, c.tp);
  if (m.calibration) {
    const analytics::BinaryClassificationReport& raw = r.uncalibrated_test_report;
    const analytics::BinaryClassificationReport& cal = r.test_report;
    out << fmt::format(
        "calibration on the test part (before -> after): ECE {:.4f} -> {:.4f}, Brier {:.4f} -> "
        "{:.4f}, log-loss {:.4f} -> {:.4f}\n",
        raw.ece, cal.ece, raw.brier, cal.brier, raw.log_loss, cal.log_loss);
  }
  out << fmt::format("wrote {} and {}\n", r.model_path, r.manifest_path);
}

Status RunTrain(CliContext& ctx, TrainFlags& f) {
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  f.request.class_balance = !f.no_class_balance;
  ASSIGN_OR_RETURN(const TimeRange range, ParseTimeRange(f.from, "--from", f.to, "--to"));
  f.request.from = range.from;
  f.request.to = range.to;
  std::unique_ptr<ProgressBar> bar;
  auto progress = [&](const inference::TrainingProgress& p) {
    if (!bar)
      bar = std::make_unique<ProgressBar>("training", p.total_rounds,
                                          ProgressBar::ModeFromFlag(f.progress));
    bar->Update(p.round);
  };
  Result<ModelTrainingResult> result = TrainModel(f.request, *config, ctx.clock().Now(), progress);
  if (bar) bar->Finish();
  if (!result.ok()) return result.status();
  PrintTrainingReport(*result, f.request.horizon, std::cout);
  return Status::Ok();
}

Status RunInspect(CliContext& ctx, const InspectFlags& f) {
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  ASSIGN_OR_RETURN(std::unique_ptr<ModelRunner> model,
                   inference::OpenModel(f.model, ModelOpenOptions(config->signal)));
  const ModelManifest& m = model->manifest();
  constexpr std::size_t kNamesShown = 5;
  std::vector<std::string> first_names(
      m.feature_names.begin(),
      m.feature_names.begin() + std::min(kNamesShown, m.feature_names.size()));
  const std::string more = m.feature_names.size() > kNamesShown ? ", ..." : "";
  std::cout << fmt::format("model           {}\n", f.model);
  std::cout << fmt::format("name            {}\n", m.name);
  std::cout << fmt::format("version         {}\n", m.version);
  std::cout << fmt::format("format          {}\n", m.format);
  std::cout << fmt::format("base timeframe  {}\n", m.base_timeframe);
  std::cout << fmt::format("timeframes      {}\n", fmt::join(m.timeframes, ", "));
  std::cout << fmt::format("features        {}: {}{}\n", m.feature_names.size(),
                           fmt::join(first_names, ", "), more);
  std::cout << fmt::format("label           {}\n", m.label);
  std::cout << fmt::format("horizon         {} bars\n", m.horizon_bars);
  std::cout << fmt::format("symbols         {}\n", fmt::join(m.symbols, ", "));
  std::cout << fmt::format("train           {}\n", FormatWindow(m.train_window));
  std::cout << fmt::format("validation      {}\n", FormatWindow(m.validation_window));
  std::cout << fmt::format("test            {}\n", FormatWindow(m.test_window));
  std::cout << fmt::format("calibration     {}\n", CalibrationText(m.calibration));
  std::cout << "test metrics\n";
  for (const auto& [name, value] : m.test_metrics) {
    const bool count = name == "tn" || name == "fp" || name == "fn" || name == "tp";
    std::string text = "-";
    if (!std::isnan(value))
      text = count ? fmt::format("{:.0f}", value) : fmt::format("{:.4f}", value);
    std::cout << fmt::format("  {:<22}{}\n", name, text);
  }
  std::cout << fmt::format("created         {}\n", m.created_at);
  Result<indicators::FeatureSetSpec> spec = ModelFeatureSpec(m, config->features);
  if (!spec.ok()) {
    std::cout << "configured features: MISMATCH\n";
    return spec.status();
  }
  std::cout << "configured features: OK\n";
  return Status::Ok();
}

Status WritePredictions(const BarPredictions& predictions, std::ostream& out) {
  fmt::memory_buffer text;
  fmt::format_to(std::back_inserter(text), "timestamp_ms,probability\n");
  for (std::size_t i = 0; i < predictions.times.size(); ++i) {
    const double p = predictions.probabilities[i];
    if (std::isnan(p)) {
      fmt::format_to(std::back_inserter(text), "{},\n", ToMillis(predictions.times[i]));
    } else {
      fmt::format_to(std::back_inserter(text), "{},{}\n", ToMillis(predictions.times[i]), p);
    }
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return Status::Ok();
}

Status RunPredict(CliContext& ctx, const PredictFlags& f) {
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  ASSIGN_OR_RETURN(std::unique_ptr<ModelRunner> model,
                   inference::OpenModel(f.model, ModelOpenOptions(config->signal)));
  ASSIGN_OR_RETURN(const indicators::FeatureSetSpec spec,
                   ModelFeatureSpec(model->manifest(), config->features));
  ASSIGN_OR_RETURN(const std::vector<Bar> bars,
                   ReadFeatureInput(f.data, spec, false, "the model's base timeframe"));
  Result<BarPredictions> predictions = PredictBars(*model, bars, spec);
  if (!predictions.ok()) return predictions.status().WithContext(f.data);
  if (f.out.empty()) return WritePredictions(*predictions, std::cout);
  std::ofstream file(f.out, std::ios::binary | std::ios::trunc);
  if (!file) return InvalidArgumentError("cannot write '{}'", f.out);
  RETURN_IF_ERROR(WritePredictions(*predictions, file));
  file.close();
  if (!file) return DataLossError("writing '{}' failed", f.out);
  std::cout << fmt::format("wrote {} rows to {}\n", predictions->times.size(), f.out);
  return Status::Ok();
}

}  // namespace

void AddModelCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* model = app.add_subcommand("model", "Train, inspect and run models");
  model->require_subcommand(1);

  auto tf = std::make_shared<TrainFlags>();
  CLI::App* train = model->add_subcommand(
      "train", "Train an XGBoost classifier on the configured features and write its manifest");
  train->add_option("--data", tf->request.data_files, "Candle file(s); repeat for more")
      ->required();
  train->add_option("--timeframe", tf->request.timeframe,
                    "Base timeframe of the files (default: features.base_timeframe)");
  train->add_option("--from", tf->from, "Train on bars from this time (ISO-8601, inclusive)");
  train->add_option("--to", tf->to,
                    "Train on bars before this time (ISO-8601, exclusive; labels too)");
  train->add_option("--horizon", tf->request.horizon, "Bars the label looks ahead (purge gap)")
      ->capture_default_str();
  train->add_option("--label", tf->request.label,
                    "Label spec (default: tp-before-sl:rr=<signal.levels.reward_risk>)");
  train->add_option("--out", tf->request.out, "Model file, .json or .ubj")->required();
  train->add_option("--seed", tf->request.seed, "Random seed")->capture_default_str();
  train->add_option("--rounds", tf->request.rounds, "Boosting rounds")->capture_default_str();
  train->add_option("--name", tf->request.name, "Model name (default: the file stem)");
  train->add_option("--version", tf->request.version, "Model version")->capture_default_str();
  train->add_option("--train-fraction", tf->request.train_fraction, "Share of rows for training")
      ->capture_default_str();
  train
      ->add_option("--validation-fraction", tf->request.validation_fraction,
                   "Share of rows for validation (early stopping); 0 for none")
      ->capture_default_str();
  train
      ->add_option("--calibration", tf->request.calibration,
                   "Probability calibration fitted on the validation part: platt, isotonic or "
                   "none")
      ->check(CLI::IsMember({"platt", "isotonic", "none"}))
      ->capture_default_str();
  train->add_flag(
      "--no-class-balance", tf->no_class_balance,
      "Do not weigh label-1 rows by negatives / positives (raw probabilities stay closer to "
      "the base rate)");
  train->add_option("--progress", tf->progress, "Progress bar: auto, on or off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  train->callback([&ctx, tf] { ctx.Finish(RunTrain(ctx, *tf)); });

  auto inf = std::make_shared<InspectFlags>();
  CLI::App* inspect = model->add_subcommand(
      "inspect", "Show a model's manifest and whether it matches the configured features");
  inspect->add_option("model", inf->model, "Model file (.json, .ubj or .onnx)")->required();
  inspect->callback([&ctx, inf] { ctx.Finish(RunInspect(ctx, *inf)); });

  auto pf = std::make_shared<PredictFlags>();
  CLI::App* predict = model->add_subcommand(
      "predict", "A model's probability for every bar of a candle file (CSV)");
  predict->add_option("model", pf->model, "Model file (.json, .ubj or .onnx)")->required();
  predict->add_option("--data", pf->data, "Candle file")->required();
  predict->add_option("--out", pf->out, "Write CSV here (default: stdout)");
  predict->callback([&ctx, pf] { ctx.Finish(RunPredict(ctx, *pf)); });
}

}  // namespace pulse::app
