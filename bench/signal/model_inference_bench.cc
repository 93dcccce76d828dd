// Model inference on one bar close: an XGBoost classifier of 100 trees, depth 6, over 40
// features (trained in the set-up on seeded synthetic data) and a small ONNX MLP run by OpenCV
// DNN, one row at a time and in batches of 1000 rows (one row per symbol).
//
//   BM_XgboostLibrary_SingleRow          XgboostModel::PredictOne on the library engine
//                                        (libxgboost's in-place dense prediction)
//   BM_XgboostLibrary_Batch1000          one Predict over 1000 rows, library engine, nthread 1
//   BM_XgboostLibrary_Batch1000Threads2  the same with nthread 2
//   BM_XgboostCompiled_SingleRow         PredictOne on the compiled engine (the default)
//   BM_XgboostCompiled_Batch1000         one Predict over 1000 rows, compiled engine
//   BM_XgboostDMatrix_Batch1000          baseline: the classic C API route, a float DMatrix per
//                                        batch (XGDMatrixCreateFromMat) + XGBoosterPredict
//   BM_OnnxModel_MlpSingleRow            the test suite's MLP (6-16-1), one row
//   BM_OnnxModel_MlpBatch1000            the same, 1000 rows in one forward pass
//
// Counter us_per_row: wall time per row. The compiled rows also report library_ratio: the
// library engine's time for the same call (timed in the same process just before) over the
// compiled engine's. The goal: <= 2 us/row batched for XGBoost.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "adapters/inference/onnx_model.h"
#include "adapters/inference/testing/synthetic_data.h"
#include "adapters/inference/testing/temp_dir.h"
#include "adapters/inference/testing/test_manifest.h"
#include "adapters/inference/xgboost_model.h"
#include "adapters/inference/xgboost_trainer.h"

namespace pulse::inference {
namespace {

constexpr std::size_t kFeatures = 40;
constexpr std::size_t kBatch = 1000;

ModelManifest Manifest(const std::string& format, std::size_t features) {
  return TestManifest("bench", format, features);
}

// Trains the XGBoost model and builds the ONNX model once per process.
struct Fixture {
  TempDir dir;
  SyntheticDataset rows{kBatch, kFeatures, 123};
  std::string xgboost_path = dir.File("bench.ubj");
  std::string onnx_error;

  Fixture() {
    const SyntheticDataset data(20000, kFeatures, 7);
    XgboostTrainingParams params;
    params.rounds = 100;
    params.max_depth = 6;
    params.early_stopping_rounds = 0;
    params.nthread = 2;
    XgboostTrainer trainer(params);
    auto trained = trainer.Train(data.View());
    if (!trained.ok() || !trainer.Save(xgboost_path).ok()) {
      std::fprintf(stderr, "training failed: %s\n", trained.status().ToString().c_str());
      std::abort();
    }
    const std::string command = fmt::format("/usr/bin/python3 {}/make_onnx_models.py {}",
                                            PULSE_INFERENCE_TESTDATA_DIR, dir.path());
    if (std::system(command.c_str()) != 0) {
      onnx_error = "building the ONNX models failed: install python3-onnx and python3-numpy";
    }
  }

  static Fixture& Get() {
    static Fixture fixture;
    return fixture;
  }
};

std::unique_ptr<XgboostModel> LoadXgboost(int nthread, XgboostEngine engine) {
  auto model = XgboostModel::Load(Fixture::Get().xgboost_path, Manifest("xgboost", kFeatures),
                                  {.nthread = nthread, .engine = engine});
  if (!model.ok() || (*model)->engine() != engine) {
    std::fprintf(
        stderr, "%s\n",
        model.ok() ? (*model)->fallback_reason().c_str() : model.status().ToString().c_str());
    std::abort();
  }
  return std::move(model).value();
}

void SetPerRow(benchmark::State& state, std::size_t rows) {
  state.counters["us_per_row"] =
      benchmark::Counter(static_cast<double>(state.iterations() * rows) * 1e-6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Seconds per call of `call` over `calls` calls (after one warm-up call).
template <typename Call>
double SecondsPerCall(Call&& call, int calls) {
  call();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) call();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / calls;
}

// Predicts rows [i % kBatch] one at a time.
void SingleRow(benchmark::State& state, XgboostEngine engine) {
  auto model = LoadXgboost(1, engine);
  const auto& rows = Fixture::Get().rows.features;
  std::size_t i = 0;
  auto one = [&] {
    auto p =
        model->PredictOne(std::span<const double>(&rows[(i++ % kBatch) * kFeatures], kFeatures));
    benchmark::DoNotOptimize(p);
  };
  double library_seconds = 0;
  if (engine == XgboostEngine::kCompiled) {
    auto library = LoadXgboost(1, XgboostEngine::kLibrary);
    std::size_t j = 0;
    library_seconds = SecondsPerCall(
        [&] {
          auto p = library->PredictOne(
              std::span<const double>(&rows[(j++ % kBatch) * kFeatures], kFeatures));
          benchmark::DoNotOptimize(p);
        },
        20000);
  }
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) one();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>(state.iterations());
  SetPerRow(state, 1);
  if (library_seconds > 0) state.counters["library_ratio"] = library_seconds / seconds;
}

void BM_XgboostLibrary_SingleRow(benchmark::State& state) {
  SingleRow(state, XgboostEngine::kLibrary);
}
BENCHMARK(BM_XgboostLibrary_SingleRow)->UseRealTime();

void BM_XgboostCompiled_SingleRow(benchmark::State& state) {
  SingleRow(state, XgboostEngine::kCompiled);
}
BENCHMARK(BM_XgboostCompiled_SingleRow)->UseRealTime();

void BatchXgboost(benchmark::State& state, int nthread, XgboostEngine engine) {
  auto model = LoadXgboost(nthread, engine);
  const auto& rows = Fixture::Get().rows.features;
  std::vector<double> out(kBatch);
  double library_seconds = 0;
  if (engine == XgboostEngine::kCompiled) {
    auto library = LoadXgboost(nthread, XgboostEngine::kLibrary);
    library_seconds = SecondsPerCall(
        [&] {
          const Status status = library->Predict(rows, out);
          benchmark::DoNotOptimize(status);
        },
        200);
  }
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    const Status status = model->Predict(rows, out);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(out.data());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>(state.iterations());
  SetPerRow(state, kBatch);
  if (library_seconds > 0) state.counters["library_ratio"] = library_seconds / seconds;
}

void BM_XgboostLibrary_Batch1000(benchmark::State& state) {
  BatchXgboost(state, 1, XgboostEngine::kLibrary);
}
BENCHMARK(BM_XgboostLibrary_Batch1000)->UseRealTime();

void BM_XgboostLibrary_Batch1000Threads2(benchmark::State& state) {
  BatchXgboost(state, 2, XgboostEngine::kLibrary);
}
BENCHMARK(BM_XgboostLibrary_Batch1000Threads2)->UseRealTime();

void BM_XgboostCompiled_Batch1000(benchmark::State& state) {
  BatchXgboost(state, 1, XgboostEngine::kCompiled);
}
BENCHMARK(BM_XgboostCompiled_Batch1000)->UseRealTime();

void BM_XgboostDMatrix_Batch1000(benchmark::State& state) {
  XgbBooster booster;
  if (XGBoosterCreate(nullptr, 0, booster.out()) != 0 ||
      XGBoosterLoadModel(booster.get(), Fixture::Get().xgboost_path.c_str()) != 0 ||
      XGBoosterSetParam(booster.get(), "nthread", "1") != 0) {
    state.SkipWithError(XGBGetLastError());
    return;
  }
  const auto& rows = Fixture::Get().rows.features;
  std::vector<float> floats(rows.begin(), rows.end());
  for (auto _ : state) {
    XgbMatrix matrix;
    XGDMatrixCreateFromMat(floats.data(), kBatch, kFeatures, NAN, matrix.out());
    bst_ulong length = 0;
    const float* out = nullptr;
    XGBoosterPredict(booster.get(), matrix.get(), 0, 0, 0, &length, &out);
    benchmark::DoNotOptimize(out);
  }
  SetPerRow(state, kBatch);
}
BENCHMARK(BM_XgboostDMatrix_Batch1000)->UseRealTime();

void OnnxMlp(benchmark::State& state, std::size_t batch) {
  Fixture& fixture = Fixture::Get();
  if (!fixture.onnx_error.empty()) {
    state.SkipWithError(fixture.onnx_error.c_str());
    return;
  }
  auto model = OnnxModel::Load(fixture.dir.File("mlp.onnx"), Manifest("onnx", 6));
  if (!model.ok()) {
    state.SkipWithError(model.status().ToString().c_str());
    return;
  }
  std::vector<double> rows(batch * 6);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = 0.01 * static_cast<double>(i % 97) - 0.5;
  std::vector<double> out(batch);
  for (auto _ : state) {
    const Status status = (*model)->Predict(rows, out);
    benchmark::DoNotOptimize(status);
  }
  SetPerRow(state, batch);
}

void BM_OnnxModel_MlpSingleRow(benchmark::State& state) { OnnxMlp(state, 1); }
BENCHMARK(BM_OnnxModel_MlpSingleRow)->UseRealTime();

void BM_OnnxModel_MlpBatch1000(benchmark::State& state) { OnnxMlp(state, kBatch); }
BENCHMARK(BM_OnnxModel_MlpBatch1000)->UseRealTime();

}  // namespace
}  // namespace pulse::inference
