// Thin helpers over XGBoost's C API shared by XgboostModel and XgboostTrainer: return codes
// turned into Status with XGBGetLastError's text, owning handles, and the JSON array interface
// that hands a dense row-major double matrix to XGBoost without copying.
// Internal to adapters/inference.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <xgboost/c_api.h>

#include "core/status.h"

namespace pulse::inference {

// OK for rc == 0, else InvalidArgument "<what>: <XGBoost's last error>" (XGBoost's errors are
// almost always about the model file or the data it was given).
Status XgbStatus(int rc, std::string_view what);

// Owns one BoosterHandle. Move-only; not thread-safe.
class XgbBooster {
 public:
  XgbBooster() = default;
  explicit XgbBooster(BoosterHandle handle) : handle_(handle) {}
  ~XgbBooster();
  XgbBooster(XgbBooster&& other) noexcept : handle_(other.release()) {}
  XgbBooster& operator=(XgbBooster&& other) noexcept;
  XgbBooster(const XgbBooster&) = delete;
  XgbBooster& operator=(const XgbBooster&) = delete;

  BoosterHandle get() const { return handle_; }
  BoosterHandle* out() { return &handle_; }
  BoosterHandle release() {
    BoosterHandle h = handle_;
    handle_ = nullptr;
    return h;
  }

 private:
  BoosterHandle handle_ = nullptr;
};

// Owns one DMatrixHandle. Move-only; not thread-safe.
class XgbMatrix {
 public:
  XgbMatrix() = default;
  ~XgbMatrix();
  XgbMatrix(XgbMatrix&& other) noexcept : handle_(other.handle_) { other.handle_ = nullptr; }
  XgbMatrix(const XgbMatrix&) = delete;
  XgbMatrix& operator=(const XgbMatrix&) = delete;
  XgbMatrix& operator=(XgbMatrix&& other) noexcept;

  DMatrixHandle get() const { return handle_; }
  DMatrixHandle* out() { return &handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

// The __array_interface__ JSON (version 3, "<f8") of a row-major rows x cols double matrix.
std::string DenseDoubleArrayInterface(const double* data, std::size_t rows, std::size_t cols);

// The linked libxgboost's version, "1.7.4".
std::string XgbVersion();

// The booster's objective name from its JSON configuration (e.g. "binary:logistic").
Result<std::string> BoosterObjective(BoosterHandle booster);

}  // namespace pulse::inference
