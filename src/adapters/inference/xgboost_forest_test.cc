// The compiled engine (FlatForest via CompileXgboostForest) against libxgboost itself: margins
// and probabilities must be the same floats, on trained models of several depths, JSON and UBJ
// files, missing and extreme inputs, extreme leaves, another base_score and random forests;
// models it cannot represent run on libxgboost.
#include "adapters/inference/xgboost_forest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "adapters/inference/testing/synthetic_data.h"
#include "adapters/inference/testing/temp_dir.h"
#include "adapters/inference/testing/test_manifest.h"
#include "adapters/inference/xgboost_model.h"
#include "adapters/inference/xgboost_trainer.h"

namespace pulse::inference {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ModelManifest ManifestFor(std::size_t features) {
  return TestManifest("forest", "xgboost", features);
}

std::unique_ptr<XgboostModel> LoadOrDie(const std::string& path, std::size_t features,
                                        XgboostEngine engine) {
  auto model = XgboostModel::Load(path, ManifestFor(features), {.nthread = 1, .engine = engine});
  EXPECT_TRUE(model.ok()) << model.status();
  if (!model.ok()) return nullptr;
  return std::move(model).value();
}

// libxgboost's raw margins (output type 1) for row-major rows.
std::vector<float> LibraryMargins(const std::string& path, std::span<const double> rows,
                                  std::size_t features) {
  XgbBooster booster;
  EXPECT_EQ(XGBoosterCreate(nullptr, 0, booster.out()), 0);
  EXPECT_EQ(XGBoosterLoadModel(booster.get(), path.c_str()), 0) << XGBGetLastError();
  EXPECT_EQ(XGBoosterSetParam(booster.get(), "nthread", "1"), 0);
  const std::size_t n = rows.size() / features;
  const std::string array = DenseDoubleArrayInterface(rows.data(), n, features);
  const char* config =
      R"({"type": 1, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
      R"("strict_shape": false, "missing": NaN, "cache_id": 0})";
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* out = nullptr;
  EXPECT_EQ(
      XGBoosterPredictFromDense(booster.get(), array.c_str(), config, nullptr, &shape, &dims, &out),
      0)
      << XGBGetLastError();
  return out == nullptr ? std::vector<float>() : std::vector<float>(out, out + n);
}

std::uint32_t Bits(float f) {
  std::uint32_t u = 0;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

// Asserts both engines give the same probability (as the float XGBoost returns, widened to
// double, compared exactly) for every row, predicting all rows at once and in prefixes of
// 1..40 rows (every block shape of the compiled engine), and that the compiled margins are
// libxgboost's margins bit for bit.
void ExpectSameOutput(const std::string& path, std::span<const double> rows, std::size_t features) {
  auto library = LoadOrDie(path, features, XgboostEngine::kLibrary);
  auto compiled = LoadOrDie(path, features, XgboostEngine::kCompiled);
  ASSERT_TRUE(library && compiled);
  ASSERT_EQ(library->engine(), XgboostEngine::kLibrary);
  ASSERT_EQ(compiled->engine(), XgboostEngine::kCompiled) << compiled->fallback_reason();
  const std::size_t n = rows.size() / features;
  std::vector<double> want(n), got(n);
  ASSERT_TRUE(library->Predict(rows, want).ok());
  ASSERT_TRUE(compiled->Predict(rows, got).ok());
  for (std::size_t r = 0; r < n; ++r) ASSERT_EQ(got[r], want[r]) << path << " row " << r;

  for (std::size_t prefix = 1; prefix <= std::min<std::size_t>(n, 40); ++prefix) {
    std::vector<double> part(prefix);
    ASSERT_TRUE(compiled->Predict(rows.first(prefix * features), part).ok());
    for (std::size_t r = 0; r < prefix; ++r) {
      ASSERT_EQ(part[r], want[r]) << path << " prefix " << prefix << " row " << r;
    }
  }

  XgbBooster booster;
  ASSERT_EQ(XGBoosterCreate(nullptr, 0, booster.out()), 0);
  ASSERT_EQ(XGBoosterLoadModel(booster.get(), path.c_str()), 0);
  auto forest = CompileXgboostForest(booster.get(), features);
  ASSERT_TRUE(forest.ok()) << forest.status();
  std::vector<float> margins(n);
  forest->Evaluate(rows, margins);
  const std::vector<float> library_margins = LibraryMargins(path, rows, features);
  ASSERT_EQ(library_margins.size(), n);
  for (std::size_t r = 0; r < n; ++r) {
    ASSERT_EQ(Bits(margins[r]), Bits(library_margins[r]))
        << path << " row " << r << ": " << margins[r] << " vs " << library_margins[r];
  }
}

// Fresh rows: normal values with a share missing, one row entirely missing.
std::vector<double> FreshRows(std::size_t rows, std::size_t features, std::uint64_t seed) {
  SyntheticDataset fresh(rows, features, seed, 0.2);
  for (std::size_t c = 0; c < features; ++c) fresh.features[5 * features + c] = NAN;
  return fresh.features;
}

std::string TrainAndSave(const TempDir& dir, const std::string& name, int depth, int rounds,
                         std::size_t features, std::uint64_t seed) {
  const SyntheticDataset data(3000, features, seed, 0.1);
  XgboostTrainingParams p;
  p.rounds = rounds;
  p.max_depth = depth;
  p.eta = 0.3;
  p.early_stopping_rounds = 0;
  XgboostTrainer trainer(p);
  EXPECT_TRUE(trainer.Train(data.View()).ok());
  const std::string path = dir.File(name);
  EXPECT_TRUE(trainer.Save(path).ok());
  return path;
}

TEST(XgboostForestTest, TrainedModelsOfSeveralDepthsMatchTheLibraryExactly) {
  TempDir dir;
  for (const int depth : {1, 3, 6, 9}) {
    SCOPED_TRACE(depth);
    const std::string path =
        TrainAndSave(dir, "d" + std::to_string(depth) + ".ubj", depth, 40, 12, depth);
    ExpectSameOutput(path, FreshRows(1500, 12, 100 + depth), 12);
  }
}

TEST(XgboostForestTest, JsonAndUbjFilesMatchTheLibraryExactly) {
  TempDir dir;
  const std::string json = TrainAndSave(dir, "m.json", 4, 30, 8, 7);
  const std::string ubj = TrainAndSave(dir, "m.ubj", 4, 30, 8, 7);
  const std::vector<double> rows = FreshRows(777, 8, 99);
  ExpectSameOutput(json, rows, 8);
  ExpectSameOutput(ubj, rows, 8);
  // The bench shape: 100 trees of depth 6 over 40 features.
  const std::string wide = TrainAndSave(dir, "wide.ubj", 6, 100, 40, 3);
  ExpectSameOutput(wide, FreshRows(1000, 40, 5), 40);
}

TEST(XgboostForestTest, MissingExtremeAndThresholdValuesMatchTheLibraryExactly) {
  TempDir dir;
  const std::string path = TrainAndSave(dir, "m.json", 6, 30, 6, 11);
  // Every threshold of the model, and its float neighbours, as inputs: the `<` rule at the
  // boundary, after rounding the double to float.
  const auto model = nlohmann::json::parse(ReadBytes(path));
  std::vector<double> values = {NAN,     kInf,   -kInf,   1e300, -1e300, 1e-300,
                                -1e-300, 3.4e38, -3.4e38, 0.0,   -0.0};
  for (const auto& tree : model["learner"]["gradient_booster"]["model"]["trees"]) {
    const auto& left = tree["left_children"];
    const auto& cond = tree["split_conditions"];
    for (std::size_t i = 0; i < left.size(); ++i) {
      if (left[i].get<int>() == -1) continue;
      const auto t = cond[i].get<float>();
      values.push_back(t);
      values.push_back(std::nextafter(t, -kInf));
      values.push_back(std::nextafter(t, kInf));
      // Doubles between floats: rounding to float decides the side.
      values.push_back(static_cast<double>(t) + 1e-12);
      values.push_back(static_cast<double>(t) - 1e-12);
    }
  }
  std::mt19937_64 rng(4);
  std::vector<double> rows(3000 * 6);
  for (double& v : rows) v = values[rng() % values.size()];
  ExpectSameOutput(path, rows, 6);
}

// Rewrites a saved JSON model with `edit` applied to its parsed document.
std::string EditModel(const TempDir& dir, const std::string& from, const std::string& to,
                      const std::function<void(nlohmann::json&)>& edit) {
  auto model = nlohmann::json::parse(ReadBytes(from));
  edit(model);
  const std::string path = dir.File(to);
  std::ofstream(path) << model.dump();
  return path;
}

TEST(XgboostForestTest, ExtremeLeavesAndAnotherBaseScoreMatchTheLibraryExactly) {
  TempDir dir;
  const std::string path = TrainAndSave(dir, "m.json", 5, 30, 6, 13);
  // Leaves 60 times larger: margins far beyond +-88.7, where XGBoost's sigmoid clamps.
  const std::string big = EditModel(dir, path, "big.json", [](nlohmann::json& m) {
    for (auto& tree : m["learner"]["gradient_booster"]["model"]["trees"]) {
      for (std::size_t i = 0; i < tree["left_children"].size(); ++i) {
        if (tree["left_children"][i].get<int>() != -1) continue;
        tree["split_conditions"][i] = tree["split_conditions"][i].get<float>() * 60.0f;
      }
    }
  });
  const std::vector<double> rows = FreshRows(1000, 6, 21);
  ExpectSameOutput(big, rows, 6);
  auto compiled = LoadOrDie(big, 6, XgboostEngine::kCompiled);
  ASSERT_TRUE(compiled);
  std::vector<double> p(1000);
  ASSERT_TRUE(compiled->Predict(rows, p).ok());
  EXPECT_GT(std::count_if(p.begin(), p.end(), [](double x) { return x < 1e-38; }), 10);
  EXPECT_GT(std::count_if(p.begin(), p.end(), [](double x) { return x == 1.0; }), 10);

  for (const char* base : {"3E-1", "9.1234567E-1", "1E-3"}) {
    SCOPED_TRACE(base);
    const std::string shifted = EditModel(dir, path, "base.json", [&](nlohmann::json& m) {
      m["learner"]["learner_model_param"]["base_score"] = base;
    });
    ExpectSameOutput(shifted, rows, 6);
  }
}

// Trains a booster through the C API with extra parameters (booster, num_parallel_tree, ...)
// and saves it as JSON.
std::string TrainWithParams(const TempDir& dir, const std::string& name,
                            const std::vector<std::pair<std::string, std::string>>& params) {
  const SyntheticDataset data(2000, 6, 17, 0.1);
  std::vector<float> x(data.features.begin(), data.features.end());
  std::vector<float> y(data.labels.begin(), data.labels.end());
  XgbMatrix matrix;
  EXPECT_EQ(XGDMatrixCreateFromMat(x.data(), y.size(), 6, NAN, matrix.out()), 0);
  EXPECT_EQ(XGDMatrixSetFloatInfo(matrix.get(), "label", y.data(), y.size()), 0);
  XgbBooster booster;
  DMatrixHandle handles[] = {matrix.get()};
  EXPECT_EQ(XGBoosterCreate(handles, 1, booster.out()), 0);
  EXPECT_EQ(XGBoosterSetParam(booster.get(), "objective", "binary:logistic"), 0);
  EXPECT_EQ(XGBoosterSetParam(booster.get(), "nthread", "1"), 0);
  EXPECT_EQ(XGBoosterSetParam(booster.get(), "seed", "1"), 0);
  for (const auto& [key, value] : params) {
    EXPECT_EQ(XGBoosterSetParam(booster.get(), key.c_str(), value.c_str()), 0);
  }
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(XGBoosterUpdateOneIter(booster.get(), i, matrix.get()), 0) << XGBGetLastError();
  }
  const std::string path = dir.File(name);
  EXPECT_EQ(XGBoosterSaveModel(booster.get(), path.c_str()), 0);
  return path;
}

TEST(XgboostForestTest, RandomForestsMatchTheLibraryExactly) {
  TempDir dir;
  const std::string path = TrainWithParams(dir, "rf.json",
                                           {{"num_parallel_tree", "4"},
                                            {"subsample", "0.7"},
                                            {"colsample_bynode", "0.7"},
                                            {"max_depth", "5"}});
  ExpectSameOutput(path, FreshRows(600, 6, 3), 6);
}

TEST(XgboostForestTest, DartRunsOnTheLibraryAndGblinearIsRefusedAtLoad) {
  TempDir dir;
  const std::vector<double> rows = FreshRows(300, 6, 8);
  const std::string dart =
      TrainWithParams(dir, "dart.json", {{"booster", "dart"}, {"rate_drop", "0.3"}});
  auto model = LoadOrDie(dart, 6, XgboostEngine::kCompiled);
  ASSERT_TRUE(model);
  EXPECT_EQ(model->engine(), XgboostEngine::kLibrary);
  EXPECT_EQ(model->fallback_reason(), "booster \"dart\" (only gbtree is compiled)");
  auto library = LoadOrDie(dart, 6, XgboostEngine::kLibrary);
  ASSERT_TRUE(library);
  EXPECT_TRUE(library->fallback_reason().empty());
  std::vector<double> got(300), want(300);
  ASSERT_TRUE(model->Predict(rows, got).ok());
  ASSERT_TRUE(library->Predict(rows, want).ok());
  EXPECT_EQ(got, want);
  EXPECT_GT(*std::max_element(got.begin(), got.end()), 0.8);
  EXPECT_LT(*std::min_element(got.begin(), got.end()), 0.2);

  // libxgboost has no in-place prediction for gblinear: neither engine runs it.
  const std::string linear = TrainWithParams(dir, "linear.json", {{"booster", "gblinear"}});
  auto compiled = XgboostModel::Load(linear, ManifestFor(6));
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(compiled.status().message().find(
                "runs on neither engine: not compiled (booster \"gblinear\""),
            std::string::npos)
      << compiled.status();
  EXPECT_NE(compiled.status().message().find("Inplace predict is not supported"), std::string::npos)
      << compiled.status();
  auto on_library = XgboostModel::Load(linear, ManifestFor(6), {.engine = XgboostEngine::kLibrary});
  ASSERT_FALSE(on_library.ok());
  EXPECT_NE(on_library.status().message().find("does not run on libxgboost"), std::string::npos)
      << on_library.status();
}

TEST(XgboostForestTest, UnrepresentableJsonIsUnimplementedWithTheReason) {
  TempDir dir;
  const std::string path = TrainAndSave(dir, "m.json", 3, 5, 4, 1);
  const std::string text = ReadBytes(path);
  ASSERT_TRUE(CompileXgboostJson(text, 4).ok());

  auto edited = [&](const std::function<void(nlohmann::json&)>& edit) {
    auto model = nlohmann::json::parse(text);
    edit(model);
    return CompileXgboostJson(model.dump(), 4).status();
  };
  const Status categorical = edited([](nlohmann::json& m) {
    m["learner"]["gradient_booster"]["model"]["trees"][2]["split_type"][0] = 1;
  });
  EXPECT_EQ(categorical.code(), StatusCode::kUnimplemented);
  EXPECT_NE(categorical.message().find("tree 2 has categorical splits"), std::string::npos)
      << categorical;
  const Status classes =
      edited([](nlohmann::json& m) { m["learner"]["learner_model_param"]["num_class"] = "3"; });
  EXPECT_EQ(classes.code(), StatusCode::kUnimplemented);
  EXPECT_NE(classes.message().find("3 classes"), std::string::npos) << classes;
  const Status groups = edited(
      [](nlohmann::json& m) { m["learner"]["gradient_booster"]["model"]["tree_info"][1] = 1; });
  EXPECT_EQ(groups.code(), StatusCode::kUnimplemented);
  const Status objective =
      edited([](nlohmann::json& m) { m["learner"]["objective"]["name"] = "reg:squarederror"; });
  EXPECT_EQ(objective.code(), StatusCode::kUnimplemented);

  // Malformed documents are InvalidArgument, never an exception.
  EXPECT_EQ(CompileXgboostJson("{\"learner\": [1, 2", 4).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CompileXgboostJson("{\"learner\": {}}", 4).status().code(),
            StatusCode::kInvalidArgument);
  const Status feature = edited([](nlohmann::json& m) {
    m["learner"]["gradient_booster"]["model"]["trees"][0]["split_indices"][0] = 9;
  });
  EXPECT_EQ(feature.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(feature.message().find("tree 0: node 0 splits on feature 9 of 4"), std::string::npos)
      << feature;
  const Status cycle = edited([](nlohmann::json& m) {
    auto& tree = m["learner"]["gradient_booster"]["model"]["trees"][0];
    tree["left_children"][1] = 1;
  });
  EXPECT_EQ(cycle.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(cycle.message().find("reached twice"), std::string::npos) << cycle;
}

TEST(XgboostForestTest, FlatForestFollowsTheSplitRuleAndDefaultBranches) {
  // x0 < 0.5 ? (x1 < -1 ? 1 : 2) : 4, missing x0 goes left (default_left), missing x1 right.
  ForestTree tree;
  tree.left = {1, 3, -1, -1, -1};
  tree.right = {2, 4, -1, -1, -1};
  tree.feature = {0, 1, 0, 0, 0};
  tree.threshold = {0.5f, -1.0f, 0, 0, 0};
  tree.value = {0, 0, 4.0f, 1.0f, 2.0f};
  tree.default_left = {1, 0, 0, 0, 0};
  ForestTree stump;
  stump.left = {-1};
  stump.right = {-1};
  stump.feature = {0};
  stump.threshold = {0};
  stump.value = {0.25f};
  stump.default_left = {0};
  const ForestTree trees[] = {tree, stump};
  auto forest = FlatForest::Build(trees, 2, 0.5f);
  ASSERT_TRUE(forest.ok()) << forest.status();
  EXPECT_EQ(forest->tree_count(), 2u);
  EXPECT_EQ(forest->node_count(), 6u);
  const std::vector<double> rows = {0.4, -2,  0.4, -1,  0.5,   -5,   NAN,  -2,
                                    NAN, NAN, 0.4, NAN, -kInf, kInf, kInf, -kInf};
  std::vector<float> margins(8);
  forest->Evaluate(rows, margins);
  EXPECT_EQ(margins, (std::vector<float>{1.75f, 2.75f, 4.75f, 1.75f, 2.75f, 2.75f, 2.75f, 4.75f}));
  // 0.49999999999 rounds to the float 0.5, which is not < 0.5.
  const std::vector<double> near = {0.49999999999, -2};
  std::vector<float> one(1);
  forest->Evaluate(near, one);
  EXPECT_EQ(one[0], 4.75f);
}

TEST(XgboostForestTest, FlatForestSkipsDeletedNodesAndTakesChildrenInAnyOrder) {
  // Root at 0 splits x0 < 1 into node 4 (left, a leaf 10) and node 2 (right, splits x1 < 0 into
  // node 1 (leaf 20) and node 3 (leaf 30)); node 5 is a deleted node nothing points to.
  ForestTree tree;
  tree.left = {4, -1, 1, -1, -1, 0};
  tree.right = {2, -1, 3, -1, -1, 0};
  tree.feature = {0, 0, 1, 0, 0, 7};
  tree.threshold = {1.0f, 0, 0.0f, 0, 0, NAN};
  tree.value = {0, 20.0f, 0, 30.0f, 10.0f, 99.0f};
  tree.default_left = {0, 0, 1, 0, 0, 0};
  const ForestTree trees[] = {tree};
  auto forest = FlatForest::Build(trees, 2, 0.0f);
  ASSERT_TRUE(forest.ok()) << forest.status();
  EXPECT_EQ(forest->node_count(), 5u);
  const std::vector<double> rows = {0, 5, 2, -1, 2, 1, NAN, 0, 3, NAN};
  std::vector<float> margins(5);
  forest->Evaluate(rows, margins);
  EXPECT_EQ(margins, (std::vector<float>{10.0f, 20.0f, 30.0f, 30.0f, 20.0f}));
}

TEST(XgboostForestTest, EngineNamesParse) {
  EXPECT_EQ(*ParseXgboostEngine("compiled"), XgboostEngine::kCompiled);
  EXPECT_EQ(*ParseXgboostEngine("library"), XgboostEngine::kLibrary);
  EXPECT_EQ(XgboostEngineName(XgboostEngine::kCompiled), "compiled");
  EXPECT_EQ(XgboostEngineName(XgboostEngine::kLibrary), "library");
  const auto bad = ParseXgboostEngine("fast");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown XGBoost engine \"fast\""), std::string::npos);
}

TEST(XgboostForestTest, SigmoidIsXgboostsClampedFloatSigmoid) {
  EXPECT_EQ(XgboostSigmoid(0.0f), 0.5f);
  EXPECT_EQ(XgboostSigmoid(100.0f), 1.0f);
  // Clamped at -88.7: tiny but not zero, the same for every margin below.
  EXPECT_GT(XgboostSigmoid(-100.0f), 0.0f);
  EXPECT_EQ(XgboostSigmoid(-100.0f), XgboostSigmoid(-1000.0f));
}

}  // namespace
}  // namespace pulse::inference
