#include "app/model_training.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "adapters/inference/manifest_json.h"
#include "adapters/inference/probability_calibration.h"
#include "adapters/inference/xgboost_model.h"
#include "analytics/chronological_split.h"
#include "app/config/features_config.h"
#include "app/feature_input.h"
#include "engines/signal/training_labels.h"

namespace pulse::app {

namespace {

// The rows of one part of the split, all files concatenated.
struct PartRows {
  std::vector<double> features;  // row-major
  std::vector<int> labels;
  std::optional<TimeWindow> window;
};

void AppendRows(const FeatureMatrix& matrix, std::span<const std::size_t> rows,
                std::span<const signal::Label> labels, analytics::RowRange range,
                std::int64_t bar_nanos, PartRows& part) {
  if (range.empty()) return;
  for (std::size_t i = range.begin; i < range.end; ++i) {
    const std::span<const double> row = matrix.Row(rows[i]);
    part.features.insert(part.features.end(), row.begin(), row.end());
    part.labels.push_back(labels[rows[i]] == signal::Label::kYes ? 1 : 0);
  }
  const UnixNanos start = matrix.times[rows[range.begin]];
  const UnixNanos end = matrix.times[rows[range.end - 1]] + bar_nanos;
  const auto count = static_cast<std::int64_t>(range.size());
  if (!part.window) {
    part.window = TimeWindow{start, end, count};
  } else {
    part.window->start = std::min(part.window->start, start);
    part.window->end = std::max(part.window->end, end);
    part.window->rows += count;
  }
}

PartSummary Summarize(const PartRows& part) {
  PartSummary s;
  s.rows = static_cast<std::int64_t>(part.labels.size());
  s.positives = std::count(part.labels.begin(), part.labels.end(), 1);
  return s;
}

std::vector<double> AsDoubles(std::span<const int> labels) {
  return std::vector<double>(labels.begin(), labels.end());
}

// "BTCUSDT-5m" for ".../BTCUSDT-5m.csv.gz": the file name up to its first dot.
std::string FileStem(const std::string& path) {
  const std::string file = std::filesystem::path(path).filename().string();
  return file.substr(0, file.find('.'));
}

// "BTCUSDT" for ".../BTCUSDT-5m.csv.gz" (files named <SYMBOL>-<timeframe>, as `pulse data
// replay` reads them); the whole stem for other names.
std::string SymbolOf(const std::string& path) {
  const std::string stem = FileStem(path);
  return stem.substr(0, stem.find('-'));
}

Status CheckRequest(const ModelTrainingRequest& request) {
  if (request.data_files.empty()) return InvalidArgumentError("--data: no candle file given");
  if (request.horizon < 1) {
    return InvalidArgumentError("--horizon must be at least 1 bar, got {}", request.horizon);
  }
  if (request.rounds < 1) {
    return InvalidArgumentError("--rounds must be at least 1, got {}", request.rounds);
  }
  if (!request.out.ends_with(".json") && !request.out.ends_with(".ubj")) {
    return InvalidArgumentError("--out: model file '{}' must end in .json or .ubj", request.out);
  }
  if (request.calibration != "platt" && request.calibration != "isotonic" &&
      request.calibration != "none") {
    return InvalidArgumentError("--calibration must be platt, isotonic or none, got '{}'",
                                request.calibration);
  }
  if (request.calibration != "none" && request.validation_fraction == 0) {
    return InvalidArgumentError(
        "--calibration {} is fitted on the validation part, but --validation-fraction is 0: give "
        "a validation part or pass --calibration none",
        request.calibration);
  }
  // The fractions are checked here, before any file is read, on a split that always fits.
  Status fractions = analytics::SplitChronologically(1'000'000, request.train_fraction,
                                                     request.validation_fraction, 0)
                         .status();
  if (!fractions.ok()) return fractions.WithContext("--train-fraction / --validation-fraction");
  return Status::Ok();
}

std::vector<std::pair<std::string, double>> TestMetrics(
    const analytics::BinaryClassificationReport& r, double positive_weight,
    const analytics::BinaryClassificationReport* uncalibrated) {
  std::vector<std::pair<std::string, double>> metrics = {
      {"accuracy", r.accuracy},
      {"precision", r.precision},
      {"recall", r.recall},
      {"f1", r.f1},
      {"roc_auc", r.roc_auc},
      {"log_loss", r.log_loss},
      {"brier", r.brier},
      {"ece", r.ece},
      {"brier_skill", r.brier_skill},
      {"positive_rate", r.positive_rate},
      {"positive_weight", positive_weight},
      {"tn", static_cast<double>(r.confusion.tn)},
      {"fp", static_cast<double>(r.confusion.fp)},
      {"fn", static_cast<double>(r.confusion.fn)},
      {"tp", static_cast<double>(r.confusion.tp)}};
  if (uncalibrated != nullptr) {
    metrics.emplace_back("uncalibrated_log_loss", uncalibrated->log_loss);
    metrics.emplace_back("uncalibrated_brier", uncalibrated->brier);
    metrics.emplace_back("uncalibrated_ece", uncalibrated->ece);
  }
  return metrics;
}

}  // namespace

std::string DefaultLabelText(const Config& config) {
  return fmt::format("tp-before-sl:rr={}", config.signal.engine.levels.reward_risk);
}

std::size_t FirstCompleteRow(const FeatureMatrix& matrix) {
  for (std::size_t r = 0; r < matrix.rows(); ++r) {
    const std::span<const double> row = matrix.Row(r);
    if (std::none_of(row.begin(), row.end(), [](double v) { return std::isnan(v); })) return r;
  }
  return matrix.rows();
}

Result<ModelTrainingResult> TrainModel(
    const ModelTrainingRequest& request, const Config& config, UnixNanos now,
    const std::function<void(const inference::TrainingProgress&)>& progress) {
  RETURN_IF_ERROR(CheckRequest(request));
  if (!request.timeframe.empty()) {
    Status tf = Timeframe::Parse(request.timeframe).status();
    if (!tf.ok()) return tf.WithContext("--timeframe");
  }
  ASSIGN_OR_RETURN(const indicators::FeatureSetSpec spec,
                   FeatureSetSpecFromConfig(config.features, request.timeframe));
  std::string label_text = request.label.empty() ? DefaultLabelText(config) : request.label;
  Result<signal::LabelSpec> label_spec = signal::ParseLabelSpec(label_text);
  if (!label_spec.ok()) return label_spec.status().WithContext("--label");
  if (!label_spec->reward_risk) {
    // The manifest's label always names its reward:risk: the engine scores the model's
    // probability against that trade's break-even.
    label_text += fmt::format("{}rr={}", label_text.find(':') == std::string::npos ? ":" : ",",
                              config.signal.engine.levels.reward_risk);
  }
  const std::int64_t bar_nanos = spec.base.NominalNanos();

  ModelTrainingResult result;
  PartRows train, validation, test;
  std::vector<std::string> names;
  for (const std::string& file : request.data_files) {
    ASSIGN_OR_RETURN(std::vector<Bar> bars,
                     ReadFeatureInput(file, spec, !request.timeframe.empty()));
    std::optional<UnixNanos> file_first, file_last;
    if (!bars.empty()) {
      file_first = bars.front().open_time;
      file_last = bars.back().open_time;
    }
    std::erase_if(bars, [&](const Bar& b) {
      return (request.from && b.open_time < *request.from) ||
             (request.to && b.open_time >= *request.to);
    });
    if (bars.empty()) {
      return InvalidArgumentError("{}: {}", file,
                                  NoBarsMessage({request.from, request.to}, file_first, file_last));
    }
    Result<FeatureMatrix> matrix = ComputeFeatureMatrix(bars, spec);
    if (!matrix.ok()) return matrix.status().WithContext(file);
    Result<std::vector<signal::Label>> labels = signal::MakeTpBeforeSlLabels(
        bars, config.signal.engine.levels, *label_spec, request.horizon);
    if (!labels.ok()) return labels.status().WithContext("--label");
    names = matrix->names;

    const std::size_t first = FirstCompleteRow(*matrix);
    std::vector<std::size_t> usable;
    for (std::size_t r = first; r < matrix->rows(); ++r) {
      if ((*labels)[r] != signal::Label::kUnknown) usable.push_back(r);
    }
    result.bars += static_cast<std::int64_t>(bars.size());
    result.warm_up_rows += static_cast<std::int64_t>(first);
    result.unlabelled_rows += static_cast<std::int64_t>(matrix->rows() - first - usable.size());
    result.usable_rows += static_cast<std::int64_t>(usable.size());

    Result<analytics::ChronologicalSplit> split = analytics::SplitChronologically(
        usable.size(), request.train_fraction, request.validation_fraction,
        static_cast<std::size_t>(request.horizon));
    if (!split.ok()) {
      return split.status().WithContext(
          fmt::format("{}: {} bars, {} usable rows after {} warm-up rows", file, bars.size(),
                      usable.size(), first));
    }
    AppendRows(*matrix, usable, *labels, split->train, bar_nanos, train);
    AppendRows(*matrix, usable, *labels, split->validation, bar_nanos, validation);
    AppendRows(*matrix, usable, *labels, split->test, bar_nanos, test);
  }
  result.train = Summarize(train);
  result.validation = Summarize(validation);
  result.test = Summarize(test);
  if (result.train.positives == 0 || result.train.positives == result.train.rows) {
    return InvalidArgumentError(
        "the training part holds only label-{} rows ({} rows): the label '{}' never {} within "
        "{} bars; try another label or horizon",
        result.train.positives == 0 ? 0 : 1, result.train.rows, label_text,
        result.train.positives == 0 ? "succeeds" : "fails", request.horizon);
  }

  const std::size_t columns = names.size();
  result.positive_weight =
      request.class_balance ? analytics::PositiveClassWeight(train.labels) : 1.0;
  inference::XgboostTrainingParams params;
  params.rounds = request.rounds;
  params.seed = request.seed;
  params.scale_pos_weight = result.positive_weight;
  inference::XgboostTrainer trainer(params);
  const std::vector<double> train_labels = AsDoubles(train.labels);
  const std::vector<double> validation_labels = AsDoubles(validation.labels);
  inference::TrainingSet train_set;
  train_set.features = train.features;
  train_set.columns = columns;
  train_set.labels = train_labels;
  inference::TrainingSet validation_set;
  validation_set.features = validation.features;
  validation_set.columns = columns;
  validation_set.labels = validation_labels;
  ASSIGN_OR_RETURN(
      result.training,
      trainer.Train(train_set, validation.labels.empty() ? nullptr : &validation_set, progress));

  ModelManifest& manifest = result.manifest;
  manifest.name = request.name.empty() ? FileStem(request.out) : request.name;
  manifest.version = request.version;
  manifest.format = "xgboost";
  manifest.model_file = std::filesystem::path(request.out).filename().string();
  manifest.base_timeframe = spec.base.ToString();
  manifest.timeframes.push_back(spec.base.ToString());
  ASSIGN_OR_RETURN(const indicators::FeatureSet feature_set, indicators::FeatureSet::Create(spec));
  for (const Timeframe& tf : feature_set.HigherTimeframes()) {
    manifest.timeframes.push_back(tf.ToString());
  }
  manifest.feature_names = names;
  manifest.label = label_text;
  manifest.horizon_bars = request.horizon;
  for (const std::string& file : request.data_files) manifest.symbols.push_back(SymbolOf(file));
  manifest.train_window = train.window;
  manifest.validation_window = validation.window;
  manifest.test_window = test.window;
  manifest.created_at = FormatIso8601(now);
  manifest.notes = fmt::format(
      "XGBoost binary:logistic, seed {}, {} rounds asked, {} run, trees of the best {} kept; "
      "train / validation fractions {} / {}, purge gap {} rows; class balancing {}, calibration "
      "{}",
      request.seed, request.rounds, result.training.rounds_trained, result.training.best_round,
      request.train_fraction, request.validation_fraction, request.horizon,
      request.class_balance ? "on" : "off", request.calibration);

  const std::filesystem::path folder = std::filesystem::path(request.out).parent_path();
  if (!folder.empty()) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
      return InvalidArgumentError("--out: cannot create folder '{}': {}", folder.string(),
                                  error.message());
    }
  }
  RETURN_IF_ERROR(trainer.Save(request.out));

  // The raw probabilities come from the saved file, loaded as `pulse model predict` loads it
  // but without a calibration; the calibration is fitted on the validation part only.
  ASSIGN_OR_RETURN(std::unique_ptr<inference::XgboostModel> raw_model,
                   inference::XgboostModel::Load(request.out, manifest));
  std::vector<double> raw_test(test.labels.size());
  RETURN_IF_ERROR(raw_model->Predict(test.features, raw_test));
  ASSIGN_OR_RETURN(result.uncalibrated_test_report,
                   analytics::EvaluateBinaryClassifier(raw_test, test.labels));
  if (request.calibration != "none") {
    std::vector<double> raw_validation(validation.labels.size());
    RETURN_IF_ERROR(raw_model->Predict(validation.features, raw_validation));
    Result<std::optional<ProbabilityCalibration>> calibration =
        inference::FitCalibration(request.calibration, raw_validation, validation.labels);
    if (!calibration.ok()) return calibration.status().WithContext("--calibration");
    manifest.calibration = std::move(*calibration);
  }
  // The test metrics: the saved model with its final manifest, as every caller will see it.
  ASSIGN_OR_RETURN(std::unique_ptr<inference::XgboostModel> model,
                   inference::XgboostModel::Load(request.out, manifest));
  std::vector<double> probabilities(test.labels.size());
  RETURN_IF_ERROR(model->Predict(test.features, probabilities));
  ASSIGN_OR_RETURN(result.test_report,
                   analytics::EvaluateBinaryClassifier(probabilities, test.labels));
  manifest.test_metrics =
      TestMetrics(result.test_report, result.positive_weight,
                  manifest.calibration ? &result.uncalibrated_test_report : nullptr);

  result.model_path = request.out;
  result.manifest_path = inference::ManifestPathFor(request.out);
  RETURN_IF_ERROR(inference::WriteManifest(result.manifest_path, manifest));
  return result;
}

Result<indicators::FeatureSetSpec> ModelFeatureSpec(const ModelManifest& manifest,
                                                    const FeaturesConfig& features) {
  Result<indicators::FeatureSetSpec> spec =
      FeatureSetSpecFromConfig(features, manifest.base_timeframe);
  if (!spec.ok()) return spec.status();
  ASSIGN_OR_RETURN(const indicators::FeatureSet feature_set, indicators::FeatureSet::Create(*spec));
  Status names = feature_set.CheckNames(manifest.feature_names);
  if (!names.ok()) {
    return Status(names.code(), fmt::format("model {} does not match the configured features: {}",
                                            manifest.Tag(), names.message()));
  }
  return spec;
}

Result<BarPredictions> PredictBars(ModelRunner& model, std::span<const Bar> bars,
                                   const indicators::FeatureSetSpec& spec) {
  ASSIGN_OR_RETURN(FeatureMatrix matrix, ComputeFeatureMatrix(bars, spec));
  if (matrix.names.size() != model.row_width()) {
    return InvalidArgumentError("the model takes rows of {} values, the features have {}",
                                model.row_width(), matrix.names.size());
  }
  const std::size_t first = FirstCompleteRow(matrix);
  BarPredictions out;
  out.times = std::move(matrix.times);
  out.probabilities.assign(out.times.size(), std::nan(""));
  if (first == out.times.size()) return out;
  const std::span<const double> rows =
      std::span<const double>(matrix.values).subspan(first * matrix.names.size());
  RETURN_IF_ERROR(model.Predict(rows, std::span<double>(out.probabilities).subspan(first)));
  return out;
}

}  // namespace pulse::app
