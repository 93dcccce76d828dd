#include "adapters/inference/onnx_model.h"

#include <cmath>
#include <exception>
#include <filesystem>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "adapters/inference/probability_calibration.h"

namespace pulse::inference {

struct OnnxModel::Graph {
  cv::dnn::Net net;
  std::vector<float> input;  // reused between calls
};

namespace {

// OpenCV's description without its source location prefix when it has one.
std::string OpenCvMessage(const std::exception& e) {
  if (const auto* cv_error = dynamic_cast<const cv::Exception*>(&e)) {
    return cv_error->err.empty() ? std::string(e.what()) : cv_error->err;
  }
  return e.what();
}

// Deterministic, varied self-test inputs in [-1.5, 1.5].
std::vector<double> SelfTestRows(std::size_t rows, std::size_t width) {
  std::vector<double> values(rows * width);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = 1.5 * std::sin(0.7 * i + 0.3);
  return values;
}

}  // namespace

OnnxModel::OnnxModel(std::unique_ptr<Graph> graph, ModelManifest manifest, std::string path)
    : graph_(std::move(graph)), manifest_(std::move(manifest)), path_(std::move(path)) {}

OnnxModel::~OnnxModel() = default;

Result<std::unique_ptr<OnnxModel>> OnnxModel::Load(const std::string& model_path,
                                                   ModelManifest manifest) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(model_path, ec)) {
    return NotFoundError("ONNX model {} does not exist", model_path);
  }
  if (manifest.sequence_length < 1 || manifest.feature_names.empty()) {
    return InvalidArgumentError("ONNX model {}: manifest needs feature names and sequence_length",
                                model_path);
  }
  if (manifest.calibration) {
    Status calibration = CheckCalibration(*manifest.calibration);
    if (!calibration.ok()) return calibration.WithContext("ONNX model " + model_path);
  }
  auto graph = std::make_unique<Graph>();
  try {
    graph->net = cv::dnn::readNetFromONNX(model_path);
  } catch (const std::exception& e) {
    return InvalidArgumentError("ONNX model {} cannot be imported by OpenCV DNN: {}", model_path,
                                OpenCvMessage(e));
  }
  if (graph->net.empty()) {
    return InvalidArgumentError("ONNX model {} imported as an empty graph", model_path);
  }
  graph->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
  graph->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);

  std::unique_ptr<OnnxModel> model(
      new OnnxModel(std::move(graph), std::move(manifest), model_path));
  const std::size_t width = model->row_width();

  // Self-test: one row, then two rows at once; batching is used only when it agrees.
  const std::vector<double> rows = SelfTestRows(2, width);
  double single[2] = {0, 0};
  for (int r = 0; r < 2; ++r) {
    Status status = model->Run(rows.data() + r * width, 1, &single[r]);
    if (!status.ok()) return status.WithContext("self-test forward pass");
  }
  double pair[2] = {-1, -1};
  model->batched_ = model->Run(rows.data(), 2, pair).ok() && std::abs(pair[0] - single[0]) < 1e-5 &&
                    std::abs(pair[1] - single[1]) < 1e-5;
  return model;
}

Status OnnxModel::Run(const double* rows, std::size_t row_count, double* probabilities) {
  const std::size_t width = row_width();
  graph_->input.assign(rows, rows + row_count * width);
  const int features = static_cast<int>(manifest_.feature_names.size());
  const int batch = static_cast<int>(row_count);
  cv::Mat blob;
  if (manifest_.sequence_length == 1) {
    blob = cv::Mat(batch, features, CV_32F, graph_->input.data());
  } else {
    const int sizes[3] = {batch, manifest_.sequence_length, features};
    blob = cv::Mat(3, sizes, CV_32F, graph_->input.data());
  }
  cv::Mat out;
  try {
    graph_->net.setInput(blob);
    out = graph_->net.forward();
  } catch (const std::exception& e) {
    return InvalidArgumentError(
        "ONNX model {}: forward pass on a [{}] input failed: {}", path_,
        manifest_.sequence_length == 1
            ? fmt::format("{}, {}", batch, features)
            : fmt::format("{}, {}, {}", batch, manifest_.sequence_length, features),
        OpenCvMessage(e));
  }
  if (out.depth() != CV_32F || !out.isContinuous()) {
    return InvalidArgumentError("ONNX model {}: output is not a dense float tensor", path_);
  }
  const std::size_t total = out.total();
  if (total != row_count && total != 2 * row_count) {
    return InvalidArgumentError(
        "ONNX model {}: output has {} values for {} rows; expected one probability or two "
        "class probabilities per row",
        path_, total, row_count);
  }
  const std::size_t per_row = total / row_count;
  const float* values = out.ptr<float>();
  for (std::size_t r = 0; r < row_count; ++r) {
    const double p = values[r * per_row + per_row - 1];
    if (!std::isfinite(p) || p < 0 || p > 1) {
      return InvalidArgumentError(
          "ONNX model {}: output {} of row {} is not a probability in [0, 1] (end the graph "
          "with Sigmoid or Softmax)",
          path_, p, r);
    }
    probabilities[r] = p;
  }
  return Status::Ok();
}

Status OnnxModel::Predict(std::span<const double> rows, std::span<double> probabilities) {
  const std::size_t width = row_width();
  if (rows.size() % width != 0) {
    return InvalidArgumentError("model {}: {} values are not whole rows of {}", manifest_.Tag(),
                                rows.size(), width);
  }
  const std::size_t row_count = rows.size() / width;
  if (probabilities.size() != row_count) {
    return InvalidArgumentError("model {}: {} rows but room for {} probabilities", manifest_.Tag(),
                                row_count, probabilities.size());
  }
  const std::size_t features = manifest_.feature_names.size();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (std::isnan(rows[i])) {
      return InvalidArgumentError("model {}: row {} feature {} is missing (NaN)", manifest_.Tag(),
                                  i / width, manifest_.feature_names[i % features]);
    }
  }
  if (row_count == 0) return Status::Ok();
  if (batched_) {
    RETURN_IF_ERROR(Run(rows.data(), row_count, probabilities.data()));
  } else {
    for (std::size_t r = 0; r < row_count; ++r) {
      RETURN_IF_ERROR(Run(rows.data() + r * width, 1, &probabilities[r]));
    }
  }
  ApplyCalibration(manifest_.calibration, probabilities);
  return Status::Ok();
}

}  // namespace pulse::inference
