#include "adapters/inference/xgboost_model.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "adapters/inference/probability_calibration.h"
#include "adapters/inference/xgboost_forest.h"
#include "core/log.h"

namespace pulse::inference {

std::string_view XgboostEngineName(XgboostEngine engine) {
  return engine == XgboostEngine::kCompiled ? "compiled" : "library";
}

Result<XgboostEngine> ParseXgboostEngine(std::string_view name) {
  if (name == "compiled") return XgboostEngine::kCompiled;
  if (name == "library") return XgboostEngine::kLibrary;
  return InvalidArgumentError("unknown XGBoost engine \"{}\" (expected compiled or library)", name);
}

Result<std::unique_ptr<XgboostModel>> XgboostModel::Load(const std::string& model_path,
                                                         ModelManifest manifest,
                                                         XgboostRunOptions options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(model_path, ec)) {
    return NotFoundError("XGBoost model {} does not exist", model_path);
  }
  if (options.nthread < 1) {
    return InvalidArgumentError("XGBoost nthread must be at least 1, got {}", options.nthread);
  }
  XgbBooster booster;
  RETURN_IF_ERROR(XgbStatus(XGBoosterCreate(nullptr, 0, booster.out()), "creating a booster"));
  RETURN_IF_ERROR(XgbStatus(XGBoosterLoadModel(booster.get(), model_path.c_str()),
                            fmt::format("loading XGBoost model {}", model_path)));
  RETURN_IF_ERROR(XgbStatus(
      XGBoosterSetParam(booster.get(), "nthread", std::to_string(options.nthread).c_str()),
      "setting nthread"));

  bst_ulong features = 0;
  RETURN_IF_ERROR(XgbStatus(XGBoosterGetNumFeature(booster.get(), &features),
                            fmt::format("reading the feature count of {}", model_path)));
  if (features != manifest.feature_names.size()) {
    return InvalidArgumentError(
        "XGBoost model {} takes {} features but its manifest lists {} feature names", model_path,
        features, manifest.feature_names.size());
  }
  if (manifest.sequence_length != 1) {
    return InvalidArgumentError(
        "XGBoost model {}: manifest sequence_length is {}, but XGBoost models take one feature "
        "vector per row",
        model_path, manifest.sequence_length);
  }
  if (manifest.calibration) {
    Status calibration = CheckCalibration(*manifest.calibration);
    if (!calibration.ok()) return calibration.WithContext("XGBoost model " + model_path);
  }
  ASSIGN_OR_RETURN(std::string objective, BoosterObjective(booster.get()));
  if (objective != "binary:logistic" && objective != "reg:logistic") {
    return InvalidArgumentError(
        "XGBoost model {} has objective \"{}\"; Pulse runs binary classifiers "
        "(binary:logistic) that output a probability",
        model_path, objective);
  }
  // NaN marks missing values; "type": 0 is the transformed (probability) output.
  std::string config =
      R"({"type": 0, "training": false, "iteration_begin": 0, )"
      R"("iteration_end": 0, "strict_shape": false, "missing": NaN, "cache_id": 0})";
  std::unique_ptr<XgboostModel> model(
      new XgboostModel(std::move(booster), std::move(manifest), std::move(config)));
  if (options.engine == XgboostEngine::kCompiled) {
    auto forest = CompileXgboostForest(model->booster_.get(), features);
    if (forest.ok()) {
      model->forest_ = *std::move(forest);
      const Status same = model->CheckCompiledAgainstLibrary();
      if (same.ok()) {
        model->engine_ = XgboostEngine::kCompiled;
      } else {
        model->fallback_reason_ = same.message();
      }
    } else {
      model->fallback_reason_ = forest.status().message();
    }
  }
  if (model->engine_ == XgboostEngine::kLibrary) {
    // libxgboost's in-place prediction refuses some boosters (gblinear) only when asked to
    // predict: try one row of missing values now rather than fail at every bar close.
    std::vector<double> row(model->row_width(), std::numeric_limits<double>::quiet_NaN());
    double p = 0;
    const Status trial = model->PredictLibrary(row, std::span<double>(&p, 1));
    if (!trial.ok()) {
      if (model->fallback_reason_.empty()) {
        return InvalidArgumentError("XGBoost model {} does not run on libxgboost: {}", model_path,
                                    trial.message());
      }
      return InvalidArgumentError(
          "XGBoost model {} runs on neither engine: not compiled ({}), and libxgboost fails: {}",
          model_path, model->fallback_reason_, trial.message());
    }
    if (!model->fallback_reason_.empty()) {
      LOG_WARN("XGBoost model {}: runs on libxgboost, not compiled: {}", model_path,
               model->fallback_reason_);
    }
  }
  return model;
}

XgboostModel::XgboostModel(XgbBooster booster, ModelManifest manifest, std::string predict_config)
    : booster_(std::move(booster)),
      manifest_(std::move(manifest)),
      predict_config_(std::move(predict_config)) {}

Status XgboostModel::Predict(std::span<const double> rows, std::span<double> probabilities) {
  const std::size_t width = row_width();
  if (rows.size() % width != 0) {
    return InvalidArgumentError("model {}: {} values are not whole rows of {} features",
                                manifest_.Tag(), rows.size(), width);
  }
  const std::size_t row_count = rows.size() / width;
  if (probabilities.size() != row_count) {
    return InvalidArgumentError("model {}: {} rows but room for {} probabilities", manifest_.Tag(),
                                row_count, probabilities.size());
  }
  if (row_count == 0) return Status::Ok();
  if (engine_ == XgboostEngine::kCompiled) {
    PredictCompiled(rows, probabilities);
  } else {
    RETURN_IF_ERROR(PredictLibrary(rows, probabilities));
  }
  ApplyCalibration(manifest_.calibration, probabilities);
  return Status::Ok();
}

Status XgboostModel::CheckCompiledAgainstLibrary() {
  // Probe rows: all missing, all zero, then values in [-3, 3) from a fixed linear congruential
  // sequence with about one in eight missing.
  constexpr std::size_t kProbes = 10;
  const std::size_t width = row_width();
  std::vector<double> rows(kProbes * width, 0.0);
  std::fill_n(rows.begin(), width, std::numeric_limits<double>::quiet_NaN());
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  for (std::size_t i = 2 * width; i < rows.size(); ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    const auto bits = static_cast<std::uint32_t>(state >> 32);
    rows[i] = (bits & 7u) == 0 ? std::numeric_limits<double>::quiet_NaN()
                               : static_cast<double>(bits >> 3) / (1u << 29) * 6.0 - 3.0;
  }
  std::vector<double> library(kProbes), compiled(kProbes);
  RETURN_IF_ERROR(PredictLibrary(rows, library));
  PredictCompiled(rows, compiled);
  for (std::size_t r = 0; r < kProbes; ++r) {
    if (compiled[r] != library[r]) {
      return InternalError(
          "the compiled trees give {} on probe row {} where libxgboost gives {} (XGBoost {})",
          compiled[r], r, library[r], XgbVersion());
    }
  }
  return Status::Ok();
}

void XgboostModel::PredictCompiled(std::span<const double> rows, std::span<double> probabilities) {
  // Margins in chunks on the stack: nothing is allocated.
  constexpr std::size_t kChunk = 256;
  float margins[kChunk];
  const std::size_t width = row_width();
  for (std::size_t begin = 0; begin < probabilities.size(); begin += kChunk) {
    const std::size_t n = std::min(kChunk, probabilities.size() - begin);
    forest_.Evaluate(rows.subspan(begin * width, n * width), std::span<float>(margins, n));
    for (std::size_t i = 0; i < n; ++i) probabilities[begin + i] = XgboostSigmoid(margins[i]);
  }
}

Status XgboostModel::PredictLibrary(std::span<const double> rows, std::span<double> probabilities) {
  const std::size_t width = row_width();
  const std::size_t row_count = probabilities.size();
  const std::string array = DenseDoubleArrayInterface(rows.data(), row_count, width);
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* out = nullptr;
  RETURN_IF_ERROR(
      XgbStatus(XGBoosterPredictFromDense(booster_.get(), array.c_str(), predict_config_.c_str(),
                                          nullptr, &shape, &dims, &out),
                fmt::format("model {}: predicting", manifest_.Tag())));
  bst_ulong values = 1;
  for (bst_ulong d = 0; d < dims; ++d) values *= shape[d];
  if (values != row_count) {
    return InternalError("model {}: XGBoost returned {} values for {} rows", manifest_.Tag(),
                         values, row_count);
  }
  for (std::size_t i = 0; i < row_count; ++i) probabilities[i] = out[i];
  return Status::Ok();
}

}  // namespace pulse::inference
