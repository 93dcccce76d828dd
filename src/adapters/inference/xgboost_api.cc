#include "adapters/inference/xgboost_api.h"

#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pulse::inference {

Status XgbStatus(int rc, std::string_view what) {
  if (rc == 0) return Status::Ok();
  const char* last = XGBGetLastError();
  std::string_view message = last == nullptr ? "unknown XGBoost error" : last;
  // Keep XGBoost's message, not the native stack trace it appends.
  message = message.substr(0, message.find("\nStack trace:"));
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.remove_suffix(1);
  }
  return InvalidArgumentError("{}: {}", what, message);
}

XgbBooster::~XgbBooster() {
  if (handle_ != nullptr) XGBoosterFree(handle_);
}

XgbBooster& XgbBooster::operator=(XgbBooster&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) XGBoosterFree(handle_);
    handle_ = other.release();
  }
  return *this;
}

XgbMatrix::~XgbMatrix() {
  if (handle_ != nullptr) XGDMatrixFree(handle_);
}

XgbMatrix& XgbMatrix::operator=(XgbMatrix&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) XGDMatrixFree(handle_);
    handle_ = other.handle_;
    other.handle_ = nullptr;
  }
  return *this;
}

std::string DenseDoubleArrayInterface(const double* data, std::size_t rows, std::size_t cols) {
  return fmt::format(R"({{"data": [{}, true], "shape": [{}, {}], "typestr": "<f8", "version": 3}})",
                     reinterpret_cast<std::uintptr_t>(data), rows, cols);
}

std::string XgbVersion() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return fmt::format("{}.{}.{}", major, minor, patch);
}

Result<std::string> BoosterObjective(BoosterHandle booster) {
  bst_ulong length = 0;
  const char* text = nullptr;
  RETURN_IF_ERROR(
      XgbStatus(XGBoosterSaveJsonConfig(booster, &length, &text), "reading the model's config"));
  auto config = nlohmann::json::parse(std::string_view(text, length), nullptr, false);
  if (config.is_discarded()) return InternalError("XGBoost returned a config that is not JSON");
  const auto pointer = nlohmann::json::json_pointer("/learner/objective/name");
  if (!config.contains(pointer) || !config[pointer].is_string()) {
    return InternalError("XGBoost's config names no objective");
  }
  return config[pointer].get<std::string>();
}

}  // namespace pulse::inference
