#include "adapters/inference/open_model.h"

#include <filesystem>
#include <utility>

#include "adapters/inference/manifest_json.h"
#include "adapters/inference/onnx_model.h"
#include "adapters/inference/xgboost_model.h"

namespace pulse::inference {
namespace {

// The backend a file extension implies, or "" for an unknown extension.
std::string FormatOfExtension(const std::string& extension) {
  if (extension == ".json" || extension == ".ubj") return "xgboost";
  if (extension == ".onnx") return "onnx";
  return "";
}

}  // namespace

Result<std::unique_ptr<ModelRunner>> OpenModel(const std::string& model_path,
                                               const OpenModelOptions& options) {
  const std::filesystem::path path(model_path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return NotFoundError("model file {} does not exist", model_path);
  }
  const std::string manifest_path = ManifestPathFor(model_path);
  auto manifest = ReadManifest(manifest_path);
  if (!manifest.ok()) {
    if (manifest.status().code() == StatusCode::kNotFound) {
      return NotFoundError("model {} has no manifest: expected {} beside it", model_path,
                           manifest_path);
    }
    return manifest.status();
  }
  const std::string file_name = path.filename().string();
  if (manifest->model_file != file_name) {
    return InvalidArgumentError("manifest {} describes model_file \"{}\", not \"{}\"",
                                manifest_path, manifest->model_file, file_name);
  }
  const std::string extension = path.extension().string();
  const std::string implied = FormatOfExtension(extension);
  if (implied.empty()) {
    return InvalidArgumentError(
        "model {}: unknown extension \"{}\" (expected .json or .ubj for XGBoost, .onnx for ONNX)",
        model_path, extension);
  }
  if (implied != manifest->format) {
    return InvalidArgumentError("model {}: manifest format is \"{}\" but a {} file is {}",
                                model_path, manifest->format, extension, implied);
  }
  if (manifest->format == "xgboost") {
    ASSIGN_OR_RETURN(auto model,
                     XgboostModel::Load(model_path, *std::move(manifest), options.xgboost));
    return std::unique_ptr<ModelRunner>(std::move(model));
  }
  ASSIGN_OR_RETURN(auto model, OnnxModel::Load(model_path, *std::move(manifest)));
  return std::unique_ptr<ModelRunner>(std::move(model));
}

}  // namespace pulse::inference
