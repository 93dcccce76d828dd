#include "adapters/inference/xgboost_trainer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace pulse::inference {
namespace {

Status CheckSet(const TrainingSet& set, std::string_view name) {
  if (set.columns == 0) return InvalidArgumentError("{} set has no feature columns", name);
  if (set.features.size() % set.columns != 0) {
    return InvalidArgumentError("{} set: {} feature values are not whole rows of {} columns", name,
                                set.features.size(), set.columns);
  }
  const std::size_t rows = set.rows();
  if (rows == 0) return InvalidArgumentError("{} set has no rows", name);
  if (set.labels.size() != rows) {
    return InvalidArgumentError("{} set has {} rows but {} labels", name, rows, set.labels.size());
  }
  for (std::size_t i = 0; i < rows; ++i) {
    if (set.labels[i] != 0.0 && set.labels[i] != 1.0) {
      return InvalidArgumentError("{} set: label of row {} is {}, not 0 or 1", name, i,
                                  set.labels[i]);
    }
  }
  if (!set.weights.empty()) {
    if (set.weights.size() != rows) {
      return InvalidArgumentError("{} set has {} rows but {} weights", name, rows,
                                  set.weights.size());
    }
    for (std::size_t i = 0; i < rows; ++i) {
      if (!std::isfinite(set.weights[i]) || set.weights[i] < 0) {
        return InvalidArgumentError("{} set: weight of row {} is {}, not a finite value >= 0", name,
                                    i, set.weights[i]);
      }
    }
  }
  if (!set.times.empty() && set.times.size() != rows) {
    return InvalidArgumentError("{} set has {} rows but {} times", name, rows, set.times.size());
  }
  return Status::Ok();
}

Status CheckParams(const XgboostTrainingParams& p) {
  if (p.rounds < 1) return InvalidArgumentError("rounds must be at least 1, got {}", p.rounds);
  if (p.max_depth < 1) return InvalidArgumentError("max_depth must be at least 1");
  if (!(p.eta > 0 && p.eta <= 1)) return InvalidArgumentError("eta must be in (0, 1]");
  if (!(p.subsample > 0 && p.subsample <= 1)) {
    return InvalidArgumentError("subsample must be in (0, 1]");
  }
  if (!(p.colsample_bytree > 0 && p.colsample_bytree <= 1)) {
    return InvalidArgumentError("colsample_bytree must be in (0, 1]");
  }
  if (!(p.min_child_weight >= 0)) return InvalidArgumentError("min_child_weight must be >= 0");
  if (p.scale_pos_weight && !(*p.scale_pos_weight > 0)) {
    return InvalidArgumentError("scale_pos_weight must be positive");
  }
  if (p.early_stopping_rounds < 0) return InvalidArgumentError("early_stopping_rounds < 0");
  if (p.nthread < 1) return InvalidArgumentError("nthread must be at least 1");
  return Status::Ok();
}

Result<XgbMatrix> MakeMatrix(const TrainingSet& set, int nthread) {
  XgbMatrix matrix;
  const std::string array = DenseDoubleArrayInterface(set.features.data(), set.rows(), set.columns);
  const std::string config = fmt::format(R"({{"missing": NaN, "nthread": {}}})", nthread);
  RETURN_IF_ERROR(XgbStatus(XGDMatrixCreateFromDense(array.c_str(), config.c_str(), matrix.out()),
                            "building the training matrix"));
  std::vector<float> labels(set.labels.begin(), set.labels.end());
  RETURN_IF_ERROR(XgbStatus(
      XGDMatrixSetFloatInfo(matrix.get(), "label", labels.data(), labels.size()), "labels"));
  if (!set.weights.empty()) {
    std::vector<float> weights(set.weights.begin(), set.weights.end());
    RETURN_IF_ERROR(XgbStatus(
        XGDMatrixSetFloatInfo(matrix.get(), "weight", weights.data(), weights.size()), "weights"));
  }
  return matrix;
}

// The value after "<set>-logloss:" in XGBoosterEvalOneIter's "[3]\ttrain-logloss:0.61\t...".
std::optional<double> LogLossOf(std::string_view eval, std::string_view set) {
  const std::string key = fmt::format("{}-logloss:", set);
  const auto at = eval.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string number(eval.substr(at + key.size(), eval.find('\t', at) - at - key.size()));
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (end == number.c_str()) return std::nullopt;
  return value;
}

double BalancingWeight(const TrainingSet& set) {
  double positive = 0, negative = 0;
  for (std::size_t i = 0; i < set.labels.size(); ++i) {
    const double w = set.weights.empty() ? 1.0 : set.weights[i];
    (set.labels[i] == 1.0 ? positive : negative) += w;
  }
  return negative / positive;
}

}  // namespace

Result<TrainingSet> SliceRows(const TrainingSet& all, std::size_t begin, std::size_t end) {
  RETURN_IF_ERROR(CheckSet(all, "full"));
  if (begin >= end || end > all.rows()) {
    return InvalidArgumentError("rows [{}, {}) are not a non-empty range within the {} rows", begin,
                                end, all.rows());
  }
  TrainingSet s;
  s.columns = all.columns;
  s.features = all.features.subspan(begin * all.columns, (end - begin) * all.columns);
  s.labels = all.labels.subspan(begin, end - begin);
  if (!all.weights.empty()) s.weights = all.weights.subspan(begin, end - begin);
  if (!all.times.empty()) s.times = all.times.subspan(begin, end - begin);
  return s;
}

std::string FormatProgressLine(const TrainingProgress& p, int width) {
  const int filled = p.total_rounds == 0 ? 0 : p.round * width / p.total_rounds;
  const int digits = static_cast<int>(fmt::formatted_size("{}", p.total_rounds));
  const std::string valid =
      p.validation_log_loss ? fmt::format("  valid {:.4f}", *p.validation_log_loss) : "";
  return fmt::format("[{:#<{}}{:-<{}}] {:>{}}/{}  train {:.4f}{}", "", filled, "", width - filled,
                     p.round, digits, p.total_rounds, p.train_log_loss, valid);
}

Result<TrainingSummary> XgboostTrainer::Train(const TrainingSet& train,
                                              const TrainingSet* validation,
                                              const ProgressCallback& progress) {
  RETURN_IF_ERROR(CheckParams(params_));
  RETURN_IF_ERROR(CheckSet(train, "training"));
  if (validation != nullptr) {
    RETURN_IF_ERROR(CheckSet(*validation, "validation"));
    if (validation->columns != train.columns) {
      return InvalidArgumentError("validation set has {} columns, training set {}",
                                  validation->columns, train.columns);
    }
    if (!train.times.empty() && !validation->times.empty()) {
      const UnixNanos last_train = *std::max_element(train.times.begin(), train.times.end());
      const UnixNanos first_valid =
          *std::min_element(validation->times.begin(), validation->times.end());
      if (first_valid <= last_train) {
        return InvalidArgumentError(
            "validation rows must all come after the training rows: validation starts at {} but "
            "training runs to {}",
            FormatIso8601(first_valid), FormatIso8601(last_train));
      }
    }
  }

  TrainingSummary summary;
  if (params_.scale_pos_weight) {
    summary.positive_weight = *params_.scale_pos_weight;
  } else {
    summary.positive_weight = BalancingWeight(train);
    if (!std::isfinite(summary.positive_weight) || summary.positive_weight <= 0) {
      return InvalidArgumentError(
          "training labels need both classes with positive weight to balance them");
    }
  }

  ASSIGN_OR_RETURN(XgbMatrix train_matrix, MakeMatrix(train, params_.nthread));
  std::optional<XgbMatrix> valid_matrix;
  if (validation != nullptr) {
    ASSIGN_OR_RETURN(valid_matrix, MakeMatrix(*validation, params_.nthread));
  }
  std::vector<DMatrixHandle> cache = {train_matrix.get()};
  std::vector<const char*> names = {"train"};
  if (valid_matrix) {
    cache.push_back(valid_matrix->get());
    names.push_back("valid");
  }

  XgbBooster booster;
  RETURN_IF_ERROR(
      XgbStatus(XGBoosterCreate(cache.data(), cache.size(), booster.out()), "creating a booster"));
  const std::vector<std::pair<std::string, std::string>> settings = {
      {"objective", "binary:logistic"},
      {"eval_metric", "logloss"},
      {"tree_method", params_.tree_method},
      {"max_depth", std::to_string(params_.max_depth)},
      {"eta", fmt::format("{}", params_.eta)},
      {"subsample", fmt::format("{}", params_.subsample)},
      {"colsample_bytree", fmt::format("{}", params_.colsample_bytree)},
      {"min_child_weight", fmt::format("{}", params_.min_child_weight)},
      {"scale_pos_weight", fmt::format("{}", summary.positive_weight)},
      {"seed", std::to_string(params_.seed)},
      {"nthread", std::to_string(params_.nthread)},
      {"verbosity", "0"},
  };
  for (const auto& [key, value] : settings) {
    RETURN_IF_ERROR(XgbStatus(XGBoosterSetParam(booster.get(), key.c_str(), value.c_str()),
                              fmt::format("parameter {}={}", key, value)));
  }

  double best_loss = 0;
  TrainingProgress last;
  for (int round = 0; round < params_.rounds; ++round) {
    RETURN_IF_ERROR(XgbStatus(XGBoosterUpdateOneIter(booster.get(), round, train_matrix.get()),
                              fmt::format("boosting round {}", round + 1)));
    const char* eval = nullptr;
    RETURN_IF_ERROR(XgbStatus(
        XGBoosterEvalOneIter(booster.get(), round, cache.data(), names.data(), cache.size(), &eval),
        "evaluating log-loss"));
    TrainingProgress line;
    line.round = round + 1;
    line.total_rounds = params_.rounds;
    line.train_log_loss = LogLossOf(eval, "train").value_or(NAN);
    if (valid_matrix) line.validation_log_loss = LogLossOf(eval, "valid");
    if (progress) progress(line);

    summary.rounds_trained = round + 1;
    last = line;
    const double loss = line.validation_log_loss.value_or(line.train_log_loss);
    if (round == 0 || loss < best_loss) {
      best_loss = loss;
      summary.best_round = round + 1;
      summary.train_log_loss = line.train_log_loss;
      summary.validation_log_loss = line.validation_log_loss;
    }
    if (valid_matrix && params_.early_stopping_rounds > 0 &&
        summary.rounds_trained - summary.best_round >= params_.early_stopping_rounds) {
      break;
    }
  }
  if (!valid_matrix || params_.early_stopping_rounds == 0) {
    // Without early stopping every round is kept.
    summary.best_round = summary.rounds_trained;
    summary.train_log_loss = last.train_log_loss;
    summary.validation_log_loss = last.validation_log_loss;
  }
  if (summary.best_round < summary.rounds_trained) {
    XgbBooster best;
    RETURN_IF_ERROR(XgbStatus(XGBoosterSlice(booster.get(), 0, summary.best_round, 1, best.out()),
                              "keeping the trees up to the best round"));
    booster = std::move(best);
  }
  booster_ = std::move(booster);
  return summary;
}

Status XgboostTrainer::Save(const std::string& path) const {
  if (booster_.get() == nullptr) return FailedPreconditionError("Save before Train");
  if (!path.ends_with(".json") && !path.ends_with(".ubj")) {
    return InvalidArgumentError("model file {} must end in .json or .ubj", path);
  }
  return XgbStatus(XGBoosterSaveModel(booster_.get(), path.c_str()),
                   fmt::format("saving XGBoost model {}", path));
}

}  // namespace pulse::inference
