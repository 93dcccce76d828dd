// OnnxModel and OpenModel on ONNX graphs built at test time by testdata/make_onnx_models.py
// (Debian's python3-onnx and numpy), compared with numpy's forward pass of the same weights.
#include "adapters/inference/onnx_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "adapters/inference/manifest_json.h"
#include "adapters/inference/open_model.h"
#include "adapters/inference/testing/temp_dir.h"

namespace pulse::inference {
namespace {

constexpr const char* kPython = "/usr/bin/python3";

// Builds the models once per test process into a temporary folder.
class OnnxModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string script = std::string(PULSE_INFERENCE_TESTDATA_DIR) + "/make_onnx_models.py";
    if (!std::filesystem::exists(kPython)) {
      setup_error_ = "the ONNX tests need /usr/bin/python3: install Debian's python3";
      return;
    }
    const std::string probe = std::string(kPython) + " -c 'import onnx, numpy' 2>/dev/null";
    if (std::system(probe.c_str()) != 0) {
      setup_error_ =
          "the ONNX tests build their models with Python's onnx and numpy: install Debian's "
          "python3-onnx and python3-numpy (scripts/install-deps)";
      return;
    }
    const std::string command = std::string(kPython) + " " + script + " " + dir_->path();
    if (std::system(command.c_str()) != 0) {
      setup_error_ = "running " + command + " failed";
      return;
    }
    std::ifstream in(dir_->File("expected.json"));
    std::stringstream text;
    text << in.rdbuf();
    expected_ = new nlohmann::json(nlohmann::json::parse(text.str()));
  }

  static void TearDownTestSuite() {
    delete expected_;
    delete dir_;
    expected_ = nullptr;
    dir_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(setup_error_.empty()) << setup_error_; }

  static ModelManifest ManifestFor(const std::string& name, std::size_t features, int sequence) {
    ModelManifest m;
    m.name = name;
    m.version = "1";
    m.format = "onnx";
    m.model_file = name + ".onnx";
    m.sequence_length = sequence;
    for (std::size_t i = 0; i < features; ++i) m.feature_names.push_back("f" + std::to_string(i));
    return m;
  }

  // Loads `name` and checks its predictions, batched and one row at a time, against numpy's.
  static void ExpectMatchesReference(const std::string& name) {
    const auto& e = expected_->at(name);
    const auto inputs = e.at("inputs").get<std::vector<double>>();
    const auto expected = e.at("probabilities").get<std::vector<double>>();
    auto model = OnnxModel::Load(
        dir_->File(name + ".onnx"),
        ManifestFor(name, e.at("features").get<std::size_t>(), e.at("sequence_length").get<int>()));
    ASSERT_TRUE(model.ok()) << model.status();
    const std::size_t width = (*model)->row_width();
    ASSERT_EQ(inputs.size(), expected.size() * width);

    std::vector<double> batch(expected.size(), -1);
    ASSERT_TRUE((*model)->Predict(inputs, batch).ok());
    for (std::size_t r = 0; r < expected.size(); ++r) {
      EXPECT_NEAR(batch[r], expected[r], 1e-5) << name << " row " << r;
      auto one = (*model)->PredictOne(std::span<const double>(&inputs[r * width], width));
      ASSERT_TRUE(one.ok()) << one.status();
      EXPECT_NEAR(*one, expected[r], 1e-5) << name << " row " << r << " alone";
    }
  }

  static TempDir* dir_;
  static nlohmann::json* expected_;
  static std::string setup_error_;
};

TempDir* OnnxModelTest::dir_ = nullptr;
nlohmann::json* OnnxModelTest::expected_ = nullptr;
std::string OnnxModelTest::setup_error_;

TEST_F(OnnxModelTest, PredictAppliesTheManifestCalibrationToNumpysProbabilities) {
  const auto& e = expected_->at("mlp");
  const auto inputs = e.at("inputs").get<std::vector<double>>();
  const auto expected = e.at("probabilities").get<std::vector<double>>();
  ModelManifest manifest = ManifestFor("mlp", e.at("features").get<std::size_t>(), 1);
  ProbabilityCalibration platt;
  platt.method = "platt";
  platt.a = 0.5;
  platt.b = -1.5;
  manifest.calibration = platt;
  auto model = OnnxModel::Load(dir_->File("mlp.onnx"), manifest);
  ASSERT_TRUE(model.ok()) << model.status();
  std::vector<double> got(expected.size());
  ASSERT_TRUE((*model)->Predict(inputs, got).ok());
  for (std::size_t r = 0; r < expected.size(); ++r) {
    // sigmoid(0.5 * logit(p) - 1.5) by hand; float32 inside the graph.
    const double p = expected[r];
    const double calibrated = 1 / (1 + std::exp(-(0.5 * std::log(p / (1 - p)) - 1.5)));
    EXPECT_NEAR(got[r], calibrated, 1e-5) << r;
  }
}

TEST_F(OnnxModelTest, MlpWithSigmoidMatchesNumpy) {
  ExpectMatchesReference("mlp");
  auto model = OnnxModel::Load(dir_->File("mlp.onnx"), ManifestFor("mlp", 6, 1));
  ASSERT_TRUE(model.ok());
  EXPECT_TRUE((*model)->batched());
}

TEST_F(OnnxModelTest, MlpWithTwoClassSoftmaxGivesThePositiveClass) {
  ExpectMatchesReference("mlp_softmax");
}

TEST_F(OnnxModelTest, Conv1dOverTheLastBarsMatchesNumpy) { ExpectMatchesReference("conv1d"); }

TEST_F(OnnxModelTest, LstmOverTheLastBarsMatchesNumpy) { ExpectMatchesReference("lstm"); }

TEST_F(OnnxModelTest, GruOverTheLastBarsMatchesNumpyRowByRow) {
  ExpectMatchesReference("gru");
  // Its initial state is a [1, 1, H] constant, so the graph takes one row at a time.
  auto model = OnnxModel::Load(dir_->File("gru.onnx"), ManifestFor("gru", 3, 6));
  ASSERT_TRUE(model.ok());
  EXPECT_FALSE((*model)->batched());
}

TEST_F(OnnxModelTest, UnsupportedOperatorIsNamedAtLoad) {
  auto model = OnnxModel::Load(dir_->File("unsupported.onnx"), ManifestFor("unsupported", 4, 1));
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(model.status().message().find("Det"), std::string::npos) << model.status();
  EXPECT_NE(model.status().message().find("unsupported.onnx"), std::string::npos);
}

TEST_F(OnnxModelTest, WrongFeatureCountFailsTheSelfTest) {
  auto model = OnnxModel::Load(dir_->File("mlp.onnx"), ManifestFor("mlp", 5, 1));
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(model.status().message().find("self-test forward pass"), std::string::npos)
      << model.status();
}

TEST_F(OnnxModelTest, MissingValuesAreRejectedNamingTheFeature) {
  auto model = OnnxModel::Load(dir_->File("mlp.onnx"), ManifestFor("mlp", 6, 1));
  ASSERT_TRUE(model.ok());
  std::vector<double> rows(12, 0.1), out(2);
  rows[6 + 4] = NAN;
  const Status status = (*model)->Predict(rows, out);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("row 1 feature f4 is missing"), std::string::npos) << status;
}

TEST_F(OnnxModelTest, OpenModelReadsTheManifestBesideTheFile) {
  const std::string path = dir_->File("conv1d.onnx");
  std::filesystem::remove(ManifestPathFor(path));
  auto missing = OpenModel(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("conv1d.onnx.manifest.json"), std::string::npos)
      << missing.status();

  ModelManifest wrong_format = ManifestFor("conv1d", 4, 8);
  wrong_format.format = "xgboost";
  ASSERT_TRUE(WriteManifest(ManifestPathFor(path), wrong_format).ok());
  auto mismatch = OpenModel(path);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.status().message().find("manifest format is \"xgboost\""), std::string::npos)
      << mismatch.status();

  ASSERT_TRUE(WriteManifest(ManifestPathFor(path), ManifestFor("conv1d", 4, 8)).ok());
  auto model = OpenModel(path);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ((*model)->sequence_length(), 8u);
  EXPECT_EQ((*model)->row_width(), 32u);
  const auto& e = expected_->at("conv1d");
  const auto inputs = e.at("inputs").get<std::vector<double>>();
  auto p = (*model)->PredictOne(std::span<const double>(inputs.data(), 32));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_NEAR(*p, e.at("probabilities")[0].get<double>(), 1e-5);
}

}  // namespace
}  // namespace pulse::inference
